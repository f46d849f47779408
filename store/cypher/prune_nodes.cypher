// With --prune the load is the whole truth: nodes of this label that it no
// longer holds go, with their relationships.
MATCH (n:{{.Label}})
WHERE NOT n.id IN $keep
DETACH DELETE n
RETURN count(*) AS count
