// Who took part in each event (see the participantRows fragment).
UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE {{visible "e"}}
UNWIND COLLECT { {{template "participantRows"}} } AS row
RETURN collect(row) AS participants
