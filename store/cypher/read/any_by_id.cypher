{{range $i, $l := .Labels}}{{if $i}}
UNION ALL
{{end}}MATCH (n:{{$l}}) WHERE n.id IN $ids AND {{visible "n"}} RETURN n.id AS id, '{{$l}}' AS label, n AS node{{end}}
