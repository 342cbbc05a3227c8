package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

var _ backend.Presence = (*Store)(nil)

// serverMS is the server's clock in milliseconds: presence is compared across
// clerks' machines, whose clocks may differ.
const serverMS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`

// SetEditing records that this session shows application id now (0: none),
// on the server's clock, and tells the others' lists.
func (s *Store) SetEditing(ctx context.Context, applicationID int64) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		var before int64
		err := tx.QueryRow(ctx, `DELETE FROM editing WHERE session = $1 RETURNING application_id`, s.session).Scan(&before)
		if err != nil && err != pgx.ErrNoRows {
			return err
		}
		if applicationID != 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO editing(session, clerk, application_id, seen_at) VALUES ($1, $2, $3, `+serverMS+`)`,
				s.session, s.clerk, applicationID); err != nil {
				if backend.ErrorCode(pgErr(err)) == backend.ECodeConflict {
					return notFound("application", applicationID) // the foreign key: no such application
				}
				return err
			}
		}
		if before != applicationID {
			for _, id := range []int64{before, applicationID} {
				if id != 0 {
					if err := s.notify(ctx, tx, id); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// editingBy is the list query's column: the other sessions' clerks seen on
// the application within PresenceTTL.
func (s *Store) editingBy(sessionArg string) string {
	return `ARRAY(SELECT DISTINCT e.clerk FROM editing e WHERE e.application_id = a.id AND e.session <> ` + sessionArg +
		` AND e.seen_at > ` + serverMS + ` - ` + itoa(backend.PresenceTTL.Milliseconds()) + ` ORDER BY e.clerk)`
}
