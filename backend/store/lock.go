package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"icpdesk/backend"
)

// workspaceLock is the exclusive hold one process has on a workspace,
// taken on "<workspace>.lock". The file keeps the holder's pid for messages.
type workspaceLock struct{ f *os.File }

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

func (l *workspaceLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
