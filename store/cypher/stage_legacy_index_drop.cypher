// An earlier build's staging labels had an index each; nothing uses them.
DROP INDEX staged_{{.Label}}_id IF EXISTS
