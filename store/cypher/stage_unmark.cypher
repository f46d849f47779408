// Removes the staging marks of a published load's nodes, a slice per
// transaction, after its last one: readers see them either way, and an
// unmarked node costs them no lookup of the token.
MATCH (n:{{staging}}:{{.Label}})
WHERE n.{{mark}} = $token
WITH n LIMIT $limit
REMOVE n:{{staging}}, n.{{mark}}
RETURN count(*) AS count
