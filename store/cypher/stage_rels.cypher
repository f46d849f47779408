// Links two staged nodes. Such a relationship touches no node a reader can
// reach, so it can be written before the swap, in a transaction of its own.
UNWIND $rows AS row
MATCH (a:{{.From}} {id: row.from})
MATCH (b:{{.To}} {id: row.to})
WHERE a.{{mark}} AND b.{{mark}}
CREATE (a)-[r:{{.Type}}]->(b)
SET r = row.props
RETURN count(*) AS count
