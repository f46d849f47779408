package httpapi

import "github.com/99designs/gqlgen/graphql/handler/transport"

// WithGQLGenPOST serves POST requests with gqlgen's transport.POST, whose
// answers post must repeat byte for byte.
func WithGQLGenPOST(o Options) Options {
	o.post = transport.POST{}
	return o
}
