// Package tempfile makes the temporary files a load keeps its data in
// while it runs (the batch's rows, the decoded fixture files).
package tempfile

import (
	"errors"
	"os"
)

// File is a temporary file no one else sees, which goes when it is closed
// or the process dies: it is removed as soon as it is made, so a killed
// load leaves nothing in TMPDIR. Where a system refuses to remove an open
// file, Close removes it.
type File struct {
	*os.File
	path string // set only while the file could not be removed
}

// New makes a File in TMPDIR; pattern is os.CreateTemp's.
func New(pattern string) (*File, error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, err
	}
	t := &File{File: f}
	if os.Remove(f.Name()) != nil {
		t.path = f.Name()
	}
	return t, nil
}

// Close closes the file, and removes it if New could not.
func (f *File) Close() error {
	err := f.File.Close()
	if f.path != "" {
		err = errors.Join(err, os.Remove(f.path))
	}
	return err
}
