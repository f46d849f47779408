package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// How much work reads may put on Neo4j at once. A request with many aliases
// could otherwise start more transactions than the driver's pool holds, and
// the wait for a connection would read as an outage. Two bounds keep that
// from happening: each request runs at most a few transactions at once
// (the rest of its fields wait their turn), and the whole server at most
// Config.MaxInFlight, below the pool's size, so a connection is always
// free for what has a slot. What finds no slot in time is refused with
// ErrOverloaded: busy, not broken.

// ErrOverloaded says the server has as much work in flight as it takes:
// try again shortly.
var ErrOverloaded = errors.New("too much work in flight")

// Defaults of the bounds; the driver's pool holds 100 connections.
const (
	DefaultMaxInFlight  = 64
	DefaultPerRequest   = 4
	DefaultOverloadWait = time.Second
	driverPoolSize      = 100
)

type perRequestKey struct{}

// WithRequestLimit lets the reads made under ctx run at most n
// transactions at once; the others wait for one of them to end.
func WithRequestLimit(ctx context.Context, n int) context.Context {
	if n <= 0 {
		return ctx
	}
	return context.WithValue(ctx, perRequestKey{}, make(chan struct{}, n))
}

// acquire takes the request's slot, then one of the server's, and returns
// what gives them back. The server's slot is waited for at most
// s.overloadWait.
func (s *Store) acquire(ctx context.Context) (func(), error) {
	var release []chan struct{}
	done := func() {
		for _, c := range release {
			<-c
		}
	}
	if own, ok := ctx.Value(perRequestKey{}).(chan struct{}); ok {
		select {
		case own <- struct{}{}:
			release = append(release, own)
		case <-ctx.Done():
			return nil, classifyIn(ctx, ctx.Err())
		}
	}
	select {
	case s.inFlight <- struct{}{}:
		return func() { <-s.inFlight; done() }, nil
	default:
	}
	wait := time.NewTimer(s.overloadWait)
	defer wait.Stop()
	select {
	case s.inFlight <- struct{}{}:
		return func() { <-s.inFlight; done() }, nil
	case <-wait.C:
		done()
		return nil, fmt.Errorf("%w: %d transactions are running", ErrOverloaded, cap(s.inFlight))
	case <-ctx.Done():
		done()
		return nil, classifyIn(ctx, ctx.Err())
	}
}
