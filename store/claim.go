package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/vocab"
)

// Claim is one sourced value of a field of a node (or of a relationship the
// node owns: an event's participant/<actor>/role). A field may have several:
// competing values, or, for a field that holds several (a version's
// authors), values side by side.
type Claim struct {
	ID    string `prop:"id"`
	Field string `prop:"field"`
	// Index orders the values of a field as the fixture gives them.
	Index int `prop:"index"`
	// Kind is what the value is: text, date, quantity, enum or actor.
	Kind ClaimKind `prop:"kind"`
	// Value is the canonical text: a date as partialdate writes it, a
	// quantity as package quantity does, an actor's id.
	Value       string          `prop:"value"`
	Display     *string         `prop:"display"`
	Rank        *vocab.Rank     `prop:"rank"`
	Language    *string         `prop:"language"`
	Translation *string         `prop:"translation"`
	Note        *string         `prop:"note"`
	Certainty   vocab.Certainty `prop:"certainty"`
	Contested   bool            `prop:"contested"`
	// Multi: the field holds several values side by side (a version's
	// authors), so its values never compete.
	Multi bool `prop:"multi"`
	// Actor is the value, for a claim of kind actor.
	Actor   *Actor
	Sources []Citation
}

// ClaimKind says what a claim's value is.
type ClaimKind string

const (
	ClaimText     ClaimKind = "text"
	ClaimDate     ClaimKind = "date"
	ClaimQuantity ClaimKind = "quantity"
	ClaimEnum     ClaimKind = "enum"
	ClaimActor    ClaimKind = "actor"
)

// IsValid makes ClaimKind a decodable enum.
func (k ClaimKind) IsValid() bool {
	switch k {
	case ClaimText, ClaimDate, ClaimQuantity, ClaimEnum, ClaimActor:
		return true
	}
	return false
}

// RankOrNormal is the claim's rank, normal when none is stored.
func (c Claim) RankOrNormal() vocab.Rank {
	if c.Rank == nil {
		return vocab.RankNormal
	}
	return *c.Rank
}

var stmtClaims = defineTemplate("claims", "read/claims.cypher",
	labelKeys(labelsWhere(func(e Entity) bool { return e.Claims })), nil)

// Claims loads the sourced values of the fields of nodes of one label, by
// node id; with field, only that field's (and, for a field that names a
// relationship's part, such as participant/witkoff, its parts').
func (s *Store) Claims(ctx context.Context, label Label, ids []string, field string) (map[string][]Claim, error) {
	if len(ids) == 0 {
		return map[string][]Claim{}, nil
	}
	var f any
	if field != "" {
		f = field
	}
	recs, err := s.query(ctx, stmtClaims.get(labelKey{label}), map[string]any{"ids": ids, "field": f})
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", label, err)
	}
	out, err := byParent(recs, claimRow)
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", label, err)
	}
	for _, list := range out {
		SortClaims(list)
	}
	return out, nil
}

// claimRow reads a row of the claimRows fragment.
func claimRow(r *neo4j.Record) (Claim, error) {
	c, err := nodeOf[Claim](r, "claim")
	if err != nil {
		return c, err
	}
	if c.Actor, err = optNodeOf[Actor](r, "actor"); err != nil {
		return c, err
	}
	c.Sources, err = citationsAt(r, "citations")
	return c, err
}

// SortClaims orders claims by field, then as the fixture gave them.
func SortClaims(cs []Claim) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Field != cs[j].Field {
			return cs[i].Field < cs[j].Field
		}
		return cs[i].Index < cs[j].Index
	})
}

// ParticipantField is the field under which an event keeps the claims on
// one participant's part: participant/<actor>/<part>.
func ParticipantField(actorID, part string) string {
	return "participant/" + actorID + "/" + part
}

// FateField is the field under which a version keeps the competing fates
// sources give an earlier point: fate/<point>.
func FateField(pointID string) string { return "fate/" + pointID }

// IsParticipantField reports whether a claim's field is about a
// participant, and which.
func IsParticipantField(field string) (actorID, part string, ok bool) {
	rest, ok := strings.CutPrefix(field, "participant/")
	if !ok {
		return "", "", false
	}
	actorID, part, ok = strings.Cut(rest, "/")
	return actorID, part, ok
}
