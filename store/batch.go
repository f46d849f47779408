package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/diplograph/diplograph/tempfile"
)

// Node is one node to write: its id and its complete set of properties
// (the id included). Properties absent here are removed from the node.
type Node struct {
	ID    string
	Props Props
}

// Rel is one relationship to write between two node ids, with its complete
// set of properties.
type Rel struct {
	From, To string
	Props    Props
}

// DefaultSpillBytes is how many bytes of encoded rows a batch holds in
// memory before it moves them to temporary files: about half a million
// rows, a load of a few hundred fixture files.
const DefaultSpillBytes = 64 << 20

// Batch is everything one load writes: its nodes by label and its
// relationships by spec, each kept encoded in the order they were added.
//
// A load reads its rows several times (which are new, staging, writing,
// pruning) but only ever in order, so a large batch keeps them in
// temporary files rather than in memory: held in memory, a load of 7.5
// million rows took 3.5 GiB (bench/RESULTS.md, "The loader's memory").
// The files are gone when the load ends or dies (tempfile); their pages
// stay in the OS's cache while there is room.
//
// Rows come back from Nodes and Rels as fresh values that share nothing
// with the batch. A batch that cannot write or read its files stops adding
// and yielding rows and reports why in Err, which every writer of a batch
// checks before it commits.
type Batch struct {
	nodes      map[Label]*section
	rels       map[RelSpec]*section
	spillAfter int64
	held       int64
	spilled    bool
	err        error
}

// section holds the rows of one label or spec: in buf until the batch
// spills, then in a file.
type section struct {
	rows int
	buf  []byte
	file *tempfile.File
	w    *bufio.Writer
	size int64
}

// NewBatch makes a batch that spills past DefaultSpillBytes.
func NewBatch() *Batch { return NewBatchSpilling(DefaultSpillBytes) }

// NewBatchSpilling makes a batch that moves its rows to temporary files
// once they take more than after bytes; 0 or less never spills.
func NewBatchSpilling(after int64) *Batch {
	return &Batch{nodes: map[Label]*section{}, rels: map[RelSpec]*section{}, spillAfter: after}
}

// AddNode adds a node; props gains the id, and is the caller's again when
// AddNode returns.
func (b *Batch) AddNode(l Label, id string, props map[string]any) {
	if props == nil {
		props = map[string]any{}
	}
	props["id"] = id
	body := appendString(nil, id)
	b.add(sectionOf(b, b.nodes, l), appendProps(body, props))
}

// AddRel adds a relationship; props is the caller's again when AddRel
// returns.
func (b *Batch) AddRel(s RelSpec, from, to string, props map[string]any) {
	body := appendString(appendString(nil, from), to)
	b.add(sectionOf(b, b.rels, s), appendProps(body, props))
}

// sectionOf finds the section of k, making it (with its file, once the
// batch has spilled) the first time.
func sectionOf[K comparable](b *Batch, m map[K]*section, k K) *section {
	s := m[k]
	if s == nil {
		s = &section{}
		m[k] = s
		if b.spilled {
			b.open(s)
		}
	}
	return s
}

// add appends one row's body, framed by its length.
func (b *Batch) add(s *section, body []byte) {
	var frame [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(frame[:], uint64(len(body)))
	b.append(s, frame[:n], body)
	s.rows++
}

func (b *Batch) append(s *section, parts ...[]byte) {
	if b.err != nil {
		return
	}
	for _, p := range parts {
		if s.w != nil {
			if _, err := s.w.Write(p); err != nil {
				b.fail(fmt.Errorf("write the batch's rows to a temporary file: %w", err))
				return
			}
			s.size += int64(len(p))
			continue
		}
		s.buf = append(s.buf, p...)
		b.held += int64(len(p))
	}
	if !b.spilled && b.spillAfter > 0 && b.held > b.spillAfter {
		b.spill()
	}
}

func (b *Batch) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// spill moves every section to a temporary file of its own.
func (b *Batch) spill() {
	b.spilled = true
	for _, s := range b.sections() {
		if !b.open(s) {
			return
		}
		buf := s.buf
		s.buf = nil
		b.held -= int64(len(buf))
		b.append(s, buf)
	}
}

// open gives s its file; the batch's error says why it could not.
func (b *Batch) open(s *section) bool {
	if b.err != nil {
		return false
	}
	f, err := tempfile.New("diplograph-batch-*")
	if err != nil {
		b.fail(fmt.Errorf("keep the batch's rows in a temporary file: %w", err))
		return false
	}
	s.file, s.w = f, bufio.NewWriterSize(f, 64<<10)
	return true
}

func (b *Batch) sections() []*section {
	out := make([]*section, 0, len(b.nodes)+len(b.rels))
	for _, s := range b.nodes {
		out = append(out, s)
	}
	for _, s := range b.rels {
		out = append(out, s)
	}
	return out
}

// Merge appends o's rows to b's, label by label and spec by spec.
func (b *Batch) Merge(o *Batch) {
	if o.err != nil {
		b.fail(o.err)
		return
	}
	for l, s := range o.nodes {
		b.mergeSection(sectionOf(b, b.nodes, l), o, s)
	}
	for spec, s := range o.rels {
		b.mergeSection(sectionOf(b, b.rels, spec), o, s)
	}
}

func (b *Batch) mergeSection(dst *section, o *Batch, src *section) {
	if src.file == nil {
		b.append(dst, src.buf)
		dst.rows += src.rows
		return
	}
	for body := range o.bodies(src) {
		b.add(dst, body)
	}
}

// Nodes yields the nodes of label l in the order they were added.
func (b *Batch) Nodes(l Label) iter.Seq[Node] {
	return func(yield func(Node) bool) {
		for id, props := range b.nodeBodies(l) {
			if !yield(Node{ID: string(id), Props: Props{enc: string(props)}}) {
				return
			}
		}
	}
}

// NodeIDs yields the ids of the nodes of label l, in order: Nodes without
// the properties, for the passes that need only the ids.
func (b *Batch) NodeIDs(l Label) iter.Seq[string] {
	return func(yield func(string) bool) {
		for id := range b.nodeBodies(l) {
			if !yield(string(id)) {
				return
			}
		}
	}
}

// Rels yields the relationships of spec s in the order they were added.
func (b *Batch) Rels(s RelSpec) iter.Seq[Rel] {
	return func(yield func(Rel) bool) {
		for r := range b.relBodies(s) {
			if !yield(Rel{From: string(r.from), To: string(r.to), Props: Props{enc: string(r.props)}}) {
				return
			}
		}
	}
}

// RelEnds yields the ends of the relationships of spec s, in order: Rels
// without the properties.
func (b *Batch) RelEnds(s RelSpec) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for r := range b.relBodies(s) {
			if !yield(string(r.from), string(r.to)) {
				return
			}
		}
	}
}

// nodeBodies yields each node's id and encoded properties, as bytes valid
// only until the next.
func (b *Batch) nodeBodies(l Label) iter.Seq2[[]byte, []byte] {
	return func(yield func([]byte, []byte) bool) {
		for body := range b.bodies(b.nodes[l]) {
			id, props, ok := cutString(body)
			if !ok {
				b.fail(fmt.Errorf("batch: a %s row is corrupt", l))
				return
			}
			if !yield(id, props) {
				return
			}
		}
	}
}

type relBody struct{ from, to, props []byte }

// relBodies is nodeBodies for the relationships of spec s.
func (b *Batch) relBodies(s RelSpec) iter.Seq[relBody] {
	return func(yield func(relBody) bool) {
		for body := range b.bodies(b.rels[s]) {
			from, rest, ok := cutString(body)
			to, props, ok2 := cutString(rest)
			if !ok || !ok2 {
				b.fail(fmt.Errorf("batch: a %s row is corrupt", s))
				return
			}
			if !yield(relBody{from, to, props}) {
				return
			}
		}
	}
}

// cutString splits a length-prefixed string off the front of p.
func cutString(p []byte) ([]byte, []byte, bool) {
	n, w := binary.Uvarint(p)
	if w <= 0 || uint64(len(p)-w) < n {
		return nil, nil, false
	}
	end := w + int(n)
	return p[w:end], p[end:], true
}

// bodies yields the rows of s as they were framed; each body is valid only
// until the next.
func (b *Batch) bodies(s *section) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		if s == nil || b.err != nil {
			return
		}
		var r interface {
			io.Reader
			io.ByteReader
		} = bytes.NewReader(s.buf)
		if s.file != nil {
			if err := s.w.Flush(); err != nil {
				b.fail(fmt.Errorf("write the batch's rows to a temporary file: %w", err))
				return
			}
			r = bufio.NewReaderSize(io.NewSectionReader(s.file, 0, s.size), 256<<10)
		}
		var body []byte
		for range s.rows {
			n, err := binary.ReadUvarint(r)
			if err == nil && n > uint64(s.size)+uint64(len(s.buf)) {
				err = errors.New("a row longer than its section")
			}
			if err == nil {
				if uint64(cap(body)) < n {
					body = make([]byte, n)
				}
				body = body[:n]
				_, err = io.ReadFull(r, body)
			}
			if err != nil {
				b.fail(fmt.Errorf("read the batch's rows back: %w", err))
				return
			}
			if !yield(body) {
				return
			}
		}
	}
}

// NodeCount is how many nodes of label l the batch holds.
func (b *Batch) NodeCount(l Label) int {
	if s := b.nodes[l]; s != nil {
		return s.rows
	}
	return 0
}

// RelCount is how many relationships of spec s the batch holds.
func (b *Batch) RelCount(s RelSpec) int {
	if sec := b.rels[s]; sec != nil {
		return sec.rows
	}
	return 0
}

// Rows counts the nodes and relationships in the batch.
func (b *Batch) Rows() int {
	n := 0
	for _, s := range b.sections() {
		n += s.rows
	}
	return n
}

// Spilled reports whether the batch keeps its rows in temporary files.
func (b *Batch) Spilled() bool { return b.spilled }

// Err is the first error writing or reading the batch's files met: rows
// added after it were dropped, and iterations stopped at it.
func (b *Batch) Err() error { return b.err }

// Close lets the batch's files go. A batch that is not closed lets them
// go when it is collected.
func (b *Batch) Close() error {
	var errs []error
	for _, s := range b.sections() {
		if s.file == nil {
			continue
		}
		errs = append(errs, s.file.Close())
		s.file, s.w = nil, nil
	}
	b.err = errors.Join(b.err, errors.New("the batch is closed"))
	return errors.Join(errs...)
}
