package main

// Choosing what the operations ask for, from the loaded data: the most
// connected actors, the busiest year and month, two actors a few events
// apart, a search that finds a handful of things, the plan versions with
// the most points, an event with disputes, and the cursors of a deep page.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func date(s string) neo4j.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("bad date %q", s))
	}
	return neo4j.DateOf(t)
}

func query(ctx context.Context, driver neo4j.DriverWithContext, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithoutBookmarkManager())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

func one(ctx context.Context, driver neo4j.DriverWithContext, cypher string, params map[string]any) (*neo4j.Record, error) {
	recs, err := query(ctx, driver, cypher, params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("no row for %s", shortCypher(cypher, 80))
	}
	return recs[0], nil
}

func recStr(r *neo4j.Record, k string) string {
	v, _ := r.Get(k)
	switch x := v.(type) {
	case string:
		return x
	case neo4j.Date:
		return x.Time().Format(time.DateOnly)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func recInt(r *neo4j.Record, k string) int64 {
	v, _ := r.Get(k)
	n, _ := v.(int64)
	return n
}

// choose picks the parameters; the deep page is at deepOffset rows, or
// half the events when there are fewer than deepOffset + 50.
func choose(ctx context.Context, driver neo4j.DriverWithContext, deepOffset int) (Params, error) {
	var p Params
	r, err := one(ctx, driver, `MATCH (a:Actor {kind: 'person'})
RETURN a.id AS id, COUNT { (a)-[:PARTICIPATED_IN]->() } AS n ORDER BY n DESC, id LIMIT 1`, nil)
	if err != nil {
		return p, err
	}
	p.Person = recStr(r, "id")
	if r, err = one(ctx, driver, `MATCH (a:Actor)
RETURN a.id AS id, COUNT { (a)-[:PARTICIPATED_IN]->() } AS n ORDER BY n DESC, id LIMIT 1`, nil); err != nil {
		return p, err
	}
	p.Hub = recStr(r, "id")

	// The middle of the timeline: the year and month of the median event
	// (by earliest day); the timeline page is that month and the next.
	if r, err = one(ctx, driver, `MATCH (e:Event) RETURN count(e) AS n`, nil); err != nil {
		return p, err
	}
	if r, err = one(ctx, driver, `MATCH (e:Event) WITH e ORDER BY e.dateFrom, e.id SKIP $half LIMIT 1
RETURN e.dateFrom.year AS y, e.dateFrom.month AS m`, map[string]any{"half": recInt(r, "n") / 2}); err != nil {
		return p, err
	}
	month := time.Date(int(recInt(r, "y")), time.Month(recInt(r, "m")), 1, 0, 0, 0, 0, time.UTC)
	p.YearFrom, p.YearTo = fmt.Sprintf("%d-01-01", month.Year()), fmt.Sprintf("%d-12-31", month.Year())
	p.MonthFrom, p.MonthTo = month.Format(time.DateOnly), month.AddDate(0, 1, -1).Format(time.DateOnly)
	p.RangeFrom, p.RangeTo = p.MonthFrom, month.AddDate(0, 2, -1).Format(time.DateOnly)
	// The longest an event may last: the floor bounds the earliest day of
	// the events that overlap a range with it.
	if r, err = one(ctx, driver, `MATCH (e:Event) RETURN coalesce(max(duration.inDays(e.dateFrom, e.dateTo).days), 0) AS d`, nil); err != nil {
		return p, err
	}
	p.MaxSpanDays = recInt(r, "d")

	if err := choosePath(ctx, driver, &p); err != nil {
		return p, err
	}
	if err := chooseSearch(ctx, driver, &p); err != nil {
		return p, err
	}

	if r, err = one(ctx, driver, `MATCH (t:PlanVersion)-[:DERIVED_FROM*1..]->(f:PlanVersion)
RETURN f.id AS f, t.id AS t, COUNT { (t)-[:HAS_POINT]->() } + COUNT { (f)-[:HAS_POINT]->() } AS n
ORDER BY n DESC, f, t LIMIT 1`, nil); err != nil {
		return p, fmt.Errorf("no derived plan version: %w", err)
	}
	p.PlanFrom, p.PlanTo = recStr(r, "f"), recStr(r, "t")

	if r, err = one(ctx, driver, `MATCH (e:Event)
RETURN e.id AS id ORDER BY EXISTS { (e)-[:HAS_CLAIM]->() } DESC, COUNT { (e)<-[:PARTICIPATED_IN]-() } DESC, e.id LIMIT 1`, nil); err != nil {
		return p, err
	}
	p.Event = recStr(r, "id")

	if r, err = one(ctx, driver, `MATCH (e:Event) RETURN count(e) AS n`, nil); err != nil {
		return p, err
	}
	if total := int(recInt(r, "n")); total < deepOffset+50 {
		deepOffset = total / 2 / 100 * 100
	}
	if deepOffset < 100 {
		return p, fmt.Errorf("too few events for a deep page")
	}
	p.DeepOffset = deepOffset
	if r, err = one(ctx, driver, `MATCH (e:Event) RETURN e.dateFrom AS d, e.id AS id ORDER BY d, id SKIP $n LIMIT 1`,
		map[string]any{"n": deepOffset - 1}); err != nil {
		return p, err
	}
	p.DeepAfterDate, p.DeepAfterID = recStr(r, "d"), recStr(r, "id")
	return p, nil
}

// choosePath finds two little-connected people whose shortest chains are
// few enough (at most 5) that every server must return all of them: three
// events long if there are such, else two, else one.
func choosePath(ctx context.Context, driver neo4j.DriverWithContext, p *Params) error {
	recs, err := query(ctx, driver, `MATCH (a:Actor {kind: 'person'})
WITH a, COUNT { (a)-[:PARTICIPATED_IN]->() } AS n WHERE n > 0
RETURN a.id AS id ORDER BY n, id LIMIT 60`, nil)
	if err != nil {
		return err
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, recStr(r, "id"))
	}
	best := map[int64][2]string{}
	tries := 0
	for i := 0; i < len(ids) && tries < 300; i++ {
		for j := len(ids) - 1; j > i && tries < 300; j-- {
			tries++
			r, err := one(ctx, driver, `MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
OPTIONAL MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..8]-(b))
WITH p LIMIT 6
RETURN coalesce(min(length(p)), 0) AS len, count(p) AS n`, map[string]any{"a": ids[i], "b": ids[j]})
			if err != nil {
				return err
			}
			l, n := recInt(r, "len"), recInt(r, "n")
			if n < 1 || n > 5 {
				continue
			}
			if _, ok := best[l]; !ok {
				best[l] = [2]string{ids[i], ids[j]}
			}
			if l == 6 {
				break
			}
		}
		if _, ok := best[6]; ok {
			break
		}
	}
	for _, l := range []int64{6, 4, 2} {
		if pair, ok := best[l]; ok {
			p.PathFrom, p.PathTo = pair[0], pair[1]
			return nil
		}
	}
	return fmt.Errorf("found no two people with 1 to 5 shortest chains of at most 3 events")
}

// chooseSearch picks a name word that the full-text search finds between
// 8 and 20 times, so that every server returns all hits.
func chooseSearch(ctx context.Context, driver neo4j.DriverWithContext, p *Params) error {
	recs, err := query(ctx, driver, `MATCH (a:Actor) RETURN a.name AS name ORDER BY a.id`, nil)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range recs {
		for _, w := range strings.Fields(recStr(r, "name")) {
			if len(w) < 5 || seen[w] {
				continue
			}
			seen[w] = true
			if len(seen) > 200 {
				break
			}
			q := luceneQuery(w)
			c, err := one(ctx, driver, `CALL db.index.fulltext.queryNodes('search', $q) YIELD node RETURN count(node) AS n`, map[string]any{"q": q})
			if err != nil {
				return err
			}
			if n := recInt(c, "n"); n >= 8 && n <= 20 {
				p.SearchText, p.SearchLucene = w, q
				return nil
			}
		}
	}
	return fmt.Errorf("found no name word that search finds 8 to 20 times")
}

// luceneQuery is the query diplograph's store makes of search words (each
// word exact, as a prefix, or within one edit), so that the peer and the
// floor search for exactly the same thing. If the store's rule changes,
// the search check fails and says so.
func luceneQuery(text string) string {
	var clauses []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '\'' || r == '’' || r == '-' || r == '.' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r > 127)
	}) {
		w = strings.Trim(w, "'’-.")
		if w == "" {
			continue
		}
		var e strings.Builder
		for _, r := range strings.ToLower(w) {
			if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/'.`, r) {
				e.WriteByte('\\')
			}
			e.WriteRune(r)
		}
		clause := "(" + e.String() + "^3 OR " + e.String() + "*"
		if len([]rune(w)) >= 4 {
			clause += " OR " + e.String() + "~1"
		}
		clauses = append(clauses, "+"+clause+")")
	}
	return strings.Join(clauses, " ")
}
