// The records of the files the graph was last loaded from
// (graph_files_record.cypher), when that load was by $build and no load
// has changed the graph since: none otherwise.
MATCH (g:Graph {id: 'graph'})
WHERE g.filesBuild = $build AND g.filesVersion = g.version
MATCH (f:LoadedFile)
RETURN f.name AS name, f.sum AS sum, f.record AS record
ORDER BY sum
