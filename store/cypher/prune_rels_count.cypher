// How many relationships of this type leave (or, for relationships their end
// owns, reach) nodes of the owner's label: one read of Neo4j's count store,
// to choose how to prune.
{{if eq .Owner 0}}MATCH (:{{.From}})-[r:{{.Type}}]->(){{else}}MATCH ()-[r:{{.Type}}]->(:{{.To}}){{end}}
RETURN count(r) AS count
