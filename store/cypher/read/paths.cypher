// Shortest chains actor - event - actor between two actors, at most
// MaxLength relationships long (twice the caller's maxHops: the bound is
// rendered into the pattern, where a parameter cannot go), through links
// of a contact of at least $minContact, with each link's contact.
MATCH (a:Actor {id: $fromID}), (b:Actor {id: $toID})
WHERE {{visible "a"}} AND {{visible "b"}}
MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..{{.MaxLength}}]-(b))
WHERE all(r IN relationships(p) WHERE r.contact >= $minContact)
{{- if not .Unfiltered}}
  AND all(e IN nodes(p) WHERE NOT e:Event OR ({{template "eventFilter" .}}))
{{- end}}
RETURN [n IN nodes(p) WHERE n:Actor] AS actors, [n IN nodes(p) WHERE n:Event] AS events,
  [r IN relationships(p) | r.contact] AS contacts
LIMIT $limit
