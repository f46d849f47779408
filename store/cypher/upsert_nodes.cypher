// Creates or updates nodes of one label and reports, per row, whether the
// node was created, updated or already held exactly these properties.
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
RETURN status, count(*) AS count
