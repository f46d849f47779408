// Shortest chains actor - event - actor between two actors. The bound on
// the pattern is the ceiling for maxHops; $maxLength applies the caller's.
MATCH (a:Actor {id: $fromID}), (b:Actor {id: $toID})
MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..12]-(b))
WHERE length(p) <= $maxLength
  AND all(e IN nodes(p) WHERE NOT e:Event OR ({{template "eventFilter"}}))
RETURN [n IN nodes(p) WHERE n:Actor] AS actors, [n IN nodes(p) WHERE n:Event] AS events
LIMIT $limit
