// Plan points come by number (unnumbered last), everything else by id.
UNWIND $ids AS id
MATCH (n:{{.From}})-[:{{.Type}}]->(:{{.To}} {id: id})
RETURN id, n AS node
ORDER BY id, n.number, n.id
