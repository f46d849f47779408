// Participations keep their provenance as parallel lists of source ids and
// quotes on the relationship. The represented actor and the sources are
// joined only when asked for (.Represents, .Sources): they cost most of the
// statement.
UNWIND $ids AS id
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(:Event {id: id})
{{- if .Represents}}
OPTIONAL MATCH (r:Actor {id: p.represents})
{{- end}}
{{- if .Sources}}
CALL (p) {
  UNWIND range(0, size(coalesce(p.sources, [])) - 1) AS i
  OPTIONAL MATCH (s:Source {id: p.sources[i]})
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {source: s, quote: p.quotes[i], unconfirmed: coalesce(p.unconfirmed, false)} END) AS citations
}
{{- end}}
WITH id, a, p{{if .Represents}}, r{{end}}{{if .Sources}}, citations{{end}}
ORDER BY id, a.name, a.id
RETURN collect({id: id, actor: a, role: p.role, unconfirmed: coalesce(p.unconfirmed, false){{if .Represents}}, represents: r{{end}}{{if .Sources}}, citations: citations{{end}}}) AS rows
