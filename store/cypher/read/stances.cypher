// Stances with their actor and what they are on, for one kind of parent.
UNWIND $ids AS id
{{.Match}}
WHERE {{visible .Anchor}}
MATCH (a:Actor)-[:TOOK]->(s)-[:ON]->(t)
WITH id, s, a, t
ORDER BY id, s.dateFrom, s.id
RETURN collect({id: id, stance: s, actor: a, target: t, onPoint: 'PlanPoint' IN labels(t)}) AS rows
