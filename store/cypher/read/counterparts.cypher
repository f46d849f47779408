// Who each actor took part in events with, most shared events first.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
  WHERE b <> a AND {{template "eventFilter"}}
  WITH b, e ORDER BY e.dateFrom, e.id
  WITH b, collect(e) AS events
  RETURN b, size(events) AS count, events
  ORDER BY count DESC, b.name, b.id
  LIMIT $limit
}
RETURN id, b AS actor, count, events
