package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Page asks for up to First rows after a cursor, and the total if wanted.
type Page struct {
	First     int
	After     string
	WithTotal bool
	// Places reads each event's places with an event page, Sources its
	// sources, and Participants its participants with the parts of
	// ParticipantFields.
	Places, Sources, Participants bool
	ParticipantFields             ParticipantFields
	// EventProps are the properties of each event that the page's readers
	// need; the zero set reads them all. The id and the date, which the
	// cursor holds, are always read.
	EventProps PropSet
	// SourceProps are those of each source an event cites, when Sources;
	// the id is always read.
	SourceProps PropSet
}

// eventFields are the fields of Event read for the properties s: with the
// id and the date, which key an event on a page and in its cursor.
func eventFields(s PropSet) []propField {
	return s.with(eventKeyProps).of(fieldsOf(reflect.TypeFor[Event]()))
}

// sourceFields are the fields of Source read for the properties s: with
// the id.
func sourceFields(s PropSet) []propField { return s.with(sourceKeyProps).of(allSourceFields) }

// actorFields are the fields of Actor read for the properties s: with the
// id.
func actorFields(s PropSet) []propField {
	return s.with(actorKeyProps).of(fieldsOf(reflect.TypeFor[Actor]()))
}

var (
	eventKeyProps  = PropsOf[Event]("id", "date")
	sourceKeyProps = PropsOf[Source]("id")
	actorKeyProps  = PropsOf[Actor]("id")
)

// ListPage is one page of a list: the items, the cursor after each, whether
// more follow, and the total when it was asked for.
type ListPage[T any] struct {
	Items   []T
	Cursors []string
	HasNext bool
	Total   int
}

// keysetList reads one page of a list whose statement returns a node per
// record, ordered by the key the cursor holds, and the total from a
// counting statement when asked, in one read transaction.
func keysetList[T any](ctx context.Context, s *Store, list, count Statement, params map[string]any, page Page, cursor func(T) string) (ListPage[T], error) {
	var pg ListPage[T]
	err := s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		recs, err := records(ctx, tx, list, params)
		if err != nil {
			return err
		}
		if len(recs) > page.First {
			pg.HasNext, recs = true, recs[:page.First]
		}
		for _, r := range recs {
			item, err := nodeOf[T](r, "node")
			if err != nil {
				return err
			}
			pg.Items = append(pg.Items, item)
			pg.Cursors = append(pg.Cursors, cursor(item))
		}
		if page.WithTotal {
			recs, err := records(ctx, tx, count, params)
			if err != nil {
				return err
			}
			if len(recs) != 1 {
				return fmt.Errorf("count: one record expected, got %d", len(recs))
			}
			total, err := value[int64](recs[0], "total")
			if err != nil {
				return err
			}
			pg.Total = int(total)
		}
		return nil
	})
	return pg, err
}

// Cursors are opaque to clients: the kind of list, the sort key of the last
// row seen and its id, so the next page starts right after it (keyset
// pagination: a deep page costs what the first one does).
const cursorSep = "\x1f"

const (
	cursorEvents = "events"
	cursorActors = "actors"
	cursorPoints = "points"
)

func encodeCursor(kind, key, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + cursorSep + key + cursorSep + id))
}

func decodeCursor(kind, s string) (key, id string, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", "", inputErrorf("invalid cursor %q", s)
	}
	parts := strings.Split(string(raw), cursorSep)
	if len(parts) != 3 || parts[0] != kind || parts[2] == "" {
		return "", "", inputErrorf("invalid cursor %q for this list", s)
	}
	return parts[1], parts[2], nil
}
