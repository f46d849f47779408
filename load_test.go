package main

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads GOGC's setting without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// load bounds its heap and lets the collector wait under that bound,
// unless the environment says otherwise, and puts the settings back.
func TestTuneMemory(t *testing.T) {
	limit, percent := debug.SetMemoryLimit(-1), gcPercent()
	for _, tc := range []struct {
		name, gomemlimit, gogc string
		wantLimit              int64
		wantPercent            int
	}{
		{"neither set", "", "", loadMemoryLimit, loadGCPercent},
		{"GOGC set", "", "150", loadMemoryLimit, percent},
		{"GOMEMLIMIT set", "2GiB", "", limit, percent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", tc.gomemlimit)
			t.Setenv("GOGC", tc.gogc)
			restore := tuneMemory()
			gotLimit, gotPercent := debug.SetMemoryLimit(-1), gcPercent()
			restore()
			if gotLimit != tc.wantLimit || gotPercent != tc.wantPercent {
				t.Errorf("limit %d, GOGC %d; want %d, %d", gotLimit, gotPercent, tc.wantLimit, tc.wantPercent)
			}
			if l, p := debug.SetMemoryLimit(-1), gcPercent(); l != limit || p != percent {
				t.Errorf("after load: limit %d, GOGC %d; want %d, %d back", l, p, limit, percent)
			}
		})
	}
}
