package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"icpdesk/backend"
)

func TestBackupsOnOpenAreKeptToN(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.icpdesk")
	clock := newClock()
	s, err := Open(path, Options{Clock: clock, KeepBackups: 3})
	if err != nil {
		t.Fatal(err)
	}
	mustClient(t, s, "Acme")
	s.Close()
	if list, _ := s.listBackups(); len(list) != 0 {
		t.Fatalf("a brand-new workspace was backed up: %v", list)
	}
	for i := 0; i < 5; i++ {
		s, err := Open(path, Options{Clock: clock, KeepBackups: 3})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	s, _ = Open(path, Options{Clock: clock, KeepBackups: 3, NoBackupOnOpen: true})
	defer s.Close()
	list, err := s.ListBackups(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("backups: %v %v", list, err)
	}
	if !list[0].CreatedAt.After(list[1].CreatedAt) {
		t.Fatal("backups not newest first")
	}
	// a backup is itself a sound workspace holding the data
	if err := checkBackup(list[0].Path); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + ".lock")
}

func TestRestoreBackup(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID, set("entity.name", "备份前"))
	b, err := s.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(ctx, r.ID, set("entity.name", "备份后"))
	later := mustApplication(t, s, c.ID)

	if err := s.RestoreBackup(ctx, b.Name); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil || got.Doc.Entity.Name != "备份前" {
		t.Fatalf("after restore: %q %v", got.Doc.Entity.Name, err)
	}
	_, err = s.GetApplication(ctx, later.ID)
	wantCode(t, err, backend.ECodeNotFound)
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	// the state before the restore was backed up first, and still works as a store
	list, _ := s.ListBackups(ctx)
	if len(list) != 2 {
		t.Fatalf("backups after restore: %v", list)
	}
	if err := s.RestoreBackup(ctx, list[0].Name); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetApplication(ctx, r.ID); got.Doc.Entity.Name != "备份后" {
		t.Fatalf("restore of the pre-restore backup: %q", got.Doc.Entity.Name)
	}
	if _, err := s.SaveDraft(ctx, r.ID, set("entity.city", "杭州")); err != nil {
		t.Fatalf("write after restore: %v", err)
	}

	wantCode(t, s.RestoreBackup(ctx, "../ws.icpdesk"), backend.ECodeInvalid)
	wantCode(t, s.RestoreBackup(ctx, "workspace-20990101T000000.000Z.icpdesk"), backend.ECodeNotFound)
	// a damaged backup is refused and the workspace stays as it is
	bad := filepath.Join(s.backupDir(), "workspace-"+time.Now().UTC().Format(backupTimeFormat)+".icpdesk")
	os.WriteFile(bad, []byte("not a database at all"), 0o600)
	wantCode(t, s.RestoreBackup(ctx, filepath.Base(bad)), backend.ECodeNotWorkspace)
	if got, _ := s.GetApplication(ctx, r.ID); got.Doc.Entity.City != "杭州" {
		t.Fatal("refused restore changed the workspace")
	}
}

// A crash during the start-up backup leaves "<backup>.tmp" behind: it is
// listed (its size counts, it cannot be restored) and removed on next open,
// like a half-made workspace; the kept-backups pruning never counts it.
func TestBackupLeftoversCleanedOnOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ws.icpdesk")
	s, err := Open(path, Options{Clock: newClock(), KeepBackups: 1})
	if err != nil {
		t.Fatal(err)
	}
	mustClient(t, s, "Acme")
	if _, err := s.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, "backups", "ws-20240101T000000.000Z.icpdesk.tmp")
	other := filepath.Join(dir, "backups", "other-20240101T000000.000Z.icpdesk.tmp") // another workspace's
	newWS := path + ".new-4242"
	room := path + ".room-123456" // hasRoom's probe, interrupted
	for _, p := range []string{leftover, other, newWS, room} {
		if err := os.WriteFile(p, make([]byte, 5000), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.ListBackups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var size int64
	partial := 0
	for _, b := range list {
		size += b.Size
		if b.Partial {
			partial++
			if err := s.RestoreBackup(ctx, b.Name); backend.ErrorCode(err) != backend.ECodeNotFound {
				t.Fatalf("restoring a partial backup: %v", err)
			}
		}
	}
	if len(list) != 2 || partial != 1 || size < 5000 {
		t.Fatalf("listing %+v", list)
	}
	if _, err := s.Backup(ctx); err != nil { // pruning keeps 1 complete backup
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path, Options{Clock: newClock(), KeepBackups: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{leftover, newWS, room} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there: %v", filepath.Base(p), err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another workspace's file was removed: %v", err)
	}
	list, _ = s.ListBackups(ctx)
	for _, b := range list {
		if b.Partial {
			t.Errorf("partial backup still listed: %+v", b)
		}
	}
	if len(list) != 1 {
		t.Errorf("kept %d backups, want 1", len(list))
	}
}
