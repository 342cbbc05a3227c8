//go:build darwin

package store

import "os"

// fOFDSetlk is F_OFD_SETLK in XNU's <sys/fcntl.h> (public in the macOS SDK
// headers since 2022; the kernel has had it since macOS 10.15, older than
// any macOS Go supports). golang.org/x/sys does not define it for darwin.
const fOFDSetlk = 90

// lockWorkspaceFile locks the workspace file itself with an
// open-file-description lock (lockfile_ofd.go). flock is no use here: on
// macOS it shares one lock list with SQLite's POSIX locks and an exclusive
// flock on the file would make every SQLite lock fail. Should the kernel not
// know F_OFD_SETLK, the .lock file is the only lock (as before).
func lockWorkspaceFile(path string) (*os.File, bool, error) {
	return ofdLockWorkspaceFile(path, fOFDSetlk)
}

func unlockWorkspaceFile(f *os.File) error { return ofdUnlockWorkspaceFile(f, fOFDSetlk) }
