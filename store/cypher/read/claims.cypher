// The sourced values of the fields of each node of one label (see the
// claimRows fragment).
UNWIND $ids AS id
MATCH (o:{{.Label}} {id: id})
WHERE {{visible "o"}}
UNWIND COLLECT { {{template "claimRows"}} } AS row
RETURN collect(row) AS rows
