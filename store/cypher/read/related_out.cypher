UNWIND $ids AS id
MATCH (:{{.From}} {id: id})-[:{{.Type}}]->(n:{{.To}})
RETURN id, n AS node
ORDER BY id, n.id
