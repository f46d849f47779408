package graph

import (
	"context"

	"github.com/diplograph/diplograph/feed"
)

func (r *Resolver) graphChanged(ctx context.Context) (<-chan *feed.Update, error) {
	if r.Feed == nil {
		return nil, coded(CodeUnavailable, "this server does not serve subscriptions")
	}
	ch, err := r.Feed.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	return ch, nil
}
