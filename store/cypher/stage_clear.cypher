// Deletes nodes an unpublished staged load left behind (interrupted or
// failed), a slice per transaction, once stage_clear_rels has deleted their
// relationships.
MATCH (n:{{staging}}:{{.Label}})
WHERE n.{{mark}} = $token AND NOT EXISTS { MATCH (p:{{published}}) WHERE p.token = $token }
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS count
