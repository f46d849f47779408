package store

import (
	"fmt"
	"math/bits"
	"reflect"
	"slices"
)

// PropSet is a set of the properties a store type decodes, by the
// position of their fields (fieldsOf). A page of events, and an event
// page, return, of each event, participant, participation, actor
// represented and cited source, only the properties its query reads
// (Page.EventProps, ParticipantFields, Page.SourceProps, EventParts):
// every property costs Neo4j its reading and the driver and decode their
// decoding, and the server allocated 9.5% less a request on the actor
// page, 15% less on the timeline (bench/RESULTS.md). The zero set stands
// for every property, so a caller that does not choose reads them all.
type PropSet uint64

// PropsOf is the set of the named properties of T; a name it does not have
// is a programming error.
func PropsOf[T any](names ...string) PropSet {
	t := reflect.TypeFor[T]()
	fields := fieldsOf(t)
	if len(fields) > 64 {
		panic(fmt.Sprintf("store: %s has %d properties, more than a PropSet holds", t, len(fields)))
	}
	var s PropSet
	for _, n := range names {
		i := slices.IndexFunc(fields, func(f propField) bool { return f.prop == n })
		if i < 0 {
			panic(fmt.Sprintf("store: %s has no property %q", t, n))
		}
		s |= 1 << i
	}
	return s
}

// with adds the properties key to a set that is not the zero set: those
// the store itself reads, whatever the query selects.
func (s PropSet) with(key PropSet) PropSet {
	if s == 0 {
		return 0
	}
	return s | key
}

// of lists the fields of s among fields, all of them for the zero set, in
// their order.
func (s PropSet) of(fields []propField) []propField {
	if s == 0 {
		return fields
	}
	out := make([]propField, 0, bits.OnesCount64(uint64(s)))
	for i, f := range fields {
		if s&(1<<i) != 0 {
			out = append(out, f)
		}
	}
	return out
}

// propNames names fields' properties, in their order: the list a statement
// reads a node's values by ([k IN $props | n[k]]), and decodeFields reads
// back by position.
func propNames(fields []propField) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.prop
	}
	return out
}
