package backend

import (
	"errors"
	"syscall"
)

// diskFullErrnos are the system errors that mean "no space left": ENOSPC and
// a full quota everywhere, plus Windows' own codes (diskfull_windows.go).
var diskFullErrnos = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT}

// IsDiskFull reports whether err is the disk (or the user's quota) being full.
func IsDiskFull(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	for _, e := range diskFullErrnos {
		if errno == e {
			return true
		}
	}
	return false
}

// FileError gives a failed file write or read a code: ECodeDiskFull when the
// disk is full (the clerk can act on it), else code. path, when given, says
// where (Params["path"]).
func FileError(code string, err error, path string) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if IsDiskFull(err) {
		code = ECodeDiskFull
	}
	out := &Error{Code: code, Err: err}
	if path != "" {
		out.Params = map[string]any{"path": path}
	}
	return out
}
