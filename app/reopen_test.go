package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/prefs"
)

// TestStartUpChoosesWorkspace: the start-up choice between the last team
// workspace and the local file, with a fake team opener.
func TestStartUpChoosesWorkspace(t *testing.T) {
	team := prefs.Prefs{LastKind: prefs.KindTeam, Team: &prefs.Team{Host: "db.lan", Port: 5433, Database: "icpdesk", User: "王五", TLS: "require"}}
	cases := []struct {
		name       string
		p          prefs.Prefs
		explicit   bool
		teamErr    error
		wantTried  bool
		wantLocal  bool
		wantReopen string // error code of the TeamReopen, "" for none
	}{
		{name: "last was local", p: prefs.Prefs{LastKind: prefs.KindLocal, Team: team.Team}, wantLocal: true},
		{name: "nothing remembered", p: prefs.Prefs{}, wantLocal: true},
		{name: "team opens (pgpass / no password)", p: team, wantTried: true},
		{name: "team needs a password", p: team, teamErr: backend.Errorf(backend.ECodeAuth, "", nil, "no password"), wantTried: true, wantLocal: true, wantReopen: backend.ECodeAuth},
		{name: "server unreachable", p: team, teamErr: backend.Errorf(backend.ECodeUnavailable, "", nil, "refused"), wantTried: true, wantLocal: true, wantReopen: backend.ECodeUnavailable},
		{name: "file named on the command line wins", p: team, explicit: true, wantLocal: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			local := filepath.Join(t.TempDir(), "local.icpdesk")
			h := &workspaceHolder{clock: backend.SystemClock{}}
			t.Cleanup(h.close)
			var tried *pgstore.Login
			h.startUp(context.Background(), c.p, local, c.explicit, func(ctx context.Context, l pgstore.Login) error {
				if _, ok := ctx.Deadline(); !ok {
					t.Error("start-up team open has no deadline")
				}
				tried = &l
				return c.teamErr
			})
			if (tried != nil) != c.wantTried {
				t.Fatalf("team open tried = %v, want %v", tried != nil, c.wantTried)
			}
			if tried != nil {
				want := pgstore.Login{Host: "db.lan", Port: 5433, Database: "icpdesk", User: "王五", TLS: "require"}
				if *tried != want {
					t.Errorf("team login = %+v, want %+v", *tried, want)
				}
			}
			info := (&WorkspaceService{ctx: context.Background(), h: h}).Info()
			if c.wantLocal != (info.Open && info.Path == local) {
				t.Errorf("local open = %v (info %+v), want %v", info.Open && info.Path == local, info, c.wantLocal)
			}
			got := ""
			if info.TeamReopen != nil {
				got = info.TeamReopen.Error.Code
				if info.TeamReopen.Login.Host != "db.lan" || info.TeamReopen.Login.Password != "" {
					t.Errorf("reopen login = %+v", info.TeamReopen.Login)
				}
			}
			if got != c.wantReopen {
				t.Errorf("teamReopen = %q, want %q", got, c.wantReopen)
			}
			if c.wantReopen != "" {
				// Choosing the local workspace (or any other) clears the offer.
				h.open(local)
				if (&WorkspaceService{h: h}).Info().TeamReopen != nil {
					t.Error("teamReopen survives opening a workspace")
				}
			}
		})
	}
}

// TestTeamWorkspaceRemembered: opening a team workspace with a password
// remembers the connection in prefs without the password, and the next
// start-up reopens it; needs the throwaway server (scripts/with-postgres.sh).
func TestTeamWorkspaceRemembered(t *testing.T) {
	a, _ := teamLogin(t)
	a.Password = "s3cret-never-stored"
	dir := t.TempDir()
	pf := prefs.Open(filepath.Join(dir, "prefs.json"))
	s, _, _ := clerkApp(t)
	s.prefs = pf
	if _, err := s.OpenTeamWorkspace(a); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pf.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(a.Password)) || bytes.Contains(bytes.ToLower(b), []byte("password")) {
		t.Fatalf("prefs file holds the password:\n%s", b)
	}
	p := pf.Load()
	if p.LastKind != prefs.KindTeam || p.Team == nil || p.Team.User != a.User || p.Team.Database != a.Database {
		t.Fatalf("prefs = %+v", p)
	}
	// Next start: the socket login needs no password, so it opens directly.
	h := &workspaceHolder{clock: backend.SystemClock{}}
	t.Cleanup(h.close)
	h.startUp(context.Background(), p, filepath.Join(dir, "local.icpdesk"), false, h.openTeam)
	info := (&WorkspaceService{ctx: context.Background(), h: h}).Info()
	if !info.Open || info.Kind != "team" || info.Clerk != a.User || info.TeamReopen != nil {
		t.Fatalf("start-up info = %+v", info)
	}
}

// TestStartUpReadersWait: the frontend asking for the workspace while
// start-up still talks to the team server gets the outcome, not "no
// workspace open".
func TestStartUpReadersWait(t *testing.T) {
	team := prefs.Prefs{LastKind: prefs.KindTeam, Team: &prefs.Team{Host: "db.lan", Database: "icpdesk", User: "王五"}}
	local := filepath.Join(t.TempDir(), "local.icpdesk")
	h := &workspaceHolder{clock: backend.SystemClock{}, starting: make(chan struct{})}
	t.Cleanup(h.close)
	got := make(chan WorkspaceInfo, 1)
	h.startUp(context.Background(), team, local, false, func(context.Context, pgstore.Login) error {
		began := make(chan struct{})
		go func() {
			close(began)
			got <- (&WorkspaceService{ctx: context.Background(), h: h}).Info()
		}()
		<-began
		return backend.Errorf(backend.ECodeUnavailable, "", nil, "refused")
	})
	info := <-got
	if !info.Open || info.Path != local || info.TeamReopen == nil || info.TeamReopen.Error.Code != backend.ECodeUnavailable {
		t.Fatalf("info while starting = %+v", info)
	}
}
