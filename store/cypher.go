package store

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed cypher/*.cypher
var cypherFiles embed.FS

func mustRead(name string) string {
	b, err := cypherFiles.ReadFile("cypher/" + name)
	if err != nil {
		panic(fmt.Sprintf("embedded cypher %s: %v", name, err))
	}
	return string(b)
}

// render fills a statement template with names from the model's closed set
// of labels and relationship types; values always travel as parameters.
func render(name string, data any) string {
	t := template.Must(template.New(name).Parse(mustRead(name)))
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		panic(fmt.Sprintf("render cypher %s: %v", name, err))
	}
	return b.String()
}

// splitStatements splits a file of ';'-terminated statements, dropping
// comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); stmt != "" {
				out = append(out, stmt)
			}
			cur.Reset()
		}
	}
	if stmt := strings.TrimSpace(cur.String()); stmt != "" {
		out = append(out, stmt)
	}
	return out
}

// Statements rendered once at start-up, one per label and relationship spec.
var (
	schemaStatements = splitStatements(mustRead("schema.cypher"))
	upsertNodes      = map[Label]string{}
	upsertRels       = map[RelSpec]string{}
	pruneRels        = map[RelSpec]string{}
	pruneOrphans     = mustRead("prune_orphans.cypher")
)

func init() {
	for _, l := range Labels {
		upsertNodes[l] = render("upsert_nodes.cypher", struct{ Label Label }{l})
	}
	for _, s := range RelSpecs {
		upsertRels[s] = render("upsert_rels.cypher", s)
		if s.Owner == OwnedByStart {
			pruneRels[s] = render("prune_rels_from_start.cypher", s)
		} else {
			pruneRels[s] = render("prune_rels_to_end.cypher", s)
		}
	}
}
