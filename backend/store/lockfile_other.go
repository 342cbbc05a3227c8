//go:build !linux && !windows

package store

import "os"

// lockWorkspaceFile does not lock the workspace file itself here: on macOS
// and the BSDs flock and SQLite's fcntl locks share one lock table, so an
// exclusive flock would stop SQLite. The .lock file (on the canonical path)
// is the lock; a deleted .lock file is not detected on these systems.
func lockWorkspaceFile(string) (*os.File, bool, error) { return nil, true, nil }

func unlockWorkspaceFile(*os.File) error { return nil }
