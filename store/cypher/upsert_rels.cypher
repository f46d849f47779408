// Creates or updates relationships of one type between two labels, at most
// one per pair of nodes, reporting created, updated or unchanged per row,
// and the owners of the rows that changed (the entries whose answers did).
UNWIND $rows AS row
MATCH (a:{{.From}} {id: row.from})
MATCH (b:{{.To}} {id: row.to})
OPTIONAL MATCH (a)-[old:{{.Type}}]->(b)
WITH a, b, row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN properties(old) = row.props THEN 'unchanged'
  ELSE 'updated' END AS status
FOREACH (_ IN CASE WHEN status = 'unchanged' THEN [] ELSE [1] END |
  MERGE (a)-[r:{{.Type}}]->(b)
  SET r = row.props)
RETURN status, count(*) AS count, collect(CASE WHEN status <> 'unchanged' THEN {{if eq .Owner 0}}row.from{{else}}row.to{{end}} END) AS owners
