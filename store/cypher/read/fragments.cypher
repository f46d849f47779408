{{/* Shared fragments; each names the variable it filters. The event
fragments take a key of store/shape.go: the date and type predicates are
written only when set, so the planner can seek an index; the others take
parameters, null for no filter. */}}
{{define "eventFilter"}}true
  {{- if .From}} AND e.dateTo >= $from{{if .Bounded}} AND e.dateFrom >= $from - duration({days: longest}){{end}}{{end}}
  {{- if .To}} AND e.dateFrom <= $to{{end}}
  {{- if .Types}} AND e.type IN $types{{end}}
  AND ($places IS NULL OR EXISTS { MATCH (e)-[:AT]->(:Place)-[:LOCATED_IN*0..6]->(fpl:Place) WHERE fpl.id IN $places })
  AND ($actors IS NULL OR all(x IN $actors WHERE EXISTS { MATCH (:Actor {id: x})-[:PARTICIPATED_IN]->(e) }))
  AND ($asOf IS NULL OR EXISTS { MATCH (e)-[:CITES]->(fs:Source) WHERE fs.publishedFrom IS NULL OR fs.publishedFrom <= $asOf })
{{- end}}
{{/* An event overlaps [$from, $to] when it ends on or after $from; it then
also starts no earlier than $from less the longest span of any event, which
lets the planner seek the dateFrom index from both ends. The longest span
comes off the dateSpan index in two reads; a graph loaded before events had
a span falls back to no practical bound. */}}
{{define "longest"}}{{if and .Bounded .From}}WITH coalesce(head(COLLECT { MATCH (x:Event) WHERE x.dateSpan IS NOT NULL RETURN x.dateSpan ORDER BY x.dateSpan DESC LIMIT 1 }), 1000000) AS longest
{{end}}{{end}}
{{/* Written so the cursor's date bounds the dateFrom index seek. */}}
{{define "eventAfter"}}{{if .After}}{{if .Desc}} AND e.dateFrom <= $afterDate AND (e.dateFrom < $afterDate OR e.id < $afterID){{else}} AND e.dateFrom >= $afterDate AND (e.dateFrom > $afterDate OR e.id > $afterID){{end}}{{end}}{{end}}
{{/* A page's row for event e: the event, its place and, when asked for
($withCitations, $withParticipants), its sources in the order of
citations.cypher and its participants. A part not asked for is null: CASE
runs a subquery only in the branch it takes. */}}
{{define "eventRow"}}{node: e, place: COLLECT { MATCH (e)-[:AT]->(epl:Place) RETURN epl }[0],
  participants: CASE WHEN $withParticipants THEN COLLECT { {{template "participantRows"}} } END,
  citations: CASE WHEN $withCitations THEN COLLECT {
    MATCH (e)-[ec:CITES]->(es:Source)
    WITH ec, es ORDER BY es.publishedFrom, es.id
    RETURN {source: es, quote: ec.quote, unconfirmed: coalesce(ec.unconfirmed, false)}
  } END}{{end}}
{{define "eventOrder"}}e.dateFrom{{if .Desc}} DESC{{end}}, e.id{{if .Desc}} DESC{{end}}{{end}}
{{/* Row fragments run as subqueries inside statements that bind their own
variables, so theirs carry a prefix (pa, pp, cl, es...) that no statement
uses: a name the statement already binds would silently join on it. */}}
{{/* The participations in event e, one row each, by actor name.
Participations keep their provenance as parallel lists of source ids and
quotes on the relationship. The represented actor and the sources are
joined only when asked for ($withRepresents, $withSources): they cost most
of the work. */}}
{{define "participantRows"}}MATCH (pa:Actor)-[pp:PARTICIPATED_IN]->(e)
  WITH pa, pp ORDER BY pa.name, pa.id
  RETURN {id: e.id, actor: pa, role: pp.role, unconfirmed: coalesce(pp.unconfirmed, false),
    represents: CASE WHEN $withRepresents THEN COLLECT { MATCH (pr:Actor {id: pp.represents}) RETURN pr }[0] END,
    citations: CASE WHEN $withSources THEN COLLECT {
      UNWIND range(0, size(coalesce(pp.sources, [])) - 1) AS pi
      MATCH (ps:Source {id: pp.sources[pi]})
      RETURN {source: ps, quote: pp.quotes[pi], unconfirmed: coalesce(pp.unconfirmed, false)}
    } END}{{end}}
{{/* The claims on event e, one row each with its sources, by id. */}}
{{define "claimRows"}}MATCH (e)-[:HAS_CLAIM]->(cl:Claim)
  WITH cl ORDER BY cl.id
  RETURN {id: e.id, claim: cl, citations: COLLECT {
    MATCH (cl)-[cc:CITES]->(cs:Source)
    WITH cc, cs ORDER BY cs.publishedFrom, cs.id
    RETURN {source: cs, quote: cc.quote, unconfirmed: coalesce(cc.unconfirmed, false)}
  }}{{end}}
{{define "citations"}}collect(CASE WHEN s IS NULL THEN null ELSE {source: s, quote: c.quote, unconfirmed: coalesce(c.unconfirmed, false)} END){{end}}
{{define "actorFilter"}}($kinds IS NULL OR a.kind IN $kinds)
  AND ($name IS NULL OR toLower(a.name) CONTAINS $name OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $name)){{end}}
