// Readers look up a marked node's token among the published ones.
CREATE INDEX published_stage_token IF NOT EXISTS FOR (n:{{published}}) ON (n.token)
