package loader

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A oneOf whose branches take values of different JSON types accepts what
// the same branches under anyOf accept: no value can match two of them.
// anyOf may stop at the first branch that matches, where oneOf tries every
// branch to be sure no second one does; on generated scale 10 that was
// about a quarter of the schema's CPU. oneOf stays in the schema, and in
// the errors users read (schemaDiagnostics names its forms).

// exclusiveOneOfs reports the first oneOf of the schema document whose
// branches may share a JSON type, or nil when none may.
func exclusiveOneOfs(doc any) error {
	root, _ := doc.(map[string]any)
	var check func(n any, ptr string) error
	check = func(n any, ptr string) error {
		switch x := n.(type) {
		case map[string]any:
			if branches, ok := x["oneOf"].([]any); ok {
				seen := map[string]int{}
				for i, b := range branches {
					types, err := jsonTypes(root, b)
					if err != nil {
						return fmt.Errorf("%s/oneOf/%d: %w", ptr, i, err)
					}
					for _, t := range types {
						if j, dup := seen[t]; dup {
							return fmt.Errorf("%s/oneOf: branches %d and %d both take a %s", ptr, j, i, t)
						}
						seen[t] = i
					}
				}
			}
			for k, v := range x {
				if err := check(v, ptr+"/"+k); err != nil {
					return err
				}
			}
		case []any:
			for i, v := range x {
				if err := check(v, fmt.Sprintf("%s/%d", ptr, i)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return check(doc, "")
}

// jsonTypes are the JSON types a schema's values may have, following local
// $refs; an integer counts as a number.
func jsonTypes(root map[string]any, s any) ([]string, error) {
	for range 32 {
		m, ok := s.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("not a schema object")
		}
		ref, isRef := m["$ref"].(string)
		if !isRef {
			return typesOf(m)
		}
		name, local := strings.CutPrefix(ref, "#/$defs/")
		defs, _ := root["$defs"].(map[string]any)
		if !local || defs[name] == nil {
			return nil, fmt.Errorf("$ref %q is not a local definition", ref)
		}
		s = defs[name]
	}
	return nil, fmt.Errorf("$refs nested too deep")
}

func typesOf(m map[string]any) ([]string, error) {
	var types []string
	switch t := m["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				types = append(types, s)
			}
		}
	}
	if len(types) == 0 {
		var values []any
		if c, ok := m["const"]; ok {
			values = []any{c}
		} else if e, ok := m["enum"].([]any); ok {
			values = e
		}
		for _, v := range values {
			types = append(types, typeOfValue(v))
		}
	}
	if len(types) == 0 {
		return nil, fmt.Errorf("no type")
	}
	for i, t := range types {
		if t == "integer" {
			types[i] = "number"
		}
	}
	slices.Sort(types)
	return slices.Compact(types), nil
}

func typeOfValue(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number, float64, int, int64:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

// oneOfAsAnyOf copies a schema document with each oneOf keyword made an
// anyOf. Keys of properties and $defs are names, not keywords, and stay.
func oneOfAsAnyOf(n any) any {
	switch x := n.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			if names, ok := v.(map[string]any); ok && (k == "properties" || k == "$defs" || k == "patternProperties") {
				copied := make(map[string]any, len(names))
				for name, s := range names {
					copied[name] = oneOfAsAnyOf(s)
				}
				out[k] = copied
				continue
			}
			if k == "oneOf" {
				k = "anyOf"
			}
			out[k] = oneOfAsAnyOf(v)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = oneOfAsAnyOf(v)
		}
		return out
	}
	return n
}
