package app

import (
	"context"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/prefs"
)

// startTeamTimeout bounds how long start-up waits for the last team
// workspace's server before opening the local workspace instead, so an
// unreachable server never leaves the window blank for long.
const startTeamTimeout = 8 * time.Second

// TeamReopen says the last team workspace could not be reopened at start-up
// (a password is needed, the server is unreachable…): the frontend offers the
// team dialog filled in with Login and explains Error; meanwhile the local
// workspace is open.
type TeamReopen struct {
	Login pgstore.Login  `json:"login"`
	Error *backend.Error `json:"error"`
}

// startUp opens the workspace the app starts with: the last team workspace
// when that is what the clerk last opened (and no file was named on the
// command line), else the local file. A team workspace that cannot be
// reopened falls back to the local file and leaves a TeamReopen; the prefs
// keep the team workspace, so the next start tries it again.
func (h *workspaceHolder) startUp(ctx context.Context, p prefs.Prefs, local string, explicit bool, openTeam func(context.Context, pgstore.Login) error) {
	if h.starting != nil {
		defer close(h.starting)
	}
	if !explicit && p.LastKind == prefs.KindTeam && p.Team != nil {
		login := loginFromPrefs(*p.Team)
		tctx, cancel := context.WithTimeout(ctx, startTeamTimeout)
		err := openTeam(tctx, login)
		cancel()
		if err == nil {
			return
		}
		h.open(local)
		h.mu.Lock()
		h.reopen = &TeamReopen{Login: login, Error: backend.AsError(err)}
		h.mu.Unlock()
		return
	}
	h.open(local)
}

func loginFromPrefs(t prefs.Team) pgstore.Login {
	return pgstore.Login{Host: t.Host, Port: t.Port, Database: t.Database, User: t.User, TLS: t.TLS}
}

// teamPrefs is what is remembered of a login: everything but the password.
func teamPrefs(l pgstore.Login) *prefs.Team {
	return &prefs.Team{Host: l.Host, Port: l.Port, Database: l.Database, User: l.User, TLS: l.TLS}
}
