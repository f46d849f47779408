// Package feed tells subscribers when a load changed the graph, whichever
// process loaded: it polls the graph's version while anyone listens and
// hands each new version's change record to every subscriber.
package feed

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/diplograph/diplograph/store"
)

// Update is one message of the feed: a version of the graph and, after the
// first message, what the load that made it changed.
type Update struct {
	Version int
	// ChangedAt is when the load committed, RFC 3339.
	ChangedAt *string
	// Horizon: asOf on or after this day shows the whole graph.
	Horizon  *time.Time
	Complete bool
	Labels   []store.ChangeLabel
}

// Options tune a Feed.
type Options struct {
	// Interval between polls of the version (default 1 s).
	Interval time.Duration
	// Buffer is how many updates a subscriber may fall behind before it is
	// dropped (default 8).
	Buffer int
	Logger *slog.Logger
	// Dropped, when set, is told of each subscriber dropped for falling
	// behind.
	Dropped func()
}

// Feed fans the graph's changes out to subscribers.
type Feed struct {
	st   *store.Store
	opts Options
	wake chan struct{}

	mu      sync.Mutex
	subs    map[*subscriber]struct{}
	running bool
	closed  bool
	// version and horizon are the graph's as last read while running.
	version int64
	horizon *time.Time
}

type subscriber struct {
	ch chan *Update
	// version is the last version the subscriber was sent.
	version int64
}

// New makes a feed over st; it reads nothing until someone subscribes.
func New(st *store.Store, opts Options) *Feed {
	if opts.Interval <= 0 {
		opts.Interval = time.Second
	}
	if opts.Buffer <= 0 {
		opts.Buffer = 8
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Feed{st: st, opts: opts, wake: make(chan struct{}, 1), subs: map[*subscriber]struct{}{}}
}

// Subscribe returns a channel whose first update is the graph as it stands
// (no changes), then one update per new version. It is closed when ctx
// ends or when the subscriber falls more than Buffer updates behind.
func (f *Feed) Subscribe(ctx context.Context) (<-chan *Update, error) {
	s := &subscriber{ch: make(chan *Update, f.opts.Buffer)}
	// A feed that is not polling reads the graph's state first, outside
	// the lock; the loop may stop in between, so the check is made again.
	var now *store.GraphState
	for {
		f.mu.Lock()
		if f.closed {
			f.mu.Unlock()
			return nil, ErrClosed
		}
		if f.running || now != nil {
			break
		}
		f.mu.Unlock()
		st, err := f.st.Changes(ctx, store.ChangesAfterNone)
		if err != nil {
			return nil, err
		}
		now = &st
	}
	if !f.running {
		f.running = true
		f.version, f.horizon = now.Version, now.Horizon
		go f.run()
	}
	s.version = f.version
	s.ch <- &Update{Version: int(f.version), Horizon: f.horizon, Complete: true}
	f.subs[s] = struct{}{}
	f.mu.Unlock()
	context.AfterFunc(ctx, func() { f.remove(s) })
	return s.ch, nil
}

// ErrClosed refuses subscriptions once the server is shutting down.
var ErrClosed = errors.New("the server is shutting down")

// Close ends every subscription and refuses new ones: streams do not hold
// a server's shutdown.
func (f *Feed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for s := range f.subs {
		delete(f.subs, s)
		close(s.ch)
	}
}

// Subscribers is how many are listening.
func (f *Feed) Subscribers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}

// Poke has the feed look for a change now, rather than at its next poll:
// this process has just loaded.
func (f *Feed) Poke() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

func (f *Feed) remove(s *subscriber) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.subs[s]; ok {
		delete(f.subs, s)
		close(s.ch)
	}
}

// run polls while anyone listens.
func (f *Feed) run() {
	t := time.NewTicker(f.opts.Interval)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-t.C:
		case <-f.wake:
		}
		f.mu.Lock()
		if len(f.subs) == 0 {
			f.running = false
			f.mu.Unlock()
			return
		}
		since := f.version
		f.mu.Unlock()
		err := f.poll(since)
		// Neo4j down or busy: the next poll tries again. Only the change
		// of state is logged.
		if err != nil && !failing {
			f.opts.Logger.Warn("change feed: cannot read the graph's version", "err", err)
		} else if err == nil && failing {
			f.opts.Logger.Info("change feed: reading the graph's version again")
		}
		failing = err != nil
	}
}

func (f *Feed) poll(since int64) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, err := f.st.Version(ctx)
	if err != nil {
		return err
	}
	if v == since {
		return nil
	}
	st, err := f.st.Changes(ctx, since)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if st.Version < since {
		// The graph was emptied and loaded anew: its versions started
		// again. Subscribers are told of the new version, listing nothing.
		st.Changes = []store.Change{{Version: st.Version}}
		for s := range f.subs {
			s.version = -1
		}
	}
	for _, c := range st.Changes {
		u := &Update{Version: int(c.Version), Horizon: st.Horizon, Complete: c.Complete, Labels: c.Labels}
		if !c.ChangedAt.IsZero() {
			at := c.ChangedAt.UTC().Format(time.RFC3339Nano)
			u.ChangedAt = &at
		}
		f.broadcast(u)
		// The feed stands at the last change it told of: a record not yet
		// visible is told at the next poll.
		f.version = c.Version
	}
	f.horizon = st.Horizon
	return nil
}

// broadcast never waits: a subscriber whose buffer is full is dropped, so
// a slow consumer holds neither the feed nor more than its buffer.
func (f *Feed) broadcast(u *Update) {
	for s := range f.subs {
		if int64(u.Version) <= s.version {
			continue
		}
		select {
		case s.ch <- u:
			s.version = int64(u.Version)
		default:
			delete(f.subs, s)
			close(s.ch)
			f.opts.Logger.Warn("change feed: dropped a subscriber that fell behind", "buffer", f.opts.Buffer)
			if f.opts.Dropped != nil {
				f.opts.Dropped()
			}
		}
	}
}
