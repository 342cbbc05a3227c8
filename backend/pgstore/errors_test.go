package pgstore

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"icpdesk/backend"
)

// The server's SQLSTATEs that are not the clerk's doing get the codes the
// app explains: a full server disk is disk_full (with the reason saying it is
// the server's), too many connections is unavailable, running out of memory
// stays internal (nothing the clerk or a disk clean-up fixes).
func TestPgErrResourceCodes(t *testing.T) {
	for _, tc := range []struct{ state, code, reason string }{
		{"53100", backend.ECodeDiskFull, "server_disk_full"},
		{"53300", backend.ECodeUnavailable, ""},
		{"53200", backend.ECodeInternal, ""},
	} {
		err := pgErr(fmt.Errorf("save: %w", &pgconn.PgError{Code: tc.state, Message: "x"}))
		e := backend.AsError(err)
		if e == nil || e.Code != tc.code {
			t.Errorf("SQLSTATE %s: %v, want %s", tc.state, err, tc.code)
			continue
		}
		if r, _ := e.Params["reason"].(string); r != tc.reason {
			t.Errorf("SQLSTATE %s: reason %q, want %q", tc.state, r, tc.reason)
		}
	}
}
