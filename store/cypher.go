package store

import (
	"bytes"
	"embed"
	"fmt"
	"maps"
	"strings"
	"text/template"
)

//go:embed cypher/*.cypher cypher/read/*.cypher
var cypherFiles embed.FS

func mustRead(name string) string {
	b, err := cypherFiles.ReadFile("cypher/" + name)
	if err != nil {
		panic(fmt.Sprintf("embedded cypher %s: %v", name, err))
	}
	return string(b)
}

// render fills a statement template with names from the model's closed set
// of labels and relationship types; values always travel as parameters.
// Read statements may use the shared fragments of read/fragments.cypher.
func render(name string, data any) string {
	t := template.Must(template.New("fragments").Parse(mustRead("read/fragments.cypher")))
	t = template.Must(t.New(name).Parse(mustRead(name)))
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		panic(fmt.Sprintf("render cypher %s: %v", name, err))
	}
	return b.String()
}

// splitStatements splits a file of ';'-terminated statements, dropping
// comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); stmt != "" {
				out = append(out, stmt)
			}
			cur.Reset()
		}
	}
	if stmt := strings.TrimSpace(cur.String()); stmt != "" {
		out = append(out, stmt)
	}
	return out
}

// Statements rendered once at start-up, one per label and relationship spec.
var (
	schemaStatements = splitStatements(mustRead("schema.cypher"))
	upsertNodes      = map[Label]string{}
	pruneNodes       = map[Label]string{}
	upsertRels       = map[RelSpec]string{}
	pruneRels        = map[RelSpec]string{}
	// A sparse type (fewer relationships than owners in the load) is pruned
	// by reading its relationships (pruneScan) rather than every owner;
	// pruneCount reads the count store to choose.
	pruneScan    = map[RelSpec]string{}
	pruneCount   = map[RelSpec]string{}
	pruneOrphans = mustRead("prune_orphans.cypher")
)

// Read statements.
var (
	nodesByID  = map[Label]string{}
	citations  = map[Label]string{}
	relatedOut = map[RelSpec]string{}
	relatedIn  = map[RelSpec]string{}
	anyByID    = render("read/any_by_id.cypher", struct{ Labels []Label }{[]Label{LabelActor, LabelEvent, LabelPlace, LabelSource, LabelPlan, LabelPlanVersion, LabelPlanPoint, LabelStance}})
	// Rendered per combination of optional parts, on first use.
	stmtEventsWithParts = &rendered[EventParts]{name: "read/events_with_parts.cypher"}
	stmtParticipants    = &rendered[ParticipantFields]{name: "read/participants.cypher"}
	stmtRoles           = render("read/roles.cypher", nil)
	stmtClaims          = render("read/claims.cypher", nil)
	stmtNeighbours      = render("read/neighbours.cypher", nil)
	stmtPlans           = render("read/plans.cypher", nil)
	stmtPlanVersions    = render("read/plan_versions.cypher", nil)
	stmtActors          = render("read/actors.cypher", nil)
	stmtCountActors     = render("read/count_actors.cypher", nil)
	stmtPlanPoints      = render("read/plan_points.cypher", struct{ Count bool }{false})
	stmtCountPlanPoints = render("read/plan_points.cypher", struct{ Count bool }{true})
	stmtActorsExist     = render("read/actors_exist.cypher", nil)
	stmtPlanDiff        = render("read/plan_diff.cypher", nil)
	stmtSearch          = render("read/search.cypher", nil)
	// Rendered per shape of the event filter (shape.go).
	stmtEvents            = newShaped("read/events.cypher", true)
	stmtEventsOfActors    = newShaped("read/events_of_actors.cypher", false)
	stmtCounterparts      = newShaped("read/counterparts.cypher", false)
	stmtNetwork           = newShaped("read/network.cypher", true)
	stmtNetworkNeighbours = newShaped("read/network_neighbours.cypher", false)
	stmtPaths             = newShaped("read/paths.cypher", false)
	shapedStatements      = []*shaped{stmtEvents, stmtEventsOfActors, stmtCounterparts,
		stmtNetwork, stmtNetworkNeighbours, stmtPaths}
	stmtStances = map[StanceParent]string{
		StancesByActor:   render("read/stances.cypher", stanceMatch{"MATCH (:Actor {id: id})-[:TOOK]->(s:Stance)"}),
		StancesOnPoint:   render("read/stances.cypher", stanceMatch{"MATCH (s:Stance)-[:ON]->(:PlanPoint {id: id})"}),
		StancesOnVersion: render("read/stances.cypher", stanceMatch{"MATCH (s:Stance)-[:ON]->(:PlanVersion {id: id})"}),
		StancesByID:      render("read/stances.cypher", stanceMatch{"MATCH (s:Stance {id: id})"}),
	}
)

// stanceMatch is the first pattern of the stance statement: which stances,
// for which parent ids. The patterns are the fixed set above.
type stanceMatch struct{ Match string }

func init() {
	for _, l := range Labels {
		nodesByID[l] = render("read/nodes_by_id.cypher", struct{ Label Label }{l})
	}
	for _, l := range citing {
		citations[l] = render("read/citations.cypher", struct{ Label Label }{l})
	}
	for _, l := range Labels {
		upsertNodes[l] = render("upsert_nodes.cypher", struct{ Label Label }{l})
		pruneNodes[l] = render("prune_nodes.cypher", struct{ Label Label }{l})
	}
	for _, s := range RelSpecs {
		relatedOut[s] = render("read/related_out.cypher", s)
		relatedIn[s] = render("read/related_in.cypher", s)
		upsertRels[s] = render("upsert_rels.cypher", s)
		if s.Owner == OwnedByStart {
			pruneRels[s] = render("prune_rels_from_start.cypher", s)
		} else {
			pruneRels[s] = render("prune_rels_to_end.cypher", s)
		}
		pruneScan[s] = render("prune_rels_scan.cypher", s)
		pruneCount[s] = render("prune_rels_count.cypher", s)
	}
}

// Statements returns every statement the store can send, by a readable
// name, so tests can have Neo4j compile each one.
func Statements() map[string]string {
	out := map[string]string{
		"any_by_id": anyByID, "roles": stmtRoles, "claims": stmtClaims,
		"neighbours": stmtNeighbours, "plans": stmtPlans, "plan_versions": stmtPlanVersions,
		"actors": stmtActors, "count_actors": stmtCountActors,
		"plan_points": stmtPlanPoints, "count_plan_points": stmtCountPlanPoints,
		"actors_exist": stmtActorsExist,
		"plan_diff":    stmtPlanDiff, "search": stmtSearch, "prune_orphans": pruneOrphans,
	}
	for _, p := range []EventParts{{}, {Place: true, PlaceIn: true, Citations: true, Participants: true,
		ParticipantFields: ParticipantFields{Represents: true, Sources: true}, Disputes: true}} {
		out[fmt.Sprintf("events_with_parts/%+v", p)] = stmtEventsWithParts.get(p)
	}
	for _, rep := range []bool{false, true} {
		for _, src := range []bool{false, true} {
			f := ParticipantFields{Represents: rep, Sources: src}
			out[fmt.Sprintf("participants/%+v", f)] = stmtParticipants.get(f)
		}
	}
	for _, sh := range shapedStatements {
		maps.Copy(out, sh.samples())
	}
	for p, s := range stmtStances {
		out[fmt.Sprintf("stances/%d", p)] = s
	}
	for l, s := range nodesByID {
		out["nodes_by_id/"+string(l)] = s
	}
	for l, s := range citations {
		out["citations/"+string(l)] = s
	}
	for l, s := range upsertNodes {
		out["upsert_nodes/"+string(l)] = s
		out["prune_nodes/"+string(l)] = pruneNodes[l]
	}
	for spec, s := range upsertRels {
		out["upsert_rels/"+spec.String()] = s
		out["prune_rels/"+spec.String()] = pruneRels[spec]
		out["prune_rels_scan/"+spec.String()] = pruneScan[spec]
		out["prune_rels_count/"+spec.String()] = pruneCount[spec]
		out["related_out/"+spec.String()] = relatedOut[spec]
		out["related_in/"+spec.String()] = relatedIn[spec]
	}
	return out
}
