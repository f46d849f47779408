package store_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// A list of values decodes as the entity does: for every type that
// statements return as a list (the values template function), each node or
// relationship of the fixtures of that type decodes to the same value from
// the list as from all its properties.
func TestListedValuesDecodeAsTheEntity(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	in, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(ctx, db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	matches := map[string]string{
		"Place":  "MATCH (n:Place)",
		"Source": "MATCH (n:Source)",
	}
	types := store.ListedTypes()
	sort.Strings(types)
	for _, typ := range types {
		match, ok := matches[typ]
		if !ok {
			t.Errorf("%s: listed, but this test has no match for it", typ)
			continue
		}
		rows := db.Rows(match+" RETURN properties(n) AS whole, "+store.Values("n", typ)+" AS listed", nil)
		if len(rows) == 0 {
			t.Errorf("%s: the fixtures have none", typ)
		}
		for _, r := range rows {
			whole, err := store.DecodeListed(typ, r["whole"])
			if err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			got, err := store.DecodeListed(typ, r["listed"])
			if err != nil {
				t.Fatalf("%s listed: %v", typ, err)
			}
			if !reflect.DeepEqual(got, whole) {
				t.Errorf("%s: listed %+v, whole %+v", typ, got, whole)
			}
		}
	}
}
