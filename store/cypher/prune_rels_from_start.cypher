// The batch defines in full the relationships of this type that leave each
// owner: the ones it no longer lists are deleted.
UNWIND $owners AS owner
MATCH (a:{{.From}} {id: owner.id})-[r:{{.Type}}]->(b:{{.To}})
WHERE NOT b.id IN owner.keep
DELETE r
RETURN count(r) AS count, collect(DISTINCT owner.id) AS owners
