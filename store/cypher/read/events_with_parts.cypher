// Events by id with the parts a page of one event shows, each only when
// asked for ($with...: null otherwise): the place and its parent, the
// sources (in the order of citations.cypher), the participants and the
// disputed values (in the shape of participants.cypher and claims.cypher).
// One statement answers the whole page.
MATCH (e:Event)
WHERE e.id IN $ids
RETURN collect({id: e.id, node: e,
  place: CASE WHEN $withPlace THEN COLLECT { MATCH (e)-[:AT]->(pl:Place) RETURN pl }[0] END,
  placeIn: CASE WHEN $withPlaceIn THEN COLLECT { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN]->(up:Place) RETURN up }[0] END,
  citations: CASE WHEN $withCitations THEN COLLECT {
    MATCH (e)-[c:CITES]->(s:Source)
    WITH c, s ORDER BY s.publishedFrom, s.id
    RETURN {source: s, quote: c.quote, unconfirmed: coalesce(c.unconfirmed, false)}
  } END,
  participants: CASE WHEN $withParticipants THEN COLLECT { {{template "participantRows"}} } END,
  claims: CASE WHEN $withDisputes THEN COLLECT { {{template "claimRows"}} } END}) AS rows
