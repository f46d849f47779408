package graph

import (
	"context"
	"errors"
	"sort"

	"github.com/diplograph/diplograph/activity"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

func (r *Resolver) activity(ctx context.Context, filter *model.EventFilter, interval vocab.Interval, groupBy *vocab.ActivityGroupBy) (*model.Activity, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	var group vocab.ActivityGroupBy
	if groupBy != nil && selectsPath(ctx, "buckets", "groups") {
		group = *groupBy
	}
	events, err := r.Store.DatedEvents(ctx, f, group)
	if err != nil {
		return nil, err
	}
	buckets, err := activity.Count(events, f.From, f.To, interval)
	if errors.Is(err, activity.ErrTooManyBuckets) {
		return nil, badInput("activity: %v", err)
	}
	if err != nil {
		return nil, err
	}
	// Enum values are stored in lower case; ids are kept as they are.
	enum := group == vocab.ActivityGroupByType || group == vocab.ActivityGroupByStatus || group == vocab.ActivityGroupByModality
	out := &model.Activity{Interval: interval, GroupBy: groupBy, Buckets: make([]*model.ActivityBucket, len(buckets))}
	for i, b := range buckets {
		mb := &model.ActivityBucket{From: b.From, To: b.To, Certain: b.Certain, Possible: b.Possible, Groups: make([]*model.ActivityGroup, len(b.Groups))}
		for j, g := range b.Groups {
			key := g.Key
			if key != nil && enum {
				k := vocab.GraphQLName(*key)
				key = &k
			}
			mb.Groups[j] = &model.ActivityGroup{Key: key, Certain: g.Certain, Possible: g.Possible}
		}
		out.Buckets[i] = mb
	}
	return out, nil
}

func (r *Resolver) eventCounts(ctx context.Context, filter *model.EventFilter) (*model.EventCounts, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	rows, err := r.Store.EventCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	var byType, byStatus, byModality, byCertainty tally
	out := &model.EventCounts{}
	for _, c := range rows {
		out.Total += c.Count
		byType.add(&c.Type, c.Count)
		byStatus.add(c.Status, c.Count)
		byModality.add(c.Modality, c.Count)
		byCertainty.add(&c.Certainty, c.Count)
	}
	out.ByType, out.ByStatus, out.ByModality, out.ByCertainty = byType.list(), byStatus.list(), byModality.list(), byCertainty.list()
	return out, nil
}

// tally adds up counts by a stored enum value (nil: not stated).
type tally struct {
	counts map[string]int
	none   int
}

func (t *tally) add(v *string, n int) {
	if v == nil {
		t.none += n
		return
	}
	if t.counts == nil {
		t.counts = map[string]int{}
	}
	t.counts[*v] += n
}

// list is most first, then by the API's spelling; not stated last.
func (t *tally) list() []*model.KeyCount {
	out := make([]*model.KeyCount, 0, len(t.counts)+1)
	for v, n := range t.counts {
		k := vocab.GraphQLName(v)
		out = append(out, &model.KeyCount{Key: &k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return *out[i].Key < *out[j].Key
	})
	if t.none > 0 {
		out = append(out, &model.KeyCount{Count: t.none})
	}
	return out
}

func (r *Resolver) mostActive(ctx context.Context, filter *model.EventFilter, first *int) ([]*model.ActorActivity, error) {
	f, n, err := aggregateArgs(filter, first, 10)
	if err != nil {
		return nil, err
	}
	rows, err := r.Store.MostActive(ctx, f, n)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, a := range rows {
		ids[i] = a.Actor.ID
	}
	g := model.NewGroup(ids)
	out := make([]*model.ActorActivity, len(rows))
	for i, a := range rows {
		out[i] = &model.ActorActivity{Actor: model.NewActor(a.Actor, g), Count: a.Count, First: &a.First, Last: &a.Last}
	}
	return out, nil
}

func (r *Resolver) topPairs(ctx context.Context, filter *model.EventFilter, first *int) ([]*model.PairActivity, error) {
	f, n, err := aggregateArgs(filter, first, 10)
	if err != nil {
		return nil, err
	}
	rows, err := r.Store.TopPairs(ctx, f, n)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, p := range rows {
		ids = append(ids, p.A.ID, p.B.ID)
	}
	g := model.NewGroup(ids)
	out := make([]*model.PairActivity, len(rows))
	for i, p := range rows {
		out[i] = &model.PairActivity{Actors: []*model.Actor{model.NewActor(p.A, g), model.NewActor(p.B, g)},
			Count: p.Count, Certainty: p.Certainty, First: &p.First, Last: &p.Last}
	}
	return out, nil
}

func (r *Resolver) placeActivity(ctx context.Context, filter *model.EventFilter, first *int) ([]*model.PlaceActivity, error) {
	f, n, err := aggregateArgs(filter, first, 20)
	if err != nil {
		return nil, err
	}
	rows, err := r.Store.PlaceActivities(ctx, f, n)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, p := range rows {
		ids[i] = p.Place.ID
	}
	g := model.NewGroup(ids)
	out := make([]*model.PlaceActivity, len(rows))
	for i, p := range rows {
		out[i] = &model.PlaceActivity{Place: model.NewPlace(p.Place, g), Count: p.Count}
	}
	return out, nil
}

func aggregateArgs(filter *model.EventFilter, first *int, def int) (store.EventFilter, int, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return f, 0, err
	}
	n, err := pageSize(first, def)
	return f, n, err
}
