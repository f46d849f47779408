// The events just before and after each event in the timeline, ordered by
// earliest possible day, then id.
UNWIND $ids AS id
MATCH (e:Event {id: id})
OPTIONAL CALL (e) {
  MATCH (p:Event)
  WHERE p.dateFrom <= e.dateFrom AND (p.dateFrom < e.dateFrom OR p.id < e.id)
  RETURN p ORDER BY p.dateFrom DESC, p.id DESC LIMIT 1
}
OPTIONAL CALL (e) {
  MATCH (n:Event)
  WHERE n.dateFrom >= e.dateFrom AND (n.dateFrom > e.dateFrom OR n.id > e.id)
  RETURN n ORDER BY n.dateFrom, n.id LIMIT 1
}
RETURN id, p AS previous, n AS next
