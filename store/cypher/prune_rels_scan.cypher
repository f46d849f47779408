// Like prune_rels_from_start / prune_rels_to_end, for a type with fewer
// relationships in the graph than owners in the load: reading those
// relationships beats looking up every owner. $owners maps each owner's id
// to the ids it still lists; relationships of other owners stay.
MATCH (a:{{.From}})-[r:{{.Type}}]->(b:{{.To}})
WITH a, b, r, {{if eq .Owner 0}}$owners[a.id]{{else}}$owners[b.id]{{end}} AS keep
WHERE keep IS NOT NULL AND NOT {{if eq .Owner 0}}b.id{{else}}a.id{{end}} IN keep
DELETE r
RETURN count(r) AS count, collect(DISTINCT {{if eq .Owner 0}}a.id{{else}}b.id{{end}}) AS owners
