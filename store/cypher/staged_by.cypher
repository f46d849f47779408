// How many nodes of this label carry a load's token: its last transaction
// checks that staging holds what the load wrote.
MATCH (n:{{staging}}:{{.Label}})
WHERE n.{{mark}} = $token
RETURN count(n) AS count
