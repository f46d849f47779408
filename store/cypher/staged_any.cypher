// Whether any staged node is left, by this build or under an earlier one's
// staging labels: every load checks before it writes, since a node it
// merges by id could otherwise be one that no reader sees.
RETURN {{range $i, $l := .}}{{if $i}} OR {{end}}EXISTS { MATCH (n:{{$l}}) WHERE n.{{mark}} IS NOT NULL } OR EXISTS { MATCH (:Staged{{$l}}) }{{end}} AS any
