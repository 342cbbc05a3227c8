package submit

// Unpacking a package ZIP for import, safely.

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"icpdesk/backend"
)

// Limits of ExtractPackage: a package holds a few dozen files.
const (
	maxExtractEntries = 500
	maxExtractTotal   = 1 << 30
)

// entryTarget returns where a ZIP entry goes under dest, refusing any name
// that is absolute, has a drive or backslash, or climbs out with "..".
func entryTarget(dest, name string) (string, error) {
	bad := func() (string, error) {
		return "", backend.Errorf(backend.ECodeInvalid, "zip", map[string]any{"name": name}, "entry %q escapes the target folder", name)
	}
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") || filepath.IsAbs(name) ||
		(len(name) >= 2 && name[1] == ':') || filepath.VolumeName(name) != "" {
		return bad()
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return bad()
		}
	}
	target := filepath.Join(dest, filepath.FromSlash(name))
	rel, err := filepath.Rel(dest, target)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return bad()
	}
	return target, nil
}

// ExtractPackage unpacks a package ZIP into dest (new or empty) for import,
// refusing entries that would land outside it, links, and oversized archives
// (by their declared sizes, before anything is written, and again while
// copying), then verifies it. On any error nothing extracted is left behind,
// not even the folders it made. Folders are 0700 and files 0600.
func ExtractPackage(ctx context.Context, zipPath, dest string) (Manifest, []Problem, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return Manifest{}, nil, backend.Errorf(backend.ECodeCorrupt, "path", map[string]any{"path": zipPath}, "%v", err)
	}
	defer zr.Close()
	if len(zr.File) > maxExtractEntries {
		return Manifest{}, nil, backend.Errorf(backend.ECodeTooLarge, "zip", map[string]any{"entries": len(zr.File)}, "too many entries")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return Manifest{}, nil, backend.Wrap(backend.ECodeInvalid, err)
	}
	// Check every name, kind and size before writing anything.
	targets := make([]string, len(zr.File))
	var declared uint64
	for i, f := range zr.File {
		if targets[i], err = entryTarget(abs, f.Name); err != nil {
			return Manifest{}, nil, err
		}
		if mode := f.Mode(); mode&fs.ModeSymlink != 0 || (!mode.IsRegular() && !mode.IsDir()) {
			return Manifest{}, nil, backend.Errorf(backend.ECodeInvalid, "zip", map[string]any{"name": f.Name}, "entry %q is not a plain file", f.Name)
		}
		if f.UncompressedSize64 > maxPackageFile {
			return Manifest{}, nil, backend.Errorf(backend.ECodeTooLarge, "zip", map[string]any{"name": f.Name, "max": maxPackageFile},
				"entry %q declares %d bytes", f.Name, f.UncompressedSize64)
		}
		if declared += f.UncompressedSize64; declared > maxExtractTotal {
			return Manifest{}, nil, backend.Errorf(backend.ECodeTooLarge, "zip", map[string]any{"max": maxExtractTotal}, "archive declares more than %d bytes", maxExtractTotal)
		}
	}
	w, err := NewDirWriter(abs)
	if err != nil {
		return Manifest{}, nil, err
	}
	fail := func(err error) (Manifest, []Problem, error) {
		w.Abort()
		return Manifest{}, nil, err
	}
	for i, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return fail(backend.Wrap(backend.ECodeCancelled, err))
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(targets[i], privateDir); err != nil {
				return fail(backend.FileError(backend.ECodeInternal, err, abs))
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(targets[i]), privateDir); err != nil {
			return fail(backend.FileError(backend.ECodeInternal, err, abs))
		}
		if err := extractEntry(f, targets[i]); err != nil {
			return fail(err)
		}
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	m, problems, err := VerifyPackage(abs)
	if err != nil {
		return fail(err)
	}
	return m, problems, nil
}

// extractEntry copies one entry to target, never more than it declared (the
// ZIP reader also fails an entry whose data runs past its declared size).
func extractEntry(f *zip.File, target string) error {
	rc, err := f.Open()
	if err != nil {
		return backend.Wrap(backend.ECodeCorrupt, err)
	}
	defer rc.Close()
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateFile)
	if err != nil {
		return backend.Errorf(backend.ECodeInvalid, "zip", map[string]any{"name": f.Name}, "%v", err)
	}
	n, err := io.Copy(out, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil && (backend.IsDiskFull(err)):
		return backend.FileError(backend.ECodeInternal, err, filepath.Dir(target))
	case err != nil:
		return backend.Wrap(backend.ECodeCorrupt, err)
	case uint64(n) != f.UncompressedSize64:
		return backend.Errorf(backend.ECodeCorrupt, "zip", map[string]any{"name": f.Name}, "entry %q holds %d bytes, declares %d", f.Name, n, f.UncompressedSize64)
	}
	return nil
}
