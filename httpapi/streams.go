package httpapi

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/metrics"
)

// Subscriptions stream over a websocket or as server-sent events. A stream
// lives long, so it takes neither the request deadline nor the request's
// transaction limit; it is bounded instead: a number of streams in all
// and per client, a heartbeat, and a deadline on every message written, so
// a client that stops reading is cut off rather than held.

// StreamLimits bound the subscription streams open at once.
type StreamLimits struct {
	// Max in all (default 1000) and PerClient per API key or address
	// (default 8).
	Max, PerClient int
	// Heartbeat is how often an idle stream is pinged (default 15 s).
	Heartbeat time.Duration
	// WriteTimeout is how long one message may take to be written before
	// the stream is cut (default 10 s).
	WriteTimeout time.Duration
}

func (l StreamLimits) withDefaults() StreamLimits {
	if l.Max <= 0 {
		l.Max = 1000
	}
	if l.PerClient <= 0 {
		l.PerClient = 8
	}
	if l.Heartbeat <= 0 {
		l.Heartbeat = 15 * time.Second
	}
	if l.WriteTimeout <= 0 {
		l.WriteTimeout = 10 * time.Second
	}
	return l
}

// retryStream is the Retry-After of a stream refused for the server's limit.
const retryStream = 5 * time.Second

// isStream reports whether a request to /graphql asks for a subscription
// stream rather than one answer.
func isStream(r *http.Request) bool {
	return r.Header.Get("Upgrade") != "" ||
		r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// byTransport sends streams to one handler and single answers to another.
func byTransport(answers, streams http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStream(r) {
			streams.ServeHTTP(w, r)
			return
		}
		answers.ServeHTTP(w, r)
	})
}

// checkStream refuses, with a code, what gqlgen's streaming transports
// would answer without one.
func checkStream(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var msg string
		if r.Header.Get("Upgrade") != "" {
			if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") || r.Method != http.MethodGet {
				msg = "only websocket upgrades are served, by GET"
			}
		} else {
			msg = checkPost(r)
		}
		if msg != "" {
			writeGraphQLError(w, http.StatusBadRequest, CodeBadRequest, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// streamLimit counts the streams open, in all and per client.
type streamLimit struct {
	limits  StreamLimits
	metrics *metrics.Metrics
	mu      sync.Mutex
	total   int
	clients map[string]int
}

func newStreamLimit(l StreamLimits, m *metrics.Metrics) *streamLimit {
	return &streamLimit{limits: l, metrics: m, clients: map[string]int{}}
}

func (s *streamLimit) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := identityFrom(r.Context()).String()
		if code := s.acquire(who); code != "" {
			countRefusal(r.Context(), code)
			if code == CodeOverloaded {
				w.Header().Set("Retry-After", strconv.Itoa(int(retryStream.Seconds())))
				writeGraphQLError(w, http.StatusServiceUnavailable, code, "too many subscriptions are open; try again after the time in Retry-After")
				return
			}
			writeGraphQLError(w, http.StatusTooManyRequests, code, "too many subscriptions from this client; close one first")
			return
		}
		defer s.release(who)
		next.ServeHTTP(w, r)
	})
}

func (s *streamLimit) acquire(who string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.clients[who] >= s.limits.PerClient:
		return "RATE_LIMITED"
	case s.total >= s.limits.Max:
		return CodeOverloaded
	}
	s.total++
	s.clients[who]++
	if s.metrics != nil {
		s.metrics.StreamOpened()
	}
	return ""
}

func (s *streamLimit) release(who string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total--
	if s.clients[who]--; s.clients[who] <= 0 {
		delete(s.clients, who)
	}
	if s.metrics != nil {
		s.metrics.StreamClosed()
	}
}

// streamTransports are the websocket (graphql-ws and graphql-transport-ws)
// and server-sent events transports, every message written under a
// deadline.
func streamTransports(l StreamLimits) []graphql.Transport {
	return []graphql.Transport{
		transport.Websocket{
			Implementation:        deadlineWebsocket{write: l.WriteTimeout},
			KeepAlivePingInterval: l.Heartbeat,
			PingPongInterval:      l.Heartbeat,
		},
		sseWithDeadline{sse: transport.SSE{KeepAlivePingInterval: l.Heartbeat}, write: l.WriteTimeout},
	}
}

// deadlineWebsocket accepts websockets as gqlgen's coder/websocket adapter
// does, with a write deadline on every message: the adapter writes with no
// deadline, so a client that stops reading would hold its connection.
type deadlineWebsocket struct{ write time.Duration }

func (d deadlineWebsocket) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	hw := &hijackRecorder{ResponseWriter: w}
	conn, err := transport.CoderWebsocketImplementation{}.Accept(hw, r, opts)
	if err != nil {
		return nil, err
	}
	if hw.conn == nil {
		_ = conn.Close()
		return nil, errNoHijack
	}
	// The server's read and write deadlines for the upgrade request would
	// cut the stream: it has its own heartbeat and write deadline.
	_ = hw.conn.SetDeadline(time.Time{})
	return &deadlineConn{WebsocketConn: conn, net: hw.conn, write: d.write}, nil
}

var errNoHijack = errors.New("the connection cannot be upgraded")

// hijackRecorder keeps the connection coder/websocket takes over.
type hijackRecorder struct {
	http.ResponseWriter
	conn net.Conn
}

func (h *hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	h.conn = c
	return c, rw, err
}

func (h *hijackRecorder) Unwrap() http.ResponseWriter { return h.ResponseWriter }

type deadlineConn struct {
	transport.WebsocketConn
	net   net.Conn
	write time.Duration
}

func (c *deadlineConn) WriteJSON(v any) error {
	_ = c.net.SetWriteDeadline(time.Now().Add(c.write))
	return c.WebsocketConn.WriteJSON(v)
}

// The adapter's optional interfaces, passed on.
func (c *deadlineConn) SetReadLimit(limit int64) {
	if l, ok := c.WebsocketConn.(transport.WebsocketReadLimiter); ok {
		l.SetReadLimit(limit)
	}
}

func (c *deadlineConn) SetReadDeadline(t time.Time) error {
	if d, ok := c.WebsocketConn.(transport.WebsocketReadDeadliner); ok {
		return d.SetReadDeadline(t)
	}
	return nil
}

// sseWithDeadline is gqlgen's SSE transport writing every event under a
// deadline, past the server's write timeout for one answer.
type sseWithDeadline struct {
	sse   transport.SSE
	write time.Duration
}

func (s sseWithDeadline) Supports(r *http.Request) bool { return s.sse.Supports(r) }

func (s sseWithDeadline) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	s.sse.Do(&deadlineWriter{ResponseWriter: w, rc: rc, write: s.write}, r, exec)
}

type deadlineWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	write time.Duration
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.write))
	return d.ResponseWriter.Write(p)
}

// Flush is what gqlgen's SSE transport asks of its writer.
func (d *deadlineWriter) Flush() {
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.write))
	_ = d.rc.Flush()
}

func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// operationKinds refuses subscriptions where single answers are served and
// everything else where streams are: a query over a stream would escape
// the request deadline, a subscription over POST would answer once.
type operationKinds struct{ streams bool }

func (operationKinds) ExtensionName() string                          { return "OperationKinds" }
func (operationKinds) Validate(schema graphql.ExecutableSchema) error { return nil }

func (k operationKinds) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	isSub := op.Operation.Operation == ast.Subscription
	switch {
	case k.streams && !isSub:
		return refusal(CodeBadRequest, "a websocket or event stream serves subscriptions only; send queries with GET or POST")
	case !k.streams && isSub:
		return refusal(CodeBadRequest, "subscriptions need a websocket (graphql-ws or graphql-transport-ws) or Accept: text/event-stream")
	}
	return nil
}
