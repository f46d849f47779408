// Creates relationships of one type between two labels where one end is a
// node this load created: none can exist yet, and no other transaction can
// see that node, so there is nothing to check or merge. Every row is a
// relationship created.
UNWIND $rows AS row
MATCH (a:{{.From}} {id: row.from})
MATCH (b:{{.To}} {id: row.to})
CREATE (a)-[r:{{.Type}}]->(b)
SET r = row.props
RETURN count(*) AS count, collect({{if eq .Owner 0}}row.from{{else}}row.to{{end}}) AS owners
