package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const fixture = "../../backend/checklist/testdata/application.json"

func TestChecklistCommand(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o600)
	noName := filepath.Join(t.TempDir(), "noname.json")
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(noName, bytes.Replace(b, []byte(`"name": "北京示例网络科技有限公司"`), []byte(`"name": ""`), 1), 0o600)

	tests := []struct {
		name  string
		args  func(out string) []string
		code  int
		files []string
		say   string
	}{
		{"application", func(o string) []string { return []string{fixture, o} }, 0,
			[]string{"核验单_example.com.pdf", "核验单_blog-example.com.pdf"}, "checklist.registrar_unknown"},
		{"draft", func(o string) []string { return []string{"--draft", fixture, o} }, 0, []string{"核验单_example.com.pdf"}, ""},
		{"blocking finding", func(o string) []string { return []string{noName, o} }, 1, []string{"核验单_example.com.pdf"}, "checklist.missing_field entity.name"},
		{"blank", func(o string) []string { return []string{"--blank", "guangdong_individual", o} }, 0, []string{"核验单_空白_广东省个人.pdf"}, ""},
		{"unknown variant", func(o string) []string { return []string{"--blank", "hk", o} }, 2, nil, ""},
		{"bad json", func(o string) []string { return []string{bad, o} }, 2, nil, ""},
		{"missing file", func(o string) []string { return []string{"/nonexistent.json", o} }, 2, nil, ""},
		{"no args", func(o string) []string { return nil }, 2, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			code := commands["checklist"].run(tt.args(out), &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, stderr.String())
			}
			if code == 2 && (stderr.Len() == 0 || strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0) {
				t.Errorf("want one line on stderr, got %q", stderr.String())
			}
			for _, f := range tt.files {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("%s: %v", f, err)
				}
			}
			if tt.say != "" && !strings.Contains(stdout.String(), tt.say) {
				t.Errorf("stdout lacks %q:\n%s", tt.say, stdout.String())
			}
		})
	}
}

// Two websites with one ID: refused, never one website's checklist under
// the other's name.
func TestChecklistRefusesDuplicateWebsiteIDs(t *testing.T) {
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	dup := filepath.Join(t.TempDir(), "dup.json")
	os.WriteFile(dup, bytes.Replace(b, []byte(`"id": "w2"`), []byte(`"id": "w1"`), 1), 0o600)
	if !bytes.Contains(b, []byte(`"id": "w2"`)) {
		t.Fatal("fixture has no second website id")
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := commands["checklist"].run([]string{dup, out}, &stdout, &stderr); code != 2 {
		t.Fatalf("exit %d, want 2; stdout %s", code, stdout.String())
	}
	if !strings.Contains(stderr.String(), `"w1"`) {
		t.Fatalf("stderr does not name the id: %q", stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("wrote %d files", len(entries))
	}
}

// Checklists hold names, ID numbers and phones: private on POSIX.
func TestChecklistFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	out := filepath.Join(t.TempDir(), "new")
	var stdout, stderr bytes.Buffer
	if code := commands["checklist"].run([]string{fixture, out}, &stdout, &stderr); code == 2 {
		t.Fatal(stderr.String())
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v %v", st.Mode(), err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if st, _ := os.Stat(filepath.Join(out, e.Name())); st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %o", e.Name(), st.Mode().Perm())
		}
	}
}
