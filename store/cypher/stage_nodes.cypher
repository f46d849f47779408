// Writes nodes a staged load creates, with their label and the staging
// mark, which every reader's statement leaves out: they stay out of every
// answer until the last transaction removes the mark.
UNWIND $rows AS row
CREATE (n:{{.Label}})
SET n = row.props, n.{{mark}} = true
RETURN count(*) AS count
