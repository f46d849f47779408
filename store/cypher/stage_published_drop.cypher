// Forgets a published token once no node carries it.
MATCH (p:{{published}} {token: $token})
DELETE p
RETURN count(*) AS count
