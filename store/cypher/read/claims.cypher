UNWIND $ids AS id
MATCH (:Event {id: id})-[:HAS_CLAIM]->(cl:Claim)
CALL (cl) {
  OPTIONAL MATCH (cl)-[c:CITES]->(s:Source)
  WITH c, s ORDER BY s.publishedFrom, s.id
  RETURN {{template "citations"}} AS citations
}
WITH id, cl, citations
ORDER BY id, cl.id
RETURN collect({id: id, claim: cl, citations: citations}) AS rows
