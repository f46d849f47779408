// Like related_out / related_in, with each relationship's own properties
// and the citations it keeps as parallel lists.
UNWIND $ids AS id
{{if .In}}MATCH (n:{{.From}})-[r:{{.Type}}]->(o:{{.To}} {id: id}){{else}}MATCH (o:{{.From}} {id: id})-[r:{{.Type}}]->(n:{{.To}}){{end}}
WHERE {{visible "o"}}
WITH id, n, r
ORDER BY id, n.number, n.name, n.id
RETURN collect({id: id, node: n, props: properties(r), citations: {{relCites "r" "ls"}}}) AS rows
