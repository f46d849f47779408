package loader

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A fingerprint names what a load read: the program that read it (the rows
// a file becomes change with the build), whether it pruned, and each
// file's name and contents in the order read. Two loads with the same
// fingerprint write the same graph, so a load can skip input whose
// fingerprint the graph recorded at its current version
// (store.Store.LoadedFrom).

// Fingerprint is the input's fingerprint for a load with or without prune,
// from the bytes its first pass parsed; "" when it has none (input read by
// the located path, or a program that cannot read itself).
func (in *Input) Fingerprint(prune bool) string {
	if in.sums == nil {
		return ""
	}
	return fingerprint(in.Files, in.sums, prune)
}

// Scanned is the fixture files under some paths with the digest of each,
// read once without parsing them: what a load needs to tell what it may
// skip (Fingerprint, ReadChanged).
type Scanned struct {
	names []string
	sums  [][sha256.Size]byte
}

// Scan reads the files under paths as a load would, without parsing them.
// An error means only that nothing is known of them: the load itself
// reports what is wrong with the files.
func Scan(paths []string) (*Scanned, error) {
	names, err := collect(paths)
	if err != nil {
		return nil, err
	}
	sums, err := sumFiles(names)
	if err != nil {
		return nil, err
	}
	return &Scanned{names: names, sums: sums}, nil
}

// Fingerprint is the fingerprint a load of the scanned files would have.
func (s *Scanned) Fingerprint(prune bool) (string, error) {
	fp := fingerprint(s.names, s.sums, prune)
	if fp == "" {
		return "", fmt.Errorf("fingerprint: this program cannot read itself")
	}
	return fp, nil
}

// FingerprintOf is the fingerprint a load of the files under paths would
// have (Scan, then Fingerprint).
func FingerprintOf(paths []string, prune bool) (string, error) {
	s, err := Scan(paths)
	if err != nil {
		return "", err
	}
	return s.Fingerprint(prune)
}

// sumFiles is the sha256 of each file's bytes, on every CPU.
func sumFiles(names []string) ([][sha256.Size]byte, error) {
	sums := make([][sha256.Size]byte, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		g.Go(func() error {
			data, err := readFile(name)
			if err != nil {
				return err
			}
			sums[i] = sha256.Sum256(data)
			return nil
		})
	}
	return sums, g.Wait()
}

// Build names the running program for the graph's file records: its
// digest in hex, or "" when it cannot read itself (nothing is recorded).
func Build() string {
	sum, err := buildSum()
	if err != nil {
		return ""
	}
	return hex.EncodeToString(sum)
}

func fingerprint(names []string, sums [][sha256.Size]byte, prune bool) string {
	build, err := buildSum()
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte("diplograph input 1\n"))
	h.Write(build)
	if prune {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	var n [8]byte
	for i, name := range names {
		// Lengths first, so that no two lists of names run together alike.
		binary.BigEndian.PutUint64(n[:], uint64(len(name)))
		h.Write(n[:])
		h.Write([]byte(name))
		h.Write(sums[i][:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// buildSum is the digest of the running program's file.
var buildSum = sync.OnceValues(func() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
})
