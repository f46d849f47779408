package store

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
)

// The types the store reads declare with `prop` tags which property each
// field holds, and the same tags say what a load writes (Encode). decode
// reads a node, or a map a statement built, into such a type; it fails on a
// property of the wrong type, a required property missing, a date it cannot
// parse or an enum value it does not know, rather than reading a zero value.
//
// What a field's Go type says:
//   - string, int, a vocab enum, partialdate.Date: required, unless the tag
//     says omitempty (`prop:"contact,omitempty"`: absent reads as zero);
//   - a pointer to one of those or to a quantity.Q, bool, []string, a slice
//     of a vocab enum: optional (a load leaves empty values out);
//   - an embedded struct: its fields are the outer type's.

// enum is what the generated vocab types have in common.
type enum interface{ IsValid() bool }

type fieldKind int

const (
	kString fieldKind = iota
	kInt
	kBool
	kStrings
	kEnum
	kEnums
	kDate
	kQuantity
)

type propField struct {
	index    []int
	prop     string
	kind     fieldKind
	optional bool // a pointer: nil when absent
	elem     reflect.Type
	// set stores a raw property value into the field, checking its type.
	set func(dst reflect.Value, raw any) error
}

var (
	enumType     = reflect.TypeFor[enum]()
	dateType     = reflect.TypeFor[partialdate.Date]()
	quantityType = reflect.TypeFor[quantity.Q]()
	stringType   = reflect.TypeFor[string]()
	plans        sync.Map // reflect.Type -> []propField
)

// fieldsOf lists the tagged fields of struct type t, embedded ones included.
func fieldsOf(t reflect.Type) []propField {
	if p, ok := plans.Load(t); ok {
		return p.([]propField)
	}
	var out []propField
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int(nil), index...), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			tag, ok := f.Tag.Lookup("prop")
			if !ok || tag == "-" {
				continue
			}
			prop, opts, _ := strings.Cut(tag, ",")
			pf := propField{index: idx, prop: prop, optional: opts == "omitempty"}
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				pf.optional, ft = true, ft.Elem()
			}
			pf.elem = ft
			switch {
			case ft == dateType:
				pf.kind = kDate
			case ft == quantityType && f.Type.Kind() == reflect.Pointer:
				pf.kind = kQuantity
			case ft.Kind() == reflect.Slice && ft.Elem().Implements(enumType):
				pf.kind, pf.optional = kEnums, true
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
				pf.kind, pf.optional = kStrings, true
			case ft.Implements(enumType):
				pf.kind = kEnum
			case ft.Kind() == reflect.String:
				pf.kind = kString
			case ft.Kind() == reflect.Int:
				pf.kind = kInt
			case ft.Kind() == reflect.Bool:
				pf.kind, pf.optional = kBool, true
			default:
				panic(fmt.Sprintf("store: field %s.%s has type %s, which props cannot hold", t, f.Name, f.Type))
			}
			pf.set = setter(pf, f.Type.Kind() == reflect.Pointer)
			out = append(out, pf)
		}
	}
	walk(t, nil)
	plans.Store(t, out)
	return out
}

// setter makes the function that stores a raw value into a field of pf's
// kind, decided once per type rather than per value.
func setter(pf propField, pointer bool) func(reflect.Value, any) error {
	var read func(raw any) (reflect.Value, error)
	switch pf.kind {
	case kString:
		if !pointer {
			return func(dst reflect.Value, raw any) error {
				s, ok := raw.(string)
				if !ok {
					return fmt.Errorf("a string expected, got %T", raw)
				}
				dst.SetString(s)
				return nil
			}
		}
		if pf.elem == stringType {
			return func(dst reflect.Value, raw any) error {
				s, ok := raw.(string)
				if !ok {
					return fmt.Errorf("a string expected, got %T", raw)
				}
				dst.Set(reflect.ValueOf(&s))
				return nil
			}
		}
	case kEnum:
		valid := validEnum(pf.elem)
		if !pointer {
			return func(dst reflect.Value, raw any) error {
				s, ok := raw.(string)
				if !ok {
					return fmt.Errorf("a string expected, got %T", raw)
				}
				if !valid(s) {
					return fmt.Errorf("%q is not a %s", s, pf.elem.Name())
				}
				dst.SetString(s)
				return nil
			}
		}
	case kInt:
		read = func(raw any) (reflect.Value, error) {
			n, ok := raw.(int64)
			if !ok {
				return reflect.Value{}, fmt.Errorf("an integer expected, got %T", raw)
			}
			return reflect.ValueOf(int(n)), nil
		}
	case kBool:
		return func(dst reflect.Value, raw any) error {
			b, ok := raw.(bool)
			if !ok {
				return fmt.Errorf("a boolean expected, got %T", raw)
			}
			dst.SetBool(b)
			return nil
		}
	case kQuantity:
		read = func(raw any) (reflect.Value, error) {
			s, ok := raw.(string)
			if !ok {
				return reflect.Value{}, fmt.Errorf("a quantity text expected, got %T", raw)
			}
			q, err := quantity.Parse(s)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(q), nil
		}
	case kDate:
		read = func(raw any) (reflect.Value, error) {
			s, ok := raw.(string)
			if !ok {
				return reflect.Value{}, fmt.Errorf("a date text expected, got %T", raw)
			}
			d, err := partialdate.Parse(s)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(d), nil
		}
	}
	if read == nil {
		read = func(raw any) (reflect.Value, error) { return decodeValue(pf, raw) }
	}
	if !pointer {
		return func(dst reflect.Value, raw any) error {
			v, err := read(raw)
			if err == nil {
				dst.Set(v)
			}
			return err
		}
	}
	return func(dst reflect.Value, raw any) error {
		v, err := read(raw)
		if err != nil {
			return err
		}
		p := reflect.New(pf.elem)
		p.Elem().Set(v)
		dst.Set(p)
		return nil
	}
}

// validEnum reports whether a stored text is a value of enum type t; the
// answers are kept, since an enum has few values and they recur.
func validEnum(t reflect.Type) func(string) bool {
	var known sync.Map
	return func(s string) bool {
		if v, ok := known.Load(s); ok {
			return v.(bool)
		}
		ok := reflect.ValueOf(s).Convert(t).Interface().(enum).IsValid()
		known.Store(s, ok)
		return ok
	}
}

// propsOf is the property map of a node, or a map a statement built.
func propsOf(v any) (map[string]any, bool) {
	switch n := v.(type) {
	case dbtype.Node:
		return n.Props, true
	case map[string]any:
		return n, true
	}
	return nil, false
}

// decode reads into a T a node, a map of properties, or the list of values
// a statement wrote with the values template function: T's properties in
// the order of its fields.
func decode[T any](v any) (T, error) {
	return decodeFields[T](v, fieldsOf(reflect.TypeFor[T]()))
}

// decodeFields reads into a T only the given fields of its (in their
// order), which a list of values then holds by position; the others stay
// zero, so only a reader of those fields may be handed the T (PropSet).
func decodeFields[T any](v any, fields []propField) (T, error) {
	var out T
	t := reflect.TypeFor[T]()
	var props map[string]any
	var values []any
	if l, ok := v.([]any); ok {
		if len(l) != len(fields) {
			return out, &DecodeError{Type: t.Name(), Msg: fmt.Sprintf("%d values for %d properties", len(l), len(fields))}
		}
		values = l
	} else if props, ok = propsOf(v); !ok {
		return out, &DecodeError{Type: t.Name(), Msg: fmt.Sprintf("a node, a map or a list of values expected, got %T", v)}
	}
	var id string
	if values != nil {
		for i, f := range fields {
			if f.prop == "id" {
				id, _ = values[i].(string)
			}
		}
	} else {
		id, _ = props["id"].(string)
	}
	rv := reflect.ValueOf(&out).Elem()
	for i, f := range fields {
		var raw any
		present := true
		if values != nil {
			raw = values[i]
		} else {
			raw, present = props[f.prop]
		}
		if !present || raw == nil {
			if !f.optional {
				return out, &DecodeError{Type: t.Name(), Prop: f.prop, ID: id, Msg: "missing"}
			}
			continue
		}
		if err := f.set(rv.FieldByIndex(f.index), raw); err != nil {
			return out, &DecodeError{Type: t.Name(), Prop: f.prop, ID: id, Msg: err.Error()}
		}
	}
	return out, nil
}

func decodeValue(f propField, raw any) (reflect.Value, error) {
	switch f.kind {
	case kString:
		s, ok := raw.(string)
		if !ok {
			return reflect.Value{}, fmt.Errorf("a string expected, got %T", raw)
		}
		return reflect.ValueOf(s).Convert(f.elem), nil
	case kInt:
		n, ok := raw.(int64)
		if !ok {
			return reflect.Value{}, fmt.Errorf("an integer expected, got %T", raw)
		}
		return reflect.ValueOf(int(n)), nil
	case kBool:
		b, ok := raw.(bool)
		if !ok {
			return reflect.Value{}, fmt.Errorf("a boolean expected, got %T", raw)
		}
		return reflect.ValueOf(b), nil
	case kEnum:
		s, ok := raw.(string)
		if !ok {
			return reflect.Value{}, fmt.Errorf("a string expected, got %T", raw)
		}
		v := reflect.ValueOf(s).Convert(f.elem)
		if !v.Interface().(enum).IsValid() {
			return reflect.Value{}, fmt.Errorf("%q is not a %s", s, f.elem.Name())
		}
		return v, nil
	case kStrings, kEnums:
		items, ok := raw.([]any)
		if !ok {
			return reflect.Value{}, fmt.Errorf("a list expected, got %T", raw)
		}
		out := reflect.MakeSlice(f.elem, len(items), len(items))
		for i, it := range items {
			s, ok := it.(string)
			if !ok {
				return reflect.Value{}, fmt.Errorf("item %d: a string expected, got %T", i, it)
			}
			v := reflect.ValueOf(s).Convert(f.elem.Elem())
			if f.kind == kEnums && !v.Interface().(enum).IsValid() {
				return reflect.Value{}, fmt.Errorf("item %d: %q is not a %s", i, s, f.elem.Elem().Name())
			}
			out.Index(i).Set(v)
		}
		return out, nil
	case kDate:
		s, ok := raw.(string)
		if !ok {
			return reflect.Value{}, fmt.Errorf("a date text expected, got %T", raw)
		}
		d, err := partialdate.Parse(s)
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(d), nil
	}
	return reflect.Value{}, fmt.Errorf("no decoder for %s", f.elem)
}

// Encode writes the tagged fields of v (a struct) as properties, leaving
// out empty values: Neo4j stores no nulls, and a re-load must compare equal
// to what it wrote. A partial date is written as its canonical text and its
// precision (the callers add the bounds their readers need).
func Encode(v any, into map[string]any) map[string]any {
	rv := reflect.ValueOf(v)
	for _, f := range fieldsOf(rv.Type()) {
		fv := rv.FieldByIndex(f.index)
		if fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		}
		if fv.IsZero() {
			continue
		}
		if into == nil {
			into = map[string]any{}
		}
		switch f.kind {
		case kString, kEnum:
			into[f.prop] = fv.String()
		case kInt:
			into[f.prop] = fv.Int()
		case kBool:
			into[f.prop] = true
		case kStrings, kEnums:
			if fv.Len() == 0 {
				continue
			}
			list := make([]string, fv.Len())
			for i := range list {
				list[i] = fv.Index(i).String()
			}
			into[f.prop] = list
		case kDate:
			d := fv.Interface().(partialdate.Date)
			into[f.prop] = d.String()
			into[f.prop+"Precision"] = string(d.Precision())
		case kQuantity:
			into[f.prop] = fv.Interface().(quantity.Q).String()
		}
	}
	return into
}

// value reads one value of a record: decoding fails on a missing key or a
// value of another type, never into a zero value.
func value[T any](r *neo4j.Record, key string) (T, error) {
	raw, ok := r.Get(key)
	if !ok {
		var zero T
		return zero, fmt.Errorf("record key %s: missing", key)
	}
	return typed[T](raw, "record key "+key)
}

// optional reads a value that may be null: nil then, with no error.
func optional(r *neo4j.Record, key string) (any, error) {
	v, ok := r.Get(key)
	if !ok {
		return nil, fmt.Errorf("record key %s: missing", key)
	}
	return v, nil
}

// list reads a list value, an empty one for null.
func list(r *neo4j.Record, key string) ([]any, error) {
	v, err := optional(r, key)
	if err != nil || v == nil {
		return nil, err
	}
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("record key %s: a list expected, got %T", key, v)
	}
	return l, nil
}

// decodeOpt decodes a value that may be null.
func decodeOpt[T any](v any) (*T, error) {
	if v == nil {
		return nil, nil
	}
	out, err := decode[T](v)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// decodeAll decodes every item of a list.
func decodeAll[T any](items []any) ([]T, error) {
	out := make([]T, len(items))
	for i, it := range items {
		v, err := decode[T](it)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// asMap reads one item of a list a statement built as a map.
func asMap(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("a map expected, got %T", v)
	}
	return m, nil
}

// tuple reads a list a statement built as a fixed-length tuple.
func tuple(v any, n int) ([]any, error) {
	l, ok := v.([]any)
	if !ok || len(l) != n {
		return nil, fmt.Errorf("a list of %d expected, got %#v", n, v)
	}
	return l, nil
}

// typed reads one item of a tuple or map.
func typed[T any](v any, what string) (T, error) {
	t, ok := v.(T)
	if !ok {
		var zero T
		return zero, fmt.Errorf("%s: %T expected, got %T", what, zero, v)
	}
	return t, nil
}
