// The swap: staged nodes take their label, in the load's last transaction,
// and readers see them, and every relationship among them, at once.
MATCH (n:Staged{{.Label}})
SET n:{{.Label}}
REMOVE n:Staged{{.Label}}
RETURN count(*) AS count
