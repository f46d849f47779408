MATCH (n:{{.Label}})
WHERE n.id IN $ids
RETURN n.id AS id, n AS node
