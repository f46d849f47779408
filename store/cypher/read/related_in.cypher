UNWIND $ids AS id
MATCH (n:{{.From}})-[:{{.Type}}]->(:{{.To}} {id: id})
RETURN id, n AS node
ORDER BY id, n.id
