// A staged load's nodes carry its token in the staging mark until it is
// published and the marks are removed; this index finds them, and finds
// what an interrupted load left, without reading the label's other nodes.
CREATE INDEX staged_{{.Label}} IF NOT EXISTS FOR (n:{{.Label}}) ON (n.{{mark}})
