// The version each point belongs to: a sub-point's is its point's.
UNWIND $ids AS id
MATCH (v:PlanVersion)-[:HAS_POINT]->(:PlanPoint)-[:HAS_SUBPOINT*0..1]->(pt:PlanPoint {id: id})
WHERE {{visible "pt"}}
RETURN collect({id: id, node: v}) AS rows
