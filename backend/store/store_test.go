package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"icpdesk/backend"
)

var ctx = context.Background()

// testClock ticks one second per call so orderings by time are deterministic.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { c.t = c.t.Add(time.Second); return c.t }

func newClock() *testClock {
	return &testClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, backend.Shanghai)}
}

// mustOpen opens a fresh workspace in a temporary folder.
func mustOpen(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "workspace.icpdesk"), Options{Clock: newClock()})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustClient(t testing.TB, s *Store, name string) backend.Client {
	t.Helper()
	c, err := s.CreateClient(ctx, backend.Client{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustApplication(t testing.TB, s *Store, clientID int64, patches ...backend.DraftPatch) backend.ApplicationRecord {
	t.Helper()
	r, err := s.CreateApplication(ctx, clientID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	if len(patches) > 0 {
		if r, err = s.SaveDraft(ctx, r.ID, patches...); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func set(path string, v any) backend.DraftPatch {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return backend.DraftPatch{Path: path, Value: raw}
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := backend.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenCreatesPrivateWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "ICPDesk")
	path := filepath.Join(dir, "workspace.icpdesk")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ReadOnly() != "" {
		t.Fatalf("new workspace read-only: %q", s.ReadOnly())
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
	var fk, sync, busy int
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	s.db.QueryRow("PRAGMA synchronous").Scan(&sync)
	s.db.QueryRow("PRAGMA busy_timeout").Scan(&busy)
	if fk != 1 || sync != 2 || busy <= 0 {
		t.Fatalf("foreign_keys=%d synchronous=%d busy_timeout=%d", fk, sync, busy)
	}
	if _, err := s.CreateClient(ctx, backend.Client{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, filepath.Join(dir, "backups"): 0o700} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s mode %o, want %o", p, st.Mode().Perm(), want)
		}
	}
	list, _ := s.ListBackups(ctx)
	for _, b := range list {
		if st, _ := os.Stat(b.Path); st.Mode().Perm() != 0o600 {
			t.Errorf("backup %s mode %o", b.Name, st.Mode().Perm())
		}
	}
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	sqliteOther := func(path string) {
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hello')"); err != nil {
			t.Fatal(err)
		}
	}
	corrupt := func(path string) {
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := s.CreateClient(ctx, backend.Client{Name: "Acme"})
		for i := 0; i < 50; i++ {
			mustApplication(t, s, c.ID, set("entity.name", "某某科技有限公司"))
		}
		s.Close()
		b, _ := os.ReadFile(path)
		for i := 4096 * 2; i < len(b); i += 7 {
			b[i] ^= 0x5a // scramble every page after the first two
		}
		os.WriteFile(path, b, 0o600)
	}
	tests := []struct {
		name  string
		make  func(path string)
		code  string
		perms os.FileMode
	}{
		{"random bytes", func(p string) {
			b := make([]byte, 8192)
			for i := range b {
				b[i] = byte(i*7919 + i/3)
			}
			os.WriteFile(p, b, 0o600)
		}, backend.ECodeNotWorkspace, 0o600},
		{"text file", func(p string) { os.WriteFile(p, []byte("备案 notes\nline two\n"), 0o600) }, backend.ECodeNotWorkspace, 0o600},
		{"empty file", func(p string) { os.WriteFile(p, nil, 0o600) }, backend.ECodeNotWorkspace, 0o600},
		{"another app's sqlite", sqliteOther, backend.ECodeNotWorkspace, 0o600},
		{"truncated header", func(p string) { os.WriteFile(p, []byte("SQLite format 3\x00\x10\x00"), 0o600) }, backend.ECodeCorrupt, 0o600},
		{"corrupt workspace", corrupt, backend.ECodeCorrupt, 0o600},
		{"read-only workspace", func(p string) {
			s, err := Open(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, backend.ECodeReadOnly, 0o400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "file.icpdesk")
			tc.make(path)
			os.Chmod(path, tc.perms)
			before := fileHash(t, path)
			s, err := Open(path, Options{})
			if err == nil {
				s.Close()
			}
			wantCode(t, err, tc.code)
			if fileHash(t, path) != before {
				t.Fatal("file changed")
			}
			// the lock must be released after a failed open
			if l, err := acquireLock(path); err != nil {
				t.Fatalf("lock left behind: %v", err)
			} else {
				l.release()
			}
		})
	}
}

func TestOpenMustExist(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "missing.icpdesk"), Options{MustExist: true})
	wantCode(t, err, backend.ECodeNotFound)
}

func TestSecondOpenIsLocked(t *testing.T) {
	s := mustOpen(t)
	_, err := Open(s.Path(), Options{})
	wantCode(t, err, backend.ECodeLocked)
	if pid := backend.AsError(err).Params["pid"]; pid != os.Getpid() {
		t.Errorf("lock names pid %v, want %d", pid, os.Getpid())
	}
	s.Close()
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatalf("reopen after close: %v", err)
	}
	s2.Close()
}

func TestTooNewWorkspaceOpensReadOnly(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	before := fileHash(t, path)

	s2, err := Open(path, Options{})
	wantCode(t, err, backend.ECodeTooNew)
	if s2 == nil {
		t.Fatal("no read-only store returned")
	}
	if s2.ReadOnly() != backend.ECodeTooNew {
		t.Fatalf("ReadOnly() = %q", s2.ReadOnly())
	}
	if got, err := s2.GetClient(ctx, c.ID); err != nil || got.Name != "Acme" {
		t.Fatalf("read from too-new workspace: %v %v", got, err)
	}
	_, err = s2.CreateClient(ctx, backend.Client{Name: "B"})
	wantCode(t, err, backend.ECodeTooNew)
	s2.Close()
	if fileHash(t, path) != before {
		t.Fatal("too-new workspace changed")
	}
}

func TestMigrationsRecordVersion(t *testing.T) {
	s := mustOpen(t)
	var v, app int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	s.db.QueryRow("PRAGMA application_id").Scan(&app)
	if v != latestVersion() || v < 1 || app != applicationID {
		t.Fatalf("user_version %d application_id %x", v, app)
	}
	path := s.Path()
	s.Close()
	// reopening applies nothing twice
	s2, err := Open(path, Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvWorkspace, "")
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("HOME", home)
	t.Setenv("AppData", home)
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "workspace.icpdesk" || filepath.Base(filepath.Dir(p)) != "ICPDesk" {
		t.Fatalf("DefaultPath() = %s", p)
	}
	if st, err := os.Stat(filepath.Dir(p)); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o700) {
		t.Fatalf("dir: %v %v", st, err)
	}
	t.Setenv(EnvWorkspace, filepath.Join(home, "other.icpdesk"))
	if p, _ := DefaultPath(); p != filepath.Join(home, "other.icpdesk") {
		t.Fatalf("override ignored: %s", p)
	}
}
