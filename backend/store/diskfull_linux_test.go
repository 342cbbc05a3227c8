package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"icpdesk/backend"
)

// smallDisk mounts a tmpfs of size bytes (root only; skipped elsewhere) and
// returns its path; it is unmounted when the test ends.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a filler file until the disk is full, then gives back spare
// bytes, and returns the filler's path.
func fill(t *testing.T, dir string, spare int64) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// Byte by byte, so not even a small write fits.
	for {
		if _, err := f.Write(buf[:1]); err != nil {
			break
		}
	}
	if spare > 0 {
		st, err := f.Stat()
		if err != nil || f.Truncate(st.Size()-spare) != nil {
			t.Fatal("cannot give space back")
		}
	}
	return p
}

// A workspace larger than the free space opens all the same (the backup is
// skipped and the reason kept for the clerk); a save that does not fit fails
// with disk_full and loses nothing saved before; after space is freed it
// works again. A disk with no byte left says disk_full, not "internal".
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, "4m")
	path := filepath.Join(disk, "workspace.icpdesk")
	s, err := Open(path, Options{Clock: newClock()})
	if err != nil {
		t.Fatal(err)
	}
	c := mustClient(t, s, "满盘客户")
	r := mustApplication(t, s, c.ID, set("entity.name", "已保存的名称"))
	pdf := append([]byte("%PDF-1.4 "), make([]byte, 1<<20)...)
	if _, err := s.PutDocument(ctx, r.ID, "w1", pdf, false); err != nil {
		t.Fatal(err)
	}
	s.Close()

	filler := fill(t, disk, 256<<10) // less free space than the workspace's size
	s, err = Open(path, Options{Clock: newClock()})
	if err != nil {
		t.Fatalf("a workspace on a full disk must open: %v", err)
	}
	defer s.Close()
	if e := s.BackupSkipped(); e == nil || e.Code != backend.ECodeDiskFull {
		t.Fatalf("BackupSkipped = %v, want disk_full", e)
	}
	if left, _ := filepath.Glob(filepath.Join(disk, "backups", "*.tmp")); len(left) != 0 {
		t.Fatalf("the failed backup left %v", left)
	}
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil || got.Doc.Entity.Name != "已保存的名称" {
		t.Fatalf("read on a full disk: %v %q", err, got.Doc.Entity.Name)
	}
	var saveErr error
	for i := 0; i < 200 && saveErr == nil; i++ {
		_, saveErr = s.SaveDraft(ctx, r.ID, set("entity.remark", fmt.Sprintf("%d %s", i, strings.Repeat("备注", 450))))
	}
	if backend.ErrorCode(saveErr) != backend.ECodeDiskFull {
		t.Fatalf("save on a full disk: %v, want disk_full", saveErr)
	}
	got, err = s.GetApplication(ctx, r.ID)
	if err != nil || got.Doc.Entity.Name != "已保存的名称" {
		t.Fatalf("after the failed save: %v %q", err, got.Doc.Entity.Name)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.remark", "有空间了")); err != nil {
		t.Fatalf("save after freeing space: %v", err)
	}
	if _, err := s.Backup(ctx); err != nil {
		t.Fatalf("backup after freeing space: %v", err)
	}
	s.Close()

	// Not one byte left: opening cannot even create SQLite's shared-memory
	// file, and the clerk is told the disk is full (not "internal").
	fill(t, disk, 0)
	if s2, err := Open(path, Options{}); err == nil {
		s2.Close()
	} else if backend.ErrorCode(err) != backend.ECodeDiskFull {
		t.Fatalf("open on a disk with no byte left: %v, want disk_full", err)
	}
}

// A backups folder that cannot be made does not stop the workspace opening.
func TestOpenWithoutBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.icpdesk")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.WriteFile(filepath.Join(dir, "backups"), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	if s.BackupSkipped() == nil {
		t.Fatal("the skipped backup is not reported")
	}
	if _, err := s.CreateClient(ctx, backend.Client{Name: "照常工作"}); err != nil {
		t.Fatal(err)
	}
}
