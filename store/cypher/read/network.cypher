// Who took part in events with whom, in one pass over the events of the
// filter: each event's participants are read once, and every pair of them
// (among $within, when given) is an edge. An actor paired with itself
// counts its events, which gives each node's eventCount in the same pass.
// The answer is a single row of lists: thousands of rows cost more to
// stream than to compute.
{{template "longest" .}}MATCH (e:Event)
WHERE {{template "eventFilter" .}}
WITH e, COLLECT { MATCH (e)<-[:PARTICIPATED_IN]-(x:Actor) RETURN DISTINCT x.id } AS ids
UNWIND ids AS a
UNWIND ids AS b
WITH a, b, e
WHERE a <= b{{if .Within}} AND a IN $within AND b IN $within{{end}}
WITH a, b, count(e) AS weight{{if .Events}}, collect(CASE WHEN a < b THEN [e.dateFrom, e.id] END) AS events{{end}}
ORDER BY weight DESC, a, b
WITH collect(CASE WHEN a = b THEN [a, weight] END) AS counts,
  collect(CASE WHEN a < b THEN [a, b, weight{{if .Events}}, events{{end}}] END)[..$limit] AS edges
WITH counts, edges, [x IN edges | x[0]] + [x IN edges | x[1]] + coalesce($centre, []) AS ends
CALL (ends) {
  UNWIND ends AS id
  WITH DISTINCT id
  MATCH (a:Actor {id: id})
  RETURN collect(a) AS actors
}
RETURN counts, edges, actors
