MATCH (a:Actor)
WHERE {{visible "a"}} AND {{template "actorFilter"}}
RETURN count(a) AS total
