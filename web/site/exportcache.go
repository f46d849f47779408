package site

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Exports are cached on disk, by the graph's version, format and filter:
// the whole graph as GraphML is 14 MB and takes the server and Neo4j about
// 7 s of CPU at 20,000 events, and newsrooms (and hostile clients) ask for
// the same download again and again. Requests for an export being written
// wait for it rather than write it again. A load that changes the graph
// raises its version, so no export outlives the graph it was made from;
// the TTL and exportCacheBytes only bound the disk the cache takes (each
// download says when it was made, in Last-Modified).

// exportCacheBytes bounds the files the cache keeps.
const exportCacheBytes = 512 << 20

type exportCache struct {
	dir string
	ttl time.Duration

	mu      sync.Mutex
	entries map[string]*exportEntry
	bytes   int64
	version int64 // the graph's latest version seen
}

// exportEntry is one export: being written until done is closed, then
// either a file (path) or a failure (err).
type exportEntry struct {
	done    chan struct{}
	path    string
	size    int64
	made    time.Time
	err     error
	removed bool // no longer in the cache
	counted bool // its size counts in the cache's bytes
}

// newExportCache caches in a folder of its own; a ttl of 0 caches nothing
// beyond sharing an export being written.
func newExportCache(ttl time.Duration) (*exportCache, error) {
	dir, err := os.MkdirTemp("", "diplograph-exports-")
	if err != nil {
		return nil, fmt.Errorf("export cache: %w", err)
	}
	return &exportCache{dir: dir, ttl: ttl, entries: map[string]*exportEntry{}}, nil
}

// lookup returns the entry for key when one is written and fresh, or being
// written.
func (c *exportCache) lookup(key string) (*exportEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e, ok && c.usable(e)
}

// usable: the entry is being written (wait for it), or written without
// failure within the TTL. Called with mu held.
func (c *exportCache) usable(e *exportEntry) bool {
	select {
	case <-e.done:
		return e.err == nil && time.Since(e.made) < c.ttl
	default:
		return true
	}
}

// get returns the entry for key and whether the caller is to write it (then
// it must call finish). An entry past its TTL is replaced.
func (c *exportCache) get(key string) (*exportEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		if c.usable(e) {
			return e, false
		}
		c.remove(key, e)
	}
	e := &exportEntry{done: make(chan struct{})}
	c.entries[key] = e
	return e, true
}

// create opens the file an entry is written to.
func (c *exportCache) create(e *exportEntry) (*os.File, error) {
	f, err := os.CreateTemp(c.dir, "export-")
	if err != nil {
		return nil, fmt.Errorf("export cache: %w", err)
	}
	e.path = f.Name()
	return f, nil
}

// finish records how writing an entry ended, and makes room for it.
func (c *exportCache) finish(key string, e *exportEntry, size int64, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.size, e.err, e.made = size, err, time.Now()
	close(e.done)
	if e.removed {
		unlinkLater(e.path) // cleared while being written
		return
	}
	if err != nil || c.ttl <= 0 || size > exportCacheBytes/4 {
		c.remove(key, e)
		return
	}
	e.counted = true
	c.bytes += size
	for c.bytes > exportCacheBytes {
		var oldKey string
		var oldest *exportEntry
		for k, x := range c.entries {
			if x.counted && x != e && (oldest == nil || x.made.Before(oldest.made)) {
				oldKey, oldest = k, x
			}
		}
		if oldest == nil {
			break
		}
		c.remove(oldKey, oldest)
	}
}

// remove forgets an entry, and deletes its file once written. The caller
// holds c.mu.
func (c *exportCache) remove(key string, e *exportEntry) {
	if c.entries[key] == e {
		delete(c.entries, key)
	}
	if e.removed {
		return
	}
	e.removed = true
	if e.counted {
		c.bytes -= e.size
	}
	select {
	case <-e.done:
		unlinkLater(e.path)
	default: // finish deletes it
	}
}

// unlinkLater deletes a cached file after a while, so that a request that
// has its entry but has not yet opened the file still can (an open file
// stays readable once unlinked).
func unlinkLater(path string) {
	if path != "" {
		time.AfterFunc(time.Minute, func() { _ = os.Remove(path) })
	}
}

// seen notes the graph's version; a newer one than before makes every
// entry stale, so they go at once rather than at their TTL.
func (c *exportCache) seen(version int64) {
	c.mu.Lock()
	newer := version > c.version
	if newer {
		c.version = version
	}
	c.mu.Unlock()
	if newer {
		c.clear()
	}
}

// clear forgets every finished entry; exports being written finish, but
// are not kept.
func (c *exportCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		c.remove(k, e)
	}
}

// Close deletes the cache's folder.
func (c *exportCache) Close() error { return os.RemoveAll(filepath.Clean(c.dir)) }
