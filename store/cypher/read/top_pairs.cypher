// The pairs of actors linked by the most events of a filter: a link is two
// participations with a contact of at least $minContact, as in network.cypher;
// each pair keeps its strongest link and the events that may be its first
// and last, for firstAndLast.
{{template "longest" .}}MATCH (e:Event)
WHERE {{template "eventFilter" .}}
WITH e, COLLECT {
  MATCH (e)<-[x:PARTICIPATED_IN]-(xa:Actor)
  WHERE x.contact >= $minContact
  RETURN [xa, x.contact]
} AS ps
UNWIND ps AS pa
UNWIND ps AS pb
WITH pa, pb, e
WHERE pa[0].id < pb[0].id
WITH pa[0] AS a, pb[0] AS b, CASE WHEN pa[1] < pb[1] THEN pa[1] ELSE pb[1] END AS link, e
WITH a, b, collect(DISTINCT e) AS es, max(link) AS strongest
WITH a, b, es, size(es) AS count, strongest
ORDER BY count DESC, a.id, b.id
LIMIT $limit
{{template "firstAndLast"}}
RETURN a, b, count, strongest, first, last
