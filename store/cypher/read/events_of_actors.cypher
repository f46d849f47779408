// One page of each actor's events with their places (and sources), and how
// many there are in all (from the degree Neo4j keeps per node when nothing
// filters them). With $certainties, the actor's own participation too must
// be that certain; with $met, a link (its contact at least $minContact).
// PARTICIPATED_IN runs only from an Actor to an Event (ParticipatedIn in
// store/model.go, the one spec the loader writes it by), so the
// event's label is not checked: that check costs a db hit per participation
// before the page is cut, a quarter of the statement's on a busy actor.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE {{visible "a"}}
CALL (a) {
  {{if .Unfiltered}}RETURN CASE WHEN $withTotal THEN COUNT { (a)-[:PARTICIPATED_IN]->() } ELSE 0 END AS total
  {{else}}OPTIONAL MATCH (a)-[ap:PARTICIPATED_IN]->(e)
  WHERE $withTotal AND {{template "ownPart" .}} AND {{template "eventFilter" .}}
  RETURN count(e) AS total{{end}}
}
CALL (a) {
  OPTIONAL MATCH (a)-[ap:PARTICIPATED_IN]->(e)
  WHERE {{template "ownPart" .}} AND {{template "eventFilter" .}}{{template "eventAfter" .}}
  WITH e ORDER BY {{template "eventOrder" .}} LIMIT $limit
  RETURN collect(CASE WHEN e IS NULL THEN null ELSE {{template "eventRow"}} END) AS page
}
RETURN id, total, page
