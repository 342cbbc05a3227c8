package backend

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The checks every Workspace implementation makes on what it is asked to
// store, shared so the SQLite and PostgreSQL workspaces refuse the same input
// with the same codes.

// MaxClientText caps each client field, in bytes.
const MaxClientText = 2000

// ValidateClient trims the name and checks every client field.
func ValidateClient(c Client) (Client, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, Errorf(ECodeInvalid, "name", nil, "client name is empty")
	}
	for _, f := range []struct{ field, v string }{{"name", c.Name}, {"contact", c.Contact}, {"phone", c.Phone}, {"notes", c.Notes}} {
		if !utf8.ValidString(f.v) || len(f.v) > MaxClientText {
			return c, Errorf(ECodeInvalid, f.field, map[string]any{"max": MaxClientText}, "bad %s", f.field)
		}
	}
	return c, nil
}

// KnownStatuses are the statuses of process.md §4; anything else is refused.
var KnownStatuses = func() map[Status]bool {
	m := map[Status]bool{}
	for _, s := range AllStatuses() {
		m[s] = true
	}
	return m
}()

// RevisionReasons are the reasons a revision may be taken for.
var RevisionReasons = map[RevisionReason]bool{RevisionSubmit: true, RevisionRejection: true, RevisionManual: true}

// slotPattern accepts keys like "entity.cert", "person.id_front", "websites.w1.checklist".
var slotPattern = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+){0,4}$`)

// imageMIMEs are the picture types a slot may hold.
var imageMIMEs = map[string]bool{"image/jpeg": true, "image/png": true}

// MaxSlotLen caps a photo slot key.
const MaxSlotLen = 100

// HashHex is the hex SHA-256 every stored blob carries.
func HashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ValidatePhoto checks a photo before it is stored.
func ValidatePhoto(p PhotoInput) error {
	if !slotPattern.MatchString(p.Slot) || len(p.Slot) > MaxSlotLen {
		return Errorf(ECodeInvalid, "slot", map[string]any{"slot": p.Slot}, "bad slot key %q", p.Slot)
	}
	if len(p.Original) == 0 {
		return Errorf(ECodeInvalid, "original", nil, "empty photo")
	}
	if err := DefaultDocLimits.CheckBlob("original", len(p.Original)); err != nil {
		return err
	}
	if !imageMIMEs[p.OriginalMIME] {
		return Errorf(ECodeUnsupported, "originalMime", map[string]any{"mime": p.OriginalMIME}, "mime %q", p.OriginalMIME)
	}
	if p.OriginalWidth <= 0 || p.OriginalHeight <= 0 {
		return Errorf(ECodeInvalid, "originalWidth", nil, "no pixel size")
	}
	return ValidatePhotoExport(p.PhotoExport)
}

// ValidatePhotoExport checks a processed picture and its adjustments.
func ValidatePhotoExport(e PhotoExport) error {
	if err := DefaultDocLimits.CheckBlob("export", len(e.Export)); err != nil {
		return err
	}
	if len(e.Export) > 0 {
		if !imageMIMEs[e.ExportMIME] {
			return Errorf(ECodeUnsupported, "exportMime", map[string]any{"mime": e.ExportMIME}, "mime %q", e.ExportMIME)
		}
		if e.ExportWidth <= 0 || e.ExportHeight <= 0 {
			return Errorf(ECodeInvalid, "exportWidth", nil, "no pixel size")
		}
	}
	if len(e.Adjustments) > 0 && !json.Valid(e.Adjustments) {
		return Errorf(ECodeInvalid, "adjustments", nil, "adjustments are not JSON")
	}
	return nil
}

// CompactAdjustments returns adjustments as stored: compact JSON, or "".
func CompactAdjustments(adj json.RawMessage) string {
	if len(adj) == 0 {
		return ""
	}
	var buf bytes.Buffer
	if json.Compact(&buf, adj) != nil {
		return ""
	}
	return buf.String()
}

// ValidateDocument checks a checklist PDF before it is stored.
func ValidateDocument(websiteID string, pdf []byte) error {
	if websiteID == "" || len(websiteID) > 50 {
		return Errorf(ECodeInvalid, "websiteId", nil, "bad website id %q", websiteID)
	}
	if err := DefaultDocLimits.CheckBlob("pdf", len(pdf)); err != nil {
		return err
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return Errorf(ECodeUnsupported, "pdf", nil, "not a PDF")
	}
	return nil
}

// ListColumns are the values lists filter and sort on, taken from the document.
type ListColumns struct {
	Type, Province, EntityName, PrimaryDomain, SearchText string
}

// DeriveListColumns computes an application's list columns; icpNumber is the
// number granted on approval, searchable too.
func DeriveListColumns(app *Application, icpNumber string) ListColumns {
	parts := []string{app.Entity.Name, app.Entity.CertNumber, app.Answers.ExistingICPNumber, icpNumber}
	for _, w := range app.Websites {
		parts = append(parts, w.Name)
		parts = append(parts, w.Domains...)
	}
	return ListColumns{
		Type:          string(app.Type),
		Province:      app.Entity.Province,
		EntityName:    strings.TrimSpace(app.Entity.Name),
		PrimaryDomain: app.PrimaryDomain(),
		SearchText:    strings.ToLower(strings.Join(parts, "\n")),
	}
}
