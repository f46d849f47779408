// How many nodes of this label staged loads left behind unpublished, by
// this build or under an earlier one's staging label.
RETURN COUNT { MATCH (n:{{staging}}:{{.Label}}) WHERE NOT {{visible "n"}} }
  + COUNT { MATCH (:Staged{{.Label}}) } AS count
