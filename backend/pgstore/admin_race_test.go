package pgstore

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Roles belong to the whole server, not to one database or schema: several
// AddClerks of one new name, for two workspaces at once (as the tests of
// several packages do on one server, or two IT admins), all succeed,
// whichever of PostgreSQL's two "already exists" errors a loser gets, and
// the clerk ends up a member of both workspaces' clerk roles.
func TestAddClerkConcurrently(t *testing.T) {
	dsn := adminDSN(t)
	schemas := []string{newEmptySchema(t), newEmptySchema(t)}
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(ctx) }) // after the roles' drops (cleanups run last first)
	for round := 0; round < 5; round++ {
		name := fmt.Sprintf("并发_%d_%d", os.Getpid(), round)
		t.Cleanup(func() {
			if _, err := admin.Exec(ctx, `DROP ROLE IF EXISTS `+pgx.Identifier{name}.Sanitize()); err != nil {
				t.Error(err)
			}
		})
		const n = 8
		start := make(chan struct{})
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := AddClerk(ctx, dsn, Options{Schema: schemas[i%2]}, name, "")
				errs <- err
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: AddClerk racing another: %v", round, err)
			}
		}
		for _, schema := range schemas {
			var member bool
			if err := admin.QueryRow(ctx, `SELECT pg_has_role($1, $2, 'MEMBER')`, name, ClerkRole(schema)).Scan(&member); err != nil || !member {
				t.Fatalf("round %d: %s not a member of %s: %v", round, name, ClerkRole(schema), err)
			}
		}
	}
}
