// Deletes relationships an unpublished staged load left behind, a slice per
// transaction: deleted with their nodes (stage_clear), an actor's many
// participations made one transaction too large.
MATCH (n:{{staging}}:{{.Label}})-[r]->()
WHERE n.{{mark}} = $token AND NOT EXISTS { MATCH (p:{{published}}) WHERE p.token = $token }
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS count
