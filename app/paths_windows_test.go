//go:build windows

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/prefs"
	"icpdesk/backend/store"
)

// A clerk whose Windows user name is Chinese: the data folder, the
// preferences and the workspace (SQLite, with its lock) live under
// C:\Users\张三\AppData\Roaming\ICPDesk, also when that path is long.
func TestDataUnderAChineseUserName(t *testing.T) {
	appData := filepath.Join(t.TempDir(), "Users", "张三", "AppData", "Roaming")
	t.Setenv("APPDATA", appData)
	dir, err := dataDir("")
	if err != nil || dir != filepath.Join(appData, "ICPDesk") {
		t.Fatalf("dataDir = %q, %v", dir, err)
	}
	p := prefs.Open(filepath.Join(dir, "prefs.json"))
	if _, err := p.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := prefs.Open(filepath.Join(dir, "prefs.json")).Load().Language; got != "en" {
		t.Fatalf("language read back %q", got)
	}
	for _, ws := range []string{
		defaultWorkspace(dir),
		filepath.Join(dir, strings.Repeat("客户资料_clients_", 12), "云帆科技.icpdesk"), // beyond 260 characters
	} {
		if err := os.MkdirAll(filepath.Dir(ws), 0o700); err != nil {
			t.Fatal(err)
		}
		h := openHolder(t, ws)
		if _, err := os.Stat(ws); err != nil {
			t.Fatalf("workspace not at %q: %v", ws, err)
		}
		// A second ICP Desk on the same file is refused (the file lock).
		if s, err := store.Open(ws, store.Options{}); backend.ErrorCode(err) != backend.ECodeLocked {
			if s != nil {
				s.Close()
			}
			t.Fatalf("second open of %q: %v", ws, err)
		}
		h.close()
	}
}

// The Shell is asked with the wide-character path: a missing file under a
// Chinese user name comes back as an error (nothing is started), so the
// clerk is told instead of waiting for a viewer that never opens.
func TestSystemOpenReportsAMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "Users", "张三", "核验单_云帆.中国.pdf")
	if err := systemOpen(missing); err == nil {
		t.Fatalf("opening %q that does not exist succeeded", missing)
	}
}
