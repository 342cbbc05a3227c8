package store

import (
	"path/filepath"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/workspacetest"
)

// TestContract runs the suite every workspace keeps (backend/workspacetest)
// against SQLite files; one clerk works in a file at a time.
func TestContract(t *testing.T) {
	const clerk = "王五"
	open := func(t testing.TB, path string, c workspacetest.Config) *Store {
		t.Helper()
		if c.Clock == nil {
			c.Clock = workspacetest.NewClock()
		}
		s, err := Open(path, Options{Clock: c.Clock, MaxImportBytes: c.MaxImportBytes, Clerk: clerk, NoBackupOnOpen: true})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	workspacetest.Run(t, workspacetest.Harness{
		New: func(t testing.TB, c workspacetest.Config) backend.Workspace {
			return open(t, filepath.Join(t.TempDir(), "workspace.icpdesk"), c)
		},
		Reopen: func(t testing.TB, w backend.Workspace) backend.Workspace {
			s := w.(*Store)
			s.Close()
			return open(t, s.Path(), workspacetest.Config{Clock: s.clock})
		},
		Exec: func(w backend.Workspace, query string, args ...any) error {
			_, err := w.(*Store).db.Exec(query, args...)
			return err
		},
		Count: func(w backend.Workspace, query string, args ...any) (n int, err error) {
			err = w.(*Store).db.QueryRow(query, args...).Scan(&n)
			return n, err
		},
		Clerk: clerk,
	})
}
