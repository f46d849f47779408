package graph

import (
	"strings"
	"testing"
)

func TestLogExcerpt(t *testing.T) {
	body := `json request body could not be decoded: body:{"variables": {"apiKey": "hunter2", "password":"pw1"}, "k": "dg_AbCdEfGhIjKlMnOp"} Authorization: Bearer abc.def` + strings.Repeat("x", 60000)
	got := LogExcerpt(body)
	for _, secret := range []string{"hunter2", "pw1", "dg_AbCdEfGhIjKlMnOp", "abc.def"} {
		if strings.Contains(got, secret) {
			t.Errorf("excerpt keeps %q: %s", secret, got)
		}
	}
	if len(got) > logExcerptBytes+len("…") {
		t.Errorf("excerpt is %d bytes", len(got))
	}
	if got := LogExcerpt("exceeded token limit of 5000"); got != "exceeded token limit of 5000" {
		t.Errorf("a message without secrets changed: %s", got)
	}
	if !strings.HasPrefix(got, "json request body could not be decoded") {
		t.Errorf("excerpt lost the start: %s", got)
	}
}
