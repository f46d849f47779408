// Plan points come by number (unnumbered last), everything else by id.
UNWIND $ids AS id
MATCH (o:{{.From}} {id: id})-[:{{.Type}}]->(n:{{.To}})
WHERE {{visible "o"}}
WITH id, n
ORDER BY id, n.number, n.id
RETURN collect({id: id, node: n}) AS rows
