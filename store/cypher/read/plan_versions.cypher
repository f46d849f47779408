// Each plan's versions, by date then id, with the ids of the versions each
// derives from (store.Versions orders them by derivation).
UNWIND $ids AS id
MATCH (p:Plan {id: id})-[:HAS_VERSION]->(v:PlanVersion)
WHERE {{visible "p"}}
WITH id, v
ORDER BY id, v.dateFrom, v.id
RETURN collect({id: id, node: v, parents: COLLECT { MATCH (v)-[:DERIVED_FROM]->(p:PlanVersion) RETURN p.id ORDER BY p.id }}) AS rows
