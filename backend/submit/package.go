package submit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
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
		EntityName: in.App.Entity.Name, Domains: in.App.Domains(), Files: []ManifestFile{}}
	if m.SchemaVersion == 0 {
		m.SchemaVersion = backend.SchemaVersion
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
