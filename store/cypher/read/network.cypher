// Who took part in events with whom, in one pass over the events of the
// filter: each event's participants with a contact of at least $minContact
// are read once, and every pair of them (among $within, when given) is a
// link; an edge counts its links and keeps the strongest (the weaker
// contact of the two participations). An actor paired with itself counts
// its events, which gives each node's eventCount in the same pass. The
// answer is a single row of lists: thousands of rows cost more to stream
// than to compute.
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
WITH e, COLLECT {
  MATCH (e)<-[x:PARTICIPATED_IN]-(xa:Actor)
  WHERE x.contact >= $minContact{{if .Within}} AND xa.id IN $within{{end}}
  RETURN [xa.id, x.contact]
} AS ps
UNWIND ps AS pa
UNWIND ps AS pb
WITH pa, pb, e
WHERE pa[0] <= pb[0]
WITH pa[0] AS a, pb[0] AS b, CASE WHEN pa[1] < pb[1] THEN pa[1] ELSE pb[1] END AS link, e
WITH a, b, count(e) AS weight, max(link) AS strongest{{if .Events}}, collect(CASE WHEN a < b THEN [e.dateFrom, e.id] END) AS events{{end}}
ORDER BY weight DESC, a, b
WITH collect(CASE WHEN a = b THEN [a, weight] END) AS counts,
  collect(CASE WHEN a < b THEN [a, b, weight, strongest{{if .Events}}, events{{end}}] END)[..$limit] AS edges
WITH counts, edges, [x IN edges | x[0]] + [x IN edges | x[1]] + coalesce($centre, []) AS ends
CALL (ends) {
  UNWIND ends AS id
  WITH DISTINCT id
  MATCH (a:Actor {id: id})
  WHERE {{visible "a"}}
  RETURN collect(a) AS actors
}
RETURN counts, edges, actors
