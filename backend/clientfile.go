package backend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// A client file is one JSON document holding a client and everything it
// owns, the format every workspace exports and imports (ExportClient,
// ImportClient). Bytes (photos, PDFs) are base64; every blob carries its
// SHA-256. backend/store writes and reads the same format with its own copy
// of these types.
const (
	ClientFileFormat  = "icpdesk-client"
	ClientFileVersion = 1
	// limits that keep a hostile file from exhausting memory or the disk
	MaxImportApplications = 10000
	MaxImportItems        = 2000 // revisions, photos, documents or events per application
	MaxImportPixels       = 100000
)

// ClientFile is the whole file.
type ClientFile struct {
	Format       string            `json:"format"`
	Version      int               `json:"version"`
	ExportedAt   time.Time         `json:"exportedAt"`
	Client       FileClient        `json:"client"`
	Applications []FileApplication `json:"applications"`
}

type FileClient struct {
	Name      string    `json:"name"`
	Contact   string    `json:"contact"`
	Phone     string    `json:"phone"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type FileApplication struct {
	Status    Status          `json:"status"`
	Step      string          `json:"step"`
	ICPNumber string          `json:"icpNumber"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
	Doc       json.RawMessage `json:"doc"`
	Revisions []FileRevision  `json:"revisions"`
	Photos    []FilePhoto     `json:"photos"`
	Documents []FileDocument  `json:"documents"`
	Events    []FileEvent     `json:"events"`
}

type FileRevision struct {
	Number    int             `json:"number"`
	Reason    RevisionReason  `json:"reason"`
	Note      string          `json:"note"`
	Status    Status          `json:"status"`
	Doc       json.RawMessage `json:"doc"`
	CreatedAt time.Time       `json:"createdAt"`
}

type FilePhoto struct {
	Slot           string          `json:"slot"`
	OriginalMIME   string          `json:"originalMime"`
	OriginalWidth  int             `json:"originalWidth"`
	OriginalHeight int             `json:"originalHeight"`
	OriginalSHA256 string          `json:"originalSha256"`
	Original       []byte          `json:"original"`
	ExportMIME     string          `json:"exportMime,omitempty"`
	ExportWidth    int             `json:"exportWidth,omitempty"`
	ExportHeight   int             `json:"exportHeight,omitempty"`
	ExportSHA256   string          `json:"exportSha256,omitempty"`
	Export         []byte          `json:"export,omitempty"`
	Adjustments    json.RawMessage `json:"adjustments,omitempty"`
	CreatedAt      time.Time       `json:"createdAt"`
	UpdatedAt      time.Time       `json:"updatedAt"`
	ReplacedAt     *time.Time      `json:"replacedAt,omitempty"`
}

// Input returns the photo as PhotoInput for application appID.
func (p FilePhoto) Input(appID int64) PhotoInput {
	return PhotoInput{ApplicationID: appID, Slot: p.Slot, Original: p.Original, OriginalMIME: p.OriginalMIME,
		OriginalWidth: p.OriginalWidth, OriginalHeight: p.OriginalHeight,
		PhotoExport: PhotoExport{Export: p.Export, ExportMIME: p.ExportMIME, ExportWidth: p.ExportWidth,
			ExportHeight: p.ExportHeight, Adjustments: p.Adjustments}}
}

// FilePhotoOf is a stored photo (read with its bytes) as a client file
// holds it.
func FilePhotoOf(p Photo) FilePhoto {
	return FilePhoto{Slot: p.Slot, OriginalMIME: p.OriginalMIME, OriginalWidth: p.OriginalWidth,
		OriginalHeight: p.OriginalHeight, OriginalSHA256: p.OriginalSHA256, Original: p.Original, ExportMIME: p.ExportMIME,
		ExportWidth: p.ExportWidth, ExportHeight: p.ExportHeight, ExportSHA256: p.ExportSHA256, Export: p.Export,
		Adjustments: p.Adjustments, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, ReplacedAt: p.ReplacedAt}
}

type FileDocument struct {
	WebsiteID string    `json:"websiteId"`
	SHA256    string    `json:"sha256"`
	Draft     bool      `json:"draft"`
	CreatedAt time.Time `json:"createdAt"`
	PDF       []byte    `json:"pdf"`
}

// FileDocumentOf is a stored PDF (read with its bytes) as a client file
// holds it.
func FileDocumentOf(d Document) FileDocument {
	return FileDocument{WebsiteID: d.WebsiteID, SHA256: d.SHA256, Draft: d.Draft, CreatedAt: d.CreatedAt, PDF: d.PDF}
}

type FileEvent struct {
	From  Status    `json:"from"`
	To    Status    `json:"to"`
	At    time.Time `json:"at"`
	Note  string    `json:"note"`
	Actor string    `json:"actor"`
}

// ReadClientFile reads at most maxBytes from r and returns the decoded,
// validated file. The file is hostile until proven otherwise: over maxBytes is
// ECodeTooLarge, another format or version ECodeUnsupported/ECodeTooNew, a
// checksum mismatch ECodeCorrupt, a bad value ECodeInvalid with Field as a
// JSON path into the file.
func ReadClientFile(r io.Reader, maxBytes int64) (ClientFile, error) {
	var f ClientFile
	raw, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return f, Wrap(ECodeInternal, err)
	}
	if int64(len(raw)) > maxBytes {
		return f, Errorf(ECodeTooLarge, "", map[string]any{"max": maxBytes}, "client file over %d bytes", maxBytes)
	}
	if f, err = decodeClientFile(raw); err != nil {
		return f, err
	}
	return f, validateClientFile(&f)
}

func decodeClientFile(raw []byte) (ClientFile, error) {
	var f ClientFile
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return f, Errorf(ECodeUnsupported, "", nil, "not a client file")
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return f, Errorf(ECodeCorrupt, "", nil, "client file: %v", err)
		}
		return f, Errorf(ECodeUnsupported, "", nil, "client file: %v", err)
	}
	if head.Format != ClientFileFormat {
		return f, Errorf(ECodeUnsupported, "format", nil, "format %q", head.Format)
	}
	if head.Version > ClientFileVersion {
		return f, Errorf(ECodeTooNew, "version", map[string]any{"version": head.Version}, "client file version %d", head.Version)
	}
	if head.Version != ClientFileVersion {
		return f, Errorf(ECodeUnsupported, "version", map[string]any{"version": head.Version}, "client file version %d", head.Version)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return f, Errorf(ECodeInvalid, te.Field, nil, "client file: %v", err)
		}
		return f, Errorf(ECodeInvalid, "", nil, "client file: %v", err)
	}
	return f, nil
}

func validText(s string, max int) bool {
	return len(s) <= max && utf8.ValidString(s)
}

// prefixed returns err's coded error with its Field under at.
func prefixed(at string, err error) error {
	e := AsError(err)
	if e.Field != "" {
		e.Field = at + "." + e.Field
	} else {
		e.Field = at
	}
	return e
}

// validateDoc checks a document of a client file: valid and within
// DefaultDocLimits (ECodeTooLarge with the field's path), as the stores keep.
func validateDoc(raw json.RawMessage) error {
	app, err := DecodeApplication(raw)
	if err != nil {
		return err
	}
	return DefaultDocLimits.Check(&app)
}

// validateClientFile checks everything before anything is written.
func validateClientFile(f *ClientFile) error {
	if _, err := ValidateClient(Client{Name: f.Client.Name, Contact: f.Client.Contact, Phone: f.Client.Phone, Notes: f.Client.Notes}); err != nil {
		return prefixed("client", err)
	}
	if len(f.Applications) > MaxImportApplications {
		return Errorf(ECodeTooLarge, "applications", map[string]any{"max": MaxImportApplications}, "too many applications")
	}
	for i := range f.Applications {
		a := &f.Applications[i]
		at := fmt.Sprintf("applications.%d", i)
		if !KnownStatuses[a.Status] {
			return Errorf(ECodeInvalid, at+".status", nil, "unknown status %q", a.Status)
		}
		if !validText(a.Step, 100) || !validText(a.ICPNumber, 100) {
			return Errorf(ECodeInvalid, at+".step", nil, "bad step or ICP number")
		}
		if err := validateDoc(a.Doc); err != nil {
			return prefixed(at+".doc", err)
		}
		if len(a.Revisions) > MaxImportItems || len(a.Photos) > MaxImportItems || len(a.Documents) > MaxImportItems || len(a.Events) > MaxImportItems {
			return Errorf(ECodeTooLarge, at, map[string]any{"max": MaxImportItems}, "too many items")
		}
		numbers := map[int]bool{}
		for j, r := range a.Revisions {
			rat := fmt.Sprintf("%s.revisions.%d", at, j)
			if r.Number <= 0 || numbers[r.Number] {
				return Errorf(ECodeInvalid, rat+".number", nil, "bad revision number %d", r.Number)
			}
			numbers[r.Number] = true
			if !RevisionReasons[r.Reason] || !KnownStatuses[r.Status] || !validText(r.Note, 10000) {
				return Errorf(ECodeInvalid, rat+".reason", nil, "bad revision")
			}
			if err := validateDoc(r.Doc); err != nil {
				return prefixed(rat+".doc", err)
			}
		}
		current := map[string]bool{}
		for j, p := range a.Photos {
			pat := fmt.Sprintf("%s.photos.%d", at, j)
			if err := ValidatePhoto(p.Input(1)); err != nil {
				return prefixed(pat, err)
			}
			if max(p.OriginalWidth, p.OriginalHeight, p.ExportWidth, p.ExportHeight) > MaxImportPixels {
				return Errorf(ECodeInvalid, pat+".originalWidth", nil, "pixel size out of range")
			}
			if HashHex(p.Original) != p.OriginalSHA256 {
				return Errorf(ECodeCorrupt, pat+".original", nil, "checksum mismatch")
			}
			if (len(p.Export) > 0 || p.ExportSHA256 != "") && HashHex(p.Export) != p.ExportSHA256 {
				return Errorf(ECodeCorrupt, pat+".export", nil, "checksum mismatch")
			}
			if p.ReplacedAt == nil {
				if current[p.Slot] {
					return Errorf(ECodeInvalid, pat+".slot", nil, "two current photos in slot %q", p.Slot)
				}
				current[p.Slot] = true
			}
		}
		for j, d := range a.Documents {
			dat := fmt.Sprintf("%s.documents.%d", at, j)
			if err := ValidateDocument(d.WebsiteID, d.PDF); err != nil {
				return prefixed(dat, err)
			}
			if HashHex(d.PDF) != d.SHA256 {
				return Errorf(ECodeCorrupt, dat+".pdf", nil, "checksum mismatch")
			}
		}
		for j, e := range a.Events {
			eat := fmt.Sprintf("%s.events.%d", at, j)
			if (e.From != "" && !KnownStatuses[e.From]) || !KnownStatuses[e.To] {
				return Errorf(ECodeInvalid, eat+".to", nil, "unknown status")
			}
			if !validText(e.Note, 10000) || !validText(e.Actor, 200) {
				return Errorf(ECodeInvalid, eat+".note", nil, "bad note or actor")
			}
		}
	}
	return nil
}
