// Who took part in each event (see the participantRows fragment): each
// event's id and its rows, in one record.
UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE {{visible "e"}}
RETURN collect([id, COLLECT { {{template "participantRows"}} }]) AS participants
