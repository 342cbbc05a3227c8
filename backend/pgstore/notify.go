package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// channel is the LISTEN/NOTIFY channel of the workspace: each committed
// change of an application sends "<id> <session>" (id 0: several at once),
// so other clerks' screens reload it without reopening.
func (s *Store) channel() string { return s.opts.Schema + "_changes" }

// notify queues the change notice; PostgreSQL delivers it on COMMIT only.
func (s *Store) notify(ctx context.Context, tx pgx.Tx, applicationID int64) error {
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, s.channel(), strconv.FormatInt(applicationID, 10)+" "+s.session)
	return err
}

func newSession() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Change is another session's committed change of an application.
type Change struct {
	ApplicationID int64 // 0: several applications (an import, emptying the trash)
}

// Listen calls fn for every change other sessions commit, until ctx ends. It
// keeps its own connection and reconnects after losing it (calling fn with
// ApplicationID 0, since changes may have been missed meanwhile); online
// reports each loss and recovery, so the app can say the server is away.
func (s *Store) Listen(ctx context.Context, fn func(Change), online func(bool)) {
	wait := time.Second
	for ctx.Err() == nil {
		// listenOnce returns only when the connection failed or ctx ended;
		// either way the next round (or the end) follows.
		_ = s.listenOnce(ctx, fn, online)
		if ctx.Err() != nil {
			return
		}
		if online != nil {
			online(false)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context, fn func(Change), online func(bool)) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{s.channel()}.Sanitize()); err != nil {
		return err
	}
	if online != nil {
		online(true)
	}
	fn(Change{}) // anything may have changed before this connection listened
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		id, session, _ := strings.Cut(n.Payload, " ")
		if session == s.session {
			continue
		}
		appID, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return fmt.Errorf("notification %q: %w", n.Payload, err)
		}
		fn(Change{ApplicationID: appID})
	}
}
