package prefs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"icpdesk/backend"
)

func TestLoadDefaultsAndRemember(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ICPDesk", "prefs.json")
	f := Open(path)
	if got := f.Load().Language; got != "zh-CN" {
		t.Fatalf("default language = %q, want zh-CN", got)
	}
	if _, err := f.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := Open(path).Load().Language; got != "en" {
		t.Fatalf("remembered language = %q, want en", got)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("prefs mode = %v, want 0600", st.Mode().Perm())
		}
		dst, _ := os.Stat(filepath.Dir(path))
		if dst.Mode().Perm() != 0o700 {
			t.Errorf("dir mode = %v, want 0700", dst.Mode().Perm())
		}
	}
}

func TestRejectsUnknownLanguageKeepsOld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	f := Open(path)
	if _, err := f.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	_, err := f.SetLanguage("fr")
	if backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("err = %v, want code invalid", err)
	}
	if got := f.Load().Language; got != "en" {
		t.Fatalf("language after bad update = %q, want en", got)
	}
}

func TestDamagedFileGivesDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := Open(path)
	if got := f.Load().Language; got != "zh-CN" {
		t.Fatalf("language from damaged file = %q, want zh-CN", got)
	}
	if _, err := f.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := f.Load().Language; got != "en" {
		t.Fatalf("language after rewrite = %q", got)
	}
}
