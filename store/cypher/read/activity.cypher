// The events of a filter as a histogram needs them: the stated dates (the
// buckets are cut in Go, where partial dates are understood) and each
// event's group keys. One row of lists: thousands of rows cost more to
// stream than to compute.
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
RETURN collect([e.date, e.end, CASE $group
  WHEN 'type' THEN [e.type]
  WHEN 'status' THEN [e.status]
  WHEN 'modality' THEN [e.modality]
  WHEN 'actor' THEN COLLECT { MATCH (e)<-[gp:PARTICIPATED_IN]-(ga:Actor)
    WHERE gp.certainty <> 'denied' AND ($certainties IS NULL OR gp.certainty IN $certainties) RETURN DISTINCT ga.id }
  WHEN 'place' THEN COLLECT { MATCH (e)-[:AT]->(gpl:Place) RETURN DISTINCT gpl.id }
  ELSE [] END]) AS events
