package pgstore

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
	"icpdesk/backend/workspacetest"
)

var ctx = context.Background()

// Clerks of the tests: roles with the rights `icpdesk-cli team add-clerk` gives.
const (
	clerkA = "王五"
	clerkB = "李四"
)

// adminDSN is the throwaway server's superuser (scripts/with-postgres.sh). A
// developer without it skips these tests; CI must not.
func adminDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("ICPDESK_TEST_PG")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ICPDESK_TEST_PG is not set: run the team workspace tests through scripts/with-postgres.sh (make test-team)")
		}
		t.Skip("ICPDESK_TEST_PG not set: run through scripts/with-postgres.sh")
	}
	return dsn
}

// asUser is the DSN for another role (key=value DSNs: the last key wins).
func asUser(dsn, user string) string {
	return dsn + " user='" + strings.ReplaceAll(user, "'", `\'`) + "'"
}

var schemaSeq atomic.Int64

// newSchema creates a fresh team workspace (its own schema) with clerks A
// and B, dropped when the test ends.
func newSchema(t testing.TB) string {
	t.Helper()
	schema := newEmptySchema(t)
	for _, c := range []string{clerkA, clerkB} {
		if _, err := AddClerk(ctx, adminDSN(t), Options{Schema: schema}, c, ""); err != nil {
			t.Fatalf("add clerk: %v", err)
		}
	}
	return schema
}

// newEmptySchema creates a fresh team workspace without clerks.
func newEmptySchema(t testing.TB) string {
	t.Helper()
	dsn := adminDSN(t)
	schema := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
	if _, err := Init(ctx, dsn, Options{Schema: schema}); err != nil {
		t.Fatalf("init: %v", err)
	}
	t.Cleanup(func() { dropSchema(t, dsn, schema) })
	return schema
}

func dropSchema(t testing.TB, dsn, schema string) {
	s, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Errorf("drop %s: %v", schema, err)
		return
	}
	defer s.Close(ctx)
	for _, q := range []string{`DROP SCHEMA ` + schema + ` CASCADE`, `DROP ROLE ` + ClerkRole(schema)} {
		if _, err := s.Exec(ctx, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func openAs(t testing.TB, schema, clerk string, c workspacetest.Config) *Store {
	t.Helper()
	if c.Clock == nil {
		c.Clock = workspacetest.NewClock()
	}
	s, err := Open(ctx, asUser(adminDSN(t), clerk), Options{Schema: schema, Clock: c.Clock, MaxImportBytes: c.MaxImportBytes})
	if err != nil {
		t.Fatalf("open as %s: %v", clerk, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// placeholders turns the suite's "?" into "$1", "$2", …
func placeholders(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func harness() workspacetest.Harness {
	return workspacetest.Harness{
		New: func(t testing.TB, c workspacetest.Config) backend.Workspace {
			return openAs(t, newSchema(t), clerkA, c)
		},
		Reopen: func(t testing.TB, w backend.Workspace) backend.Workspace {
			s := w.(*Store)
			s.Close()
			return openAs(t, s.opts.Schema, s.clerk, workspacetest.Config{Clock: s.opts.Clock})
		},
		Exec: func(w backend.Workspace, query string, args ...any) error {
			_, err := w.(*Store).pool.Exec(ctx, placeholders(query), args...)
			return err
		},
		Count: func(w backend.Workspace, query string, args ...any) (n int, err error) {
			err = w.(*Store).pool.QueryRow(ctx, placeholders(query), args...).Scan(&n)
			return n, err
		},
		Clerk: clerkA,
		AsClerk: func(t testing.TB, w backend.Workspace, c workspacetest.Config) (backend.Workspace, string) {
			return openAs(t, w.(*Store).opts.Schema, clerkB, c), clerkB
		},
	}
}

// TestContract runs the suite every workspace keeps against PostgreSQL, as a
// clerk with only a clerk's rights.
func TestContract(t *testing.T) {
	workspacetest.Run(t, harness())
}

// TestClerkRights: a clerk's role may do what the app does and nothing more:
// no DDL, no rewriting of the record of who did what, no other workspace.
func TestClerkRights(t *testing.T) {
	schema := newSchema(t)
	other := newEmptySchema(t) // another agency's workspace on the same server
	s := openAs(t, schema, clerkA, workspacetest.Config{})
	c, _ := s.CreateClient(ctx, backend.Client{Name: "Acme"})
	r, err := s.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE sneaky (id int)`,
		`DROP TABLE clients`,
		`ALTER TABLE applications ADD COLUMN x int`,
		`UPDATE events SET clerk = 'someone else'`,
		`DELETE FROM events`,
		`DELETE FROM revisions`,
		`DELETE FROM photos`,
		`DELETE FROM draft_changes`,
		`TRUNCATE applications CASCADE`,
		`DELETE FROM schema_migrations`,
		`SELECT * FROM ` + other + `.clients`,
	} {
		if _, err := s.pool.Exec(ctx, q); err == nil {
			t.Errorf("a clerk could: %s", q)
		}
	}
	// what the app does still works, emptying the trash included
	if err := s.TrashApplication(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.EmptyTrash(ctx); err != nil || n != 1 {
		t.Fatalf("empty trash: %d %v", n, err)
	}
	if err := s.DeleteClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
}

// TestListenSeesOthersChanges: clerk B's screen hears of clerk A's saves
// (after commit), not of its own.
func TestListenSeesOthersChanges(t *testing.T) {
	schema := newSchema(t)
	a := openAs(t, schema, clerkA, workspacetest.Config{})
	b := openAs(t, schema, clerkB, workspacetest.Config{})
	c, _ := a.CreateClient(ctx, backend.Client{Name: "Acme"})
	r, err := a.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan int64, 100)
	online := make(chan bool, 10)
	go b.Listen(lctx, func(ch Change) { changes <- ch.ApplicationID }, func(up bool) { online <- up })
	if up := <-online; !up {
		t.Fatal("listener not online")
	}
	if id := <-changes; id != 0 { // "anything may have changed" on connecting
		t.Fatalf("first notice %d", id)
	}
	if _, err := b.SaveDraft(ctx, r.ID, set("entity.city", "B's own")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveDraft(ctx, r.ID, set("entity.name", "A's")); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-changes:
		if id != r.ID {
			t.Fatalf("notice for %d, want %d (B's own save must not be reported)", id, r.ID)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no notice of A's save")
	}
}

// TestPresence: the list shows which other clerks have an application open
// now; not oneself, not after they left.
func TestPresence(t *testing.T) {
	schema := newSchema(t)
	a := openAs(t, schema, clerkA, workspacetest.Config{})
	b := openAs(t, schema, clerkB, workspacetest.Config{})
	c, _ := a.CreateClient(ctx, backend.Client{Name: "Acme"})
	r, err := a.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	editing := func(s *Store) []string {
		t.Helper()
		page, err := s.ListApplications(ctx, backend.ApplicationFilter{})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("list: %+v %v", page, err)
		}
		return page.Items[0].EditingBy
	}
	if got := editing(b); len(got) != 0 {
		t.Fatalf("nobody yet: %v", got)
	}
	if err := a.SetEditing(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if got := editing(b); len(got) != 1 || got[0] != clerkA {
		t.Fatalf("B sees %v, want [%s]", got, clerkA)
	}
	if got := editing(a); len(got) != 0 {
		t.Fatalf("A sees itself: %v", got)
	}
	if err := a.SetEditing(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if got := editing(b); len(got) != 0 {
		t.Fatalf("after A left: %v", got)
	}
	wantCodeErr(t, a.SetEditing(ctx, 999), backend.ECodeNotFound)
	// closing the app leaves the list too
	a.SetEditing(ctx, r.ID)
	a.Close()
	if got := editing(b); len(got) != 0 {
		t.Fatalf("after A closed: %v", got)
	}
}

func wantCodeErr(t *testing.T, err error, code string) {
	t.Helper()
	if got := backend.ErrorCode(err); got != code {
		t.Fatalf("error code %q (%v), want %q", got, err, code)
	}
}
