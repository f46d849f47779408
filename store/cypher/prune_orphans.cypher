// Roles and claims exist only through their owner: once no owner points at
// one (the fixture dropped it), it goes.
CALL () {
  MATCH (r:Role) WHERE NOT ()-[:HOLDS]->(r)
  DETACH DELETE r
  RETURN 'Role' AS label, count(*) AS count
  UNION ALL
  MATCH (c:Claim) WHERE NOT ()-[:HAS_CLAIM]->(c)
  DETACH DELETE c
  RETURN 'Claim' AS label, count(*) AS count
}
RETURN label, count
