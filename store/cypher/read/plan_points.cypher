MATCH (v:PlanVersion)-[:HAS_POINT]->(pt:PlanPoint)
WHERE {{visible "v"}} AND ($versions IS NULL OR v.id IN $versions)
  AND ($topics IS NULL OR any(t IN coalesce(pt.topics, []) WHERE t IN $topics))
  AND ($territories IS NULL OR EXISTS { MATCH (pt)-[:CONCERNS]->(pl:Place) WHERE pl.id IN $territories })
  AND (($stanceBy IS NULL AND $positions IS NULL) OR EXISTS {
    MATCH (s:Stance)-[:ON]->(pt)
    WHERE ($stanceBy IS NULL OR EXISTS { MATCH (:Actor {id: $stanceBy})-[:TOOK]->(s) })
      AND ($positions IS NULL OR s.position IN $positions)
  })
  AND {{if .Count}}true{{else}}($afterID IS NULL OR pt.id > $afterID){{end}}
{{if .Count}}RETURN count(pt) AS total{{else}}RETURN pt AS node
ORDER BY pt.id
LIMIT $limit{{end}}
