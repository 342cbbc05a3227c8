package app

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"icpdesk/backend"
)

func openHolder(t *testing.T, path string) *workspaceHolder {
	t.Helper()
	h := &workspaceHolder{clock: backend.SystemClock{}}
	h.open(path)
	if _, err := h.get(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.close)
	return h
}

func TestClientExportImportBetweenWorkspaces(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	a := &WorkspaceService{ctx: ctx, h: openHolder(t, filepath.Join(dir, "a.icpdesk"))}
	filing := &FilingService{ctx: ctx, h: a.h, clock: backend.SystemClock{}}
	v, err := filing.NewApplication(0, "云帆科技")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := filing.SaveDraft(v.Record.ID, []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"北京云帆科技有限公司"`)}}); err != nil {
		t.Fatal(err)
	}

	file := filepath.Join(dir, "云帆科技.icpclient")
	if err := a.exportClientTo(v.Record.ClientID, file); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(file); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Fatalf("export file: %v, %v", st, err)
	}

	b := &WorkspaceService{ctx: ctx, h: openHolder(t, filepath.Join(dir, "b.icpdesk"))}
	res, err := b.importClientFrom(file)
	if err != nil {
		t.Fatal(err)
	}
	if res.Client.Name != "云帆科技" || res.Applications != 1 {
		t.Fatalf("imported %+v", res)
	}
	rows, err := b.ListApplications(backend.ApplicationFilter{})
	if err != nil || rows.Total != 1 || rows.Items[0].EntityName != "北京云帆科技有限公司" {
		t.Fatalf("rows %+v, %v", rows, err)
	}
	if rows.Items[0].Blocking == 0 {
		t.Fatal("an almost empty draft shows no blocking problems in the list")
	}
}

func TestImportMissingFileIsCoded(t *testing.T) {
	ws := &WorkspaceService{ctx: context.Background(), h: openHolder(t, filepath.Join(t.TempDir(), "w.icpdesk"))}
	_, err := ws.importClientFrom(filepath.Join(t.TempDir(), "nope.icpclient"))
	if backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Fatalf("err = %v", err)
	}
}

// When the start-up backup cannot be made the workspace still opens, and
// Info tells the UI why there is no backup.
func TestInfoReportsSkippedBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.icpdesk")
	openHolder(t, path).close()
	if err := os.WriteFile(filepath.Join(dir, "backups"), []byte("a file where the folder should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := openHolder(t, path)
	info := (&WorkspaceService{ctx: context.Background(), h: h}).Info()
	if !info.Open || info.Error != nil || info.BackupSkipped == nil {
		t.Fatalf("info = %+v", info)
	}
}

// A checklist or package saved where the clerk chooses is private (0600).
func TestWriteAtomicIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	p := filepath.Join(t.TempDir(), "核验单.pdf")
	if err := writeAtomic(p, []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st.Mode(), err)
	}
}
