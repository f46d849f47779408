// Events by id with the parts a page of one event shows, each only when
// asked for: the place and its parent, the sources (in the order of
// citations.cypher), the participants and the disputed values (in the
// shape of participants.cypher and claims.cypher). One statement answers
// the whole page.
MATCH (e:Event)
WHERE e.id IN $ids
RETURN collect({id: e.id, node: e
  {{- if .Place}}, place: COLLECT { MATCH (e)-[:AT]->(pl:Place) RETURN pl }[0]{{end}}
  {{- if .PlaceIn}}, placeIn: COLLECT { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN]->(up:Place) RETURN up }[0]{{end}}
  {{- if .Citations}}, citations: COLLECT {
    MATCH (e)-[c:CITES]->(s:Source)
    WITH c, s ORDER BY s.publishedFrom, s.id
    RETURN {source: s, quote: c.quote, unconfirmed: coalesce(c.unconfirmed, false)}
  }{{end}}
  {{- if .Participants}}, participants: COLLECT { {{template "participantRows" .}} }{{end}}
  {{- if .Disputes}}, claims: COLLECT { {{template "claimRows" .}} }{{end}}}) AS rows
