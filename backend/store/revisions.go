package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"icpdesk/backend"
)

// CreateRevision snapshots the application's current document and status.
func (s *Store) CreateRevision(ctx context.Context, applicationID int64, reason backend.RevisionReason, note string) (rev backend.Revision, err error) {
	if !backend.RevisionReasons[reason] {
		return rev, backend.Errorf(backend.ECodeInvalid, "reason", map[string]any{"reason": reason}, "unknown revision reason %q", reason)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var doc, status string
		var version int
		err := tx.QueryRowContext(ctx, `SELECT doc, doc_version, status FROM applications WHERE id = ?`, applicationID).Scan(&doc, &version, &status)
		if err == sql.ErrNoRows {
			return notFoundApplication(applicationID)
		}
		if err != nil {
			return err
		}
		id, err := insertRevision(ctx, tx, applicationID, reason, note, status, version, doc, s.now(), s.opts.Clerk)
		if err != nil {
			return err
		}
		rev, err = getRevision(ctx, tx, id)
		return err
	})
	return rev, err
}

func insertRevision(ctx context.Context, tx *sql.Tx, appID int64, reason backend.RevisionReason, note, status string, version int, doc string, at int64, clerk string) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO revisions(application_id, number, reason, note, status, doc_version, doc, created_at, clerk)
		VALUES (?, (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE application_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
		appID, appID, reason, note, status, version, doc, at, clerk)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func getRevision(ctx context.Context, q queryer, id int64) (backend.Revision, error) {
	var rev backend.Revision
	var reason, status, doc string
	var created int64
	err := q.QueryRowContext(ctx, `SELECT id, application_id, number, reason, note, status, clerk, doc, created_at FROM revisions WHERE id = ?`, id).
		Scan(&rev.ID, &rev.ApplicationID, &rev.Number, &reason, &rev.Note, &status, &rev.Clerk, &doc, &created)
	if err == sql.ErrNoRows {
		return rev, backend.Errorf(backend.ECodeNotFound, "revisionId", map[string]any{"id": id}, "no revision %d", id)
	}
	if err != nil {
		return rev, err
	}
	rev.Doc = new(backend.Application)
	if err := json.Unmarshal([]byte(doc), rev.Doc); err != nil {
		return rev, backend.Wrap(backend.ECodeCorrupt, err)
	}
	rev.Reason, rev.Status, rev.CreatedAt = backend.RevisionReason(reason), backend.Status(status), fromMS(created)
	return rev, nil
}

// ListRevisions returns the application's revisions, oldest first, without documents.
func (s *Store) ListRevisions(ctx context.Context, applicationID int64) ([]backend.Revision, error) {
	var list []backend.Revision
	err := s.read(func(db *sql.DB) (err error) {
		list, err = queryList(ctx, db, func(r scanner) (backend.Revision, error) {
			var rev backend.Revision
			var reason, status string
			var created int64
			err := r.Scan(&rev.ID, &rev.ApplicationID, &rev.Number, &reason, &rev.Note, &status, &rev.Clerk, &created)
			rev.Reason, rev.Status, rev.CreatedAt = backend.RevisionReason(reason), backend.Status(status), fromMS(created)
			return rev, err
		}, `SELECT id, application_id, number, reason, note, status, clerk, created_at
			FROM revisions WHERE application_id = ? ORDER BY number`, applicationID)
		return err
	})
	return list, err
}

// GetRevision returns one revision with its document.
func (s *Store) GetRevision(ctx context.Context, id int64) (rev backend.Revision, err error) {
	err = s.read(func(db *sql.DB) error {
		rev, err = getRevision(ctx, db, id)
		return err
	})
	return rev, err
}

// DiffRevisions lists the changes from revision fromID to revision toID (0:
// the application's current draft). Both must belong to one application.
func (s *Store) DiffRevisions(ctx context.Context, fromID, toID int64) (changes []backend.FieldChange, err error) {
	err = s.read(func(db *sql.DB) (err error) {
		changes, err = backend.DiffRevisions(
			func(id int64) (backend.Revision, error) { return getRevision(ctx, db, id) },
			func(id int64) (backend.ApplicationRecord, error) { return getApplication(ctx, db, id) },
			fromID, toID)
		return err
	})
	return changes, err
}
