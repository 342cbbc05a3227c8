//go:build windows

package app

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// systemOpen hands path to the Shell (ShellExecuteW, "open"): the user's
// default PDF viewer opens it, ready to print. The wide-character call keeps
// Chinese user names (C:\Users\张三\…) and long paths intact, which
// rundll32's ANSI entry point would not.
func systemOpen(path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL)
}
