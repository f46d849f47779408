// Stances with their actor and what they are on, for one kind of parent.
UNWIND $ids AS id
{{.Match}}
MATCH (a:Actor)-[:TOOK]->(s)-[:ON]->(t)
RETURN id, s AS stance, a AS actor, t AS target, 'PlanPoint' IN labels(t) AS onPoint
ORDER BY id, s.dateFrom, s.id
