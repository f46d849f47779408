package store

import "fmt"

// TruncateSpilled cuts the file of spec's rows to half, as a disk that
// lost them would; the batch must have spilled.
func TruncateSpilled(b *Batch, spec RelSpec) error {
	s := b.rels[spec]
	if err := s.w.Flush(); err != nil {
		return err
	}
	s.size /= 2
	return s.file.Truncate(s.size)
}

// Values is values, for the test that a list of values decodes as the
// entity does.
func Values(v, typ string) string { return values(v, typ) }

// ListedTypes names the types statements can return as lists of values.
func ListedTypes() []string {
	var out []string
	for name := range listed {
		out = append(out, name)
	}
	return out
}

// DecodeListed decodes v into the listed type named typ.
func DecodeListed(typ string, v any) (any, error) {
	lt, ok := listed[typ]
	if !ok {
		return nil, fmt.Errorf("no listed type %q", typ)
	}
	return lt.decode(v)
}
