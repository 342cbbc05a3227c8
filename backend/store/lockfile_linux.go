//go:build linux

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockWorkspaceFile takes a non-blocking exclusive flock on the workspace
// file itself. On Linux flock and the fcntl byte-range locks SQLite uses are
// independent, so SQLite's own locking is untouched; the kernel drops the
// lock when the process dies.
func lockWorkspaceFile(path string) (*os.File, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) || errors.Is(err, unix.EAGAIN) {
		f.Close()
		return nil, false, nil
	}
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return f, true, nil
}

func unlockWorkspaceFile(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }
