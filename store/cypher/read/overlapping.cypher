// The events whose possible dates overlap each event's, so that their order
// is not known: earliest possible day first, the most precise first.
// The lower bound on dateFrom (the longest span) lets the index answer.
WITH coalesce(head(COLLECT { MATCH (x:Event) WHERE x.dateSpan IS NOT NULL AND {{visible "x"}} RETURN x.dateSpan ORDER BY x.dateSpan DESC LIMIT 1 }), 1000000) AS longest
UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE {{visible "e"}}
CALL (e, longest) {
  MATCH (o:Event)
  WHERE o.dateFrom <= e.dateTo AND o.dateFrom >= e.dateFrom - duration({days: longest})
    AND o.dateTo >= e.dateFrom AND o <> e AND {{visible "o"}}
  WITH o ORDER BY o.dateFrom, o.dateTo, o.id LIMIT $limit
  RETURN collect(o) AS overlapping
}
RETURN id, overlapping
