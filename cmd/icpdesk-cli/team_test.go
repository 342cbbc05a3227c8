package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/store"
)

// teamDSN is the throwaway server of scripts/with-postgres.sh (make
// test-team); without it these tests skip, except in CI.
func teamDSN(t *testing.T) string {
	dsn := os.Getenv("ICPDESK_TEST_PG")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ICPDESK_TEST_PG is not set: run through scripts/with-postgres.sh (make test-team)")
		}
		t.Skip("ICPDESK_TEST_PG not set: run through scripts/with-postgres.sh")
	}
	return dsn
}

func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runTeam(args, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// TestTeamCommands: IT creates the schema and a clerk, a local workspace is
// copied in (a dry run first, which writes nothing), the clerk sees it, and
// it is copied back out into a new local file.
func TestTeamCommands(t *testing.T) {
	super := teamDSN(t)
	ctx := context.Background()
	// As the README's recipe: IT's admin role may create roles (not a
	// superuser) and owns the database.
	admin := fmt.Sprintf("icpdesk_admin_%d", os.Getpid())
	db := fmt.Sprintf("cli_%d", os.Getpid())
	schema := fmt.Sprintf("cli%d", os.Getpid()) // its own clerk role: app tests use icpdesk's
	conn, err := pgx.Connect(ctx, super)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE ROLE ` + admin + ` LOGIN CREATEROLE`, `CREATE DATABASE ` + db + ` OWNER ` + admin} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, q := range []string{`DROP DATABASE ` + db + ` WITH (FORCE)`, `DROP ROLE IF EXISTS 赵六`, `DROP ROLE ` + pgstore.ClerkRole(schema), `DROP ROLE ` + admin} {
			if _, err := conn.Exec(ctx, q); err != nil {
				t.Error(err)
			}
		}
		conn.Close(ctx)
	})
	dsn := super + " user=" + admin + " dbname=" + db

	out, errOut, code := run(t, "init", dsn, "--schema", schema)
	if code != 0 || !strings.Contains(out, "migrated from version 0 to") {
		t.Fatalf("init: %d %s %s", code, out, errOut)
	}
	if out, _, code := run(t, "init", dsn, "--schema", schema); code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("init again: %d %s", code, out)
	}
	if out, errOut, code := run(t, "add-clerk", dsn, "赵六", "--schema", schema); code != 0 || !strings.Contains(out, "clerk 赵六 created") {
		t.Fatalf("add-clerk: %d %s %s", code, out, errOut)
	}
	asClerk := dsn + " user=赵六"

	// a local workspace with two clients
	local := filepath.Join(t.TempDir(), "local.icpdesk")
	s, err := store.Open(local, store.Options{Clerk: "王五"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"甲公司", "乙公司"} {
		c, _ := s.CreateClient(ctx, backend.Client{Name: name})
		r, _ := s.CreateApplication(ctx, c.ID, backend.Application{})
		if _, err := s.SaveDraft(ctx, r.ID, backend.DraftPatch{Path: "entity.name", Value: []byte(`"` + name + `"`)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	out, errOut, code = run(t, "copy", local, asClerk, "--schema", schema, "--dry-run")
	if code != 0 || !strings.Contains(out, "would copy 甲公司: 1 applications") || !strings.Contains(out, "would copy 2 clients") {
		t.Fatalf("dry run: %d %s %s", code, out, errOut)
	}
	team, err := pgstore.Open(ctx, asClerk, pgstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer team.Close()
	if cs, _ := team.ListClients(ctx); len(cs) != 0 {
		t.Fatalf("the dry run wrote %d clients", len(cs))
	}
	out, errOut, code = run(t, "copy", local, asClerk, "--schema", schema, "--client", "乙公司")
	if code != 0 || !strings.Contains(out, "copied 1 clients (1 applications)") {
		t.Fatalf("copy one client: %d %s %s", code, out, errOut)
	}
	out, errOut, code = run(t, "copy", local, asClerk, "--schema", schema)
	if code != 0 || !strings.Contains(out, "skip  乙公司") || !strings.Contains(out, "copied 1 clients") {
		t.Fatalf("copy the rest: %d %s %s", code, out, errOut)
	}
	page, err := team.ListApplications(ctx, backend.ApplicationFilter{Sort: backend.SortEntityName})
	if err != nil || page.Total != 2 || page.Items[0].EntityName != "乙公司" && page.Items[0].EntityName != "甲公司" {
		t.Fatalf("team workspace: %+v %v", page, err)
	}

	// and back, into a new local file (a dry run does not create it)
	back := filepath.Join(t.TempDir(), "back.icpdesk")
	if _, _, code := run(t, "copy", asClerk, back, "--schema", schema, "--dry-run"); code != 0 {
		t.Fatal("dry run back")
	}
	if _, err := os.Stat(back); !os.IsNotExist(err) {
		t.Fatalf("the dry run created %s", back)
	}
	if out, errOut, code := run(t, "copy", asClerk, back, "--schema", schema); code != 0 || !strings.Contains(out, "copied 2 clients (2 applications)") {
		t.Fatalf("copy back: %d %s %s", code, out, errOut)
	}
	b, err := store.Open(back, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if page, _ := b.ListApplications(ctx, backend.ApplicationFilter{Text: "甲公司"}); page.Total != 1 {
		t.Fatalf("copied back: %+v", page)
	}

	// an unreachable server says so
	_, errOut, code = run(t, "copy", local, "host=/nonexistent-socket-dir dbname=x connect_timeout=2", "--dry-run")
	if code != 1 || !strings.Contains(errOut, "cannot be reached") {
		t.Fatalf("unreachable: %d %s", code, errOut)
	}
}
