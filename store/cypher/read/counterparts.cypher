// Who each actor took part in events with, most shared events first: the
// links (participations with a contact of at least $minContact on both
// sides) are counted before the limit, with the strongest of them; the
// shared events, read once when the whole list (Events) or the first and
// last (Dates, the "firstAndLast" fragment) are asked for.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE {{visible "a"}}
CALL (a) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
  WHERE b <> a AND ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH b, count(e) AS count, max(CASE WHEN ra.contact < rb.contact THEN ra.contact ELSE rb.contact END) AS strongest
  ORDER BY count DESC, b.name, b.id
  LIMIT $limit
  RETURN b, count, strongest
}
{{- if or .Events .Dates}}
CALL (a, b) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b)
  WHERE ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH e ORDER BY e.dateFrom, e.id
  RETURN collect(e) AS es
}
{{- end}}
{{- if .Dates}}
{{template "firstAndLast"}}
{{- end}}
RETURN collect({id: id, actor: b, count: count, strongest: strongest{{if .Dates}}, first: first, last: last{{end}}{{if .Events}}, events: es{{end}}}) AS rows
