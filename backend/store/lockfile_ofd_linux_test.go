package store

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"icpdesk/backend"
)

// The open-file-description lock macOS takes on the workspace file
// (lockfile_darwin.go) is exercised here with Linux's F_OFD_SETLK, which
// behaves the same: Linux, like XNU, makes OFD and POSIX locks conflict when
// they overlap, so SQLite working while the lock is held shows the locked
// byte stays clear of SQLite's lock bytes.
func TestOFDWorkspaceLock(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.icpdesk")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	held, ok, err := ofdLockWorkspaceFile(path, unix.F_OFD_SETLK)
	if err != nil || !ok {
		t.Fatalf("first lock: ok=%v err=%v", ok, err)
	}
	// SQLite reads and writes through its own locks, from several
	// connections at once, while the lock is held.
	done := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			_, err := s.CreateClient(ctx, backend.Client{Name: "并发客户"})
			if err == nil {
				_, err = s.ListClients(ctx)
			}
			done <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-done; err != nil {
			t.Fatalf("SQLite while the workspace file is locked: %v", err)
		}
	}
	// A second open file (another ICP Desk) is refused, also after this
	// process opened and closed the file elsewhere: closing another
	// descriptor drops POSIX locks, not this one.
	if f, err := os.Open(path); err == nil {
		f.Close()
	}
	if _, err := s.Backup(ctx); err != nil { // SQLite opens and closes the file too
		t.Fatal(err)
	}
	if f, ok, err := ofdLockWorkspaceFile(path, unix.F_OFD_SETLK); ok || err != nil {
		if f != nil {
			f.Close()
		}
		t.Fatalf("second lock while held: ok=%v err=%v, want refused", ok, err)
	}
	if err := ofdUnlockWorkspaceFile(held, unix.F_OFD_SETLK); err != nil {
		t.Fatal(err)
	}
	held.Close()
	again, ok, err := ofdLockWorkspaceFile(path, unix.F_OFD_SETLK)
	if err != nil || !ok {
		t.Fatalf("lock after release: ok=%v err=%v", ok, err)
	}
	again.Close()

	// A read-only file is locked shared: readers may share it; a writer
	// could not get it while they hold it.
	ro := filepath.Join(dir, "ro.icpdesk")
	if err := os.WriteFile(ro, []byte("x"), 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		return // root opens a 0400 file for writing all the same
	}
	r1, ok1, err1 := ofdLockWorkspaceFile(ro, unix.F_OFD_SETLK)
	r2, ok2, err2 := ofdLockWorkspaceFile(ro, unix.F_OFD_SETLK)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		t.Fatalf("two readers: %v %v %v %v", ok1, ok2, err1, err2)
	}
	r1.Close()
	r2.Close()
}
