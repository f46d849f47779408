// How many nodes of this label a staged load left behind.
MATCH (n:Staged{{.Label}})
RETURN count(n) AS count
