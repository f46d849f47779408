// The graph's version, the change records after $since in order, and the
// horizon: the latest day an event may have begun or a source may have
// been published, so asOf on or after it shows the whole graph. The latest
// event comes off the dateFrom index in order: max() would read every
// event's staging mark.
OPTIONAL MATCH (g:Graph {id: 'graph'})
CALL () {
  OPTIONAL MATCH (c:GraphChange) WHERE c.version > $since
  WITH c ORDER BY c.version
  RETURN collect(c {.version, .changedAt, .change}) AS changes
}
CALL () {
  OPTIONAL MATCH (e:Event) WHERE e.dateFrom IS NOT NULL AND {{visible "e"}}
  WITH e ORDER BY e.dateFrom DESC LIMIT 1
  RETURN e.dateFrom AS events
}
CALL () {
  OPTIONAL MATCH (s:Source) WHERE s.publishedFrom IS NOT NULL AND {{visible "s"}}
  RETURN max(s.publishedFrom) AS sources
}
RETURN coalesce(g.version, 0) AS version, changes,
  CASE WHEN events IS NULL OR sources > events THEN sources ELSE events END AS horizon
