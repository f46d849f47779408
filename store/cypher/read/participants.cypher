// Participations keep their provenance as parallel lists of source ids and
// quotes on the relationship; the sources are joined here.
UNWIND $ids AS id
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(:Event {id: id})
OPTIONAL MATCH (r:Actor {id: p.represents})
CALL (p) {
  UNWIND range(0, size(coalesce(p.sources, [])) - 1) AS i
  OPTIONAL MATCH (s:Source {id: p.sources[i]})
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {source: s, quote: p.quotes[i], unconfirmed: coalesce(p.unconfirmed, false)} END) AS citations
}
RETURN id, a AS actor, p.role AS role, r AS represents, coalesce(p.unconfirmed, false) AS unconfirmed, citations
ORDER BY id, a.name, a.id
