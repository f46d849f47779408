package neo4jtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/diplograph/diplograph/loader"
)

// ReplicateFixtures writes copies of the fixture files in dir in which every
// id is suffixed with the copy's number, so each copy is a separate, equally
// connected graph: n copies hold n times the rows.
func ReplicateFixtures(t testing.TB, dir string, copies int) string {
	t.Helper()
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defined, err := in.IDs()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for c := 1; c <= copies; c++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, err := suffixIDs(string(data), defined, fmt.Sprintf("-c%d", c))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			name := filepath.Join(out, fmt.Sprintf("c%03d-%s", c, filepath.Base(f)))
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// suffixIDs appends suffix to every scalar of the YAML text that is a
// defined id, except the values of the keys that hold vocabulary (an id may
// also be a topic: nato). Prose is left alone: no sentence is exactly an
// id.
func suffixIDs(text string, ids map[string]bool, suffix string) (string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return "", err
	}
	// vocab: the node holds a vocabulary value, directly or as the value
	// of a sourced claim ({value, sources}), whose sources are still ids.
	var walk func(n *yaml.Node, vocab bool)
	walk = func(n *yaml.Node, vocab bool) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, vocab)
			}
		case yaml.MappingNode:
			nameSubpoints(n)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				walk(n.Content[i+1], vocabularyKeys[k] || vocab && k == "value")
			}
		case yaml.ScalarNode:
			if !vocab && ids[n.Value] {
				n.Value += suffix
			}
		}
	}
	walk(&doc, false)
	out, err := yaml.Marshal(&doc)
	return string(out), err
}

// nameSubpoints gives the sub-points of a point without an id of their own
// the id the loader would derive (point-label), so that it gets the copy's
// suffix like the references to it.
func nameSubpoints(point *yaml.Node) {
	var id string
	var subpoints *yaml.Node
	for i := 0; i+1 < len(point.Content); i += 2 {
		switch point.Content[i].Value {
		case "id":
			id = point.Content[i+1].Value
		case "subpoints":
			subpoints = point.Content[i+1]
		}
	}
	if id == "" || subpoints == nil || subpoints.Kind != yaml.SequenceNode {
		return
	}
	for _, sp := range subpoints.Content {
		if sp.Kind != yaml.MappingNode {
			continue
		}
		var label string
		named := false
		for i := 0; i+1 < len(sp.Content); i += 2 {
			switch sp.Content[i].Value {
			case "id":
				named = true
			case "label":
				label = sp.Content[i+1].Value
			}
		}
		if !named && label != "" {
			sp.Content = append([]*yaml.Node{
				{Kind: yaml.ScalarNode, Value: "id"},
				{Kind: yaml.ScalarNode, Value: id + "-" + label},
			}, sp.Content...)
		}
	}
}

// vocabularyKeys hold values of the fixture format's vocabularies, never ids.
var vocabularyKeys = map[string]bool{
	"topics": true, "type": true, "kind": true, "role": true, "status": true, "modality": true,
	"position": true, "confirmation": true, "rank": true, "fate": true, "approx": true, "unit": true,
	"language": true,
}
