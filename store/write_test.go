package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestOutOfMemory(t *testing.T) {
	pool := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		Msg: "The allocation of an extra 48.0 MiB would use more than the limit 2.8 GiB. Currently using 2.8 GiB. dbms.memory.transaction.total.max threshold reached"}
	// What Neo4j 5.26 says when one transaction reaches its cap.
	perTx := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		Msg: "The allocation of an extra 2.0 MiB would use more than the limit 100.0 MiB. Currently using 99.0 MiB. db.memory.transaction.max threshold reached"}
	// What it says when the pool is short at commit.
	bare := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		Msg: "Unable to complete transaction.: The memory pool limit was exceeded. The corresponding setting can be found in the error message"}
	for _, tc := range []struct {
		err     error
		setting string
	}{
		{fmt.Errorf("write Event nodes: %w", pool), "dbms.memory.transaction.total.max"},
		{&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{pool}}, "dbms.memory.transaction.total.max"},
		{fmt.Errorf("write %s: %w", ParticipatedIn, perTx), "db.memory.transaction.max"},
		{bare, "dbms.memory.transaction.total.max"},
	} {
		err := outOfMemory(tc.err, 1_500_000)
		var m *TxMemoryError
		if !errors.As(err, &m) {
			t.Fatalf("%v: not a *TxMemoryError", tc.err)
		}
		if m.Setting != tc.setting {
			t.Errorf("%v: setting %q, want %q", tc.err, m.Setting, tc.setting)
		}
		// The driver retries what wraps a transient Neo4j error.
		var n4j *neo4j.Neo4jError
		if errors.As(err, &n4j) {
			t.Errorf("%v: still wraps the Neo4j error", tc.err)
		}
		for _, want := range []string{tc.setting, "NEO4J_HEAP", "3.6 GiB", "MemoryPoolOutOfMemoryError"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message lacks %q: %s", want, err)
			}
		}
	}
	// The advice names staging: a lower threshold for a load that was not
	// staged, and what the last transaction holds for one that was.
	var m *TxMemoryError
	errors.As(outOfMemory(pool, 10), &m)
	m.StageRows = 200000
	if !strings.Contains(m.Error(), "--stage-rows rows (now 200000)") {
		t.Errorf("no advice to stage: %s", m)
	}
	m.Staged = true
	if !strings.Contains(m.Error(), "The load was staged") || strings.Contains(m.Error(), "(now 200000)") {
		t.Errorf("a staged load's advice: %s", m)
	}
	// A dry run is never staged: no advice to stage it.
	m.Staged, m.DryRun = false, true
	if !strings.Contains(m.Error(), "A dry run is one transaction") || strings.Contains(m.Error(), "stages this one") {
		t.Errorf("a dry run's advice: %s", m)
	}
	other := &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "exists"}
	if err := outOfMemory(other, 10); err != other {
		t.Errorf("other errors change: %v", err)
	}
	if err := outOfMemory(nil, 10); err != nil {
		t.Errorf("nil became %v", err)
	}
}
