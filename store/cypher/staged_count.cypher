// How many nodes of this label staged loads left behind unpublished, by
// this build or under an earlier one's staging label.
RETURN COUNT { MATCH (n:{{.Label}}) WHERE n.{{mark}} IS NOT NULL AND NOT {{visible "n"}} }
  + COUNT { MATCH (:Staged{{.Label}}) } AS count
