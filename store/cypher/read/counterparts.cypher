// Who each actor took part in events with, most shared events first: the
// links (participations with a contact of at least $minContact on both
// sides) are counted before the limit, with the strongest of them; the
// whole list (Events) and the events that may be the first or the last
// (Dates: the first may be any that may have begun before every other one
// ended, the last any that may have ended after every other one began) are
// read only when asked for.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
  WHERE b <> a AND ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH b, count(e) AS count, max(CASE WHEN ra.contact < rb.contact THEN ra.contact ELSE rb.contact END) AS strongest
  ORDER BY count DESC, b.name, b.id
  LIMIT $limit
  RETURN b, count, strongest
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
CALL (a, b) {
  MATCH (a)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b)
  WHERE ra.contact >= $minContact AND rb.contact >= $minContact AND {{template "eventFilter" .}}
  WITH collect(e) AS shared, min(e.dateTo) AS firstEnded, max(e.dateFrom) AS lastBegun
  RETURN [x IN shared WHERE x.dateFrom <= firstEnded] AS first, [x IN shared WHERE x.dateTo >= lastBegun] AS last
}
{{- end}}
RETURN collect({id: id, actor: b, count: count, strongest: strongest{{if .Dates}}, first: first, last: last{{end}}{{if .Events}}, events: events{{end}}}) AS rows
