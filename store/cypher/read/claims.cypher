UNWIND $ids AS id
MATCH (:Event {id: id})-[:HAS_CLAIM]->(cl:Claim)
CALL (cl) {
  OPTIONAL MATCH (cl)-[c:CITES]->(s:Source)
  WITH c, s ORDER BY s.publishedFrom, s.id
  RETURN {{template "citations"}} AS citations
}
RETURN id, cl AS claim, citations
ORDER BY id, cl.id
