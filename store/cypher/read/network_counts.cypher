MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
WHERE a.id IN $ids AND {{template "eventFilter"}}
RETURN a AS actor, count(e) AS events
