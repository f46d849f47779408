// Which of these ids the graph already holds: a staged load creates the
// others.
UNWIND $ids AS id
MATCH (n:{{.Label}} {id: id})
RETURN collect(id) AS ids
