package graph

import (
	"context"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// Every field that shows sourced values (claims, disputes, an actor's
// identity, a version's authors, a point's terms, a participant's claims)
// reads them from one load of all the claims of the object's group, and
// picks its own: one statement per label and level of the query.

var fieldAllClaims = model.NewNested[store.Label, []*model.Claim]("claims")

// claimsOf loads every claim of the object id (of label) and its group.
func (r *Resolver) claimsOf(ctx context.Context, g *model.Group, label store.Label, id string) ([]*model.Claim, error) {
	return model.Load(ctx, g, fieldAllClaims, label, id, func(ctx context.Context, ids []string) (map[string][]*model.Claim, error) {
		rows, err := r.Store.Claims(ctx, label, ids, "")
		if err != nil {
			return nil, err
		}
		return claimsByParent(rows), nil
	})
}

func claimsByParent(rows map[string][]store.Claim) map[string][]*model.Claim {
	var actorIDs, sourceIDs []string
	for _, list := range rows {
		for _, c := range list {
			if c.Actor != nil {
				actorIDs = append(actorIDs, c.Actor.ID)
			}
			for _, s := range c.Sources {
				sourceIDs = append(sourceIDs, s.Source.ID)
			}
		}
	}
	ag, sg := model.NewGroup(actorIDs), model.NewGroup(sourceIDs)
	out := make(map[string][]*model.Claim, len(rows))
	for parent, list := range rows {
		out[parent] = model.NewClaims(list, ag, sg)
	}
	return out
}

// claimsIn keeps the claims of a field and of its parts (field/...); all of
// them for an empty field.
func claimsIn(cs []*model.Claim, field string) []*model.Claim {
	out := []*model.Claim{}
	for _, c := range cs {
		if field == "" || c.Field == field || strings.HasPrefix(c.Field, field+"/") {
			out = append(out, c)
		}
	}
	return out
}

// fieldClaims is an object's claims of one field, or of all fields.
func (r *Resolver) fieldClaims(ctx context.Context, g *model.Group, label store.Label, id string, field *string) ([]*model.Claim, error) {
	cs, err := r.claimsOf(ctx, g, label, id)
	if err != nil {
		return nil, err
	}
	f := ""
	if field != nil {
		f = *field
	}
	return claimsIn(cs, f), nil
}

// disputesOf groups an object's claims into disputes: every field whose
// values that are not deprecated disagree (a field that holds several
// values side by side is never disputed), by field name.
func (r *Resolver) disputesOf(ctx context.Context, g *model.Group, label store.Label, id string) ([]*model.Dispute, error) {
	cs, err := r.claimsOf(ctx, g, label, id)
	if err != nil {
		return nil, err
	}
	return disputes(cs), nil
}

func disputes(cs []*model.Claim) []*model.Dispute {
	byField := map[string][]*model.Claim{}
	var fields []string
	for _, c := range cs {
		if c.Multi {
			continue
		}
		if _, ok := byField[c.Field]; !ok {
			fields = append(fields, c.Field)
		}
		byField[c.Field] = append(byField[c.Field], c)
	}
	sort.Strings(fields)
	out := []*model.Dispute{}
	for _, f := range fields {
		values := byField[f]
		if _, disputed := working(values); !disputed {
			continue
		}
		d := &model.Dispute{Field: f, Values: values}
		for _, v := range values {
			if v.Preferred() {
				d.Preferred, d.Resolved = v, true
			}
		}
		out = append(out, d)
	}
	return out
}

// working applies the rule of competing values (facts.Working) to claims.
func working(cs []*model.Claim) (*model.Claim, bool) {
	vals := make([]facts.Value, len(cs))
	for i, c := range cs {
		vals[i] = facts.Value{Text: c.Value, Rank: c.Rank()}
	}
	i, disputed := facts.Working(vals)
	if i < 0 {
		return nil, disputed
	}
	return cs[i], disputed
}

// terms makes a point's numeric terms from its claims (terms/<name>), in
// the order of their names.
func terms(cs []*model.Claim) []*model.Term {
	byName := map[string][]*model.Claim{}
	var names []string
	for _, c := range cs {
		name, ok := strings.CutPrefix(c.Field, "terms/")
		if !ok {
			continue
		}
		if _, seen := byName[name]; !seen {
			names = append(names, name)
		}
		byName[name] = append(byName[name], c)
	}
	sort.Strings(names)
	out := []*model.Term{}
	for _, name := range names {
		t := &model.Term{Name: name, Claims: byName[name]}
		w, disputed := working(t.Claims)
		t.Disputed = disputed
		if w != nil {
			if q, err := quantity.Parse(w.Value); err == nil {
				t.Value = &q
			}
		}
		out = append(out, t)
	}
	return out
}

// participationClaims are the claims an event keeps on one participant.
func (r *Resolver) participationClaims(ctx context.Context, p *model.Participation) ([]*model.Claim, error) {
	cs, err := r.claimsOf(ctx, p.Events, store.LabelEvent, p.EventID)
	if err != nil {
		return nil, err
	}
	return claimsIn(cs, strings.TrimSuffix(store.ParticipantField(p.Actor.ID, ""), "/")), nil
}

// linkCertainty is a link's own certainty, or its owner's when it has no
// citation of its own.
func linkCertainty(own *vocab.Certainty, owner vocab.Certainty) vocab.Certainty {
	if own != nil {
		return *own
	}
	return owner
}
