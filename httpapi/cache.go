package httpapi

import (
	"context"
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// byteCache is a least-recently-used cache bounded by the bytes it holds
// rather than by its number of entries: a thousand entries of 800 KB each
// are not a thousand entries of 800 bytes.
type byteCache[T any] struct {
	mu    sync.Mutex
	lru   *simplelru.LRU[string, sized[T]]
	held  int64
	limit int64
	// weigh estimates what an entry takes in memory.
	weigh func(key string, v T) int64
}

type sized[T any] struct {
	v    T
	size int64
}

func newByteCache[T any](limit int64, weigh func(key string, v T) int64) *byteCache[T] {
	c := &byteCache[T]{limit: limit, weigh: weigh}
	// The entry count is bounded by limit, so the LRU's own bound is never
	// the one that evicts.
	c.lru, _ = simplelru.NewLRU[string, sized[T]](math.MaxInt32, func(_ string, e sized[T]) { c.held -= e.size })
	return c
}

func (c *byteCache[T]) Get(ctx context.Context, key string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lru.Get(key)
	return e.v, ok
}

// Add keeps the entry, evicting the least recently used ones until the
// cache fits; an entry larger than the whole cache is not kept.
func (c *byteCache[T]) Add(ctx context.Context, key string, v T) {
	size := c.weigh(key, v)
	if size > c.limit {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Remove(key)
	c.lru.Add(key, sized[T]{v: v, size: size})
	c.held += size
	for c.held > c.limit {
		c.lru.RemoveOldest()
	}
}

// Held is the bytes the cache holds, by its estimate.
func (c *byteCache[T]) Held() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.held
}

// Purge drops every entry.
func (c *byteCache[T]) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Purge()
}
