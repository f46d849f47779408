// Deletes the relationships of what a staged load of an earlier build left
// (see stage_legacy_clear), a slice per transaction.
MATCH (:Staged{{.Label}})-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS count
