//go:build darwin || linux

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// ofdLockStart is the byte of the workspace file an open-file-description
// lock is taken on: far past any real file and past the bytes SQLite locks
// (from 0x40000000), the same place as on Windows (lockfile_windows.go).
const ofdLockStart = lockByteHigh << 32

// ofdLockWorkspaceFile takes a non-blocking open-file-description lock
// (setlk is the system's F_OFD_SETLK) on one byte of the workspace file far
// from SQLite's lock bytes. Unlike flock on macOS, it cannot stop SQLite:
// XNU keeps flock, POSIX and OFD locks in one list per file, and a whole-file
// flock overlaps SQLite's POSIX locks, while this byte never does. Unlike a
// POSIX lock, it belongs to this open file, not to the process, so SQLite
// closing its own descriptors does not drop it (nor ours SQLite's). The
// kernel releases it when the process dies.
//
// The lock is exclusive when the file can be opened for writing, shared when
// it is read-only: two read-only ICP Desks may share a workspace, a writer
// may not share it with anyone. A kernel that does not know setlk (EINVAL)
// gets no lock and ok: the .lock file is then the only lock.
func ofdLockWorkspaceFile(path string, setlk int) (f *os.File, ok bool, err error) {
	typ := int16(unix.F_WRLCK)
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if f, err = os.Open(path); err != nil {
			return nil, false, err
		}
		typ = unix.F_RDLCK
	}
	lk := unix.Flock_t{Type: typ, Whence: 0, Start: ofdLockStart, Len: 1}
	err = unix.FcntlFlock(f.Fd(), setlk, &lk)
	switch {
	case err == nil:
		return f, true, nil
	case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EACCES) || errors.Is(err, unix.EWOULDBLOCK):
		f.Close()
		return nil, false, nil
	case errors.Is(err, unix.EINVAL):
		f.Close()
		return nil, true, nil
	default:
		f.Close()
		return nil, false, err
	}
}

func ofdUnlockWorkspaceFile(f *os.File, setlk int) error {
	lk := unix.Flock_t{Type: unix.F_UNLCK, Whence: 0, Start: ofdLockStart, Len: 1}
	return unix.FcntlFlock(f.Fd(), setlk, &lk)
}
