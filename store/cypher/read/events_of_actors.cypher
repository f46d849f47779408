// One page of each actor's events, and how many there are in all.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  WHERE $withTotal AND {{template "eventFilter"}}
  RETURN count(e) AS total
}
CALL (a) {
  OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  WHERE {{template "eventFilter"}} AND {{template "eventAfter" .}}
  WITH e ORDER BY {{template "eventOrder" .}} LIMIT $limit
  RETURN collect(e) AS page
}
RETURN id, total, page
