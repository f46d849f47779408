// Shortest chains actor - event - actor between two actors, at most
// MaxLength relationships long (twice the caller's maxHops: the bound is
// rendered into the pattern, where a parameter cannot go).
MATCH (a:Actor {id: $fromID}), (b:Actor {id: $toID})
MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..{{.MaxLength}}]-(b))
{{- if not .Unfiltered}}
WHERE all(e IN nodes(p) WHERE NOT e:Event OR ({{template "eventFilter" .}}))
{{- end}}
RETURN [n IN nodes(p) WHERE n:Actor] AS actors, [n IN nodes(p) WHERE n:Event] AS events
LIMIT $limit
