// Package graph is the GraphQL layer: the schema's executable code
// (generated from schema.graphqls by gqlgen; run 'go generate' at the module
// root) and thin resolvers over the store.
package graph

import (
	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/store"
)

// Resolver holds what the resolvers depend on; nothing request-scoped.
type Resolver struct {
	Store *store.Store
	// Feed serves subscriptions; without it they are refused.
	Feed *feed.Feed
	// ReadAllProperties reads every property of the nodes a page returns,
	// not only those its fields read (selection.go): a switch to rule the
	// selection out when an answer looks wrong, and the tests' reference.
	ReadAllProperties bool
}
