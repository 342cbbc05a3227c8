package submit

// The package writers: a private folder or a ZIP renamed into place.

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"icpdesk/backend"
)

// Packages hold ID photos and personal data: on POSIX every folder an export
// makes is private to the user, every file readable by the user only.
const (
	privateDir  fs.FileMode = 0o700
	privateFile fs.FileMode = 0o600
)

// dirWriter writes a package into a new (or empty) folder.
type dirWriter struct {
	dir     string
	created string // the topmost folder NewDirWriter made ("" when dir existed)
	cur     *os.File
}

// mkdirPrivate makes dir and any missing parents (0700) and returns the
// topmost folder it made, so a failure can remove exactly what it made.
func mkdirPrivate(dir string) (string, error) {
	top := ""
	for p := dir; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		top = p
		if filepath.Dir(p) == p {
			break
		}
	}
	if err := os.MkdirAll(dir, privateDir); err != nil {
		return "", err
	}
	return top, nil
}

// NewDirWriter writes a package into dir, which must not exist or be empty.
func NewDirWriter(dir string) (PackageWriter, error) {
	entries, err := os.ReadDir(dir)
	created := ""
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if created, err = mkdirPrivate(dir); err != nil {
			e := backend.FileError(backend.ECodeInvalid, err, dir)
			e.Field = "path"
			return nil, e
		}
	case err != nil:
		return nil, backend.Errorf(backend.ECodeInvalid, "path", map[string]any{"path": dir}, "%v", err)
	case len(entries) > 0:
		return nil, backend.Errorf(backend.ECodeConflict, "path", map[string]any{"path": dir}, "%s is not empty", dir)
	}
	return &dirWriter{dir: dir, created: created}, nil
}

func (d *dirWriter) closeCur() error {
	if d.cur == nil {
		return nil
	}
	err := d.cur.Close()
	d.cur = nil
	return err
}

func (d *dirWriter) Create(name string) (io.Writer, error) {
	if err := d.closeCur(); err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	if backend.SafeFileName(name) != name {
		return nil, backend.Errorf(backend.ECodeInvalid, "name", map[string]any{"name": name}, "unsafe file name %q", name)
	}
	f, err := os.OpenFile(filepath.Join(d.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateFile)
	if err != nil {
		return nil, backend.FileError(backend.ECodeInternal, err, d.dir)
	}
	d.cur = f
	return f, nil
}

func (d *dirWriter) Close() error {
	if err := d.closeCur(); err != nil {
		return backend.FileError(backend.ECodeInternal, err, d.dir)
	}
	return nil
}

func (d *dirWriter) Abort() error {
	d.closeCur()
	if d.created != "" {
		return os.RemoveAll(d.created)
	}
	entries, err := os.ReadDir(d.dir)
	for _, e := range entries {
		if rerr := os.RemoveAll(filepath.Join(d.dir, e.Name())); err == nil {
			err = rerr
		}
	}
	return err // what could not be removed is said, not hidden
}

// zipWriter writes a package into a ZIP file, through a temporary file
// renamed into place on Close so a failed export leaves nothing half-written.
type zipWriter struct {
	path, tmp string
	f         *os.File
	z         *zip.Writer
	modified  time.Time
}

// NewZipWriter writes a package into the ZIP file path (replaced on Close).
// Entries carry the modified time given (the package's creation time).
func NewZipWriter(path string, modified time.Time) (PackageWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".icpdesk-package-*.tmp")
	if err != nil {
		e := backend.FileError(backend.ECodeInvalid, err, path)
		e.Field = "path"
		return nil, e
	}
	return &zipWriter{path: path, tmp: f.Name(), f: f, z: zip.NewWriter(f), modified: modified}, nil
}

func (z *zipWriter) Create(name string) (io.Writer, error) {
	if backend.SafeFileName(name) != name {
		return nil, backend.Errorf(backend.ECodeInvalid, "name", map[string]any{"name": name}, "unsafe file name %q", name)
	}
	w, err := z.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return w, nil
}

func (z *zipWriter) Close() error {
	err := z.z.Close()
	if err == nil {
		err = z.f.Sync()
	}
	if cerr := z.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(z.tmp, z.path)
	}
	if err != nil {
		os.Remove(z.tmp)
		return backend.FileError(backend.ECodeInternal, err, z.path)
	}
	return nil
}

func (z *zipWriter) Abort() error {
	z.f.Close()
	return os.Remove(z.tmp)
}

// NewPackageWriter writes a ZIP when path ends in .zip, else a folder.
func NewPackageWriter(path string, modified time.Time) (PackageWriter, error) {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		return NewZipWriter(path, modified)
	}
	return NewDirWriter(path)
}
