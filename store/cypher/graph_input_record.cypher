// Which input the graph was last loaded from (loader.Input.Fingerprint),
// at which version, written by every load that changed the graph or found
// it unchanged, in its last transaction: a load of the same input by the
// same build may then skip reading it (read/graph_input.cypher). A load
// that cannot say what its input was records null. Before any load changed
// the graph there is no Graph node, and nothing is recorded.
MATCH (g:Graph {id: 'graph'})
SET g.input = $input, g.inputVersion = g.version
