package store

import (
	"context"
	"database/sql"

	"icpdesk/backend"
)

// PutDocument stores a newly generated checklist PDF for one website.
func (s *Store) PutDocument(ctx context.Context, applicationID int64, websiteID string, pdf []byte, draft bool) (d backend.Document, err error) {
	if err := backend.ValidateDocument(websiteID, pdf); err != nil {
		return d, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := applicationIsLive(ctx, tx, applicationID); err != nil {
			return err
		}
		id, err := insertDocument(ctx, tx, applicationID, websiteID, pdf, draft, s.now())
		if err != nil {
			return err
		}
		d, err = getDocument(ctx, tx, `id = ?`, false, id)
		return err
	})
	return d, err
}

func insertDocument(ctx context.Context, tx *sql.Tx, appID int64, websiteID string, pdf []byte, draft bool, at int64) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO documents(application_id, website_id, sha256, size, draft, created_at, pdf)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, appID, websiteID, backend.HashHex(pdf), len(pdf), draft, at, pdf)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

const documentColumns = `id, application_id, website_id, sha256, size, draft, created_at`

func scanDocument(row scanner, withBytes bool) (backend.Document, error) {
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

func getDocument(ctx context.Context, q queryer, where string, withBytes bool, args ...any) (backend.Document, error) {
	cols := documentColumns
	if withBytes {
		cols += ", pdf"
	}
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+cols+` FROM documents WHERE `+where, args...), withBytes)
	if err == sql.ErrNoRows {
		return d, backend.Errorf(backend.ECodeNotFound, "documentId", nil, "no document")
	}
	return d, err
}

// GetDocument returns one PDF with its bytes.
func (s *Store) GetDocument(ctx context.Context, id int64) (d backend.Document, err error) {
	err = s.read(func(db *sql.DB) error {
		d, err = getDocument(ctx, db, `id = ?`, true, id)
		return err
	})
	return d, err
}

// LatestDocument returns the newest PDF of one website, with its bytes.
func (s *Store) LatestDocument(ctx context.Context, applicationID int64, websiteID string) (d backend.Document, err error) {
	err = s.read(func(db *sql.DB) error {
		d, err = getDocument(ctx, db, `application_id = ? AND website_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`, true, applicationID, websiteID)
		return err
	})
	return d, err
}

// ListDocuments returns the application's PDFs, newest first, without bytes.
func (s *Store) ListDocuments(ctx context.Context, applicationID int64) ([]backend.Document, error) {
	var list []backend.Document
	err := s.read(func(db *sql.DB) (err error) {
		list, err = queryList(ctx, db, func(r scanner) (backend.Document, error) { return scanDocument(r, false) },
			`SELECT `+documentColumns+` FROM documents WHERE application_id = ? ORDER BY created_at DESC, id DESC`, applicationID)
		return err
	})
	return list, err
}
