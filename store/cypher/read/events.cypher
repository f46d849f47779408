// One page of events, each with its place and, when asked for, its sources
// and participants (so a page that shows them costs no statement of its
// own), and the total when asked for ($withTotal): one statement either
// way. A place is at most one per event.
{{template "longest" .}}RETURN CASE WHEN $withTotal THEN COUNT { MATCH (e:Event) WHERE {{visible "e"}} AND {{template "eventFilter" .}} } ELSE 0 END AS total,
  COLLECT {
    MATCH (e:Event)
    WHERE {{visible "e"}} AND {{template "eventFilter" .}}{{template "eventAfter" .}}
    WITH e ORDER BY {{template "eventOrder" .}} LIMIT $limit
    RETURN {{template "eventRow"}}
  } AS page
