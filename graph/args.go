package graph

import (
	"context"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// MaxPageSize bounds every paginated list.
const MaxPageSize = 100

func pageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, badInput("first must be between 0 and %d, got %d", MaxPageSize, *first)
	}
	return *first, nil
}

// page builds the store's page request; the total is counted only when the
// client selected totalCount.
func page(ctx context.Context, first *int, after *string, def int) (store.Page, error) {
	n, err := pageSize(first, def)
	if err != nil {
		return store.Page{}, err
	}
	p := store.Page{First: n, WithTotal: selects(ctx, "totalCount")}
	if after != nil {
		p.After = *after
	}
	return p, nil
}

func eventFilter(f *model.EventFilter) (store.EventFilter, error) {
	if f == nil {
		return store.EventFilter{}, nil
	}
	out := store.EventFilter{Types: f.Types, Places: f.Places, Actors: f.Actors, AsOf: f.AsOf,
		Statuses: f.Statuses, Modalities: f.Modalities, Disputed: f.Disputed, Certainty: f.Certainty}
	if err := checkIDs(f.Places); err != nil {
		return out, err
	}
	if err := checkIDs(f.Actors); err != nil {
		return out, err
	}
	if f.Dates != nil {
		out.From, out.To = f.Dates.From, f.Dates.To
		if out.From != nil && out.To != nil && out.To.Before(*out.From) {
			return out, badInput("date range ends (%s) before it starts (%s)", f.Dates.To.Format("2006-01-02"), f.Dates.From.Format("2006-01-02"))
		}
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }
