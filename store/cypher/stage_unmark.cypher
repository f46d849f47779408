// Removes the staging mark of a published load's nodes, a slice per
// transaction, after its last one: readers see them either way, and
// unmarked nodes cost them no lookup of the token.
MATCH (n:{{.Label}})
WHERE n.{{mark}} = $token
WITH n LIMIT $limit
REMOVE n.{{mark}}
RETURN count(*) AS count
