// The swap: staged nodes lose the staging mark, in the load's last
// transaction, and readers see them, and every relationship among them, at
// once. Removing a property not in the label's other indexes costs Neo4j
// about a sixth of the memory of giving the node its label would.
MATCH (n:{{.Label}})
WHERE n.{{mark}} IS NOT NULL
REMOVE n.{{mark}}
RETURN count(*) AS count
