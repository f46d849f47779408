// One page of events, each with its place (so a page that shows places
// costs no second statement), and the total when asked for (Variant): one
// statement either way. A place is at most one per event.
{{template "longest" .}}RETURN {{if .Variant}}COUNT { MATCH (e:Event) WHERE {{template "eventFilter" .}} }{{else}}0{{end}} AS total,
  COLLECT {
    MATCH (e:Event)
    WHERE {{template "eventFilter" .}}{{template "eventAfter" .}}
    WITH e ORDER BY {{template "eventOrder" .}} LIMIT $limit
    RETURN {node: e, place: COLLECT { MATCH (e)-[:AT]->(pl:Place) RETURN pl }[0]}
  } AS page
