package httpapi

import (
	"context"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit allows a client Rate requests a second on average with bursts
// of Burst. Rate 0 turns it off.
type RateLimit struct {
	Rate  float64 `json:"rate"`
	Burst int     `json:"burst"`
}

func (l RateLimit) newLimiter() *rate.Limiter {
	if l.Rate <= 0 {
		return nil
	}
	return rate.NewLimiter(rate.Limit(l.Rate), l.Burst)
}

// Clients tracked at once, and how often idle ones are forgotten.
const (
	maxClients = 100_000
	sweepEvery = time.Minute
)

// limiters holds one limiter per client address. Memory stays bounded: a
// sweep forgets the limiters that have refilled (a full one is the same as
// a new one, so nothing is lost), and while maxClients are still tracked,
// new clients share one limiter until a sweep frees room.
type limiters struct {
	limit    RateLimit
	mu       sync.Mutex
	clients  map[string]*rate.Limiter
	overflow *rate.Limiter
	swept    time.Time
	now      func() time.Time
}

func newLimiters(l RateLimit) *limiters {
	return &limiters{limit: l, clients: map[string]*rate.Limiter{}, overflow: l.newLimiter(), now: time.Now}
}

// get is who's limiter; nil when the limit is off.
func (ls *limiters) get(who string) *rate.Limiter {
	if ls.limit.Rate <= 0 {
		return nil
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	now := ls.now()
	// A full map is swept at most once a second, so a flood of new
	// addresses cannot make every request pay for a sweep.
	if since := now.Sub(ls.swept); since > sweepEvery || len(ls.clients) >= maxClients && since > time.Second {
		ls.sweep(now)
	}
	if l := ls.clients[who]; l != nil {
		return l
	}
	if len(ls.clients) >= maxClients {
		return ls.overflow
	}
	l := ls.limit.newLimiter()
	ls.clients[who] = l
	return l
}

func (ls *limiters) sweep(now time.Time) {
	ls.swept = now
	for who, l := range ls.clients {
		if l.TokensAt(now) >= float64(l.Burst()) {
			delete(ls.clients, who)
		}
	}
}

// rateLimiter limits each API key to its own limit (the key file's, or the
// server's) and each client without a key to the server's, by address.
type rateLimiter struct {
	keys  map[string]*rate.Limiter
	addrs *limiters
}

func newRateLimiter(def RateLimit, keys []Key) *rateLimiter {
	rl := &rateLimiter{keys: map[string]*rate.Limiter{}, addrs: newLimiters(def)}
	for _, k := range keys {
		l := def
		if k.RateLimit != nil {
			l = *k.RateLimit
		}
		rl.keys[k.Name] = l.newLimiter()
	}
	return rl
}

func (rl *rateLimiter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := identityFrom(r.Context())
		var l *rate.Limiter
		if id.key != nil {
			l = rl.keys[id.key.Name]
		} else {
			l = rl.addrs.get(id.addr)
		}
		if allow(w, l) {
			next.ServeHTTP(w, r)
		}
	})
}

// allow takes a token from l (nil: no limit), or answers 429 with the
// seconds until one is free in Retry-After.
func allow(w http.ResponseWriter, l *rate.Limiter) bool {
	if l == nil {
		return true
	}
	now := time.Now()
	res := l.ReserveN(now, 1)
	wait := res.DelayFrom(now)
	if res.OK() && wait == 0 {
		return true
	}
	res.CancelAt(now)
	if !res.OK() {
		wait = time.Second
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	writeGraphQLError(w, http.StatusTooManyRequests, "RATE_LIMITED", "too many requests; retry after the time in Retry-After")
	return false
}

// sampledLog writes at most a line a second on average (bursts of 20),
// and says how many it left out since the last, so refusals at any rate
// cost a bounded amount of log.
type sampledLog struct {
	log     *slog.Logger
	lines   *rate.Limiter
	dropped atomic.Int64
}

func newSampledLog(log *slog.Logger) *sampledLog {
	return &sampledLog{log: log, lines: rate.NewLimiter(1, 20)}
}

func (s *sampledLog) warn(msg string, args ...any) { s.write(slog.LevelWarn, msg, args) }
func (s *sampledLog) info(msg string, args ...any) { s.write(slog.LevelInfo, msg, args) }

func (s *sampledLog) write(level slog.Level, msg string, args []any) {
	if !s.lines.Allow() {
		s.dropped.Add(1)
		return
	}
	if n := s.dropped.Swap(0); n > 0 {
		args = append(args, "suppressed", n)
	}
	s.log.Log(context.Background(), level, msg, args...)
}
