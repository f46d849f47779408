// Writes nodes a staged load creates under the label's staging label, which
// no reader matches: they stay out of every answer until the swap.
UNWIND $rows AS row
CREATE (n:Staged{{.Label}})
SET n = row.props
RETURN count(*) AS count
