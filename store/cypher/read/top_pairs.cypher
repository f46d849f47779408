// The pairs of actors linked by the most events of a filter: a link is two
// participations with a contact of at least $minContact, as in network.cypher;
// each pair keeps its strongest link and the events that may be its first
// and last, for firstAndLast.
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
WITH e, COLLECT {
  MATCH (e)<-[x:PARTICIPATED_IN]-(xa:Actor)
  WHERE x.contact >= $minContact
  RETURN [xa.id, x.contact]
} AS ps
// Each participant's id is read once, with its link, and the pairs are
// formed, compared and sorted on the ids carried: reading them from the
// actors for every ordered pair was three quarters of the statement's
// db hits.
UNWIND ps AS pa
UNWIND ps AS pb
WITH pa, pb, e
WHERE pa[0] < pb[0]
WITH pa[0] AS aid, pb[0] AS bid, CASE WHEN pa[1] < pb[1] THEN pa[1] ELSE pb[1] END AS link, e
WITH aid, bid, collect(DISTINCT e) AS es, max(link) AS strongest
WITH aid, bid, es, size(es) AS count, strongest
ORDER BY count DESC, aid, bid
LIMIT $limit
MATCH (a:Actor {id: aid})
MATCH (b:Actor {id: bid})
WHERE {{visible "a"}} AND {{visible "b"}}
{{template "firstAndLast"}}
RETURN a, b, count, strongest, first, last
ORDER BY count DESC, aid, bid
