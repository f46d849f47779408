// Who each actor took part in events with, most shared events first: the
// links (participations with a contact of at least $minContact on both
// sides) are counted before the limit, with the strongest of them; their
// first and last dates (Dates) and the whole list (Events) are read only
// when asked for.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
  WHERE b <> a AND ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH b, count(e) AS count, max(CASE WHEN ra.contact < rb.contact THEN ra.contact ELSE rb.contact END) AS strongest
    {{- if .Dates}}, min([e.dateFrom, e.id]) AS first, max([e.dateFrom, e.id]) AS last{{end}}
  ORDER BY count DESC, b.name, b.id
  LIMIT $limit
  RETURN b, count, strongest{{if .Dates}}, first[1] AS firstID, last[1] AS lastID{{end}}
}
{{- if .Events}}
CALL (a, b) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b)
  WHERE ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH e ORDER BY e.dateFrom, e.id
  RETURN collect(e) AS events
}
{{- end}}
{{- if .Dates}}
MATCH (f:Event {id: firstID}), (l:Event {id: lastID})
{{- end}}
RETURN collect({id: id, actor: b, count: count, strongest: strongest{{if .Dates}}, first: f, last: l{{end}}{{if .Events}}, events: events{{end}}}) AS rows
