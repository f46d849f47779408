package graph

import "github.com/diplograph/diplograph/store"

// Resolver holds what the resolvers depend on; nothing request-scoped.
type Resolver struct {
	Store *store.Store
}
