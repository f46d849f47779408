MATCH (a:Actor)
WHERE {{visible "a"}} AND {{template "actorFilter"}}
  AND ($afterName IS NULL OR a.name > $afterName OR (a.name = $afterName AND a.id > $afterID))
RETURN a AS node
ORDER BY a.name, a.id
LIMIT $limit
