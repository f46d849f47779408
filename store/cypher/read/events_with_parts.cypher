// Events by id with the parts a page of one event shows that fit one
// statement: the place, the place's parent and the sources, each only when
// asked for. The sources come in the order of citations.cypher.
MATCH (e:Event)
WHERE e.id IN $ids
RETURN collect({id: e.id, node: e
  {{- if .Place}}, place: COLLECT { MATCH (e)-[:AT]->(pl:Place) RETURN pl }[0]{{end}}
  {{- if .PlaceIn}}, placeIn: COLLECT { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN]->(up:Place) RETURN up }[0]{{end}}
  {{- if .Sources}}, citations: COLLECT {
    MATCH (e)-[c:CITES]->(s:Source)
    WITH c, s ORDER BY s.publishedFrom, s.id
    RETURN {source: s, quote: c.quote, unconfirmed: coalesce(c.unconfirmed, false)}
  }{{end}}}) AS rows
