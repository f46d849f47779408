// Events per place, counting an event for its own places and every place
// that contains them (the containment depth is bounded as in eventFilter).
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN*0..6]->(pl:Place)
WITH pl, count(DISTINCT e) AS count
ORDER BY count DESC, pl.name, pl.id
LIMIT $limit
RETURN pl AS place, count
