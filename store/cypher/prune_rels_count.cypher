// How many relationships of this type leave (or, for relationships their end
// owns, reach) nodes of the owner's label, and how many nodes have that
// label: two reads of Neo4j's count store, to choose how to prune.
CALL () {
  {{if eq .Owner 0}}MATCH (:{{.From}})-[r:{{.Type}}]->(){{else}}MATCH ()-[r:{{.Type}}]->(:{{.To}}){{end}}
  RETURN count(r) AS count
}
CALL () {
  MATCH (n:{{if eq .Owner 0}}{{.From}}{{else}}{{.To}}{{end}})
  RETURN count(n) AS nodes
}
RETURN count, nodes
