package rules

import (
	"encoding/json"
	"os"
	"testing"

	"icpdesk/backend"
)

// loadExample reads docs/examples/application.json, the documented realistic
// Beijing enterprise with two websites.
func loadExample(t testing.TB) backend.Application {
	t.Helper()
	b, err := os.ReadFile("../../docs/examples/application.json")
	if err != nil {
		t.Fatal(err)
	}
	var app backend.Application
	if err := json.Unmarshal(b, &app); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestExampleApplication(t *testing.T) {
	fs := Check(loadExample(t), testClock)
	for _, f := range fs {
		t.Logf("%-8s %-45s %-40s %v", f.Severity, f.Rule, f.Field, f.Params)
		if f.Severity != backend.Info {
			t.Errorf("example application: unexpected %s %s on %s", f.Severity, f.Rule, f.Field)
		}
	}
}
