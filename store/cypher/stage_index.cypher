// A staged load's nodes carry the staging label and its token until it is
// published and the marks are removed; this index finds a token's nodes,
// and the tokens an interrupted load left, off the label's own nodes.
CREATE INDEX staging_token IF NOT EXISTS FOR (n:{{staging}}) ON (n.{{mark}})
