package pgstore

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

// exportColumns returns what is stored for an export; nil bytes when none.
func exportColumns(e backend.PhotoExport) (blob []byte, sum string, size int64, adj string) {
	if len(e.Export) > 0 {
		blob, sum, size = e.Export, backend.HashHex(e.Export), int64(len(e.Export))
	}
	return blob, sum, size, backend.CompactAdjustments(e.Adjustments)
}

// PutPhoto makes p the slot's current photo; the previous one stays in the
// slot's history with its original untouched.
func (s *Store) PutPhoto(ctx context.Context, p backend.PhotoInput) (ph backend.Photo, err error) {
	if err := backend.ValidatePhoto(p); err != nil {
		return ph, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		if err := lockLiveApplication(ctx, tx, p.ApplicationID); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.Exec(ctx, `UPDATE photos SET replaced_at = $1 WHERE application_id = $2 AND slot = $3 AND replaced_at IS NULL`,
			now, p.ApplicationID, p.Slot); err != nil {
			return err
		}
		id, err := insertPhoto(ctx, tx, p, now, now, nil)
		if err != nil {
			return err
		}
		ph, err = getPhoto(ctx, tx, id, photoMeta)
		if err == nil {
			err = s.notify(ctx, tx, p.ApplicationID)
		}
		return err
	})
	return ph, err
}

func insertPhoto(ctx context.Context, tx pgx.Tx, p backend.PhotoInput, created, updated int64, replaced *int64) (int64, error) {
	blob, sum, size, adj := exportColumns(p.PhotoExport)
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO photos(application_id, slot, original_sha256, original_size, original_mime,
		original_width, original_height, export_sha256, export_size, export_mime, export_width, export_height, adjustments,
		created_at, updated_at, replaced_at, original, export) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		RETURNING id`,
		p.ApplicationID, p.Slot, backend.HashHex(p.Original), len(p.Original), p.OriginalMIME, p.OriginalWidth, p.OriginalHeight,
		sum, size, p.ExportMIME, p.ExportWidth, p.ExportHeight, adj, created, updated, replaced, p.Original, blob).Scan(&id)
	return id, err
}

// lockLiveApplication locks an application's row for the transaction (photos
// and documents of one application are changed one at a time) and refuses
// one in the trash.
func lockLiveApplication(ctx context.Context, tx pgx.Tx, id int64) error {
	var deleted *int64
	err := tx.QueryRow(ctx, `SELECT deleted_at FROM applications WHERE id = $1 FOR UPDATE`, id).Scan(&deleted)
	if err == pgx.ErrNoRows {
		return notFound("application", id)
	}
	if err == nil && deleted != nil {
		return backend.Errorf(backend.ECodeConflict, "applicationId", map[string]any{"id": id}, "application %d is in the trash", id)
	}
	return err
}

// SetPhotoExport stores a new export (and adjustments) of photo id.
func (s *Store) SetPhotoExport(ctx context.Context, id int64, e backend.PhotoExport) (ph backend.Photo, err error) {
	if err := backend.ValidatePhotoExport(e); err != nil {
		return ph, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		blob, sum, size, adj := exportColumns(e)
		var appID int64
		err := tx.QueryRow(ctx, `UPDATE photos SET export = $1, export_sha256 = $2, export_size = $3, export_mime = $4,
			export_width = $5, export_height = $6, adjustments = $7, updated_at = $8 WHERE id = $9 RETURNING application_id`,
			blob, sum, size, e.ExportMIME, e.ExportWidth, e.ExportHeight, adj, s.now(), id).Scan(&appID)
		if err == pgx.ErrNoRows {
			return notFound("photo", id)
		}
		if err != nil {
			return err
		}
		ph, err = getPhoto(ctx, tx, id, photoMeta)
		if err == nil {
			err = s.notify(ctx, tx, appID)
		}
		return err
	})
	return ph, err
}

const photoColumns = `id, application_id, slot, original_sha256, original_size, original_mime, original_width, original_height,
	export_sha256, export_size, export_mime, export_width, export_height, adjustments, created_at, updated_at, replaced_at`

// photoReads says which bytes a photo read brings: none (lists, metadata),
// the export (what the slot shows), or the original and the export.
type photoReads int

const (
	photoMeta photoReads = iota
	photoExport
	photoAll
)

// columns are photoColumns followed by the bytes the read asks for.
func (w photoReads) columns() string {
	switch w {
	case photoExport:
		return photoColumns + ", export"
	case photoAll:
		return photoColumns + ", original, export"
	}
	return photoColumns
}

func scanPhoto(row pgx.Row, w photoReads) (backend.Photo, error) {
	var p backend.Photo
	var adj string
	var created, updated int64
	var replaced *int64
	dst := []any{&p.ID, &p.ApplicationID, &p.Slot, &p.OriginalSHA256, &p.OriginalSize, &p.OriginalMIME, &p.OriginalWidth,
		&p.OriginalHeight, &p.ExportSHA256, &p.ExportSize, &p.ExportMIME, &p.ExportWidth, &p.ExportHeight, &adj,
		&created, &updated, &replaced}
	switch w {
	case photoExport:
		dst = append(dst, &p.Export)
	case photoAll:
		dst = append(dst, &p.Original, &p.Export)
	}
	if err := row.Scan(dst...); err != nil {
		return p, err
	}
	if adj != "" {
		p.Adjustments = json.RawMessage(adj)
	}
	p.CreatedAt, p.UpdatedAt, p.ReplacedAt = fromMS(created), fromMS(updated), nullableTime(replaced)
	p.Current = replaced == nil
	return p, nil
}

func getPhoto(ctx context.Context, q querier, id int64, w photoReads) (backend.Photo, error) {
	p, err := scanPhoto(q.QueryRow(ctx, `SELECT `+w.columns()+` FROM photos WHERE id = $1`, id), w)
	if err == pgx.ErrNoRows {
		return p, notFound("photo", id)
	}
	return p, err
}

// GetPhoto returns a photo with its original and export bytes.
func (s *Store) GetPhoto(ctx context.Context, id int64) (p backend.Photo, err error) {
	err = s.read(func(q querier) error {
		p, err = getPhoto(ctx, q, id, photoAll)
		return err
	})
	return p, err
}

// GetPhotoExport returns a photo with its export bytes but not its original.
func (s *Store) GetPhotoExport(ctx context.Context, id int64) (p backend.Photo, err error) {
	err = s.read(func(q querier) error {
		p, err = getPhoto(ctx, q, id, photoExport)
		return err
	})
	return p, err
}

// CurrentPhoto returns the slot's current photo with its bytes.
func (s *Store) CurrentPhoto(ctx context.Context, applicationID int64, slot string) (p backend.Photo, err error) {
	err = s.read(func(q querier) error {
		p, err = scanPhoto(q.QueryRow(ctx, `SELECT `+photoColumns+`, original, export FROM photos
			WHERE application_id = $1 AND slot = $2 AND replaced_at IS NULL`, applicationID, slot), photoAll)
		if err == pgx.ErrNoRows {
			return backend.Errorf(backend.ECodeNotFound, "slot", map[string]any{"slot": slot}, "slot %q is empty", slot)
		}
		return err
	})
	return p, err
}

func (s *Store) listPhotos(ctx context.Context, where string, args ...any) ([]backend.Photo, error) {
	var list []backend.Photo
	err := s.read(func(q querier) (err error) {
		list, err = queryList(ctx, q, func(r pgx.Row) (backend.Photo, error) { return scanPhoto(r, photoMeta) },
			`SELECT `+photoColumns+` FROM photos WHERE `+where, args...)
		return err
	})
	return list, err
}

// ListPhotos returns the application's current photos by slot, without bytes.
func (s *Store) ListPhotos(ctx context.Context, applicationID int64) ([]backend.Photo, error) {
	return s.listPhotos(ctx, `application_id = $1 AND replaced_at IS NULL ORDER BY slot COLLATE "C"`, applicationID)
}

// PhotoHistory returns every photo the slot has held, newest first, without bytes.
func (s *Store) PhotoHistory(ctx context.Context, applicationID int64, slot string) ([]backend.Photo, error) {
	return s.listPhotos(ctx, `application_id = $1 AND slot = $2 ORDER BY created_at DESC, id DESC`, applicationID, slot)
}

// RemovePhoto empties the slot; the photo stays in the slot's history.
func (s *Store) RemovePhoto(ctx context.Context, applicationID int64, slot string) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE photos SET replaced_at = $1 WHERE application_id = $2 AND slot = $3 AND replaced_at IS NULL`,
			s.now(), applicationID, slot)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return backend.Errorf(backend.ECodeNotFound, "slot", map[string]any{"slot": slot}, "slot %q is empty", slot)
		}
		return s.notify(ctx, tx, applicationID)
	})
}

// copyCurrentPhotos copies the current photos of one application to another;
// entityOnly leaves out website slots.
func copyCurrentPhotos(ctx context.Context, tx pgx.Tx, from, to int64, entityOnly bool, now int64) error {
	q := `INSERT INTO photos(application_id, slot, original_sha256, original_size, original_mime, original_width,
		original_height, export_sha256, export_size, export_mime, export_width, export_height, adjustments, created_at,
		updated_at, original, export)
		SELECT $1, slot, original_sha256, original_size, original_mime, original_width, original_height, export_sha256,
		export_size, export_mime, export_width, export_height, adjustments, $2, $2, original, export
		FROM photos WHERE application_id = $3 AND replaced_at IS NULL`
	if entityOnly {
		q += ` AND slot NOT LIKE 'websites.%'`
	}
	_, err := tx.Exec(ctx, q, to, now, from)
	return err
}

// PutDocument stores a newly generated checklist PDF for one website.
func (s *Store) PutDocument(ctx context.Context, applicationID int64, websiteID string, pdf []byte, draft bool) (d backend.Document, err error) {
	if err := backend.ValidateDocument(websiteID, pdf); err != nil {
		return d, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		if err := lockLiveApplication(ctx, tx, applicationID); err != nil {
			return err
		}
		id, err := insertDocument(ctx, tx, applicationID, websiteID, pdf, draft, s.now())
		if err != nil {
			return err
		}
		if d, err = getDocument(ctx, tx, `id = $1`, false, id); err != nil {
			return err
		}
		return s.notify(ctx, tx, applicationID)
	})
	return d, err
}

func insertDocument(ctx context.Context, tx pgx.Tx, appID int64, websiteID string, pdf []byte, draft bool, at int64) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO documents(application_id, website_id, sha256, size, draft, created_at, pdf)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, appID, websiteID, backend.HashHex(pdf), len(pdf), draft, at, pdf).Scan(&id)
	return id, err
}

const documentColumns = `id, application_id, website_id, sha256, size, draft, created_at`

func scanDocument(row pgx.Row, withBytes bool) (backend.Document, error) {
	var d backend.Document
	var created int64
	dst := []any{&d.ID, &d.ApplicationID, &d.WebsiteID, &d.SHA256, &d.Size, &d.Draft, &created}
	if withBytes {
		dst = append(dst, &d.PDF)
	}
	err := row.Scan(dst...)
	d.CreatedAt = fromMS(created)
	return d, err
}

func getDocument(ctx context.Context, q querier, where string, withBytes bool, args ...any) (backend.Document, error) {
	cols := documentColumns
	if withBytes {
		cols += ", pdf"
	}
	d, err := scanDocument(q.QueryRow(ctx, `SELECT `+cols+` FROM documents WHERE `+where, args...), withBytes)
	if err == pgx.ErrNoRows {
		return d, backend.Errorf(backend.ECodeNotFound, "documentId", nil, "no document")
	}
	return d, err
}

// GetDocument returns one PDF with its bytes.
func (s *Store) GetDocument(ctx context.Context, id int64) (d backend.Document, err error) {
	err = s.read(func(q querier) error {
		d, err = getDocument(ctx, q, `id = $1`, true, id)
		return err
	})
	return d, err
}

// LatestDocument returns the newest PDF of one website, with its bytes.
func (s *Store) LatestDocument(ctx context.Context, applicationID int64, websiteID string) (d backend.Document, err error) {
	err = s.read(func(q querier) error {
		d, err = getDocument(ctx, q, `application_id = $1 AND website_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1`, true, applicationID, websiteID)
		return err
	})
	return d, err
}

// ListDocuments returns the application's PDFs, newest first, without bytes.
func (s *Store) ListDocuments(ctx context.Context, applicationID int64) ([]backend.Document, error) {
	var list []backend.Document
	err := s.read(func(q querier) (err error) {
		list, err = queryList(ctx, q, func(r pgx.Row) (backend.Document, error) { return scanDocument(r, false) },
			`SELECT `+documentColumns+` FROM documents WHERE application_id = $1 ORDER BY created_at DESC, id DESC`, applicationID)
		return err
	})
	return list, err
}
