// For each version, the points of the versions it derives from, its own
// points that revise them, and what sources say became of them (FATE):
// store.VersionFates makes each point's fate of them.
UNWIND $ids AS id
MATCH (t:PlanVersion {id: id})
WHERE {{visible "t"}}
RETURN collect({id: id, complete: coalesce(t.complete, false),
  points: COLLECT { MATCH (t)-[:DERIVED_FROM]->(:PlanVersion)-[:HAS_POINT]->(p:PlanPoint) RETURN DISTINCT p },
  successors: COLLECT { MATCH (t)-[:HAS_POINT]->(q:PlanPoint)-[:REVISES]->(p:PlanPoint) RETURN {point: p.id, successor: q} },
  fates: COLLECT {
    MATCH (t)-[x:FATE]->(xp:PlanPoint)
    RETURN {point: xp.id, props: properties(x), citations: {{relCites "x" "xs"}}}
  }}) AS rows
