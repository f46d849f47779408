MATCH (a:Actor)
WHERE {{template "actorFilter"}}
RETURN count(a) AS total
