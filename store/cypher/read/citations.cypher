UNWIND $ids AS id
MATCH (:{{.Label}} {id: id})-[c:CITES]->(s:Source)
RETURN id, {{template "citations"}} AS citations
