UNWIND $ids AS id
MATCH (:Plan {id: id})-[:HAS_VERSION]->(v:PlanVersion)
OPTIONAL MATCH (v)-[:DERIVED_FROM]->(parent:PlanVersion)
RETURN id, v AS node, parent.id AS parent
ORDER BY id, v.dateFrom, v.id
