// The events just before and after each event, in the order the dates make
// certain: previous is the one that may have ended latest among those whose
// last possible day is before this one's first, next the one that may have
// begun earliest among those whose first possible day is after this one's
// last. An event whose possible dates overlap this one's is neither, since
// the sources do not say which came first (overlapping.cypher lists them).
UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE {{visible "e"}}
OPTIONAL CALL (e) {
  MATCH (p:Event)
  WHERE p.dateTo < e.dateFrom AND {{visible "p"}}
  RETURN p ORDER BY p.dateTo DESC, p.dateFrom DESC, p.id DESC LIMIT 1
}
OPTIONAL CALL (e) {
  MATCH (n:Event)
  WHERE n.dateFrom > e.dateTo AND {{visible "n"}}
  RETURN n ORDER BY n.dateFrom, n.dateTo, n.id LIMIT 1
}
RETURN id, p AS previous, n AS next
