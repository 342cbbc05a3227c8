package app

import (
	"testing"
	"time"

	"icpdesk/backend"
)

// A malformed status time is refused, never recorded as now.
func TestParseAt(t *testing.T) {
	if got, err := parseAt(""); err != nil || !got.IsZero() {
		t.Fatalf(`parseAt(""): %v, %v; want the zero time (now)`, got, err)
	}
	want := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	if got, err := parseAt("2026-03-04T05:06:07Z"); err != nil || !got.Equal(want) {
		t.Fatalf("parseAt(RFC 3339): %v, %v", got, err)
	}
	for _, bad := range []string{"yesterday", "2026-03-04", "04/03/2026 05:06"} {
		if _, err := parseAt(bad); backend.ErrorCode(err) != backend.ECodeInvalid {
			t.Errorf("parseAt(%q): %v, want an %q error", bad, err, backend.ECodeInvalid)
		}
	}
}
