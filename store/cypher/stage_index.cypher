// A staged load finds its staged nodes by id when it links them (see
// store/stage.go); one index per staging label.
CREATE INDEX staged_{{.Label}}_id IF NOT EXISTS FOR (n:Staged{{.Label}}) ON (n.id)
