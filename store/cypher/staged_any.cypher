// Whether a staged load left anything: marked nodes, a published record,
// or nodes under an earlier build's staging labels. Every load checks
// before it writes, since a node it merges by id could otherwise be one
// that no reader sees.
RETURN EXISTS { MATCH (:{{staging}}) } OR EXISTS { MATCH (:{{published}}) }{{range .}} OR EXISTS { MATCH (:Staged{{.}}) }{{end}} AS any
