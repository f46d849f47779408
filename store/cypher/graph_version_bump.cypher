// A load that changed the graph counts a new version of it, in the same
// transaction: readers see the new version with the new graph, never
// before. Caches of answers key on it (the /export cache).
MERGE (g:Graph {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = datetime()
RETURN g.version AS version
