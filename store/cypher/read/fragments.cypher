{{/* Shared fragments; each names the variable it filters. The event
fragments take a key of store/shape.go: the date and type predicates are
written only when set, so the planner can seek an index; the others, only
when one of them is set, take parameters, null for no filter. */}}
{{/* The actor's own participation ap, as the filter asks for it. */}}
{{define "ownPart"}}{{if .Others}}CASE WHEN $met THEN ap.contact >= $minContact ELSE $certainties IS NULL OR ap.certainty IN $certainties END{{else}}true{{end}}{{end}}
{{define "eventFilter"}}true
  {{- if .From}} AND e.dateTo >= $from{{if .Bounded}} AND e.dateFrom >= $from - duration({days: longest}){{end}}{{end}}
  {{- if .To}} AND e.dateFrom <= $to{{end}}
  {{- if .Types}} AND e.type IN $types{{end}}
  {{- if .Others}}
  AND ($places IS NULL OR EXISTS { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN*0..6]->(fpl:Place) WHERE fpl.id IN $places })
  AND ($actors IS NULL OR all(x IN $actors WHERE EXISTS { MATCH (:Actor {id: x})-[fp:PARTICIPATED_IN]->(e)
    WHERE CASE WHEN $met THEN fp.contact >= $minContact ELSE $certainties IS NULL OR fp.certainty IN $certainties END }))
  AND ($asOf IS NULL OR (e.dateFrom <= $asOf AND EXISTS { MATCH (e)-[fc:CITES]->(fs:Source)
    WHERE coalesce(fc.confirmation, 'confirmed') <> 'denied' AND (fs.publishedFrom IS NULL OR fs.publishedFrom <= $asOf) }))
  AND ($statuses IS NULL OR e.status IN $statuses)
  AND ($modalities IS NULL OR e.modality IN $modalities)
  AND ($disputed IS NULL OR (e.disputedFields IS NOT NULL) = $disputed)
  AND ($certainties IS NULL OR e.certainty IN $certainties)
  {{- end}}
{{- end}}
{{/* An event overlaps [$from, $to] when it ends on or after $from; it then
also starts no earlier than $from less the longest span of any event, which
lets the planner seek the dateFrom index from both ends. The longest span
comes off the dateSpan index in two reads; a graph loaded before events had
a span falls back to no practical bound. */}}
{{define "longest"}}{{if and .Bounded .From}}WITH coalesce(head(COLLECT { MATCH (x:Event) WHERE x.dateSpan IS NOT NULL AND {{visible "x"}} RETURN x.dateSpan ORDER BY x.dateSpan DESC LIMIT 1 }), 1000000) AS longest
{{end}}{{end}}
{{/* Written so the cursor's date bounds the dateFrom index seek, and
without an OR: the planner splits "dateFrom > d OR id > i" into a union of
two seeks, which loses the index's order and sorts every row after the
cursor (60,000 db hits 10,000 rows in, against 1,300 this way). */}}
{{define "eventAfter"}}{{if .After}}{{if .Desc}} AND e.dateFrom <= $afterDate AND NOT (e.dateFrom = $afterDate AND e.id >= $afterID){{else}} AND e.dateFrom >= $afterDate AND NOT (e.dateFrom = $afterDate AND e.id <= $afterID){{end}}{{end}}{{end}}
{{/* A page's row for event e, a list (store/event.go, eventPage): the
values of the event's properties $eventProps (store/propset.go) and, when
asked for ($withPlaces, $withParticipants, $withCitations), its places'
values, its participants and its sources in the order of citations.cypher
(their properties $sourceProps). A part not asked for is null: CASE runs a
subquery only in the branch it takes. */}}
{{define "eventRow"}}[[k IN $eventProps | e[k]],
  CASE WHEN $withPlaces THEN COLLECT { MATCH (e)-[:AT]->(epl:Place) WITH epl ORDER BY epl.name, epl.id RETURN {{values "epl" "Place"}} } END,
  CASE WHEN $withParticipants THEN COLLECT { {{template "participantRows"}} } END,
  CASE WHEN $withCitations THEN COLLECT {
    MATCH (e)-[ec:CITES]->(es:Source)
    WITH ec, es ORDER BY es.publishedFrom, es.id
    RETURN {{citeSelected "ec" "es"}}
  } END]{{end}}
{{define "eventOrder"}}e.dateFrom{{if .Desc}} DESC{{end}}, e.id{{if .Desc}} DESC{{end}}{{end}}
{{/* Row fragments run as subqueries inside statements that bind their own
variables, so theirs carry a prefix (pa, pp, cl, es...) that no statement
uses: a name the statement already binds would silently join on it. */}}
{{/* The participations in event e, one row each, by actor name: a list of
the participant, the participation, the actor represented and the sources
(store/event.go, ParticipantFields.row).
Participations keep their provenance as parallel lists on the relationship
(relCites). The participant, the participation, the actor represented and
the sources come back as the values of their properties $actorProps,
$partProps, $representsProps and $partSourceProps (store/propset.go). The
represented actor and the sources are joined only when asked for
($withRepresents, $withSources): they cost most of the work. */}}
{{define "participantRows"}}MATCH (pa:Actor)-[pp:PARTICIPATED_IN]->(e)
  WITH pa, pp ORDER BY pa.name, pa.id
  RETURN [[k IN $actorProps | pa[k]], [k IN $partProps | pp[k]],
    CASE WHEN $withRepresents THEN COLLECT { MATCH (pr:Actor {id: pp.represents}) WHERE {{visible "pr"}} RETURN [k IN $representsProps | pr[k]] }[0] END,
    CASE WHEN $withSources THEN {{relCitesSelected "pp" "ps"}} END]{{end}}
{{/* The sourced values of the fields of node o, one row each with its
sources and the actor it names, if any; only those of $field (and its
parts: participant/witkoff, participant/witkoff/role) when set. */}}
{{define "claimRows"}}MATCH (o)-[:HAS_CLAIM]->(cl:Claim)
  WHERE $field IS NULL OR cl.field = $field OR cl.field STARTS WITH $field + '/'
  WITH o, cl ORDER BY cl.field, cl.index
  RETURN {id: o.id, claim: cl, actor: COLLECT { MATCH (cl)-[:REFERS_TO]->(ca:Actor) RETURN ca }[0], citations: COLLECT {
    MATCH (cl)-[cc:CITES]->(cs:Source)
    WITH cc, cs ORDER BY cs.publishedFrom, cs.id
    RETURN {{cite "cc" "cs"}}
  }}{{end}}
{{define "citations"}}collect(CASE WHEN s IS NULL THEN null ELSE {{cite "c" "s"}} END){{end}}
{{define "actorFilter"}}($kinds IS NULL OR a.kind IN $kinds)
  AND ($name IS NULL OR toLower(a.name) CONTAINS $name OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $name)){{end}}
{{/* Of the events es, those that may be the first (begun before every
other one ended) and those that may be the last (ended after every other
one began): the store's firstAndLast reads the dates of both. */}}
{{define "firstAndLast"}}CALL (es) {
  UNWIND es AS fl
  WITH min(fl.dateTo) AS firstEnded, max(fl.dateFrom) AS lastBegun, collect(fl) AS all
  RETURN [x IN all WHERE x.dateFrom <= firstEnded] AS first, [x IN all WHERE x.dateTo >= lastBegun] AS last
}{{end}}
