// The disputed values of each event (see the claimRows fragment).
UNWIND $ids AS id
MATCH (e:Event {id: id})
UNWIND COLLECT { {{template "claimRows"}} } AS row
RETURN collect(row) AS rows
