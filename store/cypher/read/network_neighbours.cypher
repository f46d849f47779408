// Actors one shared event away from any of $frontier.
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id IN $frontier AND NOT b.id IN $known AND {{template "eventFilter" .}}
RETURN DISTINCT b.id AS id
LIMIT $limit
