// The tokens of staged loads that marks or a published record still name,
// and whether each is published: what the next load finishes (unmarks) or
// clears (deletes) before it writes. The marks come off their indexes.
CALL () {
{{- range $i, $l := .}}
  {{if $i}}UNION
  {{end}}MATCH (n:{{$l}}) WHERE n.{{mark}} IS NOT NULL RETURN DISTINCT n.{{mark}} AS token
{{- end}}
  UNION
  MATCH (p:{{published}}) RETURN p.token AS token
}
RETURN collect({token: token, published: EXISTS { MATCH (p:{{published}}) WHERE p.token = token }}) AS tokens
