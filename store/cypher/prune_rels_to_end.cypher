// The batch defines in full the relationships of this type that arrive at
// each owner: the ones it no longer lists are deleted.
UNWIND $owners AS owner
MATCH (a:{{.From}})-[r:{{.Type}}]->(b:{{.To}} {id: owner.id})
WHERE NOT a.id IN owner.keep
DELETE r
RETURN count(r) AS count, collect(DISTINCT owner.id) AS owners
