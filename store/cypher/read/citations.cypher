UNWIND $ids AS id
MATCH (o:{{.Label}} {id: id})-[c:CITES]->(s:Source)
WHERE {{visible "o"}}
WITH id, c, s ORDER BY id, s.publishedFrom, s.id
WITH id, {{template "citations"}} AS citations
RETURN collect({id: id, citations: citations}) AS rows
