package httpapi

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestQueryCacheIsBoundedInBytes adds a thousand 800 KB queries, as a
// client padding distinct GET queries would: the cache keeps what fits in
// its bytes, the most recent, and nothing larger than itself.
func TestQueryCacheIsBoundedInBytes(t *testing.T) {
	ctx := context.Background()
	const limit = 8 << 20
	c := newByteCache(limit, func(k string, v string) int64 { return int64(len(k)) })
	for i := range 1000 {
		c.Add(ctx, fmt.Sprintf("%04d", i)+strings.Repeat("x", 800<<10), "doc")
	}
	if c.Held() > limit {
		t.Errorf("the cache holds %d bytes; the limit is %d", c.Held(), limit)
	}
	if _, ok := c.Get(ctx, "0999"+strings.Repeat("x", 800<<10)); !ok {
		t.Error("the most recent entry was evicted")
	}
	if _, ok := c.Get(ctx, "0000"+strings.Repeat("x", 800<<10)); ok {
		t.Error("the oldest entry is still held")
	}
	c.Add(ctx, strings.Repeat("y", limit+1), "doc")
	if _, ok := c.Get(ctx, strings.Repeat("y", limit+1)); ok {
		t.Error("an entry larger than the cache was kept")
	}
	c.Add(ctx, "small", "doc")
	c.Add(ctx, "small", "doc")
	if _, ok := c.Get(ctx, "small"); !ok || c.Held() > limit {
		t.Errorf("re-adding an entry: held %d", c.Held())
	}
}
