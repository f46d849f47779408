UNWIND $ids AS id
MATCH (:{{.Label}} {id: id})-[c:CITES]->(s:Source)
WITH id, c, s ORDER BY id, s.publishedFrom, s.id
WITH id, {{template "citations"}} AS citations
RETURN collect({id: id, citations: citations}) AS rows
