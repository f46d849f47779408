package site

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/store"
)

// export serves a download of the current view, in the formats of
// `diplograph export`, with the explorer's filters:
// /export?format=gexf&from=2025-10-01&to=2025-11-30&types=phone_call&actors=trump&asOf=2025-11-01
//
// The download streams as the export is read. A failure before the first
// commitBytes are written is an error status; after that the connection
// is cut without the end of the chunked body, so a client sees a failed
// download, never a file that merely looks short. The same export asked
// for again is served from the cache (exportcache.go).
// RetryExport is the Retry-After of an export refused for the limit.
const RetryExport = 5 * time.Second

func (s *Site) export(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r) {
		return
	}
	q := r.URL.Query()
	format, err := export.ParseFormat(q.Get("format"))
	if err != nil {
		writeText(w, http.StatusBadRequest, err.Error())
		return
	}
	filter, err := export.ParseFilter(q.Get("from"), q.Get("to"), q.Get("types"), q.Get("actors"), q.Get("hops"), q.Get("asOf"))
	if err != nil {
		writeText(w, http.StatusBadRequest, err.Error())
		return
	}
	// The server's write timeout is set for answers, not downloads.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.exportTimeout + 10*time.Second))
	headers := func() {
		hd := w.Header()
		hd.Set("Content-Type", format.ContentType())
		hd.Set("Content-Disposition", `attachment; filename="`+format.FileName()+`"`)
		hd.Set("Cache-Control", "no-cache")
		hd.Set("X-Content-Type-Options", "nosniff")
	}
	// Exports are kept by the graph's version: a load by any process that
	// changes the graph makes them stale at once.
	version, err := s.graphVersion(r.Context())
	if err != nil {
		s.exportFailed(w, format, err)
		return
	}
	s.exports.seen(version)
	key := fmt.Sprintf("%d|%s", version, exportKey(format, filter))
	// Serving a written export costs a file's copy, writing one a read of
	// the graph: each has slots of its own.
	if entry, ok := s.exports.lookup(key); ok {
		if s.take(w, r, s.downloads, "downloads") {
			defer func() { <-s.downloads }()
			s.serveCached(w, r, entry, headers)
		}
		return
	}
	if !s.take(w, r, s.writers, "exports being written") {
		return
	}
	defer func() { <-s.writers }()
	entry, write := s.exports.get(key)
	if !write {
		s.serveCached(w, r, entry, headers)
		return
	}
	out := &commitWriter{w: w, head: r.Method == http.MethodHead, commit: func() {
		headers()
		w.Header().Set("Last-Modified", time.Now().UTC().Format(http.TimeFormat))
		w.WriteHeader(http.StatusOK)
	}}
	size, err := s.writeExport(r, out, entry, key, format, filter)
	if err == nil {
		return
	}
	if out.committed {
		if r.Context().Err() == nil {
			s.log.Warn("export cut short", "format", format, "bytes", size, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
	s.exportFailed(w, format, err)
}

// take takes a slot, or refuses the request with 503 and Retry-After.
func (s *Site) take(w http.ResponseWriter, r *http.Request, slots chan struct{}, what string) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
		if s.refused != nil {
			s.refused(r.Context())
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(RetryExport.Seconds())))
		writeText(w, http.StatusServiceUnavailable, "too many "+what+" at once; try again after the time in Retry-After")
		return false
	}
}

// writeExport writes an export to the client and to the cache's file at
// once. The client leaving does not stop it: others may be waiting for
// the file, and the export's own deadline bounds it.
func (s *Site) writeExport(r *http.Request, out *commitWriter, entry *exportEntry, key string, format export.Format, filter export.Filter) (int64, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.exportTimeout)
	defer cancel()
	file, err := s.exports.create(entry)
	if err != nil {
		s.exports.finish(key, entry, 0, err)
		return 0, err
	}
	tee := &teeWriter{file: bufio.NewWriterSize(file, 64<<10), client: out}
	err = s.exportRun(ctx, tee, format, filter)
	if err == nil {
		err = tee.file.Flush()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	s.exports.finish(key, entry, tee.n, err)
	if err != nil {
		return tee.n, err
	}
	if tee.clientErr != nil {
		return tee.n, nil // the client left; the file is whole for the others
	}
	return tee.n, out.finish()
}

// serveCached answers from an export written, or being written, for an
// earlier request.
func (s *Site) serveCached(w http.ResponseWriter, r *http.Request, entry *exportEntry, headers func()) {
	select {
	case <-entry.done:
	case <-r.Context().Done():
		return
	case <-time.After(s.exportTimeout):
		s.exportFailed(w, "", context.DeadlineExceeded)
		return
	}
	if entry.err != nil {
		s.exportFailed(w, "", entry.err)
		return
	}
	f, err := os.Open(entry.path)
	if err != nil {
		s.exportFailed(w, "", err)
		return
	}
	defer f.Close()
	headers()
	http.ServeContent(w, r, "", entry.made, f)
}

func (s *Site) exportFailed(w http.ResponseWriter, format export.Format, err error) {
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, store.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("export: neo4j unavailable", "err", err)
		writeText(w, http.StatusServiceUnavailable, "the graph database is unavailable or the export took too long; try again shortly")
		return
	}
	s.log.Error("export failed", "format", format, "err", err)
	writeText(w, http.StatusInternalServerError, "export failed")
}

// exportKey names an export by format and filter.
func exportKey(format export.Format, f export.Filter) string {
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return fmt.Sprintf("%s|%s|%s|%v|%v|%d|%s", format, day(f.From), day(f.To), f.Types, f.Actors, f.Hops, day(f.AsOf))
}

// teeWriter writes to the cache's file and to the client; once the client
// fails (it left), only to the file.
type teeWriter struct {
	file      *bufio.Writer
	client    io.Writer
	clientErr error
	n         int64
}

func (t *teeWriter) Write(p []byte) (int, error) {
	n, err := t.file.Write(p)
	t.n += int64(n)
	if err != nil {
		return n, err
	}
	if t.clientErr == nil {
		_, t.clientErr = t.client.Write(p)
	}
	return n, nil
}

// commitBytes are held before the answer is committed: a failure within
// them still gets an error status.
const commitBytes = 64 << 10

// commitWriter holds the first commitBytes of a download, then commits the
// status and headers and passes everything on.
type commitWriter struct {
	w         http.ResponseWriter
	head      bool // HEAD: commit, but send no body
	commit    func()
	committed bool
	held      []byte
	written   int64
}

func (c *commitWriter) Write(p []byte) (int, error) {
	if !c.committed {
		if len(c.held)+len(p) < commitBytes {
			c.held = append(c.held, p...)
			return len(p), nil
		}
		if err := c.flushHeld(); err != nil {
			return 0, err
		}
	}
	return c.send(p)
}

func (c *commitWriter) flushHeld() error {
	c.committed = true
	c.commit()
	held := c.held
	c.held = nil
	_, err := c.send(held)
	return err
}

func (c *commitWriter) send(p []byte) (int, error) {
	c.written += int64(len(p))
	if c.head {
		return len(p), nil
	}
	return c.w.Write(p)
}

// finish commits an export that stayed under commitBytes.
func (c *commitWriter) finish() error {
	if c.committed {
		return nil
	}
	return c.flushHeld()
}
