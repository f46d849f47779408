MATCH (p:Plan)
WHERE {{visible "p"}}
RETURN p.id AS id, p AS node
ORDER BY p.name, p.id
