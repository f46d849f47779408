MATCH (a:Actor)
WHERE a.id IN $ids AND {{visible "a"}}
RETURN a.id AS id
