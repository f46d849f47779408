package loader

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/partialdate"
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

	versionOf     map[string]string // point id -> version id
	derivedFrom   map[string]string // version id -> parent version id
	declaredCount map[string]int    // version id -> declared points
}

func newValidator() *validator {
	return &validator{
		defs:          map[string]definition{},
		versionOf:     map[string]string{},
		derivedFrom:   map[string]string{},
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
}

// ref checks that id names something of one of the wanted kinds.
func (v *validator) ref(f *parsedFile, ptr, id string, want ...kindOf) bool {
	if id == "" {
		return true
	}
	d, ok := v.defs[id]
	if !ok {
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

// span checks that an end or until date does not come before its start.
func (v *validator) span(f *parsedFile, startPtr, start, endPtr, end string) {
	if start == "" || end == "" {
		return
	}
	s, err1 := partialdate.Parse(start)
	e, err2 := partialdate.Parse(end)
	if err1 != nil || err2 != nil {
		return // already reported
	}
	if e.Latest().Before(s.Earliest()) {
		v.report(f.at(endPtr, "%s (%s) is before %s (%s)", lastToken(endPtr), end, lastToken(startPtr), start))
	}
}

func lastToken(ptr string) string { return ptr[strings.LastIndexByte(ptr, '/')+1:] }

func (v *validator) citations(f *parsedFile, ptr string, cs []citation) {
	seen := map[string]bool{}
	for i, c := range cs {
		p := fmt.Sprintf("%s/sources/%d", ptr, i)
		if seen[c.Source] {
			v.report(f.at(p, "source %q is cited twice", c.Source))
		}
		seen[c.Source] = true
		if _, isMap := f.values[p+"/source"]; isMap {
			p += "/source"
		}
		v.ref(f, p, c.Source, kSource)
	}
}

func (v *validator) refList(f *parsedFile, ptr string, ids []string, want ...kindOf) {
	for i, id := range ids {
		v.ref(f, ptr+"/"+strconv.Itoa(i), id, want...)
	}
}

// validate runs every check that spans files; it returns all diagnostics and
// the definition of every id.
func validate(files []*parsedFile) ([]Diagnostic, map[string]definition) {
	v := newValidator()
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
			v.declaredCount[ver.ID] = deref(ver.DeclaredPoints)
			if ver.DerivedFrom != "" {
				v.derivedFrom[ver.ID] = ver.DerivedFrom
			}
			for k, pt := range ver.Points {
				v.define(f, fmt.Sprintf("%s/points/%d", vptr, k), pt.ID, kPoint)
				v.versionOf[pt.ID] = ver.ID
			}
		}
	}
	for i, s := range d.Stances {
		v.define(f, fmt.Sprintf("/stances/%d", i), s.ID, kStance)
	}
}

func (v *validator) check(f *parsedFile) {
	d := &f.doc
	for i, s := range d.Sources {
		ptr := fmt.Sprintf("/sources/%d", i)
		v.ref(f, ptr+"/publisherActor", s.PublisherActor, kActor)
		v.date(f, ptr+"/published", s.Published)
	}
	for i, a := range d.Actors {
		ptr := fmt.Sprintf("/actors/%d", i)
		v.citations(f, ptr, a.Sources)
		for j, r := range a.Roles {
			rptr := fmt.Sprintf("%s/roles/%d", ptr, j)
			v.ref(f, rptr+"/for", r.For, kActor)
			v.date(f, rptr+"/from", r.From)
			v.date(f, rptr+"/until", r.Until)
			v.span(f, rptr+"/from", r.From, rptr+"/until", r.Until)
			v.citations(f, rptr, r.Sources)
		}
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
		v.date(f, ptr+"/date", s.Date)
		v.citations(f, ptr, s.Sources)
	}
}

func (v *validator) checkEvent(f *parsedFile, ptr string, e event) {
	v.date(f, ptr+"/date", e.Date)
	v.date(f, ptr+"/end", e.End)
	v.span(f, ptr+"/date", e.Date, ptr+"/end", e.End)
	v.ref(f, ptr+"/place", e.Place, kPlace)
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
		v.citations(f, pptr, p.Sources)
	}
	v.refList(f, ptr+"/concerns", e.Concerns, kVersion)
	v.refList(f, ptr+"/produced", e.Produced, kVersion)
	for j, id := range e.LedTo {
		if id == e.ID {
			v.report(f.at(fmt.Sprintf("%s/ledTo/%d", ptr, j), "event %q cannot lead to itself", id))
			continue
		}
		v.ref(f, fmt.Sprintf("%s/ledTo/%d", ptr, j), id, kEvent)
	}
	fields := map[string]bool{}
	for j, d := range e.Disputes {
		v.checkDispute(f, fmt.Sprintf("%s/disputes/%d", ptr, j), e, d, fields)
	}
}

func (v *validator) checkDispute(f *parsedFile, ptr string, e event, d dispute, fields map[string]bool) {
	if fields[d.Field] {
		v.report(f.at(ptr+"/field", "field %q is disputed twice", d.Field))
	}
	fields[d.Field] = true
	current := eventField(e, d.Field)
	if current == "" {
		v.report(f.at(ptr+"/field", "disputed field %q has no value on the event: give the working value there", d.Field))
	}
	preferred := 0
	for k, val := range d.Values {
		vptr := fmt.Sprintf("%s/values/%d", ptr, k)
		canonical, ok := v.disputedValue(f, vptr+"/value", d.Field, val.Value)
		if val.Preferred {
			preferred++
			if ok && current != "" && canonical != current {
				v.report(f.at(vptr+"/value", "preferred value %q differs from the event's %s %q", val.Value, d.Field, current))
			}
		}
		v.citations(f, vptr, val.Sources)
	}
	if preferred > 1 {
		v.report(f.at(ptr+"/values", "%d values are marked preferred; mark at most one", preferred))
	}
}

// eventField is the canonical text of an event field that may be disputed.
func eventField(e event, field string) string {
	switch field {
	case "date", "end":
		s := e.Date
		if field == "end" {
			s = e.End
		}
		if d, err := partialdate.Parse(s); err == nil {
			return d.String()
		}
		return s
	case "durationMinutes":
		if e.DurationMinutes == nil {
			return ""
		}
		return strconv.Itoa(*e.DurationMinutes)
	}
	return ""
}

func (v *validator) disputedValue(f *parsedFile, ptr, field, value string) (string, bool) {
	switch field {
	case "date", "end":
		d, err := partialdate.Parse(value)
		if err != nil {
			v.report(f.at(ptr, "invalid date %q: %v", value, err))
			return "", false
		}
		return d.String(), true
	case "durationMinutes":
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n < 1 {
			v.report(f.at(ptr, "durationMinutes must be a positive whole number, got %q", value))
			return "", false
		}
		return strconv.FormatInt(n, 10), true
	}
	return value, true
}

func (v *validator) checkVersion(f *parsedFile, ptr string, ver version) {
	v.date(f, ptr+"/date", ver.Date)
	v.citations(f, ptr, ver.Sources)
	if ver.DerivedFrom == ver.ID {
		v.report(f.at(ptr+"/derivedFrom", "plan version %q cannot derive from itself", ver.ID))
	} else {
		v.ref(f, ptr+"/derivedFrom", ver.DerivedFrom, kVersion)
	}
	declared := deref(ver.DeclaredPoints)
	if declared > 0 && len(ver.Points) > declared {
		v.report(f.at(ptr+"/points", "plan version %q lists %d points but declares %d", ver.ID, len(ver.Points), declared))
	}
	numbers := map[int]bool{}
	for k, pt := range ver.Points {
		pptr := fmt.Sprintf("%s/points/%d", ptr, k)
		if n := deref(pt.Number); n > 0 {
			if declared > 0 && n > declared {
				v.report(f.at(pptr+"/number", "point number %d is beyond the %d points of %q", n, declared, ver.ID))
			}
			if numbers[n] {
				v.report(f.at(pptr+"/number", "point number %d appears twice in %q", n, ver.ID))
			}
			numbers[n] = true
		}
		v.refList(f, pptr+"/territories", pt.Territories, kPlace)
		v.citations(f, pptr, pt.Sources)
		if pt.Revises != "" && v.ref(f, pptr+"/revises", pt.Revises, kPoint) {
			if !v.isAncestor(v.versionOf[pt.Revises], ver.ID) {
				v.report(f.at(pptr+"/revises", "point %q revises %q, which is not in a version that %q derives from", pt.ID, pt.Revises, ver.ID))
			}
		}
	}
}

// isAncestor reports whether version a is among the versions that b derives
// from, directly or not.
func (v *validator) isAncestor(a, b string) bool {
	seen := map[string]bool{}
	for cur := v.derivedFrom[b]; cur != "" && !seen[cur]; cur = v.derivedFrom[cur] {
		if cur == a {
			return true
		}
		seen[cur] = true
	}
	return false
}

func (v *validator) checkDerivationCycles() {
	reported := map[string]bool{}
	starts := make([]string, 0, len(v.derivedFrom))
	for id := range v.derivedFrom {
		starts = append(starts, id)
	}
	sort.Strings(starts)
	for _, start := range starts {
		if v.derivedFrom[start] == start {
			continue // reported as deriving from itself
		}
		seen := map[string]bool{}
		chain := []string{}
		for cur := start; cur != "" && !reported[cur]; cur = v.derivedFrom[cur] {
			if seen[cur] {
				i := indexOf(chain, cur)
				cycle := append(chain[i:], cur)
				for _, id := range chain[i:] {
					reported[id] = true
				}
				def := v.defs[cur]
				v.report(def.file.at(def.ptr+"/derivedFrom", "plan versions derive from each other in a cycle: %s", strings.Join(cycle, " -> ")))
				break
			}
			seen[cur] = true
			chain = append(chain, cur)
		}
	}
}

func indexOf(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// deref is the value of an optional number, 0 when absent.
func deref(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}
