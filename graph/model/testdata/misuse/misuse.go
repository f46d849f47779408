// Package misuse misuses the batching API; model's tests check that it does
// not compile.
package misuse

import (
	"context"

	"github.com/diplograph/diplograph/graph/model"
)

var roles = model.NewNested[string, []int]("roles")

func wrongValue(g *model.Group) {
	model.Prime(g, roles, "2025", map[string][]string{}) // MISUSE: primed with another type
}

func wrongArgs(g *model.Group) {
	model.Prime(g, roles, 2025, map[string][]int{}) // MISUSE: arguments of another type
}

func wrongFetch(ctx context.Context, g *model.Group) {
	_, _ = model.Load(ctx, g, roles, "2025", "a", func(ctx context.Context, ids []string) (map[string]int, error) { // MISUSE: fetch yields another type
		return nil, nil
	})
}
