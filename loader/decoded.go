package loader

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io"
	"sync"

	"github.com/diplograph/diplograph/tempfile"
)

// decodedFiles keeps the documents the first pass decoded, as gob in one
// temporary file, for the second pass to build from. Decoding them again
// costs a tenth of parsing their YAML again (generated scale 10: 1.5 s
// against 17 s of CPU; 96 MB of gob for 161 MB of YAML), and the second
// pass builds exactly what the first checked, whatever happens to the files
// in between.
//
// gob leaves out zero values: a pointer to zero reads back as nil (hence
// number, not *float64, in document.go; TestDocumentHasNoPointers) and an
// empty list as no list, which the loader treats alike.
type decodedFiles struct {
	mu   sync.Mutex
	file *tempfile.File
	size int64
	at   []span
}

type span struct{ off, n int64 }

func newDecodedFiles(n int) (*decodedFiles, error) {
	f, err := tempfile.New("diplograph-decoded-*")
	if err != nil {
		return nil, fmt.Errorf("keep the decoded files in a temporary file: %w", err)
	}
	return &decodedFiles{file: f, at: make([]span, n)}, nil
}

// put keeps file i's document; files may come in any order.
func (d *decodedFiles) put(i int, doc *document) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(doc); err != nil {
		return fmt.Errorf("keep what was decoded: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.file.WriteAt(buf.Bytes(), d.size); err != nil {
		return fmt.Errorf("keep what was decoded: %w", err)
	}
	d.at[i] = span{d.size, int64(buf.Len())}
	d.size += int64(buf.Len())
	return nil
}

// get reads file i's document back; it is safe to call from many
// goroutines.
func (d *decodedFiles) get(i int) (document, error) {
	var doc document
	s := d.at[i]
	if s.n == 0 {
		return doc, fmt.Errorf("file %d was not kept", i)
	}
	if err := gob.NewDecoder(io.NewSectionReader(d.file, s.off, s.n)).Decode(&doc); err != nil {
		return doc, fmt.Errorf("read back what was decoded: %w", err)
	}
	return doc, nil
}

func (d *decodedFiles) Close() error { return d.file.Close() }
