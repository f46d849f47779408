package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseFile feeds arbitrary bytes to the parser and, when they parse,
// to the cross-file checks and the batch builder: nothing may panic, and a
// file that is refused says where.
func FuzzParseFile(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	more, _ := filepath.Glob("testdata/invalid/*.yaml")
	curated, _ := filepath.Glob("../fixtures/*.yaml")
	for _, name := range append(append(seeds, more...), curated...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, diags := parseFile("fuzz.yaml", data)
		for _, d := range diags {
			if d.File != "fuzz.yaml" || d.Line < 1 || d.Col < 1 || d.Message == "" {
				t.Fatalf("diagnostic without a place or a message: %+v", d)
			}
		}
		if pf == nil || pf.defines != nil {
			if len(diags) == 0 {
				t.Fatal("refused without a diagnostic")
			}
			return
		}
		if ds, defs := validate([]*parsedFile{pf}, nil); len(ds) == 0 {
			buildBatch([]*parsedFile{pf}, defs)
		}
	})
}
