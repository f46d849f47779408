// Creates or updates nodes of one label and reports, per row, whether the
// node was created, updated or already held exactly these properties, with
// the ids of the nodes it created (relationships from or to them cannot
// exist yet, which spares the checks that follow) and updated (for the
// graph's change record).
// Unchanged nodes are not written, so a re-load of unchanged data is reads only.
UNWIND $rows AS row
OPTIONAL MATCH (old:{{.Label}} {id: row.id})
WITH row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN properties(old) = row.props THEN 'unchanged'
  ELSE 'updated' END AS status
FOREACH (_ IN CASE WHEN status = 'unchanged' THEN [] ELSE [1] END |
  MERGE (n:{{.Label}} {id: row.id})
  SET n = row.props)
RETURN status, count(*) AS count, collect(CASE WHEN status = 'created' THEN row.id END) AS created,
  collect(CASE WHEN status = 'updated' THEN row.id END) AS updated
