package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestFileErrorDiskFull(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "/x/pkg.zip", Err: syscall.ENOSPC}
	if e := FileError(ECodeInternal, fmt.Errorf("export: %w", full), "/x/pkg.zip"); e.Code != ECodeDiskFull || e.Params["path"] != "/x/pkg.zip" {
		t.Fatalf("ENOSPC: %+v", e)
	}
	if e := FileError(ECodeInternal, errors.Join(errors.New("atomic write"), &fs.PathError{Err: syscall.EDQUOT}), ""); e.Code != ECodeDiskFull {
		t.Fatalf("quota: %+v", e)
	}
	if e := FileError(ECodeInternal, &fs.PathError{Err: syscall.EIO}, ""); e.Code != ECodeInternal {
		t.Fatalf("EIO: %+v", e)
	}
	coded := Errorf(ECodeCancelled, "", nil, "x")
	if e := FileError(ECodeInternal, coded, ""); e != coded {
		t.Fatalf("a coded error keeps its code: %+v", e)
	}
}
