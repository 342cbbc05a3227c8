package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"icpdesk/backend"
)

// readApplication reads an application file through the app's one reader
// (backend.ReadApplicationFile): the same acceptance for every command. A
// file whose websites repeat an ID is refused: a script's output must not
// depend on IDs the CLI made up.
func readApplication(path string) (backend.Application, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return backend.Application{}, errors.New("no such file")
		}
		return backend.Application{}, fmt.Errorf("cannot read the file: %v", err)
	}
	defer f.Close()
	af, err := backend.ReadApplicationFile(f)
	if err != nil {
		return backend.Application{}, describeFileError(err)
	}
	if r := af.Repaired; len(r) > 0 {
		return backend.Application{}, fmt.Errorf("website %d has the id %q of an earlier website: give every website its own id", r[0].Index+1, r[0].From)
	}
	return af.App, nil
}

// describeFileError says in one line what is wrong with an application file.
func describeFileError(err error) error {
	e := backend.AsError(err)
	detail := ""
	if e.Err != nil {
		detail = e.Err.Error()
	}
	switch e.Code {
	case backend.ECodeTooLarge:
		switch e.Params["reason"] {
		case "items":
			return fmt.Errorf("%s holds %v entries, more than any real filing (at most %v): refused", e.Field, e.Params["count"], e.Params["max"])
		case "text":
			return fmt.Errorf("%s is %v characters long, more than any real value (at most %v): refused", e.Field, e.Params["length"], e.Params["max"])
		}
		return fmt.Errorf("the file is larger than %d MB: an application file is a few kilobytes", backend.MaxApplicationFileBytes>>20)
	case backend.ECodeTooNew, backend.ECodeUnsupported:
		return errors.New(detail)
	case backend.ECodeInvalid:
		if _, ok := e.Params["reason"]; ok {
			return errors.New(detail)
		}
		if e.Field != "" {
			return fmt.Errorf("not a valid application: %s: %s", e.Field, detail)
		}
		return fmt.Errorf("not a valid application: %s", detail)
	}
	return fmt.Errorf("%s: %s", e.Code, detail)
}
