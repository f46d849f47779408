// Plan points come by number (unnumbered last), everything else by id.
UNWIND $ids AS id
MATCH (:{{.From}} {id: id})-[:{{.Type}}]->(n:{{.To}})
RETURN id, n AS node
ORDER BY id, n.number, n.id
