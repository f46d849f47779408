MATCH (n:{{.Label}})
WHERE n.id IN $ids AND {{visible "n"}}
RETURN collect({id: n.id, node: n}) AS rows
