// A load that changed the graph counts a new version of it, in the same
// transaction: readers see the new version with the new graph, never
// before. Caches of answers key on it (the /export cache). The change
// record says what the load changed (JSON, see store/change.go) for the
// change feed; only the last $keep are kept, a subscriber further behind
// than that is told it missed changes.
MERGE (g:Graph {id: 'graph'})
SET g.version = coalesce(g.version, 0) + 1, g.changedAt = datetime()
CREATE (c:GraphChange {version: g.version, changedAt: g.changedAt, change: $change})
WITH g
CALL (g) {
  MATCH (old:GraphChange) WHERE old.version <= g.version - $keep
  DELETE old
}
RETURN g.version AS version
