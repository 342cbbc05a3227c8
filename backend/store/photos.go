package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"

	"icpdesk/backend"
)

// exportColumns returns what is stored for an export; nil blob when none.
func exportColumns(e backend.PhotoExport) (blob any, sum string, size int64, adj string) {
	if len(e.Export) > 0 {
		blob, sum, size = e.Export, backend.HashHex(e.Export), int64(len(e.Export))
	}
	if len(e.Adjustments) > 0 {
		var buf bytes.Buffer
		if json.Compact(&buf, e.Adjustments) == nil {
			adj = buf.String()
		}
	}
	return blob, sum, size, adj
}

// PutPhoto makes p the slot's current photo; the previous one stays in the
// slot's history with its original untouched.
func (s *Store) PutPhoto(ctx context.Context, p backend.PhotoInput) (ph backend.Photo, err error) {
	if err := backend.ValidatePhoto(p); err != nil {
		return ph, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := applicationIsLive(ctx, tx, p.ApplicationID); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE photos SET replaced_at = ? WHERE application_id = ? AND slot = ? AND replaced_at IS NULL`,
			now, p.ApplicationID, p.Slot); err != nil {
			return err
		}
		id, err := insertPhoto(ctx, tx, p, now, now, nil)
		if err != nil {
			return err
		}
		ph, err = getPhoto(ctx, tx, id, photoMeta)
		return err
	})
	return ph, err
}

func insertPhoto(ctx context.Context, tx *sql.Tx, p backend.PhotoInput, created, updated int64, replaced *int64) (int64, error) {
	blob, sum, size, adj := exportColumns(p.PhotoExport)
	res, err := tx.ExecContext(ctx, `INSERT INTO photos(application_id, slot, original_sha256, original_size, original_mime,
		original_width, original_height, export_sha256, export_size, export_mime, export_width, export_height, adjustments,
		created_at, updated_at, replaced_at, export) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ApplicationID, p.Slot, backend.HashHex(p.Original), len(p.Original), p.OriginalMIME, p.OriginalWidth, p.OriginalHeight,
		sum, size, p.ExportMIME, p.ExportWidth, p.ExportHeight, adj, created, updated, replaced, blob)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO photo_originals(photo_id, original) VALUES (?, ?)`, id, p.Original)
	return id, err
}

func applicationIsLive(ctx context.Context, tx *sql.Tx, id int64) error {
	var deleted sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM applications WHERE id = ?`, id).Scan(&deleted)
	if err == sql.ErrNoRows {
		return notFoundApplication(id)
	}
	if err == nil && deleted.Valid {
		return backend.Errorf(backend.ECodeConflict, "applicationId", map[string]any{"id": id}, "application %d is in the trash", id)
	}
	return err
}

// SetPhotoExport stores a new export (and adjustments) of photo id. The
// original is in photo_originals, so this rewrites only the photos row.
func (s *Store) SetPhotoExport(ctx context.Context, id int64, e backend.PhotoExport) (ph backend.Photo, err error) {
	if err := backend.ValidatePhotoExport(e); err != nil {
		return ph, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		blob, sum, size, adj := exportColumns(e)
		res, err := tx.ExecContext(ctx, `UPDATE photos SET export = ?, export_sha256 = ?, export_size = ?, export_mime = ?,
			export_width = ?, export_height = ?, adjustments = ?, updated_at = ? WHERE id = ?`,
			blob, sum, size, e.ExportMIME, e.ExportWidth, e.ExportHeight, adj, s.now(), id)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "photo", id); err != nil {
			return err
		}
		ph, err = getPhoto(ctx, tx, id, photoMeta)
		return err
	})
	return ph, err
}

// photoColumns are the photos columns scanPhoto reads (from photos p), then
// the bytes a photoReads asks for; photoBytes adds the original (from
// photo_originals o) and the export.
const photoColumns = `p.id, p.application_id, p.slot, p.original_sha256, p.original_size, p.original_mime, p.original_width,
	p.original_height, p.export_sha256, p.export_size, p.export_mime, p.export_width, p.export_height, p.adjustments,
	p.created_at, p.updated_at, p.replaced_at`

const photoBytes = `, o.original, p.export FROM photos p JOIN photo_originals o ON o.photo_id = p.id`

// photoBytesInRow is photoBytes for a workspace still at schema 2 or older
// (opened read-only or on a full disk, so not migrated): the original is in
// its photos row.
const photoBytesInRow = `, p.original, p.export FROM photos p`

// photoReads says which bytes a photo read brings: none (lists, metadata),
// the export (what the slot shows), or the original and the export.
type photoReads int

const (
	photoMeta photoReads = iota
	photoExport
	photoAll
	photoAllInRow // photoAll from a workspace not migrated to photo_originals
)

// from is the FROM clause the read needs, after photoColumns.
func (w photoReads) from() string {
	switch w {
	case photoExport:
		return `, p.export FROM photos p`
	case photoAll:
		return photoBytes
	case photoAllInRow:
		return photoBytesInRow
	}
	return ` FROM photos p`
}

func scanPhoto(row scanner, w photoReads) (backend.Photo, error) {
	var p backend.Photo
	var adj string
	var created, updated int64
	var replaced sql.NullInt64
	dst := []any{&p.ID, &p.ApplicationID, &p.Slot, &p.OriginalSHA256, &p.OriginalSize, &p.OriginalMIME, &p.OriginalWidth,
		&p.OriginalHeight, &p.ExportSHA256, &p.ExportSize, &p.ExportMIME, &p.ExportWidth, &p.ExportHeight, &adj,
		&created, &updated, &replaced}
	switch w {
	case photoExport:
		dst = append(dst, &p.Export)
	case photoAll, photoAllInRow:
		dst = append(dst, &p.Original, &p.Export)
	}
	if err := row.Scan(dst...); err != nil {
		return p, err
	}
	if adj != "" {
		p.Adjustments = json.RawMessage(adj)
	}
	p.CreatedAt, p.UpdatedAt, p.ReplacedAt = fromMS(created), fromMS(updated), nullableTime(replaced)
	p.Current = !replaced.Valid
	return p, nil
}

// photoAll is the read of a photo with both its bytes in this workspace's
// schema.
func (s *Store) photoAll() photoReads {
	if s.originalsInRow {
		return photoAllInRow
	}
	return photoAll
}

func getPhoto(ctx context.Context, q queryer, id int64, w photoReads) (backend.Photo, error) {
	p, err := scanPhoto(q.QueryRowContext(ctx, `SELECT `+photoColumns+w.from()+` WHERE p.id = ?`, id), w)
	if err == sql.ErrNoRows {
		return p, backend.Errorf(backend.ECodeNotFound, "photoId", map[string]any{"id": id}, "no photo %d", id)
	}
	return p, err
}

// GetPhoto returns a photo with its original and export bytes.
func (s *Store) GetPhoto(ctx context.Context, id int64) (p backend.Photo, err error) {
	err = s.read(func(db *sql.DB) error {
		p, err = getPhoto(ctx, db, id, s.photoAll())
		return err
	})
	return p, err
}

// GetPhotoExport returns a photo with its export bytes but not its original.
func (s *Store) GetPhotoExport(ctx context.Context, id int64) (p backend.Photo, err error) {
	err = s.read(func(db *sql.DB) error {
		p, err = getPhoto(ctx, db, id, photoExport)
		return err
	})
	return p, err
}

// CurrentPhoto returns the slot's current photo with its bytes.
func (s *Store) CurrentPhoto(ctx context.Context, applicationID int64, slot string) (p backend.Photo, err error) {
	err = s.read(func(db *sql.DB) error {
		all := s.photoAll()
		p, err = scanPhoto(db.QueryRowContext(ctx, `SELECT `+photoColumns+all.from()+`
			WHERE p.application_id = ? AND p.slot = ? AND p.replaced_at IS NULL`, applicationID, slot), all)
		if err == sql.ErrNoRows {
			return backend.Errorf(backend.ECodeNotFound, "slot", map[string]any{"slot": slot}, "slot %q is empty", slot)
		}
		return err
	})
	return p, err
}

func (s *Store) listPhotos(ctx context.Context, where string, args ...any) ([]backend.Photo, error) {
	var list []backend.Photo
	err := s.read(func(db *sql.DB) (err error) {
		list, err = queryList(ctx, db, func(r scanner) (backend.Photo, error) { return scanPhoto(r, photoMeta) },
			`SELECT `+photoColumns+` FROM photos p WHERE `+where, args...)
		return err
	})
	return list, err
}

// ListPhotos returns the application's current photos by slot, without bytes.
func (s *Store) ListPhotos(ctx context.Context, applicationID int64) ([]backend.Photo, error) {
	return s.listPhotos(ctx, `application_id = ? AND replaced_at IS NULL ORDER BY slot`, applicationID)
}

// PhotoHistory returns every photo the slot has held, newest first, without bytes.
func (s *Store) PhotoHistory(ctx context.Context, applicationID int64, slot string) ([]backend.Photo, error) {
	return s.listPhotos(ctx, `application_id = ? AND slot = ? ORDER BY created_at DESC, id DESC`, applicationID, slot)
}

// RemovePhoto empties the slot; the photo stays in the slot's history.
func (s *Store) RemovePhoto(ctx context.Context, applicationID int64, slot string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE photos SET replaced_at = ? WHERE application_id = ? AND slot = ? AND replaced_at IS NULL`,
			s.now(), applicationID, slot)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.ECodeNotFound, "slot", map[string]any{"slot": slot}, "slot %q is empty", slot)
		}
		return nil
	})
}

// copyCurrentPhotos copies the current photos of one application to another;
// entityOnly leaves out website slots. Each copy gets its own original row.
func copyCurrentPhotos(ctx context.Context, tx *sql.Tx, from, to int64, entityOnly bool, now int64) error {
	q := `SELECT id FROM photos WHERE application_id = ? AND replaced_at IS NULL`
	if entityOnly {
		q += ` AND slot NOT LIKE 'websites.%'`
	}
	ids, err := queryList(ctx, tx, func(r scanner) (id int64, err error) { return id, r.Scan(&id) }, q+` ORDER BY id`, from)
	if err != nil {
		return err
	}
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, `INSERT INTO photos(application_id, slot, original_sha256, original_size, original_mime,
			original_width, original_height, export_sha256, export_size, export_mime, export_width, export_height, adjustments,
			created_at, updated_at, export)
			SELECT ?, slot, original_sha256, original_size, original_mime, original_width, original_height, export_sha256,
			export_size, export_mime, export_width, export_height, adjustments, ?, ?, export
			FROM photos WHERE id = ?`, to, now, now, id)
		if err != nil {
			return err
		}
		newID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO photo_originals(photo_id, original)
			SELECT ?, original FROM photo_originals WHERE photo_id = ?`, newID, id); err != nil {
			return err
		}
	}
	return nil
}
