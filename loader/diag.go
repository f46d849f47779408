package loader

import (
	"fmt"
	"sort"
	"strings"
)

// Diagnostic is one problem in the input, located by file, line and column
// (both 1-based) so editors and CI annotations can jump to it.
type Diagnostic struct {
	File    string
	Line    int
	Col     int
	Message string
	// Dependent: the problem follows from another one (a reference to an
	// id whose file could not be read); it is listed after the others.
	Dependent bool
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
}

// InvalidInputError is every problem found in a load's input. A load that
// returns it has written nothing.
type InvalidInputError struct {
	Diagnostics []Diagnostic
}

func (e *InvalidInputError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return fmt.Sprintf("%d problem(s) in the input:\n%s", len(e.Diagnostics), strings.Join(lines, "\n"))
}

func sortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Dependent != b.Dependent {
			return !a.Dependent
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
}
