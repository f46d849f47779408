// Shortest chains actor - event - actor between two actors, at most
// MaxLength relationships long (twice the caller's maxHops: the bound is
// rendered into the pattern, where a parameter cannot go), through links
// of a contact of at least $minContact, with each link's contact. Every
// row says whether each actor exists, and a row with no chain (null
// actors) is all there is when none is found: one statement answers both,
// where a separate check for the actors cost a round trip.
OPTIONAL MATCH (a:Actor {id: $fromID}) WHERE {{visible "a"}}
OPTIONAL MATCH (b:Actor {id: $toID}) WHERE {{visible "b"}}
OPTIONAL CALL (a, b) {
  MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..{{.MaxLength}}]-(b))
  WHERE all(r IN relationships(p) WHERE r.contact >= $minContact)
  {{- if not .Unfiltered}}
    AND all(e IN nodes(p) WHERE NOT e:Event OR ({{template "eventFilter" .}}))
  {{- end}}
  RETURN [n IN nodes(p) WHERE n:Actor] AS actors, [n IN nodes(p) WHERE n:Event] AS events,
    [r IN relationships(p) | r.contact] AS contacts
  LIMIT $limit
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, actors, events, contacts
