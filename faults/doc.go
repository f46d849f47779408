// Package faults holds tests that take things away from diplograph while it
// works: Neo4j stopped under a running server or in the middle of a load,
// the loader killed, the server told to stop under traffic. They run the
// real binary against a Neo4j of their own (port 7689), started and stopped
// with the project's scripts.
package faults
