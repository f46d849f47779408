MATCH (e:Event)
WHERE {{template "eventFilter"}}
RETURN count(e) AS total
