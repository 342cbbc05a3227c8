package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
)

// teamLogin sets up a team workspace on the throwaway server of
// scripts/with-postgres.sh with two clerks and returns their logins; without
// the server the test skips, except in CI.
func teamLogin(t *testing.T) (a, b pgstore.Login) {
	dsn := os.Getenv("ICPDESK_TEST_PG")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ICPDESK_TEST_PG is not set: run through scripts/with-postgres.sh (make test-team)")
		}
		t.Skip("ICPDESK_TEST_PG not set: run through scripts/with-postgres.sh")
	}
	ctx := context.Background()
	db := fmt.Sprintf("app_%d", os.Getpid())
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+db); err != nil {
		t.Fatal(err)
	}
	// Its own database, and clerks named unlike the other packages' (roles
	// belong to the whole server, and go test runs packages at once).
	t.Cleanup(func() {
		for _, q := range []string{`DROP DATABASE ` + db + ` WITH (FORCE)`, `DROP ROLE IF EXISTS ` + pgstore.ClerkRole(pgstore.DefaultSchema), `DROP ROLE IF EXISTS 孙七, 周八`} {
			if _, err := conn.Exec(ctx, q); err != nil {
				t.Error(err)
			}
		}
		conn.Close(ctx)
	})
	cfg, _ := pgx.ParseConfig(dsn)
	admin := dsn + " dbname=" + db
	if _, err := pgstore.Init(ctx, admin, pgstore.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"孙七", "周八"} {
		if _, err := pgstore.AddClerk(ctx, admin, pgstore.Options{}, c, ""); err != nil {
			t.Fatal(err)
		}
	}
	login := pgstore.Login{Host: cfg.Host, Database: db, TLS: "disable"}
	a, b = login, login
	a.User, b.User = "孙七", "周八"
	return a, b
}

type events struct {
	mu  sync.Mutex
	got []string
}

func (e *events) emit(name string, data any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, fmt.Sprintf("%s %v", name, data))
}

func (e *events) has(s string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, g := range e.got {
		if g == s {
			return true
		}
	}
	return false
}

// clerkApp is one clerk's ICP Desk: its services on its own holder, with a
// local workspace open first.
func clerkApp(t *testing.T) (*WorkspaceService, *FilingService, *events) {
	ev := &events{}
	h := &workspaceHolder{clock: backend.SystemClock{}, emit: ev.emit}
	h.open(filepath.Join(t.TempDir(), "local.icpdesk"))
	t.Cleanup(h.close)
	ctx := context.Background()
	return &WorkspaceService{ctx: ctx, h: h}, &FilingService{ctx: ctx, h: h, clock: backend.SystemClock{}}, ev
}

// TestTwoClerksOnOneTeamWorkspace: two app instances open the same team
// workspace as different clerks; the status line data says as whom; A's
// edit reaches B as an event; B's edit of the same field from the old
// revision comes back as a conflict naming A; a different field merges.
func TestTwoClerksOnOneTeamWorkspace(t *testing.T) {
	la, lb := teamLogin(t)
	wsA, fileA, _ := clerkApp(t)
	wsB, fileB, evB := clerkApp(t)

	// a server that is not there: a clear code, the local workspace stays open
	bad := la
	bad.Host = "/nonexistent-socket-dir"
	info, err := wsA.OpenTeamWorkspace(bad)
	if backend.ErrorCode(err) != backend.ECodeUnavailable || info.Kind != "local" || !info.Open {
		t.Fatalf("unreachable: %+v %v", info, err)
	}

	info, err = wsA.OpenTeamWorkspace(la)
	if err != nil || info.Kind != "team" || info.Clerk != "孙七" || !strings.HasSuffix(info.Path, la.Database) {
		t.Fatalf("A opens: %+v %v", info, err)
	}
	if info, err := wsB.OpenTeamWorkspace(lb); err != nil || info.Clerk != "周八" {
		t.Fatalf("B opens: %+v %v", info, err)
	}
	// B hears of changes once its listener is connected (it says so with
	// "online"); a change committed before that reaches B only as the
	// catch-all "changed 0" the listener sends when it starts. On a busy
	// machine A's save below came first, so wait for B to listen.
	online := EventWorkspaceOnline + " true"
	for deadline := time.Now().Add(30 * time.Second); !evB.has(online); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("B's listener never connected: %v", evB.got)
		}
	}
	v, err := fileA.NewApplication(0, "甲公司")
	if err != nil {
		t.Fatal(err)
	}
	id, base := v.Record.ID, v.Record.Rev
	opened, err := fileB.Get(id)
	if err != nil {
		t.Fatal(err)
	}

	a, err := fileA.SaveDraftFrom(id, base, []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"A 的名称"`)}})
	if err != nil || len(a.Conflicts) != 0 {
		t.Fatalf("A saves: %+v %v", a.Conflicts, err)
	}
	want := fmt.Sprintf("%s %d", EventWorkspaceChanged, id)
	for deadline := time.Now().Add(30 * time.Second); !evB.has(want); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("B never heard of A's save: %v", evB.got)
		}
	}
	b, err := fileB.SaveDraftFrom(id, opened.Record.Rev, []backend.DraftPatch{
		{Path: "entity.name", Value: []byte(`"B 的名称"`)},
		{Path: "entity.city", Value: []byte(`"杭州"`)},
	})
	if err != nil || len(b.Conflicts) != 1 {
		t.Fatalf("B saves: %+v %v", b.Conflicts, err)
	}
	if c := b.Conflicts[0]; c.Path != "entity.name" || c.Clerk != "孙七" || string(c.Theirs) != `"A 的名称"` {
		t.Fatalf("conflict %+v", c)
	}
	if e := b.Record.Doc.Entity; e.Name != "A 的名称" || e.City != "杭州" || b.Record.UpdatedBy != "周八" {
		t.Fatalf("after B: %+v by %s", e, b.Record.UpdatedBy)
	}
	// B has it open: A's list says so.
	if err := fileB.Editing(id); err != nil {
		t.Fatal(err)
	}
	rows, err := wsA.ListApplications(backend.ApplicationFilter{})
	if err != nil || len(rows.Items) != 1 || len(rows.Items[0].EditingBy) != 1 || rows.Items[0].EditingBy[0] != "周八" {
		t.Fatalf("A's list: %+v %v", rows.Items, err)
	}

	// The full export a team workspace offers instead of backups.
	ws, _ := wsA.h.get()
	out := filepath.Join(t.TempDir(), "copy.icpdesk")
	items, err := wsA.exportWorkspaceTo(ws, out)
	if err != nil || len(items) != 1 || items[0].Name != "甲公司" || items[0].Applications != 1 {
		t.Fatalf("export: %+v %v", items, err)
	}
	if _, err := wsA.exportWorkspaceTo(ws, out); backend.ErrorCode(err) != backend.ECodeConflict {
		t.Fatalf("export over an existing file: %v", err)
	}
}
