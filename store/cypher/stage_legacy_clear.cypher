// Deletes nodes that a staged load of an earlier build left under a
// staging label (StagedEvent for Event...), which no reader matches, a
// slice per transaction, once stage_legacy_clear_rels has deleted their
// relationships.
MATCH (n:Staged{{.Label}})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS count
