package prefs

import (
	"bytes"
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

// The last team workspace round-trips with everything needed to reconnect,
// and the file never holds a password (the type has no field for one).
func TestTeamRoundTripWithoutPassword(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	f := Open(path)
	want := Team{Host: "db.agency.lan", Port: 5433, Database: "icpdesk", User: "wangwu", TLS: "verify-full"}
	if _, err := f.Update(func(p *Prefs) { p.LastKind, p.Team = KindTeam, &want }); err != nil {
		t.Fatal(err)
	}
	got := Open(path).Load()
	if got.LastKind != KindTeam || got.Team == nil || *got.Team != want {
		t.Fatalf("reloaded = %q %+v, want team %+v", got.LastKind, got.Team, want)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(b), []byte("password")) {
		t.Fatalf("prefs file mentions a password:\n%s", b)
	}
	for _, s := range []string{`"lastKind": "team"`, `"host": "db.agency.lan"`, `"port": 5433`, `"user": "wangwu"`, `"tls": "verify-full"`} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("prefs file lacks %s:\n%s", s, b)
		}
	}
	// Switching back to a local file keeps the team connection for the
	// dialog but starts with the file.
	if _, err := f.Update(func(p *Prefs) { p.LastKind, p.LastWorkspace = KindLocal, "/x/a.icpdesk" }); err != nil {
		t.Fatal(err)
	}
	if got := f.Load(); got.LastKind != KindLocal || got.Team == nil || got.Team.Host != want.Host {
		t.Fatalf("after local switch = %+v", got)
	}
}
