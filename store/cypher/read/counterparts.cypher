// Who each actor took part in events with, most shared events first. The
// shared events are counted before the limit; their first and last dates
// (Dates) and the whole list (Events) are read only when asked for.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
  WHERE b <> a AND {{template "eventFilter" .}}
  WITH b, count(e) AS count{{if .Dates}}, min([e.dateFrom, e.id]) AS first, max([e.dateFrom, e.id]) AS last{{end}}
  ORDER BY count DESC, b.name, b.id
  LIMIT $limit
  RETURN b, count{{if .Dates}}, first[1] AS firstID, last[1] AS lastID{{end}}
}
{{- if .Events}}
CALL (a, b) {
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
  WHERE {{template "eventFilter" .}}
  WITH e ORDER BY e.dateFrom, e.id
  RETURN collect(e) AS events
}
{{- end}}
{{- if .Dates}}
MATCH (f:Event {id: firstID}), (l:Event {id: lastID})
{{- end}}
RETURN collect({id: id, actor: b, count: count{{if .Dates}}, first: f, last: l{{end}}{{if .Events}}, events: events{{end}}}) AS rows
