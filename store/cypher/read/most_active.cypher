// The actors named in the most events of a filter: a part with at least the
// filter's certainty, never a denied one. With each, the events that may be
// their first (begun before every other one ended) and their last (ended
// after every other one began), for firstAndLast.
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
MATCH (e)<-[p:PARTICIPATED_IN]-(a:Actor)
WHERE p.certainty <> 'denied' AND ($certainties IS NULL OR p.certainty IN $certainties)
WITH a, collect(DISTINCT e) AS es
WITH a, es, size(es) AS count
ORDER BY count DESC, a.name, a.id
LIMIT $limit
{{template "firstAndLast"}}
RETURN a AS actor, count, first, last
