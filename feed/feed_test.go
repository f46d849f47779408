package feed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// A subscriber that stops reading is dropped once its buffer is full,
// while one that reads receives every version in order.
func TestSlowSubscriberDropped(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	load := func(i int) {
		t.Helper()
		text := fmt.Sprintf("actors:\n  - id: alice\n    kind: person\n    name: Alice %d\n", i)
		if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := loader.Read([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Write(ctx, db.Store, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	load(0)
	var dropped atomic.Int32
	f := feed.New(db.Store, feed.Options{Interval: 20 * time.Millisecond, Buffer: 2, Dropped: func() { dropped.Add(1) }})
	defer f.Close()
	slow, err := f.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reader, err := f.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := <-reader
	if first.Version != 1 || len(first.Labels) != 0 {
		t.Fatalf("first update %+v, want version 1 with no changes", first)
	}
	for i := 1; i <= 4; i++ {
		load(i)
		u := <-reader
		if u.Version != first.Version+i || len(u.Labels) != 1 || len(u.Labels[0].UpdatedIDs) != 1 || u.Labels[0].UpdatedIDs[0] != "alice" {
			t.Fatalf("update %d: %+v, want version %d updating alice", i, u, first.Version+i)
		}
	}
	// The slow one holds its buffer (the first update and one change),
	// then its channel is closed.
	var got []int
	for u := range slow {
		got = append(got, u.Version)
	}
	if fmt.Sprint(got) != "[1 2]" || dropped.Load() != 1 || f.Subscribers() != 1 {
		t.Errorf("slow subscriber got %v, %d dropped, %d subscribers left; want [1 2], 1 dropped, 1 left", got, dropped.Load(), f.Subscribers())
	}
}

// A subscription ends with its context; once closed, the feed refuses new
// ones.
func TestSubscriptionEndsWithContext(t *testing.T) {
	db := neo4jtest.Open(t)
	f := feed.New(db.Store, feed.Options{Interval: 20 * time.Millisecond})
	defer f.Close()
	ctx, cancel := context.WithCancel(context.Background())
	ch, err := f.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u := <-ch; u.Version != 0 || u.Horizon != nil {
		t.Fatalf("empty graph: %+v, want version 0 and no horizon", u)
	}
	cancel()
	select {
	case _, open := <-ch:
		if open {
			t.Fatal("an update after the context ended")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the channel stayed open after the context ended")
	}
	if n := f.Subscribers(); n != 0 {
		t.Errorf("%d subscribers left", n)
	}
	f.Close()
	if _, err := f.Subscribe(context.Background()); err != feed.ErrClosed {
		t.Errorf("subscribe after Close: %v, want ErrClosed", err)
	}
}
