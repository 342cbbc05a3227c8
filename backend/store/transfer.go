package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"icpdesk/backend"
)

// Client files: one JSON document holding a client and everything it owns.
// Bytes (photos, PDFs) are base64; every blob carries its SHA-256.
const (
	clientFileFormat  = "icpdesk-client"
	clientFileVersion = 1
	// limits that keep a hostile file from exhausting memory or the disk
	maxImportApplications = 10000
	maxImportItems        = 2000 // revisions, photos, documents or events per application
	maxPixels             = 100000
)

type clientFile struct {
	Format       string            `json:"format"`
	Version      int               `json:"version"`
	ExportedAt   time.Time         `json:"exportedAt"`
	Client       fileClient        `json:"client"`
	Applications []fileApplication `json:"applications"`
}

type fileClient struct {
	Name      string    `json:"name"`
	Contact   string    `json:"contact"`
	Phone     string    `json:"phone"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type fileApplication struct {
	Status    backend.Status  `json:"status"`
	Step      string          `json:"step"`
	ICPNumber string          `json:"icpNumber"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
	Doc       json.RawMessage `json:"doc"`
	Revisions []fileRevision  `json:"revisions"`
	Photos    []filePhoto     `json:"photos"`
	Documents []fileDocument  `json:"documents"`
	Events    []fileEvent     `json:"events"`
}

type fileRevision struct {
	Number    int                    `json:"number"`
	Reason    backend.RevisionReason `json:"reason"`
	Note      string                 `json:"note"`
	Status    backend.Status         `json:"status"`
	Doc       json.RawMessage        `json:"doc"`
	CreatedAt time.Time              `json:"createdAt"`
}

type filePhoto struct {
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

type fileDocument struct {
	WebsiteID string    `json:"websiteId"`
	SHA256    string    `json:"sha256"`
	Draft     bool      `json:"draft"`
	CreatedAt time.Time `json:"createdAt"`
	PDF       []byte    `json:"pdf"`
}

type fileEvent struct {
	From  backend.Status `json:"from"`
	To    backend.Status `json:"to"`
	At    time.Time      `json:"at"`
	Note  string         `json:"note"`
	Actor string         `json:"actor"`
}

// ExportClient writes the client, its live applications (not the trash) and
// their revisions, photos (with history), documents and events to w as one
// JSON file, read in one consistent snapshot.
func (s *Store) ExportClient(ctx context.Context, clientID int64, w io.Writer) error {
	var f clientFile
	err := s.read(func(db *sql.DB) error {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		// A plain BEGIN is a read transaction: one snapshot without blocking writers.
		if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "ROLLBACK")
		f, err = readClientFile(ctx, conn, clientID)
		return err
	})
	if err != nil {
		return err
	}
	f.ExportedAt = s.clock.Now().UTC()
	enc := json.NewEncoder(w)
	if err := enc.Encode(f); err != nil {
		return backend.FileError(backend.ECodeInternal, err, "")
	}
	return nil
}

func readClientFile(ctx context.Context, q queryer, clientID int64) (clientFile, error) {
	f := clientFile{Format: clientFileFormat, Version: clientFileVersion, Applications: []fileApplication{}}
	c, err := getClient(ctx, q, clientID)
	if err != nil {
		return f, err
	}
	f.Client = fileClient{Name: c.Name, Contact: c.Contact, Phone: c.Phone, Notes: c.Notes, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	rows, err := q.QueryContext(ctx, `SELECT id, status, step, icp_number, doc, created_at, updated_at FROM applications
		WHERE client_id = ? AND deleted_at IS NULL ORDER BY id`, clientID)
	if err != nil {
		return f, err
	}
	var ids []int64
	for rows.Next() {
		var id, created, updated int64
		var a fileApplication
		var doc string
		if err := rows.Scan(&id, &a.Status, &a.Step, &a.ICPNumber, &doc, &created, &updated); err != nil {
			rows.Close()
			return f, err
		}
		a.Doc, a.CreatedAt, a.UpdatedAt = json.RawMessage(doc), fromMS(created), fromMS(updated)
		a.Revisions, a.Photos, a.Documents, a.Events = []fileRevision{}, []filePhoto{}, []fileDocument{}, []fileEvent{}
		ids = append(ids, id)
		f.Applications = append(f.Applications, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	for i, id := range ids {
		a := &f.Applications[i]
		if err := eachRow(ctx, q, `SELECT number, reason, note, status, doc, created_at FROM revisions WHERE application_id = ? ORDER BY number`, id,
			func(r *sql.Rows) error {
				var v fileRevision
				var doc string
				var at int64
				err := r.Scan(&v.Number, &v.Reason, &v.Note, &v.Status, &doc, &at)
				v.Doc, v.CreatedAt = json.RawMessage(doc), fromMS(at)
				a.Revisions = append(a.Revisions, v)
				return err
			}); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, `SELECT `+photoColumns+`, original, export FROM photos WHERE application_id = ? ORDER BY id`, id,
			func(r *sql.Rows) error {
				p, err := scanPhoto(r, true)
				a.Photos = append(a.Photos, filePhoto{Slot: p.Slot, OriginalMIME: p.OriginalMIME, OriginalWidth: p.OriginalWidth,
					OriginalHeight: p.OriginalHeight, OriginalSHA256: p.OriginalSHA256, Original: p.Original, ExportMIME: p.ExportMIME,
					ExportWidth: p.ExportWidth, ExportHeight: p.ExportHeight, ExportSHA256: p.ExportSHA256, Export: p.Export,
					Adjustments: p.Adjustments, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, ReplacedAt: p.ReplacedAt})
				return err
			}); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, `SELECT `+documentColumns+`, pdf FROM documents WHERE application_id = ? ORDER BY id`, id,
			func(r *sql.Rows) error {
				d, err := scanDocument(r, true)
				a.Documents = append(a.Documents, fileDocument{WebsiteID: d.WebsiteID, SHA256: d.SHA256, Draft: d.Draft, CreatedAt: d.CreatedAt, PDF: d.PDF})
				return err
			}); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, `SELECT from_status, to_status, at, note, actor FROM events WHERE application_id = ? ORDER BY at, id`, id,
			func(r *sql.Rows) error {
				var e fileEvent
				var at int64
				err := r.Scan(&e.From, &e.To, &at, &e.Note, &e.Actor)
				e.At = fromMS(at)
				a.Events = append(a.Events, e)
				return err
			}); err != nil {
			return f, err
		}
	}
	return f, nil
}

func eachRow(ctx context.Context, q queryer, query string, arg any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ImportClient reads a client file into new records: a new client (even when
// one of the same name exists), new application ids, nothing overwritten. The
// file is treated as hostile: it is size-limited (Options.MaxImportBytes →
// ECodeTooLarge), must be a client file of a known version (ECodeUnsupported,
// ECodeTooNew), every checksum must match (ECodeCorrupt) and every value must
// be valid (ECodeInvalid with Field as a JSON path into the file). Nothing is
// written unless the whole file is valid.
func (s *Store) ImportClient(ctx context.Context, r io.Reader) (backend.ImportResult, error) {
	var res backend.ImportResult
	raw, err := io.ReadAll(io.LimitReader(r, s.opts.MaxImportBytes+1))
	if err != nil {
		return res, backend.Wrap(backend.ECodeInternal, err)
	}
	if int64(len(raw)) > s.opts.MaxImportBytes {
		return res, backend.Errorf(backend.ECodeTooLarge, "", map[string]any{"max": s.opts.MaxImportBytes}, "client file over %d bytes", s.opts.MaxImportBytes)
	}
	f, err := decodeClientFile(raw)
	if err != nil {
		return res, err
	}
	if err := validateClientFile(&f); err != nil {
		return res, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		c, err := insertClient(ctx, tx, backend.Client{Name: f.Client.Name, Contact: f.Client.Contact, Phone: f.Client.Phone, Notes: f.Client.Notes},
			msOr(f.Client.CreatedAt, now), msOr(f.Client.UpdatedAt, now))
		if err != nil {
			return err
		}
		res.Client = c
		for i := range f.Applications {
			n, err := importApplication(ctx, tx, c.ID, &f.Applications[i], now)
			if err != nil {
				return err
			}
			res.Applications++
			res.WebsiteIDsRepaired += n
		}
		return nil
	})
	return res, err
}

func decodeClientFile(raw []byte) (clientFile, error) {
	var f clientFile
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return f, backend.Errorf(backend.ECodeUnsupported, "", nil, "not a client file")
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return f, backend.Errorf(backend.ECodeCorrupt, "", nil, "client file: %v", err)
		}
		return f, backend.Errorf(backend.ECodeUnsupported, "", nil, "client file: %v", err)
	}
	if head.Format != clientFileFormat {
		return f, backend.Errorf(backend.ECodeUnsupported, "format", nil, "format %q", head.Format)
	}
	if head.Version > clientFileVersion {
		return f, backend.Errorf(backend.ECodeTooNew, "version", map[string]any{"version": head.Version}, "client file version %d", head.Version)
	}
	if head.Version != clientFileVersion {
		return f, backend.Errorf(backend.ECodeUnsupported, "version", map[string]any{"version": head.Version}, "client file version %d", head.Version)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return f, backend.Errorf(backend.ECodeInvalid, te.Field, nil, "client file: %v", err)
		}
		return f, backend.Errorf(backend.ECodeInvalid, "", nil, "client file: %v", err)
	}
	return f, nil
}

func invalid(field, format string, args ...any) error {
	return backend.Errorf(backend.ECodeInvalid, field, nil, format, args...)
}

func validText(s string, max int) bool {
	return len(s) <= max && utf8.ValidString(s)
}

// validateClientFile checks everything before anything is written.
func validateClientFile(f *clientFile) error {
	if _, err := validateClient(backend.Client{Name: f.Client.Name, Contact: f.Client.Contact, Phone: f.Client.Phone, Notes: f.Client.Notes}); err != nil {
		e := backend.AsError(err)
		e.Field = "client." + e.Field
		return e
	}
	if len(f.Applications) > maxImportApplications {
		return backend.Errorf(backend.ECodeTooLarge, "applications", map[string]any{"max": maxImportApplications}, "too many applications")
	}
	for i := range f.Applications {
		a := &f.Applications[i]
		at := fmt.Sprintf("applications.%d.", i)
		if !knownStatuses[a.Status] {
			return invalid(at+"status", "unknown status %q", a.Status)
		}
		if !validText(a.Step, 100) || !validText(a.ICPNumber, 100) {
			return invalid(at+"step", "bad step or ICP number")
		}
		if err := validateDoc(at+"doc", a.Doc); err != nil {
			return err
		}
		if len(a.Revisions) > maxImportItems || len(a.Photos) > maxImportItems || len(a.Documents) > maxImportItems || len(a.Events) > maxImportItems {
			return backend.Errorf(backend.ECodeTooLarge, at[:len(at)-1], map[string]any{"max": maxImportItems}, "too many items")
		}
		numbers := map[int]bool{}
		for j, r := range a.Revisions {
			rat := fmt.Sprintf("%srevisions.%d.", at, j)
			if r.Number <= 0 || numbers[r.Number] {
				return invalid(rat+"number", "bad revision number %d", r.Number)
			}
			numbers[r.Number] = true
			if !revisionReasons[r.Reason] || !knownStatuses[r.Status] || !validText(r.Note, 10000) {
				return invalid(rat+"reason", "bad revision")
			}
			if err := validateDoc(rat+"doc", r.Doc); err != nil {
				return err
			}
		}
		current := map[string]bool{}
		for j, p := range a.Photos {
			pat := fmt.Sprintf("%sphotos.%d.", at, j)
			in := backend.PhotoInput{ApplicationID: 1, Slot: p.Slot, Original: p.Original, OriginalMIME: p.OriginalMIME,
				OriginalWidth: p.OriginalWidth, OriginalHeight: p.OriginalHeight,
				PhotoExport: backend.PhotoExport{Export: p.Export, ExportMIME: p.ExportMIME, ExportWidth: p.ExportWidth,
					ExportHeight: p.ExportHeight, Adjustments: p.Adjustments}}
			if err := validatePhoto(in); err != nil {
				e := backend.AsError(err)
				e.Field = pat + e.Field
				return e
			}
			if max(p.OriginalWidth, p.OriginalHeight, p.ExportWidth, p.ExportHeight) > maxPixels {
				return invalid(pat+"originalWidth", "pixel size out of range")
			}
			if hashHex(p.Original) != p.OriginalSHA256 {
				return backend.Errorf(backend.ECodeCorrupt, pat+"original", nil, "checksum mismatch")
			}
			if (len(p.Export) > 0 || p.ExportSHA256 != "") && hashHex(p.Export) != p.ExportSHA256 {
				return backend.Errorf(backend.ECodeCorrupt, pat+"export", nil, "checksum mismatch")
			}
			if p.ReplacedAt == nil {
				if current[p.Slot] {
					return invalid(pat+"slot", "two current photos in slot %q", p.Slot)
				}
				current[p.Slot] = true
			}
		}
		for j, d := range a.Documents {
			dat := fmt.Sprintf("%sdocuments.%d.", at, j)
			if err := validateDocument(d.WebsiteID, d.PDF); err != nil {
				e := backend.AsError(err)
				e.Field = dat + e.Field
				return e
			}
			if hashHex(d.PDF) != d.SHA256 {
				return backend.Errorf(backend.ECodeCorrupt, dat+"pdf", nil, "checksum mismatch")
			}
		}
		for j, e := range a.Events {
			eat := fmt.Sprintf("%sevents.%d.", at, j)
			if (e.From != "" && !knownStatuses[e.From]) || !knownStatuses[e.To] {
				return invalid(eat+"to", "unknown status")
			}
			if !validText(e.Note, 10000) || !validText(e.Actor, 200) {
				return invalid(eat+"note", "bad note or actor")
			}
		}
	}
	return nil
}

func validateDoc(field string, raw json.RawMessage) error {
	app, err := backend.DecodeApplication(raw)
	if err == nil {
		err = backend.DefaultDocLimits.Check(&app)
	}
	if err != nil {
		e := backend.AsError(err)
		if e.Field != "" {
			e.Field = field + "." + e.Field
		} else {
			e.Field = field
		}
		return e
	}
	return nil
}

func msOr(t time.Time, fallback int64) int64 {
	if t.IsZero() {
		return fallback
	}
	return t.UnixMilli()
}

func importApplication(ctx context.Context, tx *sql.Tx, clientID int64, a *fileApplication, now int64) (repaired int, err error) {
	app, err := backend.DecodeApplication(a.Doc)
	if err != nil {
		return 0, err
	}
	// Two websites with one ID would share photos and checklists: the later
	// ones get fresh IDs (documents keyed by the ID stay with the first).
	repaired = len(backend.EnsureWebsiteIDs(&app))
	doc, err := json.Marshal(app) // canonical form, as SaveDraft keeps it
	if err != nil {
		return 0, backend.Wrap(backend.ECodeInternal, err)
	}
	d := deriveColumns(&app, a.ICPNumber)
	res, err := tx.ExecContext(ctx, `INSERT INTO applications(client_id, type, status, province, entity_name, primary_domain,
		icp_number, search_text, step, doc_version, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		clientID, d.typ, a.Status, d.province, d.entityName, d.primaryDomain, a.ICPNumber, d.searchText, a.Step,
		app.Version, string(doc), msOr(a.CreatedAt, now), msOr(a.UpdatedAt, now))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, r := range a.Revisions {
		rev, err := backend.DecodeApplication(r.Doc)
		if err != nil {
			return 0, err // a revision that cannot be read is not imported as an empty one
		}
		backend.EnsureWebsiteIDs(&rev)
		raw, err := json.Marshal(rev)
		if err != nil {
			return 0, backend.Wrap(backend.ECodeInternal, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO revisions(application_id, number, reason, note, status, doc_version, doc, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, r.Number, r.Reason, r.Note, r.Status, rev.Version, string(raw), msOr(r.CreatedAt, now)); err != nil {
			return 0, err
		}
	}
	for _, p := range a.Photos {
		var replaced *int64
		if p.ReplacedAt != nil {
			v := msOr(*p.ReplacedAt, now)
			replaced = &v
		}
		in := backend.PhotoInput{ApplicationID: id, Slot: p.Slot, Original: p.Original, OriginalMIME: p.OriginalMIME,
			OriginalWidth: p.OriginalWidth, OriginalHeight: p.OriginalHeight,
			PhotoExport: backend.PhotoExport{Export: p.Export, ExportMIME: p.ExportMIME, ExportWidth: p.ExportWidth,
				ExportHeight: p.ExportHeight, Adjustments: p.Adjustments}}
		if _, err := insertPhoto(ctx, tx, in, msOr(p.CreatedAt, now), msOr(p.UpdatedAt, now), replaced); err != nil {
			return 0, err
		}
	}
	for _, d := range a.Documents {
		if _, err := insertDocument(ctx, tx, id, d.WebsiteID, d.PDF, d.Draft, msOr(d.CreatedAt, now)); err != nil {
			return 0, err
		}
	}
	for _, e := range a.Events {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor) VALUES (?, ?, ?, ?, ?, ?)`,
			id, e.From, e.To, msOr(e.At, now), e.Note, e.Actor); err != nil {
			return 0, err
		}
	}
	return repaired, nil
}
