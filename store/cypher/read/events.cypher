// One page of events, each with its place and, when asked for, its sources
// (so a page that shows them costs no statement of its own), and the total when asked for (Variant): one
// statement either way. A place is at most one per event.
{{template "longest" .}}RETURN {{if .Variant}}COUNT { MATCH (e:Event) WHERE {{template "eventFilter" .}} }{{else}}0{{end}} AS total,
  COLLECT {
    MATCH (e:Event)
    WHERE {{template "eventFilter" .}}{{template "eventAfter" .}}
    WITH e ORDER BY {{template "eventOrder" .}} LIMIT $limit
    RETURN {{template "eventRow" .}}
  } AS page
