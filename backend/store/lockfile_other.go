//go:build !linux && !windows && !darwin

package store

import "os"

// lockWorkspaceFile does not lock the workspace file itself here: on the
// BSDs flock and SQLite's fcntl locks share one lock list, so an exclusive
// flock would stop SQLite, and not all of them have open-file-description
// locks (macOS uses those: lockfile_darwin.go). The .lock file (on the
// canonical path) is the lock; a deleted .lock file is not detected here.
func lockWorkspaceFile(string) (*os.File, bool, error) { return nil, true, nil }

func unlockWorkspaceFile(*os.File) error { return nil }
