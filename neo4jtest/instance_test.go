package neo4jtest

import (
	"net"
	"strings"
	"testing"
)

func TestCheckPortFree(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := CheckPortFree(port); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("port %d with a listener: %v, want it reported in use", port, err)
	}
	ln.Close()
	if err := CheckPortFree(port); err != nil {
		t.Errorf("port %d after its listener closed: %v", port, err)
	}
}
