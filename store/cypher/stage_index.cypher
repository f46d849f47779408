// A staged load's nodes carry the staging mark until its last transaction
// removes it; this index finds them there, and finds what an interrupted
// load left, without reading the label's other nodes.
CREATE INDEX staged_{{.Label}} IF NOT EXISTS FOR (n:{{.Label}}) ON (n.{{mark}})
