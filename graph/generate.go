// Package graph is the GraphQL layer: the schema's executable code
// (generated from schema.graphqls by gqlgen) and thin resolvers over the
// store.
package graph

//go:generate go tool gqlgen generate --config ../gqlgen.yml
