package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Props is a set of properties encoded into one string. A large load has
// millions of rows: as key/value pairs of boxed values they took about 300
// bytes a row, three quarters of the loader's memory (bench/RESULTS.md,
// "The loader's memory"). Encoded, a property is its key's number, a type
// byte and the value's bytes, and a batch keeps the encoding as it is
// (Batch). Maps are made only for the rows of one statement at a time
// (Map), and their strings share the encoding's bytes.
//
// The zero Props holds no properties.
type Props struct{ enc string }

// Value types a Props holds: those the loader writes. Any other type is a
// programming error, refused when the batch is built (NewProps panics).
const (
	tagString byte = iota + 1
	tagInt
	tagFloat
	tagTrue
	tagFalse
	tagDate
	tagStrings
)

// propKeys numbers property keys, for the whole process: keys are the
// graph model's field names, a set that does not grow with the data.
var propKeys = struct {
	sync.RWMutex
	index map[string]uint64
	names []string
}{index: map[string]uint64{}}

func keyNumber(k string) uint64 {
	propKeys.RLock()
	n, ok := propKeys.index[k]
	propKeys.RUnlock()
	if ok {
		return n
	}
	propKeys.Lock()
	defer propKeys.Unlock()
	if n, ok := propKeys.index[k]; ok {
		return n
	}
	n = uint64(len(propKeys.names))
	propKeys.index[k] = n
	propKeys.names = append(propKeys.names, k)
	return n
}

func keyName(n uint64) string {
	propKeys.RLock()
	defer propKeys.RUnlock()
	return propKeys.names[n]
}

// NewProps encodes m. It panics on a value of a type Props does not hold,
// which only a change to the loader can bring.
func NewProps(m map[string]any) Props {
	if len(m) == 0 {
		return Props{}
	}
	return Props{enc: string(appendProps(nil, m))}
}

// appendProps appends the encoding of m to buf.
func appendProps(buf []byte, m map[string]any) []byte {
	type kv struct {
		n uint64
		k string
	}
	keys := make([]kv, 0, len(m))
	for k := range m {
		keys = append(keys, kv{keyNumber(k), k})
	}
	// In key order, so that equal maps encode equally.
	slices.SortFunc(keys, func(a, b kv) int { return int(a.n) - int(b.n) })
	for _, k := range keys {
		buf = binary.AppendUvarint(buf, k.n)
		buf = appendValue(buf, k.k, m[k.k])
	}
	return buf
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendValue(buf []byte, key string, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendString(append(buf, tagString), v)
	case int64:
		return binary.AppendVarint(append(buf, tagInt), v)
	case int:
		return binary.AppendVarint(append(buf, tagInt), int64(v))
	case float64:
		return binary.LittleEndian.AppendUint64(append(buf, tagFloat), math.Float64bits(v))
	case bool:
		if v {
			return append(buf, tagTrue)
		}
		return append(buf, tagFalse)
	case dbtype.Date:
		return binary.AppendVarint(append(buf, tagDate), epochDay(time.Time(v)))
	case []string:
		buf = binary.AppendUvarint(append(buf, tagStrings), uint64(len(v)))
		for _, s := range v {
			buf = appendString(buf, s)
		}
		return buf
	}
	panic(fmt.Sprintf("store: property %q holds a %T, which a batch cannot hold", key, v))
}

// epochDay is the day of t counted from 1970-01-01, negative before it.
func epochDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// each calls fn with every property, in key order, until fn returns false.
func (p Props) each(fn func(k string, v any) bool) {
	s := p.enc
	for len(s) > 0 {
		n, w := uvarint(s)
		var v any
		v, s = readValue(s[w:])
		if !fn(keyName(n), v) {
			return
		}
	}
}

func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	panic("store: truncated Props")
}

func varint(s string) (int64, int) {
	u, w := uvarint(s)
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x, w
}

func readString(s string) (string, string) {
	n, w := uvarint(s)
	end := w + int(n)
	return s[w:end], s[end:]
}

// readValue decodes the value at the start of s and returns the rest.
// Strings are slices of s: they share its bytes.
func readValue(s string) (any, string) {
	tag, s := s[0], s[1:]
	switch tag {
	case tagString:
		return readString(s)
	case tagInt:
		v, w := varint(s)
		return v, s[w:]
	case tagFloat:
		return math.Float64frombits(binary.LittleEndian.Uint64([]byte(s[:8]))), s[8:]
	case tagTrue:
		return true, s
	case tagFalse:
		return false, s
	case tagDate:
		d, w := varint(s)
		return neo4j.DateOf(time.Unix(d*86400, 0).UTC()), s[w:]
	case tagStrings:
		n, w := uvarint(s)
		s = s[w:]
		list := make([]string, n)
		for i := range list {
			list[i], s = readString(s)
		}
		return list, s
	}
	panic(fmt.Sprintf("store: Props holds an unknown type byte %d", tag))
}

// noProps is the map of every empty Props: the driver only reads it.
var noProps = map[string]any{}

// Map returns the properties as a map, as statements take them.
func (p Props) Map() map[string]any {
	if p.enc == "" {
		return noProps
	}
	m := make(map[string]any, 8)
	p.each(func(k string, v any) bool {
		m[k] = v
		return true
	})
	return m
}

// Get returns the value of key k, nil when there is none.
func (p Props) Get(k string) any {
	v, _ := p.Lookup(k)
	return v
}

// Lookup returns the value of key k and whether there is one.
func (p Props) Lookup(k string) (any, bool) {
	var out any
	found := false
	p.each(func(key string, v any) bool {
		if key == k {
			out, found = v, true
		}
		return !found
	})
	return out, found
}

// Len is the number of properties.
func (p Props) Len() int {
	n := 0
	p.each(func(string, any) bool { n++; return true })
	return n
}
