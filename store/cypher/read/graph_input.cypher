// The graph's version, and whether the last load recorded $input at that
// version: a load by a build that does not record its input bumps the
// version without setting inputVersion, and so is seen. A null $input
// (no fingerprint) is never the same.
OPTIONAL MATCH (g:Graph {id: 'graph'})
RETURN coalesce(g.version, 0) AS version,
  coalesce(g.input = $input AND g.inputVersion = g.version, false) AS same
