{{/* Shared fragments; each names the variable it filters. */}}
{{define "eventFilter"}}($from IS NULL OR e.dateTo >= $from)
  AND ($to IS NULL OR e.dateFrom <= $to)
  AND ($types IS NULL OR e.type IN $types)
  AND ($places IS NULL OR EXISTS { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN*0..6]->(pl:Place) WHERE pl.id IN $places })
  AND ($actors IS NULL OR all(x IN $actors WHERE EXISTS { MATCH (:Actor {id: x})-[:PARTICIPATED_IN]->(e) }))
  AND ($asOf IS NULL OR EXISTS { MATCH (e)-[:CITES]->(s:Source) WHERE s.publishedFrom IS NULL OR s.publishedFrom <= $asOf }){{end}}
{{define "eventAfter"}}($afterDate IS NULL OR {{if .Desc}}e.dateFrom < $afterDate OR (e.dateFrom = $afterDate AND e.id < $afterID){{else}}e.dateFrom > $afterDate OR (e.dateFrom = $afterDate AND e.id > $afterID){{end}}){{end}}
{{define "eventOrder"}}e.dateFrom{{if .Desc}} DESC{{end}}, e.id{{if .Desc}} DESC{{end}}{{end}}
{{define "citations"}}collect(CASE WHEN s IS NULL THEN null ELSE {source: s, quote: c.quote, unconfirmed: coalesce(c.unconfirmed, false)} END){{end}}
{{define "actorFilter"}}($kinds IS NULL OR a.kind IN $kinds)
  AND ($name IS NULL OR toLower(a.name) CONTAINS $name OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $name)){{end}}
