// Publishes a staged load, in its last transaction: readers see every node
// marked with its token, and every relationship among them, from the
// commit on. One node, whatever the load's size.
CREATE (:{{published}} {token: $token})
RETURN count(*) AS count
