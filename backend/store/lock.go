package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"icpdesk/backend"
)

// workspaceLock is the exclusive hold one process has on a workspace. It is
// taken on "<workspace>.lock" (which serialises creating the file and keeps
// the holder's pid for messages) and, once the workspace file exists, on the
// workspace file itself (lockFile): deleting the .lock file, or opening the
// workspace through a symlink or another spelling of its path, does not get
// a second ICP Desk past it. Callers pass the canonical path (canonicalPath).
type workspaceLock struct {
	f    *os.File // the .lock file
	file *os.File // the workspace file itself, when the platform locks it
}

// lockByteHigh is the high 32 bits of the offset where the workspace file
// itself is locked on Windows and macOS: far past any real file and past the
// bytes SQLite locks (from 0x40000000), so the lock never stops SQLite
// reading or locking (Windows' byte-range locks are mandatory).
const lockByteHigh = 0x7FFFFFFF

// canonicalPath resolves symlinks in path (in its folder when the file does
// not exist yet), so one workspace has one lock whatever path opened it.
func canonicalPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if p, err := filepath.EvalSymlinks(abs); err == nil {
		return p, nil
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return abs, nil // the folder is made by Open
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}

func acquireLock(workspace string) (*workspaceLock, error) {
	path := workspace + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrPermission) || isReadOnlyFS(err) {
			return nil, backend.Errorf(backend.ECodeReadOnly, "", nil, "create lock file: %v", err)
		}
		return nil, backend.Wrap(backend.ECodeInternal, fmt.Errorf("open lock file: %w", err))
	}
	ok, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, backend.Wrap(backend.ECodeInternal, fmt.Errorf("lock %s: %w", path, err))
	}
	if !ok {
		buf := make([]byte, 32)
		n, _ := f.ReadAt(buf, 0)
		f.Close()
		params := map[string]any{}
		if pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n]))); err == nil {
			params["pid"] = pid
		}
		return nil, backend.Errorf(backend.ECodeLocked, "", params, "%s is open in another ICP Desk", workspace)
	}
	// Best effort: the pid only helps the message, the lock itself is the flock.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &workspaceLock{f: f}, nil
}

// lockFile takes the lock on the workspace file itself (again, after a
// restore replaced the file). ECodeLocked when another process holds it.
func (l *workspaceLock) lockFile(workspace string) error {
	l.releaseFile()
	f, ok, err := lockWorkspaceFile(workspace)
	switch {
	case err != nil:
		return backend.FileError(backend.ECodeInternal, fmt.Errorf("lock %s: %w", workspace, err), "")
	case !ok:
		return backend.Errorf(backend.ECodeLocked, "", nil, "%s is open in another ICP Desk", workspace)
	}
	l.file = f
	return nil
}

// releaseFile lets go of the workspace file (before a restore renames
// another file over it; Windows refuses to replace an open file).
func (l *workspaceLock) releaseFile() {
	if l != nil && l.file != nil {
		_ = unlockWorkspaceFile(l.file)
		l.file.Close()
		l.file = nil
	}
}

func (l *workspaceLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.releaseFile()
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
