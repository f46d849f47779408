package model

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestMisuseDoesNotCompile: priming or loading a nested field with the
// wrong arguments or values is a compile error, not a panic at run time.
// testdata/misuse holds one misuse per marked line.
func TestMisuseDoesNotCompile(t *testing.T) {
	src, err := os.ReadFile("testdata/misuse/misuse.go")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, "// MISUSE:") {
			lines = append(lines, i+1)
		}
	}
	out, err := exec.Command("go", "build", "-gcflags=-e", "-o", os.DevNull, "./testdata/misuse").CombinedOutput()
	if err == nil {
		t.Fatalf("the misuses compiled:\n%s", out)
	}
	for _, n := range lines {
		if !strings.Contains(string(out), "misuse.go:"+strconv.Itoa(n)+":") {
			t.Errorf("no compile error on line %d:\n%s", n, out)
		}
	}
}
