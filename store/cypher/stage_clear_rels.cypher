// Deletes relationships a staged load left behind (interrupted or failed),
// a slice per transaction: deleted with their nodes (stage_clear), an
// actor's many participations made one transaction too large.
MATCH (n:{{.Label}})-[r]->()
WHERE n.{{mark}} IS NOT NULL
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS count
