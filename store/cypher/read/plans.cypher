MATCH (p:Plan)
RETURN p.id AS id, p AS node
ORDER BY p.name, p.id
