package prefs

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

// A damaged file still lets ICP Desk start with the defaults, but it is
// moved aside (not overwritten) and the clerk is told once.
func TestDamagedFileIsKeptAsideAndReportedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	damaged := []byte(`{"language": "en", "lastWorkspace": 42}`) // valid JSON, wrong type
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	f := Open(path)
	if got := f.Load(); got.Language != "zh-CN" || got.LastWorkspace != "" {
		t.Fatalf("prefs from a damaged file = %+v, want the defaults", got)
	}
	pr := takeProblem(f)
	if pr == nil || pr.Kind != ProblemCorrupt || pr.Path != path || pr.KeptAs != path+".broken" || pr.Detail == "" {
		t.Fatalf("problem %+v", pr)
	}
	if b, err := os.ReadFile(path + ".broken"); err != nil || !bytes.Equal(b, damaged) {
		t.Fatalf("the damaged file was not kept as it was: %q, %v", b, err)
	}
	if takeProblem(f) != nil {
		t.Error("told twice")
	}
	if _, err := f.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := f.Load().Language; got != "en" || takeProblem(f) != nil {
		t.Fatalf("language after rewrite = %q", got)
	}
	if b, _ := os.ReadFile(path + ".broken"); !bytes.Equal(b, damaged) {
		t.Error("the kept file was overwritten")
	}

	// Damaged again: kept under the next free name.
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	g := Open(path)
	g.Load()
	if pr := takeProblem(g); pr == nil || pr.KeptAs != path+".2.broken" {
		t.Fatalf("second damaged file: %+v", pr)
	}
}

// A file that cannot be read (here a folder in its place) is moved aside too.
func TestUnreadableFileIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	f := Open(path)
	if got := f.Load().Language; got != "zh-CN" {
		t.Fatalf("language = %q", got)
	}
	if pr := takeProblem(f); pr == nil || pr.Kind != ProblemUnreadable || pr.KeptAs != path+".broken" {
		t.Fatalf("problem %+v", pr)
	}
	if _, err := f.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
}

// When the damaged file cannot be moved aside, nothing overwrites it.
func TestDamagedFileThatCannotBeMovedIsNotOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Every name a damaged file may be kept under is taken.
	for i := 1; i < 100; i++ {
		name := path + ".broken"
		if i > 1 {
			name = path + "." + strconv.Itoa(i) + ".broken"
		}
		if err := os.WriteFile(name, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := Open(path)
	if got := f.Load().Language; got != "zh-CN" {
		t.Fatalf("language = %q", got)
	}
	if pr := takeProblem(f); pr == nil || pr.Kind != ProblemCorrupt || pr.KeptAs != "" {
		t.Fatalf("problem %+v", pr)
	}
	if _, err := f.SetLanguage("en"); backend.ErrorCode(err) != backend.ECodeInternal {
		t.Fatalf("write over a damaged file that stayed: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "{not json" {
		t.Errorf("the damaged file was overwritten: %q", b)
	}
}

// An unknown language is reported; the rest of the preferences is kept.
func TestUnknownLanguageIsReportedAndTheRestKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prefs.json")
	if err := os.WriteFile(path, []byte(`{"language": "fr", "lastWorkspace": "/w/clients.icpdesk"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	f := Open(path)
	if got := f.Load(); got.Language != "zh-CN" || got.LastWorkspace != "/w/clients.icpdesk" {
		t.Fatalf("prefs %+v", got)
	}
	if pr := takeProblem(f); pr == nil || pr.Kind != ProblemLanguage || pr.Value != "fr" || pr.KeptAs != "" {
		t.Fatalf("problem %+v", pr)
	}
	f.Load()
	if pr := takeProblem(f); pr != nil {
		t.Errorf("told twice: %+v", pr)
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

// takeProblem is what the app's notice does: read the problem, tell the
// clerk, acknowledge it.
func takeProblem(f *File) *Problem {
	p := f.Problem()
	if p != nil {
		f.Acknowledge(p.Kind)
	}
	return p
}

// Asking does not clear the problem (a reloaded window asks again); only
// acknowledging it does.
func TestProblemStaysUntilAcknowledged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prefs.json")
	if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := Open(path)
	f.Load()
	first, second := f.Problem(), f.Problem()
	if first == nil || second == nil || first.Kind != ProblemCorrupt {
		t.Fatalf("problem %+v then %+v", first, second)
	}
	f.Acknowledge(ProblemLanguage) // another kind: not this one
	if f.Problem() == nil {
		t.Fatal("acknowledging another kind cleared it")
	}
	f.Acknowledge(first.Kind)
	if p := f.Problem(); p != nil {
		t.Errorf("still there after acknowledging: %+v", p)
	}
}
