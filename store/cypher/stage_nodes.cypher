// Writes nodes a staged load creates, with their label, the staging label
// and the load's token, which readers leave out until the token is
// published.
UNWIND $rows AS row
CREATE (n:{{.Label}}:{{staging}})
SET n = row.props, n.{{mark}} = $token
RETURN count(*) AS count
