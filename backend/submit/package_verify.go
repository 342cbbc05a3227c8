package submit

// Re-checking a package against its manifest.

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"icpdesk/backend"
)

// Problem is one thing VerifyPackage found wrong (Code is an i18n key).
type Problem struct {
	Code string `json:"code"`
	File string `json:"file"`
}

// Verification problem codes.
const (
	ProblemMissing    = "submit.package.file_missing"
	ProblemSize       = "submit.package.size_mismatch"
	ProblemChecksum   = "submit.package.checksum_mismatch"
	ProblemUnexpected = "submit.package.unexpected_file"
	ProblemBadName    = "submit.package.bad_name"
)

// maxPackageFile bounds one file read while verifying or extracting.
const maxPackageFile = 256 << 20

// packageReader reads files of a package by name.
type packageReader interface {
	names() ([]string, error)
	open(name string) (io.ReadCloser, error)
}

type dirReader string

func (d dirReader) names() ([]string, error) {
	entries, err := os.ReadDir(string(d))
	if err != nil {
		return nil, err // an unreadable folder is not an empty one
	}
	out := []string{}
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out, nil
}

func (d dirReader) open(name string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(string(d), name))
}

// zipReader finds entries through a map built once, so verifying a package
// takes time linear in its entries (a lookup per listed file).
type zipReader struct {
	z      *zip.Reader
	byName map[string]*zip.File
}

func newZipReader(z *zip.Reader) zipReader {
	r := zipReader{z: z, byName: make(map[string]*zip.File, len(z.File))}
	for _, f := range z.File {
		if _, dup := r.byName[f.Name]; !dup { // the first of a repeated name, as before
			r.byName[f.Name] = f
		}
	}
	return r
}

func (z zipReader) names() ([]string, error) {
	out := make([]string, 0, len(z.z.File))
	for _, f := range z.z.File {
		out = append(out, f.Name)
	}
	return out, nil
}

func (z zipReader) open(name string) (io.ReadCloser, error) {
	if f, ok := z.byName[name]; ok {
		return f.Open()
	}
	return nil, fs.ErrNotExist
}

// readLimited reads at most max bytes; more is an error.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err == nil && int64(len(b)) > max {
		err = backend.Errorf(backend.ECodeTooLarge, "", map[string]any{"max": max}, "file over %d bytes", max)
	}
	return b, err
}

// VerifyPackage re-checks a package (folder or .zip) against its manifest:
// every listed file present with its size and SHA-256, nothing unlisted.
// The error is for a package that cannot be read at all.
func VerifyPackage(path string) (Manifest, []Problem, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Manifest{}, nil, backend.Errorf(backend.ECodeNotFound, "path", map[string]any{"path": path}, "%v", err)
	}
	var r packageReader
	if st.IsDir() {
		r = dirReader(path)
	} else {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return Manifest{}, nil, backend.Errorf(backend.ECodeCorrupt, "path", map[string]any{"path": path}, "%v", err)
		}
		defer zr.Close()
		r = newZipReader(&zr.Reader)
	}
	return verify(r)
}

func verify(r packageReader) (Manifest, []Problem, error) {
	var m Manifest
	rc, err := r.open(ManifestName)
	if err != nil {
		return m, nil, backend.Errorf(backend.ECodeNotWorkspace, "manifest", nil, "no %s: %v", ManifestName, err)
	}
	b, err := readLimited(rc, 16<<20)
	rc.Close()
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil || m.Format != PackageFormat {
		return m, nil, backend.Errorf(backend.ECodeCorrupt, "manifest", nil, "bad manifest: %v", err)
	}
	if m.FormatVersion > PackageFormatVersion {
		return m, nil, backend.Errorf(backend.ECodeTooNew, "manifest", map[string]any{"version": m.FormatVersion}, "package format %d", m.FormatVersion)
	}
	problems := []Problem{}
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		if backend.SafeFileName(f.Name) != f.Name || f.Name == ManifestName {
			problems = append(problems, Problem{Code: ProblemBadName, File: f.Name})
			continue
		}
		listed[f.Name] = true
		rc, err := r.open(f.Name)
		if err != nil {
			problems = append(problems, Problem{Code: ProblemMissing, File: f.Name})
			continue
		}
		h := sha256.New()
		n, err := io.Copy(h, io.LimitReader(rc, maxPackageFile+1))
		rc.Close()
		switch {
		case err != nil:
			problems = append(problems, Problem{Code: ProblemMissing, File: f.Name})
		case n != f.Size:
			problems = append(problems, Problem{Code: ProblemSize, File: f.Name})
		case hex.EncodeToString(h.Sum(nil)) != f.SHA256:
			problems = append(problems, Problem{Code: ProblemChecksum, File: f.Name})
		}
	}
	names, err := r.names()
	if err != nil {
		return m, nil, backend.Wrap(backend.ECodeInternal, err)
	}
	for _, n := range names {
		if !listed[n] {
			problems = append(problems, Problem{Code: ProblemUnexpected, File: n})
		}
	}
	return m, problems, nil
}
