// The tokens of staged loads that marks or a published record still name,
// and whether each is published: what the next load finishes (unmarks) or
// clears (deletes) before it writes.
CALL () {
  MATCH (n:{{staging}}) WHERE n.{{mark}} IS NOT NULL RETURN DISTINCT n.{{mark}} AS token
  UNION
  MATCH (p:{{published}}) RETURN p.token AS token
}
RETURN collect({token: token, published: EXISTS { MATCH (p:{{published}}) WHERE p.token = token }}) AS tokens
