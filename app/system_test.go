package app

import (
	"os"
	"path/filepath"
	"testing"

	"icpdesk/backend/prefs"
)

// A damaged preferences file: the app runs on the defaults, the file is kept
// aside, and the frontend hears of it once.
func TestPreferencesProblemIsToldOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	if err := os.WriteFile(path, []byte("\x00\x01garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &SystemService{prefs: prefs.Open(path)}
	if got := s.Preferences().Language; got != prefs.Languages[0] {
		t.Fatalf("language %q", got)
	}
	pr := s.PreferencesProblem()
	if pr == nil || pr.Kind != prefs.ProblemCorrupt || pr.KeptAs != path+".broken" {
		t.Fatalf("problem %+v", pr)
	}
	if _, err := os.Stat(pr.KeptAs); err != nil {
		t.Fatal(err)
	}
	if again := s.PreferencesProblem(); again == nil {
		t.Error("gone before the clerk closed the notice (a reloaded window would not tell)")
	}
	s.AcknowledgePreferencesProblem(pr.Kind)
	if again := s.PreferencesProblem(); again != nil {
		t.Errorf("told twice: %+v", again)
	}
}
