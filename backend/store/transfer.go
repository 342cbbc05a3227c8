package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"time"

	"icpdesk/backend"
)

// Client files: the format (types, limits, checks) is backend.ClientFile,
// shared with the PostgreSQL workspace.

// ExportClient writes the client, its live applications (not the trash) and
// their revisions, photos (with history), documents and events to w as one
// JSON file, read in one consistent snapshot.
func (s *Store) ExportClient(ctx context.Context, clientID int64, w io.Writer) error {
	var f backend.ClientFile
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
		f, err = readClientFile(ctx, conn, clientID, s.photoAll())
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

func readClientFile(ctx context.Context, q queryer, clientID int64, all photoReads) (backend.ClientFile, error) {
	f := backend.ClientFile{Format: backend.ClientFileFormat, Version: backend.ClientFileVersion, Applications: []backend.FileApplication{}}
	c, err := getClient(ctx, q, clientID)
	if err != nil {
		return f, err
	}
	f.Client = backend.FileClient{Name: c.Name, Contact: c.Contact, Phone: c.Phone, Notes: c.Notes, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	var ids []int64
	if err := eachRow(ctx, q, func(r scanner) error {
		var id, created, updated int64
		var a backend.FileApplication
		var doc string
		if err := r.Scan(&id, &a.Status, &a.Step, &a.ICPNumber, &doc, &created, &updated); err != nil {
			return err
		}
		a.Doc, a.CreatedAt, a.UpdatedAt = json.RawMessage(doc), fromMS(created), fromMS(updated)
		a.Revisions, a.Photos, a.Documents, a.Events = []backend.FileRevision{}, []backend.FilePhoto{}, []backend.FileDocument{}, []backend.FileEvent{}
		ids = append(ids, id)
		f.Applications = append(f.Applications, a)
		return nil
	}, `SELECT id, status, step, icp_number, doc, created_at, updated_at FROM applications
		WHERE client_id = ? AND deleted_at IS NULL ORDER BY id`, clientID); err != nil {
		return f, err
	}
	for i, id := range ids {
		a := &f.Applications[i]
		if err := eachRow(ctx, q, func(r scanner) error {
			var v backend.FileRevision
			var doc string
			var at int64
			err := r.Scan(&v.Number, &v.Reason, &v.Note, &v.Status, &doc, &at)
			v.Doc, v.CreatedAt = json.RawMessage(doc), fromMS(at)
			a.Revisions = append(a.Revisions, v)
			return err
		}, `SELECT number, reason, note, status, doc, created_at FROM revisions WHERE application_id = ? ORDER BY number`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r scanner) error {
			p, err := scanPhoto(r, all)
			a.Photos = append(a.Photos, backend.FilePhotoOf(p))
			return err
		}, `SELECT `+photoColumns+all.from()+` WHERE p.application_id = ? ORDER BY p.id`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r scanner) error {
			d, err := scanDocument(r, true)
			a.Documents = append(a.Documents, backend.FileDocumentOf(d))
			return err
		}, `SELECT `+documentColumns+`, pdf FROM documents WHERE application_id = ? ORDER BY id`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r scanner) error {
			var e backend.FileEvent
			var at int64
			err := r.Scan(&e.From, &e.To, &at, &e.Note, &e.Actor)
			e.At = fromMS(at)
			a.Events = append(a.Events, e)
			return err
		}, `SELECT from_status, to_status, at, note, actor FROM events WHERE application_id = ? ORDER BY at, id`, id); err != nil {
			return f, err
		}
	}
	return f, nil
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
	f, err := backend.ReadClientFile(r, s.opts.MaxImportBytes)
	if err != nil {
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

func msOr(t time.Time, fallback int64) int64 {
	if t.IsZero() {
		return fallback
	}
	return t.UnixMilli()
}

func importApplication(ctx context.Context, tx *sql.Tx, clientID int64, a *backend.FileApplication, now int64) (repaired int, err error) {
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
