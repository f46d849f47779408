module github.com/diplograph/diplograph

go 1.26

require (
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	golang.org/x/text v0.14.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
