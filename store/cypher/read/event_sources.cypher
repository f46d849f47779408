// Which sources each event cites, in the order the citations fragment
// gives them, and each of those sources once: what a download listing an
// event's sources needs, without the citations' quotes and notes, and
// without a source repeated for every event that cites it.
UNWIND $ids AS id
MATCH (e:Event {id: id})-[:CITES]->(s:Source)
WHERE {{visible "e"}}
WITH id, s ORDER BY id, s.publishedFrom, s.id
RETURN collect([id, s.id]) AS cites, collect(DISTINCT s) AS sources
