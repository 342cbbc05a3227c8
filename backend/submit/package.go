package submit

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"icpdesk/backend"
)

// Package format identifiers written into manifest.json.
const (
	PackageFormat        = "icpdesk-submission-package"
	PackageFormatVersion = 1
	ManifestName         = "manifest.json"
	FieldsTextName       = "fields.txt"
	FieldsHTMLName       = "fields.html"
)

// Reasons a package has no photos (manifest photosMissing; i18n keys).
const (
	PhotosNotInJSON = "submit.package.photos_not_in_json" // built from a bare application JSON
	PhotosNone      = "submit.package.photos_none"        // the application has no exported photos
)

// PackageWriter receives the files of a package: a folder or a ZIP.
type PackageWriter interface {
	// Create starts the file called name (a plain name, no folders).
	Create(name string) (io.Writer, error)
	// Close finishes the package; a failed or cancelled package is removed.
	Close() error
	// Abort removes what was written so far.
	Abort() error
}

// PackagePhoto is an exported photo for the package.
type PackagePhoto struct {
	Slot string
	MIME string
	Data []byte
}

// PackageFile is a ready-made file (a checklist PDF).
type PackageFile struct {
	Name string
	Data []byte
}

// PackageInput is everything a submission package holds.
type PackageInput struct {
	ApplicationID int64
	App           backend.Application
	Photos        []PackagePhoto
	PhotosMissing string // why Photos is empty, when it is
	Checklists    []PackageFile
	AppVersion    string
	Created       time.Time
}

// ManifestFile is one file of the package with its size and checksum.
type ManifestFile struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"` // fields | photo | checklist
	Slot   string `json:"slot,omitempty"`
	Label  string `json:"label,omitempty"` // a photo's upload label in the console
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest is manifest.json: what the package is and what it holds.
type Manifest struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"formatVersion"`
	AppVersion    string         `json:"appVersion"`
	SchemaVersion int            `json:"schemaVersion"`
	Created       time.Time      `json:"created"`
	ApplicationID int64          `json:"applicationId,omitempty"`
	EntityName    string         `json:"entityName"`
	Domains       []string       `json:"domains"`
	Photos        int            `json:"photos"`
	PhotosMissing string         `json:"photosMissing,omitempty"`
	Files         []ManifestFile `json:"files"`
}

func extFor(mime string) string {
	if mime == "image/png" {
		return ".png"
	}
	return ".jpg"
}

// WritePackage writes the package: fields.txt, fields.html, the photos named
// after the console's upload labels, the checklist PDFs and manifest.json. It does not close w.
func WritePackage(ctx context.Context, w PackageWriter, in PackageInput) (Manifest, error) {
	m := Manifest{Format: PackageFormat, FormatVersion: PackageFormatVersion, AppVersion: in.AppVersion,
		SchemaVersion: in.App.Version, Created: in.Created.UTC(), ApplicationID: in.ApplicationID,
		EntityName: in.App.Entity.Name, Domains: []string{}, Files: []ManifestFile{}}
	if m.SchemaVersion == 0 {
		m.SchemaVersion = backend.SchemaVersion
	}
	for _, ws := range in.App.Websites {
		for _, d := range ws.Domains {
			if d = strings.TrimSpace(d); d != "" {
				m.Domains = append(m.Domains, d)
			}
		}
	}
	names := backend.FileNames{strings.ToLower(ManifestName): true}
	fieldsText, fieldsHTML := names.Take(FieldsTextName), names.Take(FieldsHTMLName)
	// Photos are named after the console's upload labels (names.go) before
	// the fields sheet is written, which lists them.
	photos := namePhotos(in.App, in.Photos, names)
	put := func(name, kind, slot, label string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return backend.Wrap(backend.ECodeCancelled, err)
		}
		f, err := w.Create(name)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return backend.FileError(backend.ECodeInternal, err, "")
		}
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, ManifestFile{Name: name, Kind: kind, Slot: slot, Label: label, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
		return nil
	}
	fields := append(ConsoleFields(in.App), uploadFields(photos)...)
	if err := put(fieldsText, "fields", "", "", FieldsText(fields, in.App, in.Created)); err != nil {
		return m, err
	}
	if err := put(fieldsHTML, "fields", "", "", FieldsHTML(fields, in.App, in.Created)); err != nil {
		return m, err
	}
	for _, p := range photos {
		if err := put(p.Name, "photo", p.Slot, p.Label, p.Data); err != nil {
			return m, err
		}
		m.Photos++
	}
	if m.Photos == 0 {
		m.PhotosMissing = in.PhotosMissing
		if m.PhotosMissing == "" {
			m.PhotosMissing = PhotosNone
		}
	}
	for _, c := range in.Checklists {
		if err := put(names.Take(c.Name), "checklist", "", "", c.Data); err != nil {
			return m, err
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, backend.Wrap(backend.ECodeInternal, err)
	}
	f, err := w.Create(ManifestName)
	if err != nil {
		return m, err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return m, backend.FileError(backend.ECodeInternal, err, "")
	}
	return m, nil
}

func header(app backend.Application, created time.Time) (string, string) {
	title := "ICP备案提交资料"
	if n := strings.TrimSpace(app.Entity.Name); n != "" {
		title += " — " + n
	}
	return title, "生成时间：" + created.In(backend.Shanghai).Format("2006-01-02 15:04") + "（北京时间）"
}

// FieldsText renders the console fields as plain text, one "标签：值" a line.
func FieldsText(fields []ConsoleField, app backend.Application, created time.Time) []byte {
	var b strings.Builder
	title, when := header(app, created)
	b.WriteString(title + "\r\n" + when + "\r\n")
	sec := ""
	for _, f := range fields {
		if f.Section != sec {
			sec = f.Section
			b.WriteString("\r\n【" + sec + "】\r\n")
		}
		v := strings.ReplaceAll(strings.ReplaceAll(f.Value, "\r\n", "\n"), "\n", "\r\n    ")
		b.WriteString(f.Label + "：" + v + "\r\n")
	}
	// A BOM and CRLF so Notepad on older Windows shows Chinese and line breaks.
	return append([]byte("\ufeff"), b.String()...)
}

// FieldsHTML renders the console fields as a printable page; each value is
// selectable with one click (user-select: all) for copying.
func FieldsHTML(fields []ConsoleField, app backend.Application, created time.Time) []byte {
	var b strings.Builder
	e := html.EscapeString
	title, when := header(app, created)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) + "</title>\n")
	b.WriteString("<style>\nbody{font-family:\"Microsoft YaHei\",\"PingFang SC\",sans-serif;margin:2em;color:#111}\n" +
		"table{border-collapse:collapse;width:100%;margin-bottom:1.5em}\n" +
		"th,td{border:1px solid #999;padding:.35em .6em;text-align:left;vertical-align:top}\n" +
		"th{width:14em;background:#f2f2f2;font-weight:normal}\n" +
		"td{user-select:all;white-space:pre-wrap;word-break:break-all}\n" +
		"h2{font-size:1.1em;margin:1.2em 0 .4em}\n" +
		"@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}\n</style>\n</head>\n<body>\n")
	b.WriteString("<h1>" + e(title) + "</h1>\n<p>" + e(when) + "</p>\n")
	sec := ""
	for _, f := range fields {
		if f.Section != sec {
			if sec != "" {
				b.WriteString("</table>\n")
			}
			sec = f.Section
			b.WriteString("<h2>" + e(sec) + "</h2>\n<table>\n")
		}
		b.WriteString("<tr><th>" + e(f.Label) + "</th><td data-path=\"" + e(f.Path) + "\">" + e(f.Value) + "</td></tr>\n")
	}
	if sec != "" {
		b.WriteString("</table>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

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
	entries, _ := os.ReadDir(d.dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(d.dir, e.Name()))
	}
	return nil
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

// ExportPackage writes a whole package to path (ZIP or folder), removing it
// again when anything fails or ctx is cancelled.
func ExportPackage(ctx context.Context, path string, in PackageInput) (Manifest, error) {
	w, err := NewPackageWriter(path, in.Created)
	if err != nil {
		return Manifest{}, err
	}
	m, err := WritePackage(ctx, w, in)
	if err != nil {
		w.Abort()
		return m, err
	}
	return m, w.Close()
}

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
	names() []string
	open(name string) (io.ReadCloser, error)
}

type dirReader string

func (d dirReader) names() []string {
	entries, _ := os.ReadDir(string(d))
	out := []string{}
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
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

func (z zipReader) names() []string {
	out := make([]string, 0, len(z.z.File))
	for _, f := range z.z.File {
		out = append(out, f.Name)
	}
	return out
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
	for _, n := range r.names() {
		if !listed[n] {
			problems = append(problems, Problem{Code: ProblemUnexpected, File: n})
		}
	}
	return m, problems, nil
}

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

// LoadPackageInput gathers a stored application's package contents: its
// current exported photos and, per website, the newest final checklist PDF
// named like backend.ChecklistFileName.
func LoadPackageInput(ctx context.Context, st Store, appID int64, appVersion string, created time.Time) (PackageInput, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return PackageInput{}, err
	}
	in := PackageInput{ApplicationID: appID, App: rec.Doc, AppVersion: appVersion, Created: created}
	photos, err := st.ListPhotos(ctx, appID)
	if err != nil {
		return in, err
	}
	for _, p := range photos {
		if !p.Current || p.ExportSize <= 0 {
			continue
		}
		full, err := st.CurrentPhoto(ctx, appID, p.Slot)
		if err != nil {
			return in, err
		}
		in.Photos = append(in.Photos, PackagePhoto{Slot: p.Slot, MIME: full.ExportMIME, Data: full.Export})
	}
	docs, err := st.ListDocuments(ctx, appID)
	if err != nil {
		return in, err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].CreatedAt.After(docs[j].CreatedAt) })
	for _, w := range rec.Doc.Websites {
		for _, d := range docs {
			if d.WebsiteID != w.ID || d.Draft {
				continue
			}
			full, err := st.GetDocument(ctx, d.ID)
			if err != nil {
				return in, err
			}
			in.Checklists = append(in.Checklists, PackageFile{Name: backend.ChecklistFileName(w), Data: full.PDF})
			break
		}
	}
	return in, nil
}

// BatchResult is the outcome of one application of a batch export.
type BatchResult struct {
	ApplicationID int64    `json:"applicationId"`
	Path          string   `json:"path"`
	Manifest      Manifest `json:"manifest"`
	Error         string   `json:"error,omitempty"` // error code
}

// ExportBatch writes one package ZIP per application into dir, telling
// progress after each. A cancelled ctx stops at the next file, removes the
// unfinished package and returns ECodeCancelled with the results so far; a
// failing application is reported in its result and the batch goes on.
func ExportBatch(ctx context.Context, st Store, ids []int64, dir, appVersion string, created time.Time, progress func(done, total int)) ([]BatchResult, error) {
	if _, err := mkdirPrivate(dir); err != nil {
		return nil, backend.FileError(backend.ECodeInvalid, err, dir)
	}
	names := backend.FileNames{}
	out := []BatchResult{}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return out, backend.Wrap(backend.ECodeCancelled, err)
		}
		res := BatchResult{ApplicationID: id}
		in, err := LoadPackageInput(ctx, st, id, appVersion, created)
		if err == nil {
			label := fmt.Sprintf("%d", id)
			if d := in.App.PrimaryDomain(); d != "" {
				label += "_" + d
			}
			if n := strings.TrimSpace(in.App.Entity.Name); n != "" {
				label += "_" + n
			}
			res.Path = filepath.Join(dir, names.Take(label+".zip"))
			res.Manifest, err = ExportPackage(ctx, res.Path, in)
		}
		if err != nil {
			if backend.ErrorCode(err) == backend.ECodeCancelled {
				return out, err
			}
			res.Error = backend.ErrorCode(err)
			res.Path = ""
		}
		out = append(out, res)
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return out, nil
}

// readPackageFile reads one file of a package (folder or ZIP) by name.
func readPackageFile(path, name string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var r packageReader = dirReader(path)
	if !st.IsDir() {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = newZipReader(&zr.Reader)
	}
	rc, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	_, err = io.Copy(&b, io.LimitReader(rc, maxPackageFile))
	return b.Bytes(), err
}
