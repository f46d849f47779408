package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Knowing that Neo4j has stopped answering. A Neo4j that is hung (stopped,
// swapping, partitioned) rather than down refuses nothing: connections open
// and requests wait on them until their deadline. A server that monitors
// probes Neo4j on a connection of its own, so a busy pool never reads as
// an outage; when a probe fails, the reads in flight are cancelled with
// ErrUnavailable and new ones fail at once, until a probe succeeds again.

var stmtProbe = define("probe", "read/probe.cypher", nil)

// Probe timings: a hang is known within ProbeInterval + ProbeTimeout.
const (
	ProbeInterval = 500 * time.Millisecond
	ProbeTimeout  = 1500 * time.Millisecond
)

// health is what the last probe found, and the context that ends the
// reads started while Neo4j answered.
type health struct {
	mu        sync.Mutex
	monitored bool
	err       error // nil while Neo4j answers
	warming   bool  // Neo4j is back, and the statements sent before are being planned
	up        context.Context
	down      context.CancelCauseFunc
}

// Monitor probes Neo4j every ProbeInterval until ctx ends. It returns once
// the first probe has ended, so Ready and reads see a known state.
func (s *Store) Monitor(ctx context.Context) error {
	driver, err := neo4j.NewDriverWithContext(s.cfg.URI, neo4j.BasicAuth(s.cfg.User, s.cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			c.MaxConnectionPoolSize = 1
			c.SocketConnectTimeout = ProbeTimeout
			c.ConnectionAcquisitionTimeout = ProbeTimeout
			c.MaxTransactionRetryTime = 0
		})
	if err != nil {
		return fmt.Errorf("neo4j probe driver for %s: %w", s.cfg.URI, err)
	}
	s.health.mu.Lock()
	s.health.monitored = true
	s.health.mu.Unlock()
	s.record(ctx, s.probe(ctx, driver))
	go func() {
		defer driver.Close(context.WithoutCancel(ctx))
		tick := time.NewTicker(ProbeInterval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				s.record(ctx, s.probe(ctx, driver))
			}
		}
	}()
	return nil
}

func (s *Store) probe(ctx context.Context, driver neo4j.DriverWithContext) error {
	ctx, cancel := context.WithTimeout(ctx, ProbeTimeout)
	defer cancel()
	sess := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: s.database})
	defer sess.Close(ctx)
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := run(ctx, tx, stmtProbe, nil)
		if err != nil {
			return nil, err
		}
		_, err = res.Consume(ctx)
		return nil, err
	}, neo4j.WithTxTimeout(ProbeTimeout))
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: no answer within %s", ErrUnavailable, ProbeTimeout)
		}
		if err := classify(err); errors.Is(err, ErrUnavailable) {
			return err
		}
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return nil
}

// record keeps a probe's outcome; going down cancels the reads in flight.
func (s *Store) record(monitor context.Context, err error) {
	if monitor.Err() != nil {
		return // the monitor is stopping: the probe says nothing of Neo4j
	}
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	wasUp := h.err == nil
	h.err = err
	if err != nil && wasUp && h.down != nil {
		h.down(err)
		h.up, h.down = nil, nil
	}
	if err == nil && h.up == nil {
		h.up, h.down = context.WithCancelCause(context.Background())
		if !wasUp {
			s.renewDriver()
			h.warming = true
			go s.warm()
		}
	}
}

// renewDriver replaces the driver once Neo4j answers again after it did
// not: the old pool's connections are dead, and the driver would find
// that out one connection and one retry pause at a time (3.6 s for the
// first answer after a restart). Reads in flight were cancelled when Neo4j
// went down; the old driver closes once any stragglers are done.
func (s *Store) renewDriver() {
	fresh, err := newDriver(s.cfg)
	if err != nil {
		return // the same configuration made the first one: keep it
	}
	old := s.drivers.Swap(&driverRef{fresh})
	time.AfterFunc(time.Minute, func() { _ = old.Close(context.Background()) })
}

// Ready says whether Neo4j answers: what the last probe found when the
// store monitors, else a ping under ctx.
func (s *Store) Ready(ctx context.Context) error {
	h := &s.health
	h.mu.Lock()
	monitored, err, warming := h.monitored, h.err, h.warming
	h.mu.Unlock()
	if !monitored {
		return s.Ping(ctx)
	}
	if err == nil && warming {
		return ErrWarming
	}
	return err
}

// ErrWarming says Neo4j answers again and the server is planning the
// statements it sends before it calls itself ready.
var ErrWarming = errors.New("neo4j is back; warming up")

// guard ties a read to Neo4j's health: it fails at once while Neo4j is
// known down, and its context ends with ErrUnavailable when Neo4j goes
// down during it.
func (s *Store) guard(ctx context.Context) (context.Context, func(), error) {
	h := &s.health
	h.mu.Lock()
	monitored, err, up := h.monitored, h.err, h.up
	h.mu.Unlock()
	if !monitored {
		return ctx, func() {}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(up, func() { cancel(context.Cause(up)) })
	return ctx, func() { stop(); cancel(nil) }, nil
}

// sent holds each statement the process has sent, by name (at most the
// registry's few hundred), for warming Neo4j up again.
var sent sync.Map

// WarmBudget bounds the warm-up after Neo4j comes back.
const WarmBudget = 30 * time.Second

// warm has Neo4j plan (EXPLAIN) each statement this server has sent, so the
// first requests after Neo4j restarts do not pay for planning on a cold
// Neo4j (4.5 s for an actor page, measured; 0.4 s once warm). Ready says
// 503 meanwhile, so a load balancer sends nothing until it is done.
func (s *Store) warm() {
	defer func() {
		s.health.mu.Lock()
		s.health.warming = false
		s.health.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), WarmBudget)
	defer cancel()
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	sent.Range(func(_, v any) bool {
		st := v.(Statement)
		_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := run(ctx, tx, st.explained(), nil)
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		return err == nil
	})
}
