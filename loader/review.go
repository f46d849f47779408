package loader

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/vocab"
)

// What the curation policy (fixtures/CURATION.md) asks of every fact that
// the fixture format cannot require: a review of valid fixtures for their
// editors.

// FindingKind names what a finding is about, as a short slug (no-quote).
type FindingKind string

const (
	// FindingNoQuote: a citation without the source's words. The policy
	// requires a quote for every citation of the default dataset.
	FindingNoQuote FindingKind = "no-quote"
	// FindingUnsourced: an actor, place or sub-point that no source of
	// its own supports (the format requires sources of every other entry).
	FindingUnsourced FindingKind = "unsourced"
	// FindingSourceUnlocated: a source a reader cannot find again, with no
	// URL or no publisher.
	FindingSourceUnlocated FindingKind = "unlocated-source"
	// FindingParticipantsUncertain: no participant of an event is confirmed
	// by any source.
	FindingParticipantsUncertain FindingKind = "uncertain-participants"
	// FindingPointWithoutText: a plan point known only by its number or
	// title.
	FindingPointWithoutText FindingKind = "point-without-text"
)

// FindingKinds lists the kinds in the order a review reports them, with
// what each means.
var FindingKinds = []struct {
	Kind        FindingKind
	Description string
}{
	{FindingNoQuote, "citations without a quote"},
	{FindingUnsourced, "actors, places and sub-points no source supports"},
	{FindingSourceUnlocated, "sources without a URL or publisher"},
	{FindingParticipantsUncertain, "events whose participants are all uncertain"},
	{FindingPointWithoutText, "plan points without text"},
}

// Finding is one editorial note on valid fixtures, located like a
// diagnostic.
type Finding struct {
	Diagnostic
	Kind FindingKind
}

// Review reads and checks the fixtures under paths as Read does, and then
// reviews them. Invalid input comes back as *InvalidInputError, as from
// Read, with no findings.
func Review(paths []string) ([]Finding, error) {
	names, err := collect(paths)
	if err != nil {
		return nil, err
	}
	// Located from the start: a review reports where each finding is.
	files, _, err := check(context.Background(), names)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, f := range files {
		out = append(out, review(f)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Diagnostic, out[j].Diagnostic
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out, nil
}

func review(f *parsedFile) []Finding {
	var out []Finding
	add := func(kind FindingKind, ptr, msg string, args ...any) {
		out = append(out, Finding{Diagnostic: f.at(ptr, msg, args...), Kind: kind})
	}
	for _, c := range citationsWithoutQuote(f.tree) {
		add(FindingNoQuote, c.ptr, "%s: the citation of %q gives no quote", describePath(strings.Split(strings.TrimPrefix(c.ptr, "/"), "/")), c.source)
	}
	for i, a := range f.doc.Actors {
		if len(a.Sources) == 0 {
			add(FindingUnsourced, fmt.Sprintf("/actors/%d/id", i), "no source supports actor %q", a.ID)
		}
	}
	for i, p := range f.doc.Places {
		if len(p.Sources) == 0 {
			add(FindingUnsourced, fmt.Sprintf("/places/%d/id", i), "no source supports place %q", p.ID)
		}
	}
	for i, s := range f.doc.Sources {
		var missing []string
		if s.URL == nil || *s.URL == "" {
			missing = append(missing, "URL")
		}
		if s.Publisher == nil || *s.Publisher == "" {
			missing = append(missing, "publisher")
		}
		if len(missing) > 0 {
			add(FindingSourceUnlocated, fmt.Sprintf("/sources/%d/id", i), "source %q has no %s", s.ID, strings.Join(missing, " and no "))
		}
	}
	for i, e := range f.doc.Events {
		if len(e.Participants) == 0 {
			continue
		}
		ec, _ := certaintyOf(e.Sources)
		uncertain := 0
		for _, p := range e.Participants {
			if c, _ := facts.Inherit(confirmations(p.Sources), ec); c != vocab.CertaintyConfirmed {
				uncertain++
			}
		}
		if uncertain == len(e.Participants) {
			add(FindingParticipantsUncertain, fmt.Sprintf("/events/%d/participants", i), "no source confirms any of the %d participants of %q", uncertain, e.ID)
		}
	}
	for i, pl := range f.doc.Plans {
		for j, v := range pl.Versions {
			for k, pt := range v.Points {
				ptr := fmt.Sprintf("/plans/%d/versions/%d/points/%d", i, j, k)
				if len(pt.Text.Values) == 0 {
					add(FindingPointWithoutText, ptr+"/id", "point %q of %q has no text", pt.ID, v.ID)
				}
				for n, sp := range pt.Subpoints {
					if len(sp.Sources) == 0 {
						add(FindingUnsourced, fmt.Sprintf("%s/subpoints/%d", ptr, n), "no source of its own supports sub-point %q of %q", sp.Label, pt.ID)
					}
					if len(sp.Text.Values) == 0 {
						add(FindingPointWithoutText, fmt.Sprintf("%s/subpoints/%d", ptr, n), "sub-point %q of %q has no text", sp.Label, pt.ID)
					}
				}
			}
		}
	}
	return out
}

// citationsWithoutQuote finds every citation (an item of a sources list
// anywhere but the top-level list of sources) that gives no quote, by JSON
// pointer, with the source it cites. It walks what the file holds rather
// than the document's types, so that a citation in a part of the format
// added later is reviewed too.
func citationsWithoutQuote(tree any) []citationAt {
	var out []citationAt
	var walk func(v any, ptr string, depth int)
	walk = func(v any, ptr string, depth int) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				child := ptr + "/" + escapePointer(k)
				if items, ok := x[k].([]any); ok && k == "sources" && depth > 0 {
					for i, it := range items {
						switch c := it.(type) {
						case string:
							out = append(out, citationAt{fmt.Sprintf("%s/%d", child, i), c})
						case map[string]any:
							if q, _ := c["quote"].(string); strings.TrimSpace(q) == "" {
								src, _ := c["source"].(string)
								out = append(out, citationAt{fmt.Sprintf("%s/%d", child, i), src})
							}
						}
					}
					continue
				}
				walk(x[k], child, depth+1)
			}
		case []any:
			for i, it := range x {
				walk(it, fmt.Sprintf("%s/%d", ptr, i), depth+1)
			}
		}
	}
	walk(tree, "", 0)
	return out
}

type citationAt struct{ ptr, source string }
