package store

import (
	"context"
	"database/sql"

	"icpdesk/backend"
)

// SaveDraftFrom applies patches made on revision base of the document, merged
// with later changes by other clerks (backend.MergeDraft): patches on fields
// another clerk changed after base come back as conflicts, unapplied. base 0
// merges nothing (last writer wins). The result must still decode as a
// backend.Application, and the list columns follow it. A save that changes
// nothing writes nothing.
func (s *Store) SaveDraftFrom(ctx context.Context, id int64, base int64, patches ...backend.DraftPatch) (res backend.DraftResult, err error) {
	res.Conflicts = []backend.DraftConflict{}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var doc, icp string
		var rev int64
		var deleted sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT doc, icp_number, rev, deleted_at FROM applications WHERE id = ?`, id).Scan(&doc, &icp, &rev, &deleted)
		if err == sql.ErrNoRows {
			return notFoundApplication(id)
		}
		if err != nil {
			return err
		}
		if deleted.Valid {
			return backend.Errorf(backend.ECodeConflict, "applicationId", map[string]any{"id": id}, "application %d is in the trash", id)
		}
		if base < 0 || base > rev {
			return backend.Errorf(backend.ECodeInvalid, "rev", map[string]any{"rev": base}, "no revision %d of application %d", base, id)
		}
		apply := patches
		if base > 0 && base < rev {
			later, err := draftChangesAfter(ctx, tx, id, base)
			if err != nil {
				return err
			}
			apply, res.Conflicts = backend.MergeDraft([]byte(doc), patches, later, s.opts.Clerk)
		}
		raw, app, err := backend.ApplyDraftPatches([]byte(doc), apply)
		if err != nil {
			return err
		}
		if string(raw) != doc {
			now := s.now()
			d := deriveColumns(&app, icp)
			if _, err := tx.ExecContext(ctx, `UPDATE applications SET doc = ?, doc_version = ?, type = ?, province = ?, entity_name = ?,
				primary_domain = ?, search_text = ?, updated_at = ?, updated_by = ?, rev = rev + 1 WHERE id = ?`,
				string(raw), app.Version, d.typ, d.province, d.entityName, d.primaryDomain, d.searchText, now, s.opts.Clerk, id); err != nil {
				return err
			}
			for _, path := range backend.DraftPaths(apply) {
				if _, err := tx.ExecContext(ctx, `INSERT INTO draft_changes(application_id, rev, path, clerk, at) VALUES (?, ?, ?, ?, ?)`,
					id, rev+1, path, s.opts.Clerk, now); err != nil {
					return err
				}
			}
		}
		res.Record, err = getApplication(ctx, tx, id)
		return err
	})
	return res, err
}

func draftChangesAfter(ctx context.Context, q queryer, id, base int64) ([]backend.DraftChange, error) {
	return queryList(ctx, q, func(r scanner) (backend.DraftChange, error) {
		var c backend.DraftChange
		var at int64
		err := r.Scan(&c.Rev, &c.Path, &c.Clerk, &at)
		c.At = fromMS(at)
		return c, err
	}, `SELECT rev, path, clerk, at FROM draft_changes WHERE application_id = ? AND rev > ? ORDER BY rev`, id, base)
}
