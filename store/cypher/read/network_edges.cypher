// Co-participation: each pair of actors once, with the events they shared.
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id
  AND ($within IS NULL OR (a.id IN $within AND b.id IN $within))
  AND {{template "eventFilter"}}
WITH a, b, e ORDER BY e.dateFrom, e.id
RETURN a, b, collect(e.id) AS events
ORDER BY size(events) DESC, a.id, b.id
LIMIT $limit
