package pgstore

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

// CreateRevision snapshots the application's current document and status.
func (s *Store) CreateRevision(ctx context.Context, applicationID int64, reason backend.RevisionReason, note string) (rev backend.Revision, err error) {
	if !backend.RevisionReasons[reason] {
		return rev, backend.Errorf(backend.ECodeInvalid, "reason", map[string]any{"reason": reason}, "unknown revision reason %q", reason)
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		var doc, status string
		var version int
		// FOR UPDATE: revision numbers of one application are taken one at a time.
		err := tx.QueryRow(ctx, `SELECT doc, doc_version, status FROM applications WHERE id = $1 FOR UPDATE`, applicationID).Scan(&doc, &version, &status)
		if err == pgx.ErrNoRows {
			return notFound("application", applicationID)
		}
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO revisions(application_id, number, reason, note, status, clerk, doc_version, doc, created_at)
			VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM revisions WHERE application_id = $1), $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			applicationID, reason, note, status, s.clerk, version, doc, s.now()).Scan(&id); err != nil {
			return err
		}
		if rev, err = getRevision(ctx, tx, id); err != nil {
			return err
		}
		return s.notify(ctx, tx, applicationID)
	})
	return rev, err
}

func getRevision(ctx context.Context, q querier, id int64) (backend.Revision, error) {
	var rev backend.Revision
	var reason, status, doc string
	var created int64
	err := q.QueryRow(ctx, `SELECT id, application_id, number, reason, note, status, clerk, doc, created_at FROM revisions WHERE id = $1`, id).
		Scan(&rev.ID, &rev.ApplicationID, &rev.Number, &reason, &rev.Note, &status, &rev.Clerk, &doc, &created)
	if err == pgx.ErrNoRows {
		return rev, notFound("revision", id)
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
	err := s.read(func(q querier) (err error) {
		list, err = queryList(ctx, q, func(r pgx.Row) (backend.Revision, error) {
			var rev backend.Revision
			var reason, status string
			var created int64
			err := r.Scan(&rev.ID, &rev.ApplicationID, &rev.Number, &reason, &rev.Note, &status, &rev.Clerk, &created)
			rev.Reason, rev.Status, rev.CreatedAt = backend.RevisionReason(reason), backend.Status(status), fromMS(created)
			return rev, err
		}, `SELECT id, application_id, number, reason, note, status, clerk, created_at
			FROM revisions WHERE application_id = $1 ORDER BY number`, applicationID)
		return err
	})
	return list, err
}

// GetRevision returns one revision with its document.
func (s *Store) GetRevision(ctx context.Context, id int64) (rev backend.Revision, err error) {
	err = s.read(func(q querier) error {
		rev, err = getRevision(ctx, q, id)
		return err
	})
	return rev, err
}

// DiffRevisions lists the changes from revision fromID to revision toID (0:
// the application's current draft). Both must belong to one application.
func (s *Store) DiffRevisions(ctx context.Context, fromID, toID int64) (changes []backend.FieldChange, err error) {
	err = s.read(func(q querier) (err error) {
		changes, err = backend.DiffRevisions(
			func(id int64) (backend.Revision, error) { return getRevision(ctx, q, id) },
			func(id int64) (backend.ApplicationRecord, error) { return getApplication(ctx, q, id) },
			fromID, toID)
		return err
	})
	return changes, err
}

// SetStatus moves the application to c.To and records the event. Whether the
// transition is allowed is the caller's rule (the state machine); the store
// only refuses unknown statuses and a change to the status it already has.
func (s *Store) SetStatus(ctx context.Context, applicationID int64, c backend.StatusChange) (ev backend.Event, err error) {
	if !backend.KnownStatuses[c.To] {
		return ev, backend.Errorf(backend.ECodeInvalid, "status", map[string]any{"status": c.To}, "unknown status %q", c.To)
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		var from string
		err := tx.QueryRow(ctx, `SELECT status FROM applications WHERE id = $1 FOR UPDATE`, applicationID).Scan(&from)
		if err == pgx.ErrNoRows {
			return notFound("application", applicationID)
		}
		if err != nil {
			return err
		}
		if backend.Status(from) == c.To {
			return backend.Errorf(backend.ECodeConflict, "status", map[string]any{"status": c.To}, "already %s", c.To)
		}
		now := s.now()
		at := now
		if !c.At.IsZero() {
			at = c.At.UnixMilli()
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET status = $1, updated_at = $2, updated_by = $3 WHERE id = $4`, c.To, now, s.clerk, applicationID); err != nil {
			return err
		}
		ev = backend.Event{ApplicationID: applicationID, From: backend.Status(from), To: c.To, At: fromMS(at), Note: c.Note, Actor: c.Actor, Clerk: s.clerk}
		if err := tx.QueryRow(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor, clerk) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			applicationID, from, c.To, at, c.Note, c.Actor, s.clerk).Scan(&ev.ID); err != nil {
			return err
		}
		return s.notify(ctx, tx, applicationID)
	})
	return ev, err
}

// ListEvents returns the status timeline, oldest first.
func (s *Store) ListEvents(ctx context.Context, applicationID int64) ([]backend.Event, error) {
	var list []backend.Event
	err := s.read(func(q querier) (err error) {
		list, err = queryList(ctx, q, func(r pgx.Row) (backend.Event, error) {
			var ev backend.Event
			var from, to string
			var at int64
			err := r.Scan(&ev.ID, &ev.ApplicationID, &from, &to, &at, &ev.Note, &ev.Actor, &ev.Clerk)
			ev.From, ev.To, ev.At = backend.Status(from), backend.Status(to), fromMS(at)
			return ev, err
		}, `SELECT id, application_id, from_status, to_status, at, note, actor, clerk
			FROM events WHERE application_id = $1 ORDER BY at, id`, applicationID)
		return err
	})
	return list, err
}

// GetSetting returns one of this clerk's settings, ECodeNotFound when never set.
func (s *Store) GetSetting(ctx context.Context, key string) (v string, err error) {
	err = s.read(func(q querier) error {
		err := q.QueryRow(ctx, `SELECT value FROM settings WHERE clerk = $1 AND key = $2`, s.clerk, key).Scan(&v)
		if err == pgx.ErrNoRows {
			return backend.Errorf(backend.ECodeNotFound, "key", map[string]any{"key": key}, "no setting %q", key)
		}
		return err
	})
	return v, err
}

// SetSetting stores one of this clerk's settings, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" || len(key) > 200 || len(value) > 1<<20 {
		return backend.Errorf(backend.ECodeInvalid, "key", map[string]any{"key": key}, "bad setting")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO settings(clerk, key, value, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (clerk, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, s.clerk, key, value, s.now())
		return err
	})
}
