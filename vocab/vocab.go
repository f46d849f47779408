// Package vocab is the graph's controlled vocabulary: every enumeration
// (generated from the enums of schema.graphqls, the one place they are
// written), the form of an id, and the limits more than one package shares.
//
// An enum value is stored in Neo4j and written in fixtures in lower case
// (phone_call); GraphQL spells it in upper case (PHONE_CALL). The generated
// types marshal to and from GraphQL themselves, so every layer passes the
// same values.
package vocab

//go:generate go run ./internal/enumgen -schema ../schema.graphqls -out enums_gen.go -fixture-schema ../fixtures/schema.json

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// IDPattern is the form of every id: the fixtures' slugs, and the ids a
// load derives from them (a role's `witkoff#role-1`).
var IDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?$`)

// MaxIDLength bounds an id.
const MaxIDLength = 256

// ValidID reports whether s has the form of an id.
func ValidID(s string) bool { return len(s) <= MaxIDLength && IDPattern.MatchString(s) }

// MaxNetworkEdges bounds a network answer, in the API and in exports: the
// heaviest edges are kept.
const MaxNetworkEdges = 5000

// graphQLName is an enum value as GraphQL spells it.
func graphQLName(stored string) string { return strings.ToUpper(stored) }

// GraphQLName is a stored enum value as GraphQL spells it, for the few
// answers that carry a value of any of several enums as a string.
func GraphQLName(stored string) string { return graphQLName(stored) }

func marshalEnum(w io.Writer, stored string) {
	_, _ = io.WriteString(w, strconv.Quote(graphQLName(stored)))
}

// unmarshalEnum reads a GraphQL enum value into its stored form.
func unmarshalEnum[E ~string](v any, all []E, typeName string) (E, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s must be a string, got %T", typeName, v)
	}
	for _, e := range all {
		if graphQLName(string(e)) == s {
			return e, nil
		}
	}
	return "", fmt.Errorf("%s is not a valid %s", s, typeName)
}

// parseEnum reads a stored (lower-case) value, refusing unknown ones.
func parseEnum[E ~string](s string, all []E, typeName string) (E, error) {
	for _, e := range all {
		if string(e) == s {
			return e, nil
		}
	}
	return "", fmt.Errorf("%q is not a %s", s, typeName)
}

// Stored is the list of the stored forms of enum values.
func Stored[E ~string](es []E) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	return out
}
