// The points of two versions, each point of `to` with the point of `from`
// in its line of revisions (either direction), if any, and what sources say
// became of points of `from` in `to` (FATE).
MATCH (f:PlanVersion {id: $fromID}), (t:PlanVersion {id: $toID})
WHERE {{visible "f"}} AND {{visible "t"}}
CALL (f) {
  OPTIONAL MATCH (f)-[:HAS_POINT]->(p:PlanPoint)
  RETURN collect(p) AS fromPoints
}
CALL (f, t) {
  OPTIONAL MATCH (t)-[:HAS_POINT]->(q:PlanPoint)
  OPTIONAL CALL (q, f) {
    MATCH (q)-[:REVISES*1..20]-(old:PlanPoint)<-[:HAS_POINT]-(f)
    RETURN old LIMIT 1
  }
  RETURN collect(CASE WHEN q IS NULL THEN null ELSE {point: q, revises: old} END) AS toPoints
}
RETURN f, t, fromPoints, toPoints,
  COLLECT {
    MATCH (t)-[x:FATE]->(xp:PlanPoint)<-[:HAS_POINT]-(f)
    RETURN {point: xp.id, props: properties(x), citations: {{relCites "x" "xs"}}}
  } AS fates
