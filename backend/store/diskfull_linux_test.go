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

	// Not one byte left, not even for SQLite's shared-memory file: the
	// workspace still opens, for reading; saving fails with disk_full and
	// loses nothing until space is freed, then works without reopening.
	filler = fill(t, disk, 0)
	s, err = Open(path, Options{Clock: newClock()})
	if err != nil {
		t.Fatalf("open on a disk with no byte left: %v", err)
	}
	if s.ReadOnly() != backend.ECodeDiskFull {
		t.Fatalf("ReadOnly() = %q, want disk_full", s.ReadOnly())
	}
	if e := s.BackupSkipped(); e == nil || e.Code != backend.ECodeDiskFull {
		t.Fatalf("BackupSkipped = %v, want disk_full", e)
	}
	check := func(when, remark string) {
		t.Helper()
		got, err := s.GetApplication(ctx, r.ID)
		if err != nil || got.Doc.Entity.Name != "已保存的名称" || got.Doc.Entity.Remark != remark {
			t.Fatalf("%s: %v %q %q", when, err, got.Doc.Entity.Name, got.Doc.Entity.Remark)
		}
		if list, err := s.ListClients(ctx); err != nil || len(list) != 1 {
			t.Fatalf("%s: clients %v %v", when, list, err)
		}
	}
	check("open with no byte left", "有空间了")
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.remark", "满盘时的修改")); backend.ErrorCode(err) != backend.ECodeDiskFull {
		t.Fatalf("save with no byte left: %v, want disk_full", err)
	}
	check("after the refused save", "有空间了")
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.remark", "腾出空间后的修改")); err != nil {
		t.Fatalf("save once space is freed: %v", err)
	}
	if s.ReadOnly() != "" {
		t.Fatalf("ReadOnly() = %q after space was freed", s.ReadOnly())
	}
	check("after space was freed", "腾出空间后的修改")
	s.Close()
	s, err = Open(path, Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	check("reopened", "腾出空间后的修改")
}

// After a crash on a disk with not one byte left, the workspace opens with
// every acknowledged save, also those only the WAL holds.
func TestOpenOnFullDiskAfterCrash(t *testing.T) {
	disk := smallDisk(t, "4m")
	src := filepath.Join(disk, "running.icpdesk")
	s, err := Open(src, Options{Clock: newClock()})
	if err != nil {
		t.Fatal(err)
	}
	c := mustClient(t, s, "满盘客户")
	r := mustApplication(t, s, c.ID, set("entity.name", "已保存的名称"))
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.remark", "崩溃前最后一次保存")); err != nil {
		t.Fatal(err)
	}
	// What a crash leaves: the file and its WAL as they are while open (the
	// last save is in the WAL only; no shared-memory file).
	path := filepath.Join(disk, "crashed.icpdesk")
	copyOrFail(t, src, path)
	copyOrFail(t, src+"-wal", path+"-wal")
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("no WAL to recover from: %v", err)
	}
	s.Close()
	fill(t, disk, 0)
	// Viewing only (the CLI's read-only commands) works there too, before
	// anything has moved the WAL into the file; nothing can be written.
	s, err = Open(path, Options{Clock: newClock(), ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open on a disk with no byte left: %v", err)
	}
	if got, err := s.GetApplication(ctx, r.ID); err != nil || got.Doc.Entity.Remark != "崩溃前最后一次保存" {
		t.Fatalf("read-only: %v %q", err, got.Doc.Entity.Remark)
	}
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.remark", "不该保存")); err == nil {
		t.Error("a read-only open saved")
	}
	s.Close()
	for i := 0; i < 2; i++ {
		s, err = Open(path, Options{Clock: newClock()})
		if err != nil {
			t.Fatalf("open %d on a disk with no byte left: %v", i, err)
		}
		got, err := s.GetApplication(ctx, r.ID)
		if err != nil || got.Doc.Entity.Remark != "崩溃前最后一次保存" {
			t.Fatalf("open %d: %v %q", i, err, got.Doc.Entity.Remark)
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

// A backup copied onto a full disk (VACUUM INTO writes it in rollback-journal
// mode) opens too: it reads without any other file, but has no room for the
// WAL it would be switched to.
func TestOpenBackupCopyOnFullDisk(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "w.icpdesk"), Options{Clock: newClock()})
	if err != nil {
		t.Fatal(err)
	}
	mustClient(t, s, "备份里的客户")
	b, err := s.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	disk := smallDisk(t, "4m")
	path := filepath.Join(disk, "workspace.icpdesk")
	copyOrFail(t, b.Path, path)
	hdr := make([]byte, 20)
	if f, err := os.Open(path); err != nil {
		t.Fatal(err)
	} else if _, err := f.ReadAt(hdr, 0); err != nil || f.Close() != nil || hdr[18] != 1 {
		t.Fatalf("the backup is not in rollback-journal mode (header byte 18 = %d): %v", hdr[18], err)
	}
	filler := fill(t, disk, 0)
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open a backup copy on a full disk: %v", err)
	}
	defer func() { s.Close() }()
	if s.ReadOnly() != backend.ECodeDiskFull {
		t.Fatalf("ReadOnly() = %q, want disk_full", s.ReadOnly())
	}
	if list, err := s.ListClients(ctx); err != nil || len(list) != 1 {
		t.Fatalf("clients %v %v", list, err)
	}
	if _, err := s.CreateClient(ctx, backend.Client{Name: "满盘"}); backend.ErrorCode(err) != backend.ECodeDiskFull {
		t.Fatalf("save on a full disk: %v, want disk_full", err)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateClient(ctx, backend.Client{Name: "有空间了"}); err != nil {
		t.Fatalf("save once space is freed: %v", err)
	}
	if list, err := s.ListClients(ctx); err != nil || len(list) != 2 {
		t.Fatalf("clients %v %v", list, err)
	}
}

func copyOrFail(t *testing.T, src, dst string) {
	t.Helper()
	if err := copyFile(src, dst); err != nil {
		t.Fatal(err)
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
