UNWIND $ids AS id
MATCH (o:Actor {id: id})-[:HOLDS]->(r:Role)
WHERE {{visible "o"}} AND ($at IS NULL OR ((r.startFrom IS NULL OR r.startFrom <= $at) AND (r.endTo IS NULL OR r.endTo >= $at)))
OPTIONAL MATCH (r)-[:FOR]->(f:Actor)
CALL (r) {
  OPTIONAL MATCH (r)-[c:CITES]->(s:Source)
  WITH c, s ORDER BY s.publishedFrom, s.id
  RETURN {{template "citations"}} AS citations
}
WITH id, r, f, citations
ORDER BY id, r.startFrom, r.id
RETURN collect({id: id, role: r, for: f, citations: citations}) AS rows
