//go:build !windows

package app

import "runtime"

// systemOpen starts the platform's opener (open, xdg-open) on path.
func systemOpen(path string) error {
	name, args := viewerCommand(runtime.GOOS, path)
	return startDetached(name, args...)
}
