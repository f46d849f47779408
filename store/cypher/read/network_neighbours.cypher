// Actors one link away from any of $frontier: a shared event in which both
// have a contact of at least $minContact.
MATCH (a:Actor)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
WHERE a.id IN $frontier AND {{visible "a"}} AND NOT b.id IN $known AND ra.contact >= $minContact AND rb.contact >= $minContact
  AND {{template "eventFilter" .}}
RETURN DISTINCT b.id AS id
LIMIT $limit
