package loader

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/vocab"
)

// kindOf names what an id denotes, for reference checks and messages.
type kindOf string

const (
	kSource  kindOf = "source"
	kActor   kindOf = "actor"
	kPlace   kindOf = "place"
	kEvent   kindOf = "event"
	kPlan    kindOf = "plan"
	kVersion kindOf = "plan version"
	kPoint   kindOf = "plan point"
	kStance  kindOf = "stance"
)

type definition struct {
	kind kindOf
	file *parsedFile
	ptr  string
}

// validator holds what the checks across files need: every id with where it
// was defined, and the diagnostics found so far.
type validator struct {
	defs  map[string]definition
	diags []Diagnostic
	// broken holds the ids defined in files that could not be read, with
	// where: a reference to one of them is a consequence, reported after
	// the problem it depends on.
	broken map[string]Diagnostic

	versionOf     map[string]string   // point id -> version id
	derivedFrom   map[string][]string // version id -> parent version ids
	declaredCount map[string]int      // version id -> declared points, when exact
}

func newValidator(broken map[string]Diagnostic) *validator {
	return &validator{
		defs:          map[string]definition{},
		broken:        broken,
		versionOf:     map[string]string{},
		derivedFrom:   map[string][]string{},
		declaredCount: map[string]int{},
	}
}

func (v *validator) report(d Diagnostic) { v.diags = append(v.diags, d) }

func (v *validator) define(f *parsedFile, ptr, id string, k kindOf) {
	if prev, dup := v.defs[id]; dup {
		p := prev.file.at(prev.ptr+"/id", "")
		v.report(f.at(ptr+"/id", "duplicate id %q: already defined as %s at %s:%d:%d", id, prev.kind, p.File, p.Line, p.Col))
		return
	}
	v.defs[id] = definition{kind: k, file: f, ptr: ptr}
	f.rec.define(id, k)
}

// ref checks that id names something of one of the wanted kinds.
func (v *validator) ref(f *parsedFile, ptr, id string, want ...kindOf) bool {
	if id == "" {
		return true
	}
	f.rec.ref(id)
	d, ok := v.defs[id]
	if !ok {
		if at, isBroken := v.broken[id]; isBroken {
			diag := f.at(ptr, "unknown %s %q: it is defined at %s:%d:%d, in a file that could not be read (its problems are reported above)",
				joinKinds(want), id, at.File, at.Line, at.Col)
			diag.Dependent = true
			v.report(diag)
			return false
		}
		v.report(f.at(ptr, "unknown %s %q", joinKinds(want), id))
		return false
	}
	for _, k := range want {
		if d.kind == k {
			return true
		}
	}
	v.report(f.at(ptr, "%q is %s %s, not %s %s", id, article(string(d.kind)), d.kind, article(string(want[0])), joinKinds(want)))
	return false
}

func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an"
	}
	return "a"
}

func joinKinds(ks []kindOf) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}

func (v *validator) date(f *parsedFile, ptr, s string) partialdate.Date {
	if s == "" {
		return partialdate.Date{}
	}
	d, err := partialdate.Parse(s)
	if err != nil {
		v.report(f.at(ptr, "invalid date %q: %v", s, err))
	}
	return d
}

func lastToken(ptr string) string { return ptr[strings.LastIndexByte(ptr, '/')+1:] }

// citations checks a list of citations: each names a source, and names it
// once (a second citation of the same source for the same fact would count
// its confirmation twice).
func (v *validator) citations(f *parsedFile, ptr string, cs []citation) {
	seen := map[string]int{}
	for i, c := range cs {
		p := fmt.Sprintf("%s/sources/%d", ptr, i)
		if first, dup := seen[c.Source]; dup {
			v.report(f.at(p, "source %q is cited twice for this fact (also at sources[%d]): merge the two citations into one", c.Source, first))
		} else {
			seen[c.Source] = i
		}
		if _, isMap := f.values[p+"/source"]; isMap {
			p += "/source"
		}
		v.ref(f, p, c.Source, kSource)
		if c.Translation != "" && c.Quote == "" {
			v.report(f.at(fmt.Sprintf("%s/sources/%d/translation", ptr, i), "a translation needs the quote it translates"))
		}
	}
}

// links checks a list of links: each names something of the wanted kinds,
// once, with valid citations.
func (v *validator) links(f *parsedFile, ptr string, ls links, want ...kindOf) {
	seen := map[string]bool{}
	single := len(ls) == 1 && f.values != nil && f.values[ptr+"/0"] == (position{})
	for i, l := range ls {
		p := fmt.Sprintf("%s/%d", ptr, i)
		if single {
			p = ptr // given as a bare id, not a list
		}
		if seen[l.ID] {
			v.report(f.at(p, "%q is listed twice", l.ID))
		}
		seen[l.ID] = true
		if _, isMap := f.values[p+"/id"]; isMap {
			v.ref(f, p+"/id", l.ID, want...)
		} else {
			v.ref(f, p, l.ID, want...)
		}
		v.citations(f, p, l.Sources)
	}
}

func (v *validator) refList(f *parsedFile, ptr string, ids []string, want ...kindOf) {
	for i, id := range ids {
		v.ref(f, ptr+"/"+strconv.Itoa(i), id, want...)
	}
}

// claims checks a claimable field: every value of the right kind, at most
// one preferred, references and citations valid. It returns the field
// resolved by the rule of competing values (resolve), or ok false when a
// value is invalid.
func (v *validator) claims(f *parsedFile, ptr string, c claims, fl field) (resolved, bool) {
	ok := true
	preferred := 0
	for i, val := range c.Values {
		vptr := ptr
		switch {
		case len(c.Values) > 1 || f.values[ptr+"/0"] != (position{}):
			vptr = fmt.Sprintf("%s/%d", ptr, i)
		}
		valuePtr := vptr
		if _, isMap := f.values[vptr+"/value"]; isMap {
			valuePtr = vptr + "/value"
		}
		if _, err := canonical(fl, val); err != nil {
			v.report(f.at(valuePtr, "%v", err))
			ok = false
		} else if fl.kind == kindActor && !v.ref(f, valuePtr, val.Value, kActor) {
			ok = false
		}
		if val.Rank == vocab.RankPreferred {
			preferred++
			if fl.multi {
				v.report(f.at(vptr+"/rank", "%s holds several values side by side: none is preferred over the others (deprecate a wrong one instead)", fl.name))
			}
		}
		v.citations(f, vptr, val.Sources)
	}
	if preferred > 1 {
		v.report(f.at(ptr, "%d values of %s are marked preferred; mark at most one", preferred, fl.name))
		ok = false
	}
	if !ok {
		return resolved{field: fl, working: -1}, false
	}
	return resolve(fl, c), true
}

// validate runs every check that spans files; it returns all diagnostics and
// the definition of every id. broken holds the ids of files that could not
// be read.
func validate(files []*parsedFile, broken map[string]Diagnostic) ([]Diagnostic, map[string]definition) {
	v := newValidator(broken)
	for _, f := range files {
		v.collect(f)
	}
	for _, f := range files {
		v.check(f)
	}
	v.checkDerivationCycles()
	sortDiagnostics(v.diags)
	return v.diags, v.defs
}

// collect defines every id, so references may point across files and forward.
func (v *validator) collect(f *parsedFile) {
	d := &f.doc
	for i, s := range d.Sources {
		v.define(f, fmt.Sprintf("/sources/%d", i), s.ID, kSource)
	}
	for i, a := range d.Actors {
		v.define(f, fmt.Sprintf("/actors/%d", i), a.ID, kActor)
	}
	for i, p := range d.Places {
		v.define(f, fmt.Sprintf("/places/%d", i), p.ID, kPlace)
	}
	for i, e := range d.Events {
		v.define(f, fmt.Sprintf("/events/%d", i), e.ID, kEvent)
	}
	for i, p := range d.Plans {
		ptr := fmt.Sprintf("/plans/%d", i)
		v.define(f, ptr, p.ID, kPlan)
		for j, ver := range p.Versions {
			vptr := fmt.Sprintf("%s/versions/%d", ptr, j)
			v.define(f, vptr, ver.ID, kVersion)
			if d := ver.DeclaredPoints; len(d.Values) == 1 {
				if q, err := quantity.Parse(d.Values[0].Value); err == nil && q.Amount != nil && q.Approx == "" {
					v.declaredCount[ver.ID] = int(*q.Amount)
				}
			}
			for _, l := range ver.DerivedFrom {
				v.derivedFrom[ver.ID] = append(v.derivedFrom[ver.ID], l.ID)
				f.rec.derivedFrom(ver.ID, l.ID)
			}
			for k, pt := range ver.Points {
				pptr := fmt.Sprintf("%s/points/%d", vptr, k)
				v.define(f, pptr, pt.ID, kPoint)
				v.versionOf[pt.ID] = ver.ID
				f.rec.versionOf(pt.ID, ver.ID)
				for s, sp := range pt.Subpoints {
					sptr := fmt.Sprintf("%s/subpoints/%d", pptr, s)
					id := subpointID(pt.ID, sp)
					if sp.ID == "" {
						sptr += "/label" // where the derived id comes from
						if !vocab.ValidID(id) {
							v.report(f.at(sptr, "sub-point id %q (from the point's id and the label) is not an id: give the sub-point an id", id))
						}
						v.defineAt(f, sptr, id, kPoint)
					} else {
						v.define(f, sptr, id, kPoint)
					}
					v.versionOf[id] = ver.ID
					f.rec.versionOf(id, ver.ID)
				}
			}
		}
	}
	for i, s := range d.Stances {
		v.define(f, fmt.Sprintf("/stances/%d", i), s.ID, kStance)
	}
}

// defineAt is define for an id derived from a value at ptr (a sub-point's
// label), rather than given under ptr/id.
func (v *validator) defineAt(f *parsedFile, ptr, id string, k kindOf) {
	if prev, dup := v.defs[id]; dup {
		p := prev.file.at(prev.ptr+"/id", "")
		v.report(f.at(ptr, "duplicate id %q: already defined as %s at %s:%d:%d", id, prev.kind, p.File, p.Line, p.Col))
		return
	}
	v.defs[id] = definition{kind: k, file: f, ptr: strings.TrimSuffix(ptr, "/label")}
	f.rec.define(id, k)
}

func (v *validator) check(f *parsedFile) {
	d := &f.doc
	for i, s := range d.Sources {
		ptr := fmt.Sprintf("/sources/%d", i)
		v.ref(f, ptr+"/publisherActor", s.PublisherActor, kActor)
		v.date(f, ptr+"/published", s.Published)
	}
	for i, a := range d.Actors {
		v.checkActor(f, fmt.Sprintf("/actors/%d", i), a)
	}
	for i, p := range d.Places {
		ptr := fmt.Sprintf("/places/%d", i)
		if p.In == p.ID {
			v.report(f.at(ptr+"/in", "place %q cannot be in itself", p.ID))
		} else {
			v.ref(f, ptr+"/in", p.In, kPlace)
		}
		v.citations(f, ptr, p.Sources)
	}
	for i, e := range d.Events {
		v.checkEvent(f, fmt.Sprintf("/events/%d", i), e)
	}
	for i, p := range d.Plans {
		for j, ver := range p.Versions {
			v.checkVersion(f, fmt.Sprintf("/plans/%d/versions/%d", i, j), ver)
		}
	}
	for i, s := range d.Stances {
		ptr := fmt.Sprintf("/stances/%d", i)
		v.ref(f, ptr+"/actor", s.Actor, kActor)
		v.ref(f, ptr+"/on", s.On, kPoint, kVersion)
		v.claims(f, ptr+"/date", s.Date, fieldStanceDay)
		v.citations(f, ptr, s.Sources)
	}
}

func (v *validator) checkActor(f *parsedFile, ptr string, a actor) {
	v.citations(f, ptr, a.Sources)
	if a.Identity.given() && a.Kind != vocab.ActorKindUnidentified {
		v.report(f.at(ptr+"/identity", "identity is for unidentified actors: %q is %s %s", a.ID, article(string(a.Kind)), a.Kind))
	}
	v.claims(f, ptr+"/identity", a.Identity, fieldIdentity)
	v.links(f, ptr+"/members", a.Members, kActor)
	for _, m := range a.Members {
		if m.ID == a.ID {
			v.report(f.at(ptr+"/members", "actor %q cannot be a member of itself", a.ID))
		}
	}
	for j, r := range a.Roles {
		rptr := fmt.Sprintf("%s/roles/%d", ptr, j)
		v.ref(f, rptr+"/for", r.For, kActor)
		v.claims(f, rptr+"/title", r.Title, fieldTitle)
		from, okFrom := v.claims(f, rptr+"/from", r.From, fieldFrom)
		until, okUntil := v.claims(f, rptr+"/until", r.Until, fieldUntil)
		if okFrom && okUntil {
			v.span(f, rptr+"/from", from, rptr+"/until", until)
		}
		v.citations(f, rptr, r.Sources)
	}
}

// span checks that an end or until date does not come before its start.
func (v *validator) span(f *parsedFile, startPtr string, start resolved, endPtr string, end resolved) {
	if len(start.values) == 0 || len(end.values) == 0 {
		return
	}
	s, e := start.date(), end.date()
	if s.IsZero() || e.IsZero() {
		return
	}
	if e.Latest().Before(s.Earliest()) {
		v.report(f.at(endPtr, "%s (%s) is before %s (%s)", lastToken(endPtr), e, lastToken(startPtr), s))
	}
}

func (v *validator) checkEvent(f *parsedFile, ptr string, e event) {
	date, okDate := v.claims(f, ptr+"/date", e.Date, fieldDate)
	end, okEnd := v.claims(f, ptr+"/end", e.End, fieldEnd)
	if okDate && okEnd {
		v.span(f, ptr+"/date", date, ptr+"/end", end)
	}
	v.claims(f, ptr+"/status", e.Status, fieldStatus)
	v.claims(f, ptr+"/modality", e.Modality, fieldModality)
	v.claims(f, ptr+"/duration", e.Duration, fieldDuration)
	v.claims(f, ptr+"/outcome", e.Outcome, fieldOutcome)
	v.links(f, ptr+"/places", e.Places, kPlace)
	v.citations(f, ptr, e.Sources)
	seen := map[string]bool{}
	for j, p := range e.Participants {
		pptr := fmt.Sprintf("%s/participants/%d", ptr, j)
		if seen[p.Actor] {
			v.report(f.at(pptr+"/actor", "actor %q takes part twice in event %q", p.Actor, e.ID))
		}
		seen[p.Actor] = true
		v.ref(f, pptr+"/actor", p.Actor, kActor)
		v.ref(f, pptr+"/represents", p.Represents, kActor)
		v.claims(f, pptr+"/role", p.Role, participantRoleField(p.Actor))
		v.citations(f, pptr, p.Sources)
	}
	v.links(f, ptr+"/concerns", e.Concerns, kVersion)
	v.links(f, ptr+"/produced", e.Produced, kVersion)
	for _, rel := range []struct {
		name string
		ls   links
	}{{"ledTo", e.LedTo}, {"followsUp", e.FollowsUp}, {"respondsTo", e.RespondsTo}, {"publishes", e.Publishes}} {
		for j, l := range rel.ls {
			if l.ID == e.ID {
				v.report(f.at(fmt.Sprintf("%s/%s/%d", ptr, rel.name, j), "event %q cannot relate to itself (%s)", e.ID, rel.name))
			}
		}
		v.links(f, ptr+"/"+rel.name, rel.ls, kEvent)
	}
}

func (v *validator) checkVersion(f *parsedFile, ptr string, ver version) {
	v.claims(f, ptr+"/declaredPoints", ver.DeclaredPoints, fieldDeclared)
	for _, k := range ver.Dates.byKind() {
		v.claims(f, ptr+"/dates/"+string(k.kind), k.value, versionDateField(k.kind))
	}
	v.claims(f, ptr+"/authors", ver.Authors, fieldAuthors)
	v.citations(f, ptr, ver.Sources)
	for j, l := range ver.DerivedFrom {
		if l.ID == ver.ID {
			p := ptr + "/derivedFrom"
			if len(ver.DerivedFrom) > 1 || f.values[p+"/0"] != (position{}) {
				p = fmt.Sprintf("%s/%d", p, j)
			}
			v.report(f.at(p, "plan version %q cannot derive from itself", ver.ID))
			return
		}
	}
	v.links(f, ptr+"/derivedFrom", ver.DerivedFrom, kVersion)
	declared, exact := v.declaredCount[ver.ID]
	if exact && declared > 0 && len(ver.Points) > declared {
		v.report(f.at(ptr+"/points", "plan version %q lists %d points but declares %d", ver.ID, len(ver.Points), declared))
	}
	numbers := map[int]bool{}
	for k, pt := range ver.Points {
		pptr := fmt.Sprintf("%s/points/%d", ptr, k)
		if pt.Number != nil {
			n := *pt.Number
			if exact && declared > 0 && n > declared {
				v.report(f.at(pptr+"/number", "point number %d is beyond the %d points of %q", n, declared, ver.ID))
			}
			if numbers[n] {
				v.report(f.at(pptr+"/number", "point number %d appears twice in %q", n, ver.ID))
			}
			numbers[n] = true
		}
		v.checkPointBody(f, pptr, pt.Title, pt.Text, pt.Territories, pt.Terms, pt.Sources)
		labels := map[string]bool{}
		for s, sp := range pt.Subpoints {
			sptr := fmt.Sprintf("%s/subpoints/%d", pptr, s)
			if labels[sp.Label] {
				v.report(f.at(sptr+"/label", "sub-point %q appears twice in point %q", sp.Label, pt.ID))
			}
			labels[sp.Label] = true
			v.checkPointBody(f, sptr, sp.Title, sp.Text, sp.Territories, sp.Terms, sp.Sources)
		}
		if pt.Revises != "" && v.ref(f, pptr+"/revises", pt.Revises, kPoint) {
			if !v.isAncestor(v.versionOf[pt.Revises], ver.ID) {
				v.report(f.at(pptr+"/revises", "point %q revises %q, which is not in a version that %q derives from", pt.ID, pt.Revises, ver.ID))
			}
		}
	}
	revisedBy := map[string]string{}
	for _, pt := range ver.Points {
		if pt.Revises != "" {
			revisedBy[pt.Revises] = pt.ID
		}
	}
	seen := map[string]bool{}
	for k, ft := range ver.Fates {
		fptr := fmt.Sprintf("%s/fates/%d", ptr, k)
		if seen[ft.Point] {
			v.report(f.at(fptr+"/point", "the fate of point %q is given twice", ft.Point))
		}
		seen[ft.Point] = true
		if v.ref(f, fptr+"/point", ft.Point, kPoint) && !v.isAncestor(v.versionOf[ft.Point], ver.ID) {
			v.report(f.at(fptr+"/point", "point %q is not in a version that %q derives from: it can have no fate there", ft.Point, ver.ID))
		}
		r, ok := v.claims(f, fptr+"/fate", ft.Fate, fateField(ft.Point))
		// The texts say the point lives on; a fate that says otherwise is
		// a contradiction to resolve in the fixture, not to pick silently.
		if next, revised := revisedBy[ft.Point]; ok && revised && (r.text() == string(vocab.PointFateDropped) || r.text() == string(vocab.PointFateUnknown)) {
			v.report(f.at(fptr+"/fate", "point %q is %s in %q, but %q revises it there: drop the revises link or give the fates as competing values", ft.Point, r.text(), ver.ID, next))
		}
		v.citations(f, fptr, ft.Sources)
		if !ft.Fate.Sourced && len(ft.Sources) == 0 {
			v.report(f.at(fptr, "the fate of point %q has no source: give its sources, or each fate with its own", ft.Point))
		}
	}
}

func (v *validator) checkPointBody(f *parsedFile, ptr string, title, text claims, territories []string, ts terms, sources []citation) {
	v.claims(f, ptr+"/title", title, fieldTitle)
	v.claims(f, ptr+"/text", text, fieldText)
	v.refList(f, ptr+"/territories", territories, kPlace)
	for _, t := range ts {
		v.claims(f, ptr+"/terms/"+escapePointer(t.Name), t.Value, termField(t.Name))
	}
	v.citations(f, ptr, sources)
}

// isAncestor reports whether version a is among the versions that b derives
// from, directly or not.
func (v *validator) isAncestor(a, b string) bool {
	seen := map[string]bool{}
	todo := append([]string(nil), v.derivedFrom[b]...)
	for len(todo) > 0 {
		cur := todo[0]
		todo = todo[1:]
		if cur == a {
			return true
		}
		if !seen[cur] {
			seen[cur] = true
			todo = append(todo, v.derivedFrom[cur]...)
		}
	}
	return false
}

// checkDerivationCycles reports each cycle of versions that derive from
// each other once.
func (v *validator) checkDerivationCycles() {
	reported := map[string]bool{}
	starts := make([]string, 0, len(v.derivedFrom))
	for id := range v.derivedFrom {
		starts = append(starts, id)
	}
	sort.Strings(starts)
	for _, start := range starts {
		if reported[start] {
			continue
		}
		if cycle := v.cycleFrom(start, nil); cycle != nil {
			for _, id := range cycle {
				reported[id] = true
			}
			def := v.defs[cycle[0]]
			v.report(def.file.at(def.ptr+"/derivedFrom", "plan versions derive from each other in a cycle: %s", strings.Join(cycle, " -> ")))
		}
	}
}

// cycleFrom returns a cycle through start, following parents depth first,
// or nil.
func (v *validator) cycleFrom(start string, path []string) []string {
	cur := start
	if len(path) > 0 {
		cur = path[len(path)-1]
	} else {
		path = []string{start}
	}
	for _, next := range v.derivedFrom[cur] {
		if next == cur {
			continue // reported as deriving from itself
		}
		if next == start {
			return append(append([]string(nil), path...), start)
		}
		if indexOf(path, next) >= 0 {
			continue
		}
		if c := v.cycleFrom(start, append(path, next)); c != nil {
			return c
		}
	}
	return nil
}

func indexOf(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}
