package loader

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The fields a fixture may give as competing sourced values (claims), what
// kind of value each holds, and how a load turns them into a working value
// and Claim nodes (docs/model.md, "Competing values").

type valueKind int

const (
	kindText valueKind = iota
	kindDate
	// kindDuration is a quantity in minute, hour or day units.
	kindDuration
	// kindQuantity is a quantity with any unit.
	kindQuantity
	// kindCount is a whole number without a unit (declared points).
	kindCount
	kindEnum
	kindActor
)

// claimKind is what the store records of a value's kind.
func (k valueKind) claimKind() store.ClaimKind {
	switch k {
	case kindDate:
		return store.ClaimDate
	case kindDuration, kindQuantity, kindCount:
		return store.ClaimQuantity
	case kindEnum:
		return store.ClaimEnum
	case kindActor:
		return store.ClaimActor
	}
	return store.ClaimText
}

// field says how to read one claimable field.
type field struct {
	// name is the claim's field: date, terms/troop-cap,
	// participant/witkoff/role.
	name string
	kind valueKind
	// multi: several values stand side by side (a version's authors) rather
	// than compete.
	multi bool
	// enum checks a value of kindEnum.
	enum func(string) bool
}

func enumField[E ~string](name string, all []E) field {
	return field{name: name, kind: kindEnum, enum: func(s string) bool {
		for _, e := range all {
			if string(e) == s {
				return true
			}
		}
		return false
	}}
}

// The claimable fields of each kind of entry.
var (
	fieldStatus   = enumField("status", vocab.AllEventStatus)
	fieldModality = enumField("modality", vocab.AllModality)
	fieldDate     = field{name: "date", kind: kindDate}
	fieldEnd      = field{name: "end", kind: kindDate}
	fieldDuration = field{name: "duration", kind: kindDuration}
	// Outcomes stand side by side: sources tell what came of an event in
	// their own terms, and one account does not rule out another (a source
	// that says something did not come of it denies that value).
	fieldOutcome   = field{name: "outcome", kind: kindText, multi: true}
	fieldTitle     = field{name: "title", kind: kindText}
	fieldText      = field{name: "text", kind: kindText}
	fieldFrom      = field{name: "from", kind: kindDate}
	fieldUntil     = field{name: "until", kind: kindDate}
	fieldIdentity  = field{name: "identity", kind: kindActor}
	fieldDeclared  = field{name: "declaredPoints", kind: kindCount}
	fieldAuthors   = field{name: "authors", kind: kindActor, multi: true}
	fieldStanceDay = field{name: "date", kind: kindDate}
)

func participantRoleField(actorID string) field {
	f := enumField(store.ParticipantField(actorID, "role"), vocab.AllParticipantRole)
	return f
}

func fateField(pointID string) field {
	return enumField(store.FateField(pointID), vocab.AllPointFate)
}

func versionDateField(k vocab.VersionDateKind) field {
	return field{name: "dates/" + string(k), kind: kindDate}
}

func termField(name string) field { return field{name: "terms/" + name, kind: kindQuantity} }

// canonical checks one value of a field and returns its canonical text, or
// a message saying what is wrong with it.
func canonical(f field, v claimValue) (string, error) {
	quantityParts := v.Min.Given || v.Max.Given || v.Approx != "" || v.Unit != ""
	if f.kind != kindDuration && f.kind != kindQuantity && f.kind != kindCount && quantityParts {
		return "", fmt.Errorf("%s is not a quantity: min, max, approx and unit do not apply", f.name)
	}
	if (v.Language != "" || v.Translation != "") && f.kind != kindText {
		return "", fmt.Errorf("%s is not a text: language and translation do not apply", f.name)
	}
	switch f.kind {
	case kindText:
		s := strings.TrimSpace(v.Value)
		if s == "" {
			return "", fmt.Errorf("%s: the value is empty", f.name)
		}
		return s, nil
	case kindDate:
		d, err := partialdate.Parse(v.Value)
		if err != nil {
			return "", fmt.Errorf("invalid date %q: %v", v.Value, err)
		}
		return d.String(), nil
	case kindEnum:
		if !f.enum(v.Value) {
			return "", fmt.Errorf("%q is not a value of %s", v.Value, f.name)
		}
		return v.Value, nil
	case kindActor:
		return v.Value, nil
	}
	q, err := quantityOf(v)
	if err != nil {
		return "", fmt.Errorf("%s: %v", f.name, err)
	}
	switch f.kind {
	case kindDuration:
		if _, ok := quantity.DurationUnits[q.Unit]; !ok {
			return "", fmt.Errorf("%s: give the unit, minute, hour or day (got %q)", f.name, q.Unit)
		}
	case kindCount:
		if q.Unit != "" {
			return "", fmt.Errorf("%s is a count: it takes no unit", f.name)
		}
		for _, n := range []*float64{q.Amount, q.Min, q.Max} {
			if n != nil && *n != math.Trunc(*n) {
				return "", fmt.Errorf("%s is a count: %v is not a whole number", f.name, *n)
			}
		}
	}
	return q.String(), nil
}

func quantityOf(v claimValue) (quantity.Q, error) {
	// A value given as text ("about 40 minutes") carries its qualifier and
	// unit in itself.
	if !v.Min.Given && !v.Max.Given && v.Approx == "" && v.Unit == "" && strings.ContainsAny(v.Value, " -") {
		return quantity.Parse(v.Value)
	}
	var amount *float64
	if v.Value != "" {
		n, err := strconv.ParseFloat(v.Value, 64)
		if err != nil {
			return quantity.Q{}, fmt.Errorf("%q is not a number", v.Value)
		}
		amount = &n
	}
	return quantity.New(amount, v.Min.ptr(), v.Max.ptr(), quantity.Approx(v.Approx), v.Unit)
}

// resolved is a claimable field after the rule of competing values: its
// working value, if any, and whether the values disagree.
type resolved struct {
	field  field
	values []claimValue
	// canon holds each value's canonical text.
	canon []string
	// working is the index of the working value; -1 for none.
	working  int
	disputed bool
	sourced  bool
}

func resolve(f field, c claims) resolved {
	r := resolved{field: f, values: c.Values, working: -1, sourced: c.Sourced}
	vals := make([]facts.Value, len(c.Values))
	for i, v := range c.Values {
		text, _ := canonical(f, v) // checked by validate
		r.canon = append(r.canon, text)
		vals[i] = facts.Value{Text: text, Rank: v.Rank}
	}
	if f.multi {
		return r
	}
	r.working, r.disputed = facts.Working(vals)
	return r
}

// only is the one value of a field that holds several side by side, when
// it holds exactly one that is neither deprecated nor denied by all its
// sources; "" otherwise.
func (r resolved) only() string {
	one := ""
	for i, v := range r.values {
		if c, _, ok := facts.Certainty(confirmations(v.Sources)); v.Rank == vocab.RankDeprecated || ok && c == vocab.CertaintyDenied {
			continue
		}
		if one != "" {
			return ""
		}
		one = r.canon[i]
	}
	return one
}

// text is the working value's canonical text, "" for none.
func (r resolved) text() string {
	if r.working < 0 {
		return ""
	}
	return r.canon[r.working]
}

// date is the working date; for disputed dates without one, the span all
// the values that are not deprecated cover (what they agree on).
func (r resolved) date() partialdate.Date {
	if r.working >= 0 {
		return partialdate.MustParse(r.canon[r.working])
	}
	var ds []partialdate.Date
	for i, v := range r.values {
		if v.Rank != vocab.RankDeprecated {
			ds = append(ds, partialdate.MustParse(r.canon[i]))
		}
	}
	return partialdate.Span(ds...)
}

// claimNodes writes the values of a field given with their own sources as
// Claim nodes of the owner (label, id), each with its citations, its
// certainty (its citations', or the owner's when it has none) and, for an
// actor, the actor it names.
func claimNodes(b *store.Batch, label store.Label, ownerID string, owner vocab.Certainty, r resolved) {
	if !r.sourced {
		return
	}
	slug := strings.NewReplacer("/", "-", "_", "-").Replace(strings.ToLower(r.field.name))
	for i, v := range r.values {
		id := fmt.Sprintf("%s#%s-%d", ownerID, slug, i+1)
		certainty, contested := facts.Inherit(confirmations(v.Sources), owner)
		p := props{}.str("field", r.field.name).set("index", int64(i+1)).str("kind", string(r.field.kind.claimKind())).
			str("value", r.canon[i]).str("display", v.Display).str("language", v.Language).str("translation", v.Translation).
			str("note", v.Note).str("certainty", string(certainty)).flag("contested", contested).flag("multi", r.field.multi)
		if v.Rank != "" && v.Rank != vocab.RankNormal {
			p = p.str("rank", string(v.Rank))
		}
		b.AddNode(store.LabelClaim, id, p)
		b.AddRel(store.HasClaim(label), ownerID, id, noProps)
		cite(b, store.LabelClaim, id, v.Sources)
		if r.field.kind == kindActor {
			b.AddRel(store.ClaimRefersTo, id, r.canon[i], noProps)
		}
	}
}

func confirmations(cs []citation) []vocab.Certainty {
	out := make([]vocab.Certainty, len(cs))
	for i, c := range cs {
		out[i] = c.confirmation()
	}
	return out
}

// certaintyOf is an entry's certainty from its own citations; an entry no
// source supports is facts.Unsourced.
func certaintyOf(cs []citation) (vocab.Certainty, bool) {
	return facts.Inherit(confirmations(cs), facts.Unsourced)
}
