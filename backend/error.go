// Package backend holds the ICP Desk domain: the filing model, coded errors,
// findings and the clock. It imports the standard library only; storage, rules,
// photos and PDFs live in sibling packages, and Wails lives in app/.
package backend

import (
	"errors"
	"fmt"
)

// Error codes shared by every backend package. The frontend maps each code to an
// i18n message ("errors.<code>"), so codes are stable identifiers, never prose.
const (
	ECodeInternal      = "internal"       // a bug or an unexpected system failure
	ECodeInvalid       = "invalid"        // input that cannot be used as given
	ECodeNotFound      = "not_found"      // the thing asked for does not exist
	ECodeConflict      = "conflict"       // the operation clashes with the current state
	ECodeReadOnly      = "read_only"      // the workspace cannot be written
	ECodeNotWorkspace  = "not_workspace"  // the file is not an ICP Desk workspace
	ECodeCorrupt       = "corrupt"        // the file is damaged
	ECodeTooNew        = "too_new"        // written by a newer version of ICP Desk
	ECodeLocked        = "locked"         // another ICP Desk has it open
	ECodeTooLarge      = "too_large"      // a file or image over its limit
	ECodeUnsupported   = "unsupported"    // a format ICP Desk cannot read
	ECodeCancelled     = "cancelled"      // the user cancelled a long operation
	ECodeIllegalChange = "illegal_change" // a status transition the process does not allow
	ECodeDiskFull      = "disk_full"      // no space left on the disk (or the quota): free some and retry
	ECodeUnavailable   = "unavailable"    // the team workspace's server cannot be reached
	ECodeAuth          = "auth_failed"    // the team workspace's server refused the user name or password
)

// Error is the one error type that crosses from the backend to the user. Code
// selects the message, Field (a JSON path such as "entity.name") says where it
// belongs, and Params fill the message's placeholders. Err keeps the internal
// cause for logs; it is never shown to the user.
type Error struct {
	Code   string         `json:"code"`
	Field  string         `json:"field,omitempty"`
	Params map[string]any `json:"params,omitempty"`
	Err    error          `json:"-"`
}

// Errorf returns a coded error; the message format is for logs only.
func Errorf(code, field string, params map[string]any, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Params: params, Err: fmt.Errorf(format, args...)}
}

// Wrap returns a coded error around an internal cause.
func Wrap(code string, err error) *Error {
	return &Error{Code: code, Err: err}
}

func (e *Error) Error() string {
	s := e.Code
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// AsError returns the coded error inside err, or an internal error wrapping it,
// so that every failure reaches the user with a code.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: ECodeInternal, Err: err}
}

// ErrorCode returns the code of err ("" for nil).
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	return AsError(err).Code
}
