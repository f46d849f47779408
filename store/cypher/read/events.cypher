MATCH (e:Event)
WHERE {{template "eventFilter"}} AND {{template "eventAfter" .}}
RETURN e AS node
ORDER BY {{template "eventOrder" .}}
LIMIT $limit
