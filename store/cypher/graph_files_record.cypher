// The files a load read, written in its last transaction after its version
// bump (store.FileRecords), by the digest of their bytes: a later load by
// the same build may skip a file of the same bytes while the graph is at
// this version (read/graph_files.cypher). The records of files the load
// skipped stay; those of files it did not have go. Before any load changed
// the graph there is no Graph node, and nothing is recorded.
MATCH (g:Graph {id: 'graph'})
SET g.filesBuild = $build, g.filesVersion = g.version
WITH g
CALL () {
  MATCH (gone:LoadedFile)
  WHERE NOT gone.sum IN $sums
  DELETE gone
}
CALL () {
  UNWIND $read AS file
  MERGE (f:LoadedFile {sum: file.sum})
  SET f.name = file.name, f.record = file.record
}
RETURN g.filesVersion AS version
