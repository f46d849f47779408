// How many events of a filter have each combination of type, status,
// modality and certainty; the API adds them up per field.
{{template "longest" .}}MATCH (e:Event)
WHERE {{visible "e"}} AND {{template "eventFilter" .}}
RETURN e.type AS type, e.status AS status, e.modality AS modality, e.certainty AS certainty, count(*) AS n
