package app

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"icpdesk/backend"
)

// commandStarter starts a program without waiting for it to finish.
type commandStarter func(name string, args ...string) error

// startDetached starts the viewer and reaps it in the background, so opening
// a file never blocks the caller (and leaves no zombie behind).
func startDetached(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// viewerCommand is the command that opens path in the system's default
// application on goos, for an injected commandStarter; on Windows the app
// itself goes through ShellExecuteW (systemOpen), which keeps Unicode paths.
func viewerCommand(goos, path string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", path}
	case "darwin":
		return "open", []string{path}
	default:
		return "xdg-open", []string{path}
	}
}

// openInViewer opens path with the system's default application: through
// start when one is given (tests), else the system's own way (systemOpen).
func openInViewer(start commandStarter, path string) error {
	if start == nil {
		return systemOpen(path)
	}
	name, args := viewerCommand(runtime.GOOS, path)
	return start(name, args...)
}

// openKeepFor is how long files handed to a viewer are kept: long enough to
// print, short enough that personal data does not pile up in the cache.
const openKeepFor = 24 * time.Hour

// writePrivate writes data as dir/key/name, readable by the user only (dir
// and key folder 0700, file 0600), and returns the file's path. The key
// folder keeps the file name exactly as shown to the user while two
// documents with the same name never overwrite each other. Folders older
// than openKeepFor are removed on the way.
func writePrivate(dir, key, name string, data []byte) (string, error) {
	if key == "" || strings.ContainsAny(key, `/\.`) || name != filepath.Base(name) || name == "." || name == ".." {
		return "", fmt.Errorf("bad private file name %q/%q", key, name)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", err
	}
	pruneOld(dir, openKeepFor)
	sub := filepath.Join(dir, key)
	if err := os.MkdirAll(sub, 0o700); err != nil {
		return "", err
	}
	p := filepath.Join(sub, name)
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
		now := time.Now()
		_ = os.Chtimes(sub, now, now) // in use again: keep it
		return p, nil
	}
	if err := writeAtomicMode(p, data, 0o600); err != nil {
		return "", err
	}
	return p, nil
}

func pruneOld(dir string, keep time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	cutoff := time.Now().Add(-keep)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() && info.ModTime().Before(cutoff) {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// writeAtomic writes a file the user chose: to a temporary file beside it,
// then renamed over the target, so an interrupted save never leaves half a PDF.
// What ICP Desk exports holds personal data (names, ID numbers, phones), so
// the file is readable by the user only (0600 on POSIX), like every export.
func writeAtomic(path string, data []byte) error {
	if err := writeAtomicMode(path, data, 0o600); err != nil {
		e := backend.FileError(backend.ECodeInternal, fmt.Errorf("write %s: %w", path, err), path)
		e.Field = "path"
		return e
	}
	return nil
}

func writeAtomicMode(path string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".icpdesk-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op once renamed
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
