// The input the graph was last loaded from and the version that load left;
// a load by a build that does not record its input bumps the version
// without setting inputVersion, and so is seen.
OPTIONAL MATCH (g:Graph {id: 'graph'})
RETURN coalesce(g.version, 0) AS version, g.input AS input, g.inputVersion AS inputVersion
