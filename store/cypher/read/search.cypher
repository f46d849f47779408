CALL db.index.fulltext.queryNodes('search', $query, {limit: $limit * 4}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL AND {{visible "node"}}
WITH node, label, score
ORDER BY score DESC, node.id
LIMIT $limit
RETURN collect({node: node, label: label, score: score}) AS rows
