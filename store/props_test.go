package store

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestPropsRoundTripEveryType(t *testing.T) {
	long := strings.Repeat("é", 300) // a length over one varint byte
	m := map[string]any{
		"title":    "Talks in Geneva",
		"empty":    "",
		"long":     long,
		"count":    int64(-129),
		"big":      int64(math.MaxInt64),
		"small":    int64(math.MinInt64),
		"ratio":    0.25,
		"yes":      true,
		"no":       false,
		"date":     neo4j.DateOf(time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC)),
		"old":      neo4j.DateOf(time.Date(1000, 2, 28, 0, 0, 0, 0, time.UTC)),
		"epoch":    neo4j.DateOf(time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)),
		"aliases":  []string{"Steve", "", long},
		"noneList": []string{},
	}
	p := NewProps(m)
	if got := p.Map(); !reflect.DeepEqual(got, m) {
		t.Fatalf("Map() = %#v\nwant %#v", got, m)
	}
	if p.Len() != len(m) {
		t.Errorf("Len() = %d, want %d", p.Len(), len(m))
	}
	for k, want := range m {
		got, ok := p.Lookup(k)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("Lookup(%q) = %#v, %v; want %#v", k, got, ok, want)
		}
	}
	if v, ok := p.Lookup("missing"); ok || v != nil {
		t.Errorf("Lookup(missing) = %v, %v", v, ok)
	}
	// An int is written as Neo4j's only integer type.
	if got := NewProps(map[string]any{"n": 7}).Get("n"); got != int64(7) {
		t.Errorf("int: got %#v", got)
	}
	// Equal maps encode equally, whatever order Go iterates them in.
	for range 20 {
		if NewProps(m) != p {
			t.Fatal("the same map encoded two ways")
		}
	}
}

func TestPropsEmpty(t *testing.T) {
	for _, m := range []map[string]any{nil, {}} {
		p := NewProps(m)
		if p != (Props{}) || len(p.Map()) != 0 || p.Len() != 0 {
			t.Errorf("NewProps(%v) = %#v", m, p)
		}
	}
}

func TestPropsRefuseUnknownTypes(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), `"when"`) || !strings.Contains(r.(string), "time.Time") {
			t.Fatalf("recovered %v, want a panic naming the key and the type", r)
		}
	}()
	NewProps(map[string]any{"when": time.Now()})
}
