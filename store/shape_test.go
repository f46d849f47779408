package store

import (
	"reflect"
	"testing"
)

// A filter field that does not reach the statement's shape would be left
// out of its text, and the filter silently ignored: each field, set alone,
// must make the shape filtered.
func TestEveryFilterFieldShapesTheStatement(t *testing.T) {
	typ := reflect.TypeOf(EventFilter{})
	for i := range typ.NumField() {
		field := typ.Field(i)
		var f EventFilter
		v := reflect.ValueOf(&f).Elem().Field(i)
		switch v.Kind() {
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.MakeSlice(field.Type, 1, 1))
		case reflect.Pointer:
			v.Set(reflect.New(field.Type.Elem()))
		default:
			t.Fatalf("EventFilter.%s: a %s; teach this test (and EventFilter.shape) how to set it", field.Name, v.Kind())
		}
		if f.shape().Unfiltered() {
			t.Errorf("EventFilter.%s set alone leaves the shape unfiltered: statements would not write its predicate", field.Name)
		}
	}
	if !(EventFilter{}).shape().Unfiltered() {
		t.Error("the empty filter's shape is not unfiltered")
	}
}
