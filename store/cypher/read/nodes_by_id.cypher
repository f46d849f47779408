MATCH (n:{{.Label}})
WHERE n.id IN $ids
RETURN collect({id: n.id, node: n}) AS rows
