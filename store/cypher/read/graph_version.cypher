OPTIONAL MATCH (g:Graph {id: 'graph'})
RETURN coalesce(g.version, 0) AS version
