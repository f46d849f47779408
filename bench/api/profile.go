package main

// Statements and database hits per operation, measured the same way for
// both servers: each talks to Neo4j through a small Bolt relay of ours that
// records every RUN message (the Cypher text and its parameters) while an
// operation is sent once. The recorded statements are then run again under
// PROFILE through the Go driver, and the db hits of every operator of each
// plan are summed. Nothing is copied from either server's code, so what is
// profiled is exactly what each server sent.

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Statement is one Cypher statement a server sent, with its parameters.
type Statement struct {
	Query  string
	Params map[string]any
	// Err is set when the parameters could not be decoded (a PackStream
	// type the relay does not know); the statement still counts.
	Err error
}

var relayDebug = os.Getenv("BENCH_API_RELAY_DEBUG") != ""

// boltRelay forwards Bolt connections to Neo4j byte for byte and, while
// recording, keeps the RUN messages the client sends.
type boltRelay struct {
	ln     net.Listener
	target string

	mu        sync.Mutex
	recording bool
	stmts     []Statement
	conns     map[net.Conn]bool
}

func startRelay(target string) (*boltRelay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &boltRelay{ln: ln, target: target, conns: map[net.Conn]bool{}}
	go r.serve()
	return r, nil
}

func (r *boltRelay) Addr() string { return r.ln.Addr().String() }

func (r *boltRelay) Close() {
	r.ln.Close()
	r.mu.Lock()
	for c := range r.conns {
		c.Close()
	}
	r.mu.Unlock()
}

// Record starts keeping statements, forgetting any kept before.
func (r *boltRelay) Record() {
	r.mu.Lock()
	r.recording, r.stmts = true, nil
	r.mu.Unlock()
}

// Stop stops keeping statements and returns those kept since Record.
func (r *boltRelay) Stop() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recording = false
	out := r.stmts
	r.stmts = nil
	return out
}

func (r *boltRelay) serve() {
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		go r.handle(c)
	}
}

func (r *boltRelay) track(c net.Conn, on bool) {
	r.mu.Lock()
	if on {
		r.conns[c] = true
	} else {
		delete(r.conns, c)
	}
	r.mu.Unlock()
}

func (r *boltRelay) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", r.target)
	if err != nil {
		return
	}
	defer server.Close()
	r.track(client, true)
	r.track(server, true)
	defer r.track(client, false)
	defer r.track(server, false)

	cr := bufio.NewReader(client)
	// Handshake: magic and four version proposals from the client; the
	// server answers with a version, or with 0x000001FF and a manifest
	// (Bolt 5.7+), to which the client replies with its choice.
	hello := make([]byte, 20)
	if _, err := io.ReadFull(cr, hello); err != nil {
		return
	}
	if _, err := server.Write(hello); err != nil {
		return
	}
	manifest := make(chan bool, 1)
	go func() {
		defer client.Close()
		sr := bufio.NewReader(server)
		// The whole answer goes to the client in one write: drivers may not
		// expect a handshake split across packets.
		reply, isManifest, err := readHandshakeReply(sr)
		if err != nil {
			manifest <- false
			return
		}
		client.Write(reply)
		manifest <- isManifest
		io.Copy(client, sr)
	}()
	if <-manifest {
		choice := make([]byte, 4)
		if _, err := io.ReadFull(cr, choice); err != nil {
			return
		}
		_, raw, err := readVarint(cr)
		if err != nil {
			return
		}
		server.Write(append(choice, raw...))
	}
	// Messages: chunks of [size uint16][data], a zero size ends a message.
	var msg []byte
	head := make([]byte, 2)
	for {
		if _, err := io.ReadFull(cr, head); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint16(head))
		chunk := make([]byte, 2+n)
		copy(chunk, head)
		if _, err := io.ReadFull(cr, chunk[2:]); err != nil {
			return
		}
		if _, err := server.Write(chunk); err != nil {
			return
		}
		if n > 0 {
			msg = append(msg, chunk[2:]...)
			continue
		}
		if len(msg) > 0 {
			r.message(msg)
		}
		msg = msg[:0]
	}
}

// message keeps a RUN (struct signature 0x10: query, parameters, extra).
func (r *boltRelay) message(m []byte) {
	if relayDebug && len(m) >= 2 {
		fmt.Fprintf(os.Stderr, "relay %s: message 0x%02X 0x%02X (%d bytes)\n", r.Addr(), m[0], m[1], len(m))
	}
	if len(m) < 2 || m[0]&0xF0 != 0xB0 || m[1] != 0x10 {
		return
	}
	r.mu.Lock()
	rec := r.recording
	r.mu.Unlock()
	if !rec {
		return
	}
	d := &unpacker{b: m[2:]}
	q, err := d.value()
	st := Statement{}
	if s, ok := q.(string); ok && err == nil {
		st.Query = s
		p, err := d.value()
		if pm, ok := p.(map[string]any); ok && err == nil {
			st.Params = pm
		} else {
			st.Err = fmt.Errorf("parameters: %v", err)
		}
	} else {
		st.Err = fmt.Errorf("query: %v", err)
	}
	r.mu.Lock()
	if r.recording {
		r.stmts = append(r.stmts, st)
	}
	r.mu.Unlock()
}

// readHandshakeReply reads the server's version, and the manifest that
// follows 0x000001FF (versions, then capabilities).
func readHandshakeReply(sr *bufio.Reader) (reply []byte, isManifest bool, err error) {
	v := make([]byte, 4)
	if _, err := io.ReadFull(sr, v); err != nil {
		return nil, false, err
	}
	reply = v
	if !(v[0] == 0 && v[1] == 0 && v[2] == 1 && v[3] == 0xFF) {
		return reply, false, nil
	}
	n, raw, err := readVarint(sr)
	if err != nil {
		return nil, false, err
	}
	reply = append(reply, raw...)
	buf := make([]byte, 4*n)
	if _, err := io.ReadFull(sr, buf); err != nil {
		return nil, false, err
	}
	reply = append(reply, buf...)
	if _, raw, err = readVarint(sr); err != nil {
		return nil, false, err
	}
	return append(reply, raw...), true, nil
}

func readVarint(r *bufio.Reader) (int, []byte, error) {
	var n int
	var raw []byte
	for shift := 0; shift < 35; shift += 7 {
		b, err := r.ReadByte()
		if err != nil {
			return 0, nil, err
		}
		raw = append(raw, b)
		n |= int(b&0x7F) << shift
		if b&0x80 == 0 {
			return n, raw, nil
		}
	}
	return 0, nil, errors.New("varint too long")
}

// unpacker decodes the PackStream values that occur in parameters.
type unpacker struct {
	b []byte
	i int
}

var errShort = errors.New("packstream: short message")

func (u *unpacker) take(n int) ([]byte, error) {
	if u.i+n > len(u.b) {
		return nil, errShort
	}
	s := u.b[u.i : u.i+n]
	u.i += n
	return s, nil
}

func (u *unpacker) size(marker byte, tiny, b8, b16, b32 byte) (int, bool, error) {
	switch {
	case marker&0xF0 == tiny:
		return int(marker & 0x0F), true, nil
	case marker == b8:
		s, err := u.take(1)
		if err != nil {
			return 0, true, err
		}
		return int(s[0]), true, nil
	case marker == b16:
		s, err := u.take(2)
		if err != nil {
			return 0, true, err
		}
		return int(binary.BigEndian.Uint16(s)), true, nil
	case marker == b32:
		s, err := u.take(4)
		if err != nil {
			return 0, true, err
		}
		return int(binary.BigEndian.Uint32(s)), true, nil
	}
	return 0, false, nil
}

func (u *unpacker) value() (any, error) {
	mb, err := u.take(1)
	if err != nil {
		return nil, err
	}
	m := mb[0]
	switch {
	case m <= 0x7F:
		return int64(m), nil
	case m >= 0xF0:
		return int64(int8(m)), nil
	}
	switch m {
	case 0xC0:
		return nil, nil
	case 0xC2:
		return false, nil
	case 0xC3:
		return true, nil
	case 0xC1:
		s, err := u.take(8)
		if err != nil {
			return nil, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(s)), nil
	case 0xC8:
		s, err := u.take(1)
		if err != nil {
			return nil, err
		}
		return int64(int8(s[0])), nil
	case 0xC9:
		s, err := u.take(2)
		if err != nil {
			return nil, err
		}
		return int64(int16(binary.BigEndian.Uint16(s))), nil
	case 0xCA:
		s, err := u.take(4)
		if err != nil {
			return nil, err
		}
		return int64(int32(binary.BigEndian.Uint32(s))), nil
	case 0xCB:
		s, err := u.take(8)
		if err != nil {
			return nil, err
		}
		return int64(binary.BigEndian.Uint64(s)), nil
	}
	if n, ok, err := u.size(m, 0xFF, 0xCC, 0xCD, 0xCE); ok && m >= 0xCC && m <= 0xCE { // bytes
		if err != nil {
			return nil, err
		}
		s, err := u.take(n)
		return append([]byte(nil), s...), err
	}
	if n, ok, err := u.size(m, 0x80, 0xD0, 0xD1, 0xD2); ok {
		if err != nil {
			return nil, err
		}
		s, err := u.take(n)
		return string(s), err
	}
	if n, ok, err := u.size(m, 0x90, 0xD4, 0xD5, 0xD6); ok {
		if err != nil {
			return nil, err
		}
		list := make([]any, n)
		for i := range list {
			if list[i], err = u.value(); err != nil {
				return nil, err
			}
		}
		return list, nil
	}
	if n, ok, err := u.size(m, 0xA0, 0xD8, 0xD9, 0xDA); ok {
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, n)
		for range n {
			k, err := u.value()
			if err != nil {
				return nil, err
			}
			ks, _ := k.(string)
			if out[ks], err = u.value(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if m&0xF0 == 0xB0 {
		n := int(m & 0x0F)
		sig, err := u.take(1)
		if err != nil {
			return nil, err
		}
		fields := make([]any, n)
		for i := range fields {
			if fields[i], err = u.value(); err != nil {
				return nil, err
			}
		}
		switch sig[0] {
		case 'D': // Date: days since the epoch
			days, _ := fields[0].(int64)
			return neo4j.DateOf(time.Unix(days*86400, 0).UTC()), nil
		case 'E': // Duration: months, days, seconds, nanoseconds
			f := make([]int64, 4)
			for i := range f {
				f[i], _ = fields[i].(int64)
			}
			return neo4j.DurationOf(f[0], f[1], f[2], int(f[3])), nil
		}
		return nil, fmt.Errorf("packstream: structure %q in parameters is not supported", sig[0])
	}
	return nil, fmt.Errorf("packstream: unknown marker 0x%02X", m)
}

// Profile is what PROFILE says of a list of statements.
type Profile struct {
	Statements int
	DBHits     int64
	Rows       int64
	// Failed counts statements that could not be profiled.
	Failed   int
	FirstErr string
	// Each is the db hits and rows of each statement (-1: not profiled).
	Each []StatementProfile
}

type StatementProfile struct {
	DBHits, Rows int64
	Took         time.Duration // of the PROFILE run, for orientation only
}

var cypherPrefix = regexp.MustCompile(`(?is)^\s*CYPHER(\s+[0-9.]+)?(\s+[a-zA-Z_]+\s*=\s*[a-zA-Z_]+)*\s`)

// profiled prefixes a statement with PROFILE, after any CYPHER options.
func profiled(q string) string {
	if loc := cypherPrefix.FindStringIndex(q); loc != nil {
		return q[:loc[1]] + "PROFILE " + q[loc[1]:]
	}
	return "PROFILE " + q
}

// profileStatements runs each statement under PROFILE in a read
// transaction and sums the db hits of every operator of each plan.
func profileStatements(ctx context.Context, driver neo4j.DriverWithContext, stmts []Statement) Profile {
	p := Profile{Statements: len(stmts)}
	for _, st := range stmts {
		if st.Err != nil {
			p.fail(st.Err)
			p.Each = append(p.Each, StatementProfile{DBHits: -1, Rows: -1})
			continue
		}
		start := time.Now()
		hits, rows, err := profileOne(ctx, driver, st.Query, st.Params)
		if err != nil {
			p.fail(err)
			p.Each = append(p.Each, StatementProfile{DBHits: -1, Rows: -1})
			continue
		}
		p.DBHits += hits
		p.Rows += rows
		p.Each = append(p.Each, StatementProfile{DBHits: hits, Rows: rows, Took: time.Since(start)})
	}
	return p
}

func (p *Profile) fail(err error) {
	p.Failed++
	if p.FirstErr == "" {
		p.FirstErr = err.Error()
	}
}

func profileOne(ctx context.Context, driver neo4j.DriverWithContext, query string, params map[string]any) (hits, rows int64, err error) {
	sess := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	_, err = sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, profiled(query), params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rows++
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		if sum.Profile() == nil {
			return nil, errors.New("no profile in the summary")
		}
		hits = sumHits(sum.Profile())
		return nil, nil
	})
	return hits, rows, err
}

func sumHits(p neo4j.ProfiledPlan) int64 {
	n := p.DbHits()
	for _, c := range p.Children() {
		n += sumHits(c)
	}
	return n
}

// shortCypher is a statement on one line, cut to n characters, for tables.
func shortCypher(q string, n int) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > n {
		q = q[:n] + "…"
	}
	return q
}
