package store

import (
	"context"
	"database/sql"

	"icpdesk/backend"
)

// SetStatus moves the application to c.To and records the event. Whether the
// transition is allowed is the caller's rule (the state machine); the store
// only refuses unknown statuses and a change to the status it already has.
func (s *Store) SetStatus(ctx context.Context, applicationID int64, c backend.StatusChange) (ev backend.Event, err error) {
	if !backend.KnownStatuses[c.To] {
		return ev, backend.Errorf(backend.ECodeInvalid, "status", map[string]any{"status": c.To}, "unknown status %q", c.To)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var from string
		err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ?`, applicationID).Scan(&from)
		if err == sql.ErrNoRows {
			return notFoundApplication(applicationID)
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
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?`, c.To, now, s.opts.Clerk, applicationID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor, clerk) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			applicationID, from, c.To, at, c.Note, c.Actor, s.opts.Clerk)
		if err != nil {
			return err
		}
		ev = backend.Event{ApplicationID: applicationID, From: backend.Status(from), To: c.To, At: fromMS(at), Note: c.Note, Actor: c.Actor, Clerk: s.opts.Clerk}
		ev.ID, err = res.LastInsertId()
		return err
	})
	return ev, err
}

// ListEvents returns the status timeline, oldest first.
func (s *Store) ListEvents(ctx context.Context, applicationID int64) ([]backend.Event, error) {
	var list []backend.Event
	err := s.read(func(db *sql.DB) (err error) {
		list, err = queryList(ctx, db, func(r scanner) (backend.Event, error) {
			var ev backend.Event
			var from, to string
			var at int64
			err := r.Scan(&ev.ID, &ev.ApplicationID, &from, &to, &at, &ev.Note, &ev.Actor, &ev.Clerk)
			ev.From, ev.To, ev.At = backend.Status(from), backend.Status(to), fromMS(at)
			return ev, err
		}, `SELECT id, application_id, from_status, to_status, at, note, actor, clerk
			FROM events WHERE application_id = ? ORDER BY at, id`, applicationID)
		return err
	})
	return list, err
}
