// With --prune the load is the whole truth: nodes of this label that it no
// longer holds go, with their relationships. The nodes they were linked to
// are reported too: their answers change with the relationships.
MATCH (n:{{.Label}})
WHERE NOT n.id IN $keep
WITH n, n.id AS id, [(n)--(m) WHERE m.id IS NOT NULL | [labels(m)[0], m.id]] AS linked
DETACH DELETE n
WITH collect(id) AS deleted, collect(linked) AS linked
RETURN size(deleted) AS count, deleted, linked
