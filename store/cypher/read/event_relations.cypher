// The typed relations of each event to other events, both ways, with their
// citations, by the other event's earliest date.
UNWIND $ids AS id
MATCH (e:Event {id: id})-[r:LED_TO|FOLLOWS_UP|RESPONDS_TO|PUBLISHES]-(o:Event)
WHERE {{visible "e"}}
WITH id, e, r, o
ORDER BY id, o.dateFrom, o.id, type(r)
RETURN collect({id: id, type: type(r), incoming: endNode(r) = e, node: o, props: properties(r), citations: {{relCites "r" "ls"}}}) AS rows
