// Links two nodes this load staged. Such a relationship touches no node a
// reader can reach, so it can be written before the load is published, in
// a transaction of its own.
UNWIND $rows AS row
MATCH (a:{{.From}} {id: row.from})
MATCH (b:{{.To}} {id: row.to})
WHERE a:{{staging}} AND a.{{mark}} = $token AND b:{{staging}} AND b.{{mark}} = $token
CREATE (a)-[r:{{.Type}}]->(b)
SET r = row.props
RETURN count(*) AS count
