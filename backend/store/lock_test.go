package store

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"icpdesk/backend"
)

// One workspace has one lock however it is reached: through a symlink to
// the file or to its folder, or after someone deleted the .lock file.
func TestLockCannotBeBypassed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "real", "w.icpdesk")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fileLink := filepath.Join(dir, "link.icpdesk")
	dirLink := filepath.Join(dir, "alias")
	if err := os.Symlink(path, fileLink); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), dirLink); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fileLink, filepath.Join(dirLink, "w.icpdesk"), filepath.Join(dir, "real", ".", "w.icpdesk")} {
		if s2, err := Open(p, Options{}); backend.ErrorCode(err) != backend.ECodeLocked {
			if s2 != nil {
				s2.Close()
			}
			t.Errorf("open via %s: %v, want locked", p, err)
		}
	}
	if runtime.GOOS != "linux" && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		t.Skip("the workspace file itself is locked on Linux, macOS and Windows only")
	}
	if err := os.Remove(path + ".lock"); err != nil {
		t.Fatal(err)
	}
	if s2, err := Open(path, Options{}); backend.ErrorCode(err) != backend.ECodeLocked {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("open after deleting the .lock file: %v, want locked", err)
	}
	// A restore swaps the file: the new one is locked as well.
	if _, err := s.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListBackups(ctx)
	if err := s.RestoreBackup(ctx, list[0].Name); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + ".lock")
	if s2, err := Open(path, Options{}); backend.ErrorCode(err) != backend.ECodeLocked {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("open after a restore: %v, want locked", err)
	}
	mustClient(t, s, "still writable")
	s.Close()
	s3, err := Open(fileLink, Options{})
	if err != nil {
		t.Fatalf("open via the symlink once closed: %v", err)
	}
	if s3.Path() != path {
		t.Errorf("path %q, want the canonical %q", s3.Path(), path)
	}
	s3.Close()
}
