package pgstore

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// channel is the LISTEN/NOTIFY channel of the workspace: each committed
// change of an application sends its id (0: several at once), so other
// clerks' screens can reload it without reopening.
func (s *Store) channel() string { return s.opts.Schema + "_changes" }

// notify queues the change notice; PostgreSQL delivers it on COMMIT only.
func (s *Store) notify(ctx context.Context, tx pgx.Tx, applicationID int64) error {
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, s.channel(), strconv.FormatInt(applicationID, 10))
	return err
}
