// Package gen writes deterministic synthetic fixture files for benchmarks:
// actors, places, sources, events, plans and stances in the format the
// loader reads (fixtures/schema.json), at a chosen scale.
//
// At scale 1 it writes about 1,000 actors (people, states, organisations
// and a few delegations, with aliases and roles), 100 places (countries
// holding cities and venues), 2,000 sources, 20,000 events from 2019 to 2025
// with 2 to 10 participants each, 10 plans with versions, derivation chains
// and numbered points, and 500 stances. Participants are drawn from a
// power law over the actors, so a few actors take part in very many events,
// as in real diplomacy. The counts grow linearly with the scale, which may
// be fractional.
//
// The same scale and seed always give byte-identical files: every random
// choice comes from PCG streams seeded from the seed, one stream per part
// of the data, and nothing is written in map order.
package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Config says what to generate.
type Config struct {
	// Scale multiplies every count: 1 is about 20,000 events. It may be
	// fractional (0.05 is about 1,000 events).
	Scale float64
	// Seed picks the data; the same seed and scale give the same bytes.
	Seed uint64
	// FileLimit is the size past which a file is closed and the next one
	// begun (events-2021-03.yaml, events-2021-03-2.yaml, ...); 0 means
	// DefaultFileLimit.
	FileLimit int
}

// MaxScale bounds the scale: 1,000 is 20 million events.
const MaxScale = 1000

// DefaultFileLimit keeps files well below the loader's limit of 32 MiB
// (a file ends with the entry that takes it past the limit).
const DefaultFileLimit = 6 << 20

// Stats counts what Generate wrote.
type Stats struct {
	Files          []string
	Bytes          int64
	Sources        int
	Actors         int
	Roles          int
	Places         int
	Events         int
	Participations int
	Claims         int
	Plans          int
	Versions       int
	Points         int
	Stances        int
}

// Nodes is the number of nodes the files make in the graph.
func (s Stats) Nodes() int {
	return s.Sources + s.Actors + s.Roles + s.Places + s.Events + s.Claims + s.Plans + s.Versions + s.Points + s.Stances
}

// Counts derives the entity counts for a scale.
type counts struct {
	actors, places, sources, events, plans, stances int
}

func countsFor(scale float64) counts {
	n := func(base float64, least int) int {
		return max(least, int(math.Round(scale*base)))
	}
	return counts{
		actors:  n(1000, 20),
		places:  n(100, 3),
		sources: n(2000, 10),
		events:  n(20000, 1),
		plans:   n(10, 1),
		stances: n(500, 1),
	}
}

// The time the events cover.
var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	numDays  = int(lastDay.Sub(firstDay).Hours()/24) + 1
)

func dayAt(i int) time.Time { return firstDay.AddDate(0, 0, i) }

// Streams: each part of the data draws from its own PCG stream, so a change
// to one part leaves the others as they were.
const (
	streamActors uint64 = iota + 1
	streamPopularity
	streamPlaces
	streamSources
	streamPlans
	streamSkeleton
	streamEvents
	streamStances
)

type actorRec struct {
	id, kind, name string
	home           int // index of the state a person acts for, -1 if none
}

type sourceRec struct {
	id  string
	day int
}

type pointRec struct {
	id     string
	number int
}

type versionRec struct {
	id     string
	points []pointRec
}

type generator struct {
	cfg      Config
	n        counts
	dir      string
	limit    int
	stats    Stats
	actors   []actorRec
	states   []int // indexes of state actors
	orgs     []int // indexes of organisation actors
	persons  []int
	rank     []int // actors by popularity, most popular first
	places   []string
	cities   []string
	sources  []sourceRec
	versions []versionRec
	points   []string // every point id
}

func (g *generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.cfg.Seed, stream))
}

// Generate writes the fixture files into dir, which must exist and hold no
// fixture files (a load reads every *.yaml below a folder).
func Generate(cfg Config, dir string) (Stats, error) {
	if !(cfg.Scale > 0) || cfg.Scale > MaxScale {
		return Stats{}, fmt.Errorf("scale must be above 0 and at most %d, got %v", MaxScale, cfg.Scale)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return Stats{}, err
	}
	if !info.IsDir() {
		return Stats{}, fmt.Errorf("%s is not a folder", dir)
	}
	if existing, err := Fixtures(dir); err != nil {
		return Stats{}, err
	} else if len(existing) > 0 {
		return Stats{}, fmt.Errorf("%s: %w (%d, e.g. %s)", dir, ErrNotEmpty, len(existing), existing[0])
	}
	g := &generator{cfg: cfg, n: countsFor(cfg.Scale), dir: dir, limit: cfg.FileLimit}
	if g.limit <= 0 {
		g.limit = DefaultFileLimit
	}
	steps := []func() error{g.genActors, g.genPlaces, g.genSources, g.writeActors, g.genPlans, g.genEvents, g.genStances}
	for _, step := range steps {
		if err := step(); err != nil {
			return Stats{}, err
		}
	}
	sort.Strings(g.stats.Files)
	for _, f := range g.stats.Files {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			return Stats{}, err
		}
		g.stats.Bytes += info.Size()
	}
	return g.stats, nil
}

// pick returns a random element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// weighted picks an index by weight.
func weighted(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// ---- names ----

var syllables = []string{
	"ka", "lo", "mi", "ra", "ven", "dor", "sha", "tel", "ni", "bor", "vas", "ul",
	"en", "or", "is", "an", "tra", "mek", "zo", "pel", "gar", "rin", "sol", "dal",
	"fen", "ko", "ly", "mar", "nes", "qui", "ta", "bel", "cor", "da", "el", "fa",
}

var firstNames = []string{
	"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hassan",
	"Ines", "Jonas", "Karin", "Lev", "Maya", "Nikolai", "Olga", "Pavel",
	"Quentin", "Rosa", "Sergei", "Tamara", "Umar", "Vera", "Walter", "Xenia",
	"Yuri", "Zofia", "Amir", "Bianca", "Cyril", "Dana", "Emil", "Fatima",
}

func word(r *rand.Rand, parts int) string {
	var b strings.Builder
	for range parts {
		b.WriteString(pick(r, syllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// ---- actors ----

func (g *generator) genActors() error {
	r := g.rng(streamActors)
	n := g.n.actors
	nStates := max(3, n/10)
	nOrgs := max(2, n/10)
	nDelegations := max(1, n/100)
	for i := range n {
		var a actorRec
		a.home = -1
		switch {
		case i < nStates:
			a.kind, a.id = "state", fmt.Sprintf("state-%05d", i+1)
			a.name = word(r, 2) + pick(r, []string{"ia", "land", "stan", "ova", "ar", ""})
		case i < nStates+nOrgs:
			a.kind, a.id = "organisation", fmt.Sprintf("org-%05d", i+1)
			a.name = word(r, 2) + " " + pick(r, []string{"Council", "Institute", "Alliance", "Union", "Forum", "Agency", "Bank", "News"})
		case i < nStates+nOrgs+nDelegations:
			a.kind, a.id = "delegation", fmt.Sprintf("delegation-%05d", i+1)
		default:
			a.kind, a.id = "person", fmt.Sprintf("person-%05d", i+1)
			a.name = pick(r, firstNames) + " " + word(r, 2+r.IntN(2))
			a.home = r.IntN(nStates)
		}
		switch a.kind {
		case "state":
			g.states = append(g.states, i)
		case "organisation":
			g.orgs = append(g.orgs, i)
		case "person":
			g.persons = append(g.persons, i)
		}
		g.actors = append(g.actors, a)
	}
	// Delegations are named after the state they come from.
	for i := range g.actors {
		if g.actors[i].kind == "delegation" {
			st := pick(r, g.states)
			g.actors[i].home = st
			g.actors[i].name = "Delegation of " + g.actors[st].name
		}
	}
	g.stats.Actors = n

	// Popularity: a random order, with states and organisations drawn
	// towards the top; participants are then drawn by a power law of rank.
	pr := g.rng(streamPopularity)
	type keyed struct {
		i   int
		key float64
	}
	ks := make([]keyed, n)
	for i, a := range g.actors {
		w := 1.0
		switch a.kind {
		case "state":
			w = 0.15
		case "organisation", "delegation":
			w = 0.6
		}
		ks[i] = keyed{i, pr.Float64() * w}
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].key != ks[b].key {
			return ks[a].key < ks[b].key
		}
		return ks[a].i < ks[b].i
	})
	g.rank = make([]int, n)
	for i, k := range ks {
		g.rank[i] = k.i
	}
	return nil
}

var roleTitles = []string{
	"Foreign Minister", "Deputy Foreign Minister", "Special Envoy", "Ambassador",
	"National Security Adviser", "Defence Minister", "President", "Prime Minister",
	"Chief of Staff", "Spokesperson", "Chief Negotiator", "Presidential Aide",
	"Head of Delegation", "Secretary-General", "Senior Adviser",
}

// writeActors runs after the sources exist, since actors cite them.
func (g *generator) writeActors() error {
	r := g.rng(streamActors + 100)
	set := newFileSet(g.dir, "actors", "actors", header(g.cfg, "actors"), g.limit)
	for _, a := range g.actors {
		e := set.item()
		e.id(2, true, "id", a.id)
		e.ID(4, "kind", a.kind)
		e.Str(4, "name", a.name)
		e.Strs(4, "aliases", g.aliases(r, a))
		if chance(r, 0.05) {
			e.Str(4, "description", "Synthetic "+a.kind+" for benchmarks; "+word(r, 3)+" is a made-up name.")
		}
		if a.kind == "person" {
			g.writeRoles(r, e, a)
		}
		if chance(r, 0.5) {
			e.Citations(4, g.someSources(r, r.IntN(numDays), 1+r.IntN(2), 0.3))
		}
		if err := set.done(); err != nil {
			return err
		}
	}
	return g.finish(set)
}

func (g *generator) aliases(r *rand.Rand, a actorRec) []string {
	var out []string
	add := func(s string) {
		if s == "" || s == a.name {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	switch a.kind {
	case "state":
		add("Republic of " + a.name)
		if chance(r, 0.5) {
			add(strings.ToUpper(a.name[:min(3, len(a.name))]))
		}
		if chance(r, 0.3) {
			add(word(r, 2) + " government")
		}
	case "organisation":
		var acr strings.Builder
		for _, w := range strings.Fields(a.name) {
			acr.WriteString(strings.ToUpper(w[:1]))
		}
		acr.WriteString(strings.ToUpper(word(r, 1)[:1]))
		add(acr.String())
	case "person":
		first, last, _ := strings.Cut(a.name, " ")
		if chance(r, 0.4) {
			add(first[:1] + ". " + last)
		}
		if chance(r, 0.3) {
			add(first + " " + strings.ReplaceAll(strings.ReplaceAll(last, "y", "i"), "k", "c") + "y")
		}
	}
	return out
}

func (g *generator) writeRoles(r *rand.Rand, e *emitter, a actorRec) {
	n := []int{0, 1, 1, 1, 1, 2, 2, 3}[r.IntN(8)]
	if n == 0 {
		return
	}
	e.key(4, false, "roles")
	e.WriteByte('\n')
	for range n {
		e.str(6, true, "title", pick(r, roleTitles))
		switch {
		case chance(r, 0.75):
			e.ID(8, "for", g.actors[a.home].id)
		case chance(r, 0.5):
			e.ID(8, "for", g.actors[pick(r, g.orgs)].id)
		}
		from := -1
		if chance(r, 0.3) {
			from = r.IntN(numDays)
			e.Str(8, "from", partialOf(r, from, 0.5))
		}
		if from >= 0 && chance(r, 0.4) {
			until := min(numDays-1, from+30+r.IntN(900))
			e.Str(8, "until", partialOf(r, until, 0.5))
		}
		day := from
		if day < 0 {
			day = r.IntN(numDays)
		}
		e.Citations(8, g.someSources(r, day, 1+r.IntN(2), 0.3))
		g.stats.Roles++
	}
}

// partialOf writes day i as a partial date: the day itself, or (with
// probability coarse) its month, part of its month, or its year.
func partialOf(r *rand.Rand, i int, coarse float64) string {
	d := dayAt(i)
	if !chance(r, coarse) {
		return d.Format("2006-01-02")
	}
	switch r.IntN(4) {
	case 0:
		return d.Format("2006-01")
	case 1:
		return monthPart(d) + " " + d.Format("2006-01")
	case 2:
		return d.Format("2006")
	default:
		return yearPart(d) + " " + d.Format("2006")
	}
}

// monthPart and yearPart name the part of a month or a year a day is in,
// as partialdate splits them.
func monthPart(d time.Time) string {
	switch {
	case d.Day() <= 10:
		return "early"
	case d.Day() <= 20:
		return "mid"
	}
	return "late"
}

func yearPart(d time.Time) string {
	switch {
	case d.Month() <= 4:
		return "early"
	case d.Month() <= 8:
		return "mid"
	}
	return "late"
}

// ---- places ----

func (g *generator) genPlaces() error {
	r := g.rng(streamPlaces)
	n := g.n.places
	nCountries := max(1, n*15/100)
	nCities := max(1, n*75/100)
	set := newFileSet(g.dir, "places", "places", header(g.cfg, "places"), g.limit)
	var countries []string
	for i := range n {
		e := set.item()
		var id, kind, name, in string
		var aliases []string
		switch {
		case i < nCountries:
			id, kind = fmt.Sprintf("country-%04d", i+1), "country"
			name = word(r, 2) + pick(r, []string{"ia", "land", "stan", "ova"})
			if chance(r, 0.5) {
				aliases = []string{"Republic of " + name}
			}
			countries = append(countries, id)
		case i < nCountries+nCities:
			id, kind = fmt.Sprintf("city-%05d", i+1), "city"
			name = word(r, 2+r.IntN(2))
			in = pick(r, countries)
			if chance(r, 0.1) {
				aliases = []string{"Old " + name}
			}
			g.cities = append(g.cities, id)
		default:
			id = fmt.Sprintf("venue-%05d", i+1)
			kind = pick(r, []string{"venue", "building"})
			name = word(r, 2) + " " + pick(r, []string{"Palace", "House", "Hotel", "Conference Centre"})
			in = pick(r, g.cities)
		}
		g.places = append(g.places, id)
		e.id(2, true, "id", id)
		e.ID(4, "kind", kind)
		e.Str(4, "name", name)
		e.Strs(4, "aliases", aliases)
		e.ID(4, "in", in)
		// Places cite sources that exist only later; ids are known.
		if chance(r, 0.3) {
			e.IDs(4, "sources", []string{sourceID(r.IntN(g.n.sources))})
		}
		if err := set.done(); err != nil {
			return err
		}
	}
	g.stats.Places = n
	return g.finish(set)
}

// ---- sources ----

func sourceID(i int) string { return fmt.Sprintf("src-%06d", i+1) }

var publishers = []string{
	"Daily Ledger", "Morning Courier", "Global Wire", "The Observer Post", "Capital Times",
	"Northern Herald", "Evening Standardist", "Press Agency One", "Diplomatic Review",
	"World Affairs Weekly", "The Dispatch", "Continental News", "Policy Monitor",
}

// The enums come from package vocab (the schema's), each value with its
// weight; every value must have one (checkWeights), so a new value in the
// schema fails the generator's tests until it is given a share.
var sourceKinds = vocab.Stored(vocab.AllSourceKind)
var sourceKindWeights = weights(vocab.AllSourceKind, map[vocab.SourceKind]float64{
	vocab.SourceKindArticle: 60, vocab.SourceKindSocialPost: 10, vocab.SourceKindOfficialStatement: 12,
	vocab.SourceKindReport: 8, vocab.SourceKindTranscript: 4, vocab.SourceKindVideo: 3, vocab.SourceKindOther: 3,
})

// weights lists each value's weight in the enum's order.
func weights[E comparable](all []E, w map[E]float64) []float64 {
	out := make([]float64, len(all))
	for i, e := range all {
		wt, ok := w[e]
		if !ok {
			panic(fmt.Sprintf("gen: no weight for %v", e))
		}
		out[i] = wt
	}
	return out
}

func (g *generator) genSources() error {
	r := g.rng(streamSources)
	n := g.n.sources
	// Publication days spread over the period and a month beyond it, in order.
	span := numDays + 30
	days := make([]int, n)
	for i := range days {
		days[i] = r.IntN(span)
	}
	sort.Ints(days)
	set := newFileSet(g.dir, "sources", "sources", header(g.cfg, "sources"), g.limit)
	for i, day := range days {
		id := sourceID(i)
		g.sources = append(g.sources, sourceRec{id: id, day: day})
		kind := sourceKinds[weighted(r, sourceKindWeights)]
		publisher := pick(r, publishers)
		d := dayAt(day)
		e := set.item()
		e.id(2, true, "id", id)
		e.ID(4, "kind", kind)
		e.Str(4, "title", fmt.Sprintf("%s: %s %s talks", publisher, word(r, 2), pick(r, []string{"ceasefire", "trade", "security", "sanctions", "border", "energy"})))
		if chance(r, 0.8) {
			e.Str(4, "url", fmt.Sprintf("https://news%d.example.org/%s/%s", 1+r.IntN(40), d.Format("2006/01/02"), id))
		}
		e.Str(4, "publisher", publisher)
		if chance(r, 0.05) {
			e.ID(4, "publisherActor", g.actors[pick(r, g.orgs)].id)
		}
		if chance(r, 0.4) {
			e.Str(4, "author", pick(r, firstNames)+" "+word(r, 2))
		}
		e.Str(4, "published", partialOf(r, min(day, numDays-1), 0.1))
		if chance(r, 0.05) {
			e.Str(4, "note", "Synthetic source; cites unnamed officials.")
		}
		if err := set.done(); err != nil {
			return err
		}
	}
	g.stats.Sources = n
	return g.finish(set)
}

// firstSource is the index of the first source published on or after day.
func (g *generator) firstSource(day int) int {
	return sort.Search(len(g.sources), func(i int) bool { return g.sources[i].day >= day })
}

// someSources cites k distinct sources published around day (within three
// weeks after it, or the nearest ones), with a quote with probability q.
func (g *generator) someSources(r *rand.Rand, day, k int, q float64) []citation {
	lo, hi := g.firstSource(day), g.firstSource(day+21)
	if want := max(k, 3); hi-lo < want {
		hi = min(len(g.sources), lo+want)
		lo = max(0, hi-want)
	}
	k = min(k, hi-lo)
	out := make([]citation, 0, k)
	for len(out) < k {
		s := g.sources[lo+r.IntN(hi-lo)].id
		dup := false
		for _, c := range out {
			dup = dup || c.source == s
		}
		if dup {
			continue
		}
		c := citation{source: s}
		if chance(r, q) {
			c.quote = quotes[r.IntN(len(quotes))]
		}
		if chance(r, 0.02) {
			c.confirmation = "reported"
		}
		out = append(out, c)
	}
	return out
}

// confirmedAs gives every citation of a fact one confirmation: a fact the
// sources only report, plan or speculate about.
func confirmedAs(cs []citation, confirmation string) []citation {
	for i := range cs {
		cs[i].confirmation = confirmation
	}
	return cs
}

var quotes = []string{
	"officials confirmed the meeting took place",
	"according to a person familiar with the discussions",
	"the two sides said talks were constructive",
	"a spokesperson declined to give details",
	"the statement was published on the ministry's website",
	"both delegations attended, the agency reported",
	"the call lasted more than an hour",
	"diplomats described the atmosphere as tense",
}

// ---- plans ----

var topics = vocab.Stored(vocab.AllPointTopic)

func (g *generator) genPlans() error {
	r := g.rng(streamPlans)
	set := newFileSet(g.dir, "plans", "plans", header(g.cfg, "plans"), g.limit)
	for p := range g.n.plans {
		planID := fmt.Sprintf("plan-%04d", p+1)
		name := word(r, 2) + " peace plan"
		e := set.item()
		e.id(2, true, "id", planID)
		e.Str(4, "name", name)
		if chance(r, 0.5) {
			e.Str(4, "summary", "A synthetic plan negotiated over several versions.")
		}
		e.key(4, false, "versions")
		e.WriteByte('\n')
		nv := 2 + r.IntN(5)
		first := len(g.versions)
		day := r.IntN(numDays)
		for v := range nv {
			vid := fmt.Sprintf("%s-v%d", planID, v+1)
			declared := 8 + r.IntN(33)
			e.id(6, true, "id", vid)
			e.Str(8, "name", fmt.Sprintf("%s, version %d (%d points)", name, v+1, declared))
			e.Int(8, "declaredPoints", declared)
			if chance(r, 0.7) {
				e.key(8, false, "dates")
				e.WriteByte('\n')
				e.Str(10, "published", partialOf(r, day, 0.6))
			}
			parent := -1
			if v > 0 {
				parent = len(g.versions) - 1
				if chance(r, 0.2) {
					parent = first + r.IntN(v) // a branch from an earlier version
				}
				e.ID(8, "derivedFrom", g.versions[parent].id)
			}
			if chance(r, 0.5) {
				e.Str(8, "summary", fmt.Sprintf("Version %d of the %s.", v+1, name))
			}
			reported := chance(r, 0.05)
			// Most versions' full text is known; of the others only some
			// points are, and sources state the fate of a few of the rest.
			complete := chance(r, 0.6)
			if complete {
				e.Flag(8, "complete", true)
			}
			rec := versionRec{id: vid}
			revisedHere := map[string]bool{}
			var pts []pointRec
			unnumbered := 0
			for num := 1; num <= declared; num++ {
				if !chance(r, 0.6) {
					continue
				}
				pt := pointRec{id: fmt.Sprintf("%s-p%d", vid, num), number: num}
				if chance(r, 0.1) {
					unnumbered++
					pt = pointRec{id: fmt.Sprintf("%s-u%d", vid, unnumbered)}
				}
				pts = append(pts, pt)
			}
			if len(pts) > 0 {
				e.key(8, false, "points")
				e.WriteByte('\n')
			}
			for _, pt := range pts {
				e.id(10, true, "id", pt.id)
				e.Int(12, "number", pt.number)
				if chance(r, 0.5) {
					e.Str(12, "title", word(r, 2)+" clause")
				}
				e.Str(12, "text", fmt.Sprintf("The parties agree on %s measures concerning %s.", strings.ToLower(word(r, 2)), strings.ToLower(word(r, 2))))
				var ts []string
				for _, t := range topics {
					if chance(r, 0.12) {
						ts = append(ts, t)
					}
				}
				e.IDs(12, "topics", ts)
				if chance(r, 0.3) {
					terr := []string{pick(r, g.places)}
					if other := pick(r, g.places); other != terr[0] && chance(r, 0.3) {
						terr = append(terr, other)
					}
					e.IDs(12, "territories", terr)
				}
				if parent >= 0 && len(g.versions[parent].points) > 0 && chance(r, 0.4) {
					old := g.revised(r, parent, pt)
					revisedHere[old] = true
					e.ID(12, "revises", old)
				}
				cs := g.someSources(r, day, 1+r.IntN(2), 0.3)
				if chance(r, 0.03) {
					cs = confirmedAs(cs, "reported")
				}
				e.Citations(12, cs)
				rec.points = append(rec.points, pt)
				g.points = append(g.points, pt.id)
				g.stats.Points++
			}
			if parent >= 0 && !complete {
				g.writeFates(r, e, g.versions[parent].points, revisedHere, day)
			}
			cs := g.someSources(r, day, 1+r.IntN(2), 0.3)
			if reported {
				cs = confirmedAs(cs, "reported")
			}
			e.Citations(8, cs)
			g.versions = append(g.versions, rec)
			g.stats.Versions++
			day = min(numDays-1, day+10+r.IntN(60))
		}
		g.stats.Plans++
		if err := set.done(); err != nil {
			return err
		}
	}
	return g.finish(set)
}

// writeFates writes what sources say became of some of the parent's points
// that no point of the version revises: one in five is said dropped, and
// one in twenty-five has competing fates (dropped, reportedly, against
// revised), neither preferred.
func (g *generator) writeFates(r *rand.Rand, e *emitter, parent []pointRec, revised map[string]bool, day int) {
	started := false
	for _, p := range parent {
		if revised[p.id] {
			continue
		}
		stated, disputed := chance(r, 0.2), chance(r, 0.04)
		if !stated && !disputed {
			continue
		}
		if !started {
			e.key(8, false, "fates")
			e.WriteByte('\n')
			started = true
		}
		e.id(10, true, "point", p.id)
		if !disputed {
			e.ID(12, "fate", "dropped")
			e.Citations(12, g.someSources(r, day, 1, 0.5))
			continue
		}
		e.key(12, false, "fate")
		e.WriteByte('\n')
		e.str(14, true, "value", "dropped")
		e.Citations(16, confirmedAs(g.someSources(r, day, 1, 0.8), "reported"))
		e.str(14, true, "value", "revised")
		e.Citations(16, g.someSources(r, day, 1, 0.8))
		g.stats.Claims += 2
	}
}

// revised picks the parent version's point that a point revises: the one
// with the same number when there is one.
func (g *generator) revised(r *rand.Rand, parent int, pt pointRec) string {
	for _, p := range g.versions[parent].points {
		if pt.number > 0 && p.number == pt.number {
			return p.id
		}
	}
	return pick(r, g.versions[parent].points).id
}

// ---- events ----

var eventTypes = vocab.Stored(vocab.AllEventType)
var eventTypeWeights = weights(vocab.AllEventType, map[vocab.EventType]float64{
	vocab.EventTypePhoneCall: 22, vocab.EventTypeMeeting: 25, vocab.EventTypeTalks: 10, vocab.EventTypeVisit: 10,
	vocab.EventTypeCommunication: 8, vocab.EventTypeBriefing: 5, vocab.EventTypeStatement: 10,
	vocab.EventTypePlanRelease: 1, vocab.EventTypePlanRevision: 1, vocab.EventTypeDeadline: 2,
	vocab.EventTypeReport: 4, vocab.EventTypeOther: 2,
})
var eventWords = map[string]string{
	"phone_call": "call", "meeting": "meeting", "talks": "talks", "visit": "visit",
	"communication": "communication", "briefing": "briefing", "statement": "statement",
	"plan_release": "release", "plan_revision": "revision", "deadline": "deadline",
	"report": "report", "other": "event",
}
var eventNouns = map[string]string{
	"phone_call": "Phone call", "meeting": "Meeting", "talks": "Talks", "visit": "Visit",
	"communication": "Message", "briefing": "Briefing", "statement": "Statement",
	"plan_release": "Plan released", "plan_revision": "Plan revised", "deadline": "Deadline",
	"report": "Report", "other": "Encounter",
}

// Roles by event type: the first participants take the first roles, the
// rest the last one.
var participantRoles = map[string][]string{
	"phone_call":    {"caller", "recipient", "participant"},
	"meeting":       {"host", "participant"},
	"talks":         {"delegation_head", "delegation_head", "mediator", "delegate"},
	"visit":         {"host", "visitor", "delegate"},
	"communication": {"adviser", "advised", "participant"},
	"briefing":      {"speaker", "addressee"},
	"statement":     {"issuer", "speaker", "addressee"},
	"plan_release":  {"author", "author", "party"},
	"plan_revision": {"author", "party"},
	"deadline":      {"issuer", "addressee", "party"},
	"report":        {"author", "participant"},
	"other":         {"participant"},
}

// Participant counts 2..10, most events having two or three.
var participantWeights = []float64{40, 22, 13, 8, 6, 4, 3, 2, 2}

// skeleton is what is decided about every event up front, so that an event
// can name a later one (ledTo) before that one is written.
type skeleton struct {
	day   int32
	typ   uint8
	shape uint8 // which form the date takes
}

const (
	shapeDay = iota
	shapeMonth
	shapeMonthPart
	shapeYear
	shapeYearPart
)

var shapeWeights = []float64{85, 7, 4, 2, 2}

func (s skeleton) date() string {
	d := dayAt(int(s.day))
	switch s.shape {
	case shapeMonth:
		return d.Format("2006-01")
	case shapeMonthPart:
		return monthPart(d) + " " + d.Format("2006-01")
	case shapeYear:
		return d.Format("2006")
	case shapeYearPart:
		return yearPart(d) + " " + d.Format("2006")
	}
	return d.Format("2006-01-02")
}

func (s skeleton) id(i int) string {
	d := dayAt(int(s.day))
	var date string
	switch s.shape {
	case shapeDay:
		date = d.Format("2006-01-02")
	case shapeMonth, shapeMonthPart:
		date = d.Format("2006-01")
	default:
		date = d.Format("2006")
	}
	return fmt.Sprintf("%s-%s-%06d", eventWords[eventTypes[s.typ]], date, i+1)
}

func (g *generator) genEvents() error {
	sr := g.rng(streamSkeleton)
	n := g.n.events
	sk := make([]skeleton, n)
	for i := range sk {
		sk[i] = skeleton{day: int32(sr.IntN(numDays)), typ: uint8(weighted(sr, eventTypeWeights)), shape: uint8(weighted(sr, shapeWeights))}
	}
	sort.SliceStable(sk, func(a, b int) bool { return sk[a].day < sk[b].day })

	r := g.rng(streamEvents)
	// A power law over the popularity ranks: P(rank k) ~ (k+4)^-1.2. The
	// most popular actor takes part in roughly one event in ten.
	zipf := rand.NewZipf(r, 1.2, 4, uint64(len(g.actors)-1))
	var set *fileSet
	month := ""
	for i, s := range sk {
		if m := dayAt(int(s.day)).Format("2006-01"); m != month {
			if set != nil {
				if err := g.finish(set); err != nil {
					return err
				}
			}
			month = m
			set = newFileSet(g.dir, "events-"+m, "events", header(g.cfg, "events of "+m), g.limit)
		}
		e := set.item()
		g.writeEvent(r, zipf, e, sk, i)
		if err := set.done(); err != nil {
			return err
		}
	}
	if set != nil {
		if err := g.finish(set); err != nil {
			return err
		}
	}
	g.stats.Events = n
	return nil
}

func (g *generator) writeEvent(r *rand.Rand, zipf *rand.Zipf, e *emitter, sk []skeleton, i int) {
	s := sk[i]
	typ := eventTypes[s.typ]
	day := int(s.day)
	id := s.id(i)

	// Participants: distinct actors by the power law.
	k := 2 + weighted(r, participantWeights)
	actors := make([]int, 0, k)
	for tries := 0; len(actors) < k; tries++ {
		a := g.rank[zipf.Uint64()]
		if tries > 50 {
			a = r.IntN(len(g.actors))
		}
		dup := false
		for _, b := range actors {
			dup = dup || a == b
		}
		if !dup {
			actors = append(actors, a)
		}
	}
	evSources := g.someSources(r, day, 1+weighted(r, []float64{50, 35, 15}), 0.4)

	e.id(2, true, "id", id)
	e.ID(4, "type", typ)
	e.Str(4, "title", g.title(typ, actors))
	if chance(r, 0.3) {
		e.Str(4, "summary", fmt.Sprintf("%s on %s; the sources give few details.", eventNouns[typ], strings.ToLower(word(r, 2))))
	}
	date := s.date()
	if g.dateDisputed(r, s) {
		g.writeDisputedDate(r, e, date, day)
	} else {
		e.Str(4, "date", date)
	}
	end := ""
	switch {
	case s.shape == shapeDay && (typ == "meeting" || typ == "talks" || typ == "visit" || typ == "briefing") && chance(r, 0.25):
		end = dayAt(day + 1 + r.IntN(4)).Format("2006-01-02")
	case s.shape == shapeMonth && chance(r, 0.1):
		end = dayAt(day).AddDate(0, 1, 1-dayAt(day).Day()).Format("2006-01")
	}
	e.Str(4, "end", end)
	// A few events were planned, postponed, cancelled, or only reported.
	switch u := r.Float64(); {
	case u < 0.02:
		e.ID(4, "status", "planned")
	case u < 0.03:
		e.ID(4, "status", "cancelled")
	case u < 0.035:
		e.ID(4, "status", "postponed")
	case u < 0.045:
		e.ID(4, "status", "unverified")
	}
	switch {
	case typ == "phone_call":
		e.ID(4, "modality", pick(r, []string{"phone", "phone", "phone", "phone", "video"}))
	case (typ == "meeting" || typ == "talks" || typ == "visit") && chance(r, 0.9):
		e.ID(4, "modality", pick(r, []string{"in_person", "in_person", "in_person", "in_person", "in_person", "in_person", "video", "mixed"}))
	case typ == "communication" && chance(r, 0.3):
		e.ID(4, "modality", "written")
	}
	duration := 0
	switch {
	case typ == "phone_call" && chance(r, 0.7):
		duration = 15 + 5*r.IntN(34)
	case (typ == "meeting" || typ == "talks") && chance(r, 0.3):
		duration = 30 + 15*r.IntN(40)
	}
	if duration > 0 {
		if chance(r, 0.01) {
			g.writeDisputedDuration(r, e, duration, day)
		} else if chance(r, 0.1) {
			e.Str(4, "duration", fmt.Sprintf("%s %d minute", pick(r, []string{"about", "over", "almost"}), duration))
		} else {
			e.Str(4, "duration", fmt.Sprintf("%d minute", duration))
		}
	}
	if typ == "meeting" || typ == "talks" || typ == "visit" || (typ == "briefing" && chance(r, 0.5)) {
		if chance(r, 0.8) {
			e.IDs(4, "places", []string{pick(r, g.cities)})
		}
	}
	if chance(r, 0.03) {
		evSources = confirmedAs(evSources, "reported")
	}

	roles := participantRoles[typ]
	e.key(4, false, "participants")
	e.WriteByte('\n')
	for j, a := range actors {
		act := g.actors[a]
		role := roles[min(j, len(roles)-1)]
		if act.kind == "state" && (typ == "talks" || typ == "meeting") {
			role = "party"
		}
		e.id(6, true, "actor", act.id)
		e.ID(8, "role", role)
		if act.home >= 0 && chance(r, 0.6) {
			e.ID(8, "represents", g.actors[act.home].id)
		}
		// A participation cites one or two of the event's sources; a few
		// are only reported, planned or speculated.
		cs := []citation{evSources[r.IntN(len(evSources))]}
		if len(evSources) > 1 && chance(r, 0.3) {
			for _, c := range evSources {
				if c.source != cs[0].source {
					cs = append(cs, c)
					break
				}
			}
		}
		switch u := r.Float64(); {
		case u < 0.02:
			cs = confirmedAs(cs, "reported")
		case u < 0.03:
			cs = confirmedAs(cs, "planned")
		case u < 0.035:
			cs = confirmedAs(cs, "speculated")
		}
		e.Citations(8, cs)
		g.stats.Participations++
	}
	if len(g.versions) > 0 {
		switch {
		case (typ == "plan_release" || typ == "plan_revision") && chance(r, 0.5):
			e.IDs(4, "produced", []string{pick(r, g.versions).id})
		case (typ == "talks" || typ == "meeting") && chance(r, 0.05):
			e.IDs(4, "concerns", []string{pick(r, g.versions).id})
		}
	}
	if chance(r, 0.03) && i+1 < len(sk) {
		j := i + 1 + r.IntN(min(50, len(sk)-i-1))
		e.IDs(4, "ledTo", []string{sk[j].id(j)})
	}
	e.Citations(4, evSources)
}

func (g *generator) title(typ string, actors []int) string {
	names := make([]string, 0, 3)
	for _, a := range actors[:min(3, len(actors))] {
		names = append(names, g.actors[a].name)
	}
	t := eventNouns[typ] + ": " + strings.Join(names, ", ")
	if rest := len(actors) - len(names); rest > 0 {
		t += fmt.Sprintf(" and %d other", rest)
		if rest > 1 {
			t += "s"
		}
	}
	return t
}

// dateDisputed draws whether sources disagree on an event's day: about one
// event in a hundred.
func (g *generator) dateDisputed(r *rand.Rand, s skeleton) bool {
	return s.shape == shapeDay && chance(r, 0.01)
}

// writeDisputedDate writes a day and a competing value (part of its month,
// or a day or two before), the day preferred most of the time.
func (g *generator) writeDisputedDate(r *rand.Rand, e *emitter, date string, day int) {
	d := dayAt(day)
	alt := monthPart(d) + " " + d.Format("2006-01")
	if day > 0 && chance(r, 0.5) {
		alt = dayAt(max(0, day-1-r.IntN(3))).Format("2006-01-02")
	}
	pref := chance(r, 0.7)
	e.key(4, false, "date")
	e.WriteByte('\n')
	for i, v := range []string{date, alt} {
		e.str(6, true, "value", v)
		e.Str(8, "display", partialdate.MustParse(v).Display())
		if i == 0 && pref {
			e.ID(8, "rank", "preferred")
		}
		e.Citations(8, g.someSources(r, day, 1, 0.8))
		g.stats.Claims++
	}
}

// writeDisputedDuration writes two competing lengths, one preferred half of
// the time.
func (g *generator) writeDisputedDuration(r *rand.Rand, e *emitter, duration, day int) {
	e.key(4, false, "duration")
	e.WriteByte('\n')
	for i, n := range []int{duration + 15 + 15*r.IntN(4), duration} {
		e.key(6, true, "value")
		e.WriteString(" " + strconv.Itoa(n) + "\n")
		e.ID(8, "unit", "minute")
		if i == 1 && chance(r, 0.5) {
			e.ID(8, "rank", "preferred")
		}
		e.Citations(8, g.someSources(r, day, 1, 0.8))
		g.stats.Claims++
	}
}

// ---- stances ----

var positions = vocab.Stored(vocab.AllStancePosition)

func (g *generator) genStances() error {
	r := g.rng(streamStances)
	zipf := rand.NewZipf(r, 1.2, 4, uint64(len(g.actors)-1))
	set := newFileSet(g.dir, "stances", "stances", header(g.cfg, "stances"), g.limit)
	for i := range g.n.stances {
		e := set.item()
		on := pick(r, g.versions).id
		if len(g.points) > 0 && chance(r, 0.7) {
			on = pick(r, g.points)
		}
		day := r.IntN(numDays)
		e.id(2, true, "id", fmt.Sprintf("stance-%06d", i+1))
		e.ID(4, "actor", g.actors[g.rank[zipf.Uint64()]].id)
		e.ID(4, "position", pick(r, positions))
		e.ID(4, "on", on)
		if chance(r, 0.8) {
			e.Str(4, "date", partialOf(r, day, 0.5))
		}
		if chance(r, 0.3) {
			e.Str(4, "summary", "A synthetic position on the plan.")
		}
		cs := g.someSources(r, day, 1+r.IntN(2), 0.4)
		if chance(r, 0.05) {
			cs = confirmedAs(cs, "speculated")
		}
		e.Citations(4, cs)
		g.stats.Stances++
		if err := set.done(); err != nil {
			return err
		}
	}
	return g.finish(set)
}

func (g *generator) finish(set *fileSet) error {
	if err := set.flush(); err != nil {
		return err
	}
	g.stats.Files = append(g.stats.Files, set.written...)
	return nil
}

// ErrNotEmpty is returned by Generate for a folder that already holds
// fixture files: a load of the folder would mix them with the new ones.
var ErrNotEmpty = errors.New("folder already holds fixture files")

// Fixtures lists the fixture files (*.yaml, *.yml) below dir, sorted.
func Fixtures(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// RemoveFixtures deletes the fixture files below dir, so Generate can
// write there again.
func RemoveFixtures(dir string) error {
	files, err := Fixtures(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}
