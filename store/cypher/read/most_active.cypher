// The actors named in the most events of a filter: a part with at least the
// filter's certainty, never a denied one. With each, the events that may be
// their first (begun before every other one ended) and their last (ended
// after every other one began), for firstAndLast.
{{template "longest" .}}MATCH (e:Event)
WHERE {{template "eventFilter" .}}
MATCH (e)<-[p:PARTICIPATED_IN]-(a:Actor)
WHERE p.certainty <> 'denied' AND ($certainties IS NULL OR p.certainty IN $certainties)
WITH a, collect(DISTINCT e) AS es
WITH a, es, size(es) AS count
ORDER BY count DESC, a.name, a.id
LIMIT $limit
WITH a, es, count, reduce(m = date('+999999999-12-31'), x IN es | CASE WHEN x.dateTo < m THEN x.dateTo ELSE m END) AS firstEnded,
  reduce(m = date('-999999999-01-01'), x IN es | CASE WHEN x.dateFrom > m THEN x.dateFrom ELSE m END) AS lastBegun
RETURN a AS actor, count, [x IN es WHERE x.dateFrom <= firstEnded] AS first, [x IN es WHERE x.dateTo >= lastBegun] AS last
