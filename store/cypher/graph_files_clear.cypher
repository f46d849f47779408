// A load that changed the graph and recorded no files (store.FileRecords
// nil: POST /admin/reload, or a build that cannot read itself) removes the
// records of the load before it: its version bump made them stale
// (read/graph_files.cypher), and they would take space until a recording
// load replaced them.
MATCH (f:LoadedFile)
DELETE f
