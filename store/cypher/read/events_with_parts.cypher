// Events by id with the parts a page of one event shows, each only when
// asked for ($with...: null otherwise): the places and their parents, the
// sources (in the order of citations.cypher), the participants and the
// disputed values (in the shape of participants.cypher and claims.cypher).
// One statement answers the whole page. The event and the sources it cites
// come back as the values of their properties $eventProps and $sourceProps
// (store/propset.go).
MATCH (e:Event)
WHERE e.id IN $ids AND {{visible "e"}}
RETURN collect({id: e.id, node: [k IN $eventProps | e[k]],
  places: CASE WHEN $withPlace THEN COLLECT {
    MATCH (e)-[:AT]->(pl:Place)
    WITH pl ORDER BY pl.name, pl.id
    RETURN {place: pl, in: CASE WHEN $withPlaceIn THEN COLLECT { MATCH (pl)-[:LOCATED_IN]->(up:Place) RETURN up }[0] END}
  } END,
  citations: CASE WHEN $withCitations THEN COLLECT {
    MATCH (e)-[c:CITES]->(s:Source)
    WITH c, s ORDER BY s.publishedFrom, s.id
    RETURN {{citeSelected "c" "s"}}
  } END,
  participants: CASE WHEN $withParticipants THEN COLLECT { {{template "participantRows"}} } END,
  claims: CASE WHEN $withClaims THEN COLLECT { WITH e AS o {{template "claimRows"}} } END}) AS rows
