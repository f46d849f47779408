package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var stmtSearch = define("search", "read/search.cypher", nil)

// Hit is one full-text search result.
type Hit struct {
	Any
	Score float64
}

// Search runs a full-text query over names, aliases, titles, summaries and
// point texts. The text is the user's words, never query syntax: each word
// is escaped and matched exactly, as a prefix, or with one typo.
func (s *Store) Search(ctx context.Context, text string, labels []Label, limit int) ([]Hit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, inputErrorf("search needs at least one word")
	}
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = string(l)
	}
	recs, err := s.query(ctx, stmtSearch, map[string]any{"query": q, "labels": names, "limit": limit})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits, err := rows(recs, func(r *neo4j.Record) (Hit, error) {
		a, err := anyRow(r)
		if err != nil {
			return Hit{}, err
		}
		score, err := value[float64](r, "score")
		return Hit{Any: a, Score: score}, err
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// maxSearchWords bounds the query a client can make Lucene expand.
const maxSearchWords = 8

// luceneQuery turns free text into a query in which every word must match
// (exactly, as a prefix, or within one edit).
func luceneQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '\'' || r == '’' || r == '-' || r == '.' || isWordRune(r))
	})
	var clauses []string
	for _, w := range words {
		w = strings.Trim(w, "'’-.")
		if w == "" {
			continue
		}
		e := escapeLucene(strings.ToLower(w))
		clause := "(" + e + "^3 OR " + e + "*"
		if len([]rune(w)) >= 4 {
			clause += " OR " + e + "~1"
		}
		clauses = append(clauses, "+"+clause+")")
		if len(clauses) == maxSearchWords {
			break
		}
	}
	return strings.Join(clauses, " ")
}

func isWordRune(r rune) bool {
	return r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r > 127
}

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/'.`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
