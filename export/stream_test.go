package export

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// An export read in many small pages and batches is byte for byte the
// export read in one: streaming changes when rows are read, not what is
// written. Six copies of the fixtures make 618 events.
func TestStreamingInBatchesChangesNothing(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := neo4jtest.ReplicateFixtures(t, "../fixtures", 6)
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	// GEXF says the day it was written.
	today := regexp.MustCompile(`lastmodifieddate="[0-9-]+"`)
	write := func(format Format) []byte {
		var buf bytes.Buffer
		if err := Write(context.Background(), db.Store, &buf, format, Filter{}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return today.ReplaceAll(buf.Bytes(), nil)
	}
	whole := map[Format][]byte{}
	for _, f := range Formats {
		whole[f] = write(f)
	}
	defer func(p, b int) { pageSize, batchEvents = p, b }(pageSize, batchEvents)
	pageSize, batchEvents = 7, 30
	for _, f := range Formats {
		got := write(f)
		if !bytes.Equal(got, whole[f]) {
			t.Errorf("%s: %d bytes in small batches, %d in one", f, len(got), len(whole[f]))
		}
		if len(got) < 10000 {
			t.Errorf("%s: only %d bytes for 618 events", f, len(got))
		}
	}
}
