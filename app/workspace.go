package app

import (
	"context"
	"os/user"
	"sync"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/prefs"
	"icpdesk/backend/store"
	"icpdesk/backend/submit"
)

// workspaceHolder owns the open workspace: a local file (backend/store) or a
// team workspace on PostgreSQL (backend/pgstore). Opening happens at
// start-up; when it fails (locked, newer version, not a workspace) every
// service returns that coded error and the UI explains it, instead of the app
// refusing to start.
type workspaceHolder struct {
	mu      sync.RWMutex
	path    string // the file, or the team workspace's host/database
	ws      backend.Workspace
	team    *pgstore.Store // the open team workspace, or nil
	openErr error
	clock   backend.Clock
	// emit sends an event to the frontend (nil in tests); stopListen ends
	// the team workspace's change listener.
	emit       func(name string, data any)
	stopListen context.CancelFunc
	// reopen is set when start-up could not reopen the last team workspace;
	// opening any workspace clears it.
	reopen *TeamReopen
	// starting, when set, is closed once start-up has opened a workspace;
	// until then readers wait, so the window never sees "no workspace" while
	// the last team workspace's server is being asked.
	starting chan struct{}
}

func (h *workspaceHolder) waitStarted() {
	if h.starting != nil {
		<-h.starting
	}
}

// Events a team workspace sends the frontend.
const (
	// EventWorkspaceChanged carries the id of an application another clerk
	// changed (0: anything may have changed).
	EventWorkspaceChanged = "workspace:changed"
	// EventWorkspaceOnline says whether the team workspace's server answers.
	EventWorkspaceOnline = "workspace:online"
)

// closeLocked closes the open workspace; the caller holds h.mu.
func (h *workspaceHolder) closeLocked() {
	if h.stopListen != nil {
		h.stopListen()
		h.stopListen = nil
	}
	if h.ws != nil {
		_ = h.ws.Close()
	}
	h.ws, h.team = nil, nil
}

func (h *workspaceHolder) open(path string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closeLocked()
	h.path, h.reopen = path, nil
	s, err := store.Open(path, store.Options{Clock: h.clock, Clerk: osClerk()})
	if s != nil { // also a newer workspace, opened read-only with its error
		h.ws = s
	}
	h.openErr = err
}

// openTeam connects to a team workspace and, once that worked, closes the
// open one and switches to it; when it fails nothing changes and the error
// says why (server unreachable, login refused, no workspace there).
func (h *workspaceHolder) openTeam(ctx context.Context, login pgstore.Login) error {
	dsn, err := login.DSN()
	if err != nil {
		return err
	}
	octx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	st, err := pgstore.Open(octx, dsn, pgstore.Options{Clock: h.clock})
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closeLocked()
	h.ws, h.team, h.path, h.openErr, h.reopen = st, st, st.Label(), nil, nil
	lctx, stop := context.WithCancel(context.Background())
	h.stopListen = stop
	emit := h.emit
	go st.Listen(lctx, func(c pgstore.Change) {
		if emit != nil {
			emit(EventWorkspaceChanged, c.ApplicationID)
		}
	}, func(up bool) {
		if emit != nil {
			emit(EventWorkspaceOnline, up)
		}
	})
	return nil
}

func (h *workspaceHolder) get() (backend.Workspace, error) {
	h.waitStarted()
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.ws == nil {
		if h.openErr != nil {
			return nil, h.openErr
		}
		return nil, backend.Errorf(backend.ECodeNotFound, "workspace", nil, "no workspace open")
	}
	return h.ws, nil
}

// orBackground is ctx, or context.Background() for a service used before
// start-up gave it the app's context (tests).
func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// orSystemClock is c, or the system clock when the service was given none.
func orSystemClock(c backend.Clock) backend.Clock {
	if c == nil {
		return backend.SystemClock{}
	}
	return c
}

// application returns the open workspace and application id in it: the
// opening of most service methods (get's error when no workspace is open,
// ECodeNotFound for an unknown id).
func (h *workspaceHolder) application(ctx context.Context, id int64) (backend.Workspace, backend.ApplicationRecord, error) {
	ws, err := h.get()
	if err != nil {
		return nil, backend.ApplicationRecord{}, err
	}
	rec, err := ws.GetApplication(ctx, id)
	return ws, rec, err
}

func (h *workspaceHolder) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closeLocked()
}

// osClerk is who works in a local workspace: the operating system's user.
func osClerk() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// WorkspaceService is bound to the frontend: the workspace file, clients,
// application lists, trash and backups.
type WorkspaceService struct {
	ctx   context.Context
	h     *workspaceHolder
	prefs *prefs.File
}

// WorkspaceInfo describes the open workspace (or why it could not be opened).
type WorkspaceInfo struct {
	Path     string         `json:"path"`
	Kind     string         `json:"kind"`  // "local" (a file) or "team" (PostgreSQL)
	Clerk    string         `json:"clerk"` // who works in it: the OS user, or the PostgreSQL role
	Open     bool           `json:"open"`
	ReadOnly bool           `json:"readOnly"`
	Error    *backend.Error `json:"error,omitempty"`
	Backups  int            `json:"backups"`
	// BackupSkipped says why no backup was made when the workspace was
	// opened (a full disk…): the clerk is told, and can back up by hand later.
	BackupSkipped *backend.Error `json:"backupSkipped,omitempty"`
	// TeamReopen is set when the last team workspace could not be reopened
	// at start-up: the UI offers the team dialog filled in and says why.
	TeamReopen *TeamReopen `json:"teamReopen,omitempty"`
}

// Info returns the workspace path and state.
func (s *WorkspaceService) Info() WorkspaceInfo {
	s.h.waitStarted()
	s.h.mu.RLock()
	info := WorkspaceInfo{Path: s.h.path, Kind: "local", Clerk: osClerk(), TeamReopen: s.h.reopen}
	if s.h.team != nil {
		info.Kind, info.Clerk = "team", s.h.team.Clerk()
	}
	s.h.mu.RUnlock()
	ws, err := s.h.get()
	if err != nil {
		info.Error = backend.AsError(err)
		return info
	}
	info.Open = true
	if ro, ok := ws.(interface{ ReadOnly() string }); ok && ro.ReadOnly() != "" {
		code := ro.ReadOnly()
		info.ReadOnly = true
		info.Error = &backend.Error{Code: code}
	}
	if bs, err := ws.ListBackups(s.ctx); err == nil {
		for _, b := range bs {
			if !b.Partial {
				info.Backups++
			}
		}
	}
	if bs, ok := ws.(interface{ BackupSkipped() *backend.Error }); ok {
		info.BackupSkipped = bs.BackupSkipped()
	}
	return info
}

// ListClients returns every client with counts by status.
func (s *WorkspaceService) ListClients() ([]backend.ClientSummary, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return ws.ListClients(s.ctx)
}

// SaveClient creates a client (ID 0) or updates one.
func (s *WorkspaceService) SaveClient(c backend.Client) (backend.Client, error) {
	ws, err := s.h.get()
	if err != nil {
		return c, err
	}
	if c.ID == 0 {
		return ws.CreateClient(s.ctx, c)
	}
	return ws.UpdateClient(s.ctx, c)
}

// ApplicationRow is one line of the applications table: the summary plus
// what is still missing (submit.Counts), so the list says "3 blocking
// problems, 2 photos, checklist not printed" per row.
type ApplicationRow struct {
	backend.ApplicationSummary
	submit.Counts
	// Domains are every website's domains, for the list to show whole.
	Domains []string `json:"domains"`
	// Error: the counts could not be worked out (the row shows that, never
	// "nothing blocks").
	Error *backend.Error `json:"error,omitempty"`
}

// ApplicationRows is one page of the applications table.
type ApplicationRows struct {
	Items []ApplicationRow `json:"items"`
	Total int              `json:"total"`
}

// ListApplications returns one page of applications for the lists, each with
// what it still misses (submit.Counter.Count); a row that could not be
// counted carries its Error instead of counts.
func (s *WorkspaceService) ListApplications(f backend.ApplicationFilter) (ApplicationRows, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApplicationRows{}, err
	}
	page, err := ws.ListApplications(s.ctx, f)
	if err != nil {
		return ApplicationRows{}, err
	}
	out := ApplicationRows{Items: make([]ApplicationRow, 0, len(page.Items)), Total: page.Total}
	for _, it := range page.Items {
		row := ApplicationRow{ApplicationSummary: it}
		rec, err := ws.GetApplication(s.ctx, it.ID)
		if err == nil {
			row.Counts, err = counter(s.h.clock).Count(s.ctx, ws, rec)
			row.Domains = rec.Doc.Domains()
		}
		if err != nil {
			row = ApplicationRow{ApplicationSummary: it, Error: backend.AsError(err)}
		}
		out.Items = append(out.Items, row)
	}
	return out, nil
}

// TrashApplication moves an application to the trash.
func (s *WorkspaceService) TrashApplication(id int64) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	return ws.TrashApplication(s.ctx, id)
}

// RestoreApplication takes an application out of the trash.
func (s *WorkspaceService) RestoreApplication(id int64) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	return ws.RestoreApplication(s.ctx, id)
}

// EmptyTrash deletes the trashed applications for good.
func (s *WorkspaceService) EmptyTrash() (int, error) {
	ws, err := s.h.get()
	if err != nil {
		return 0, err
	}
	return ws.EmptyTrash(s.ctx)
}

// Backup writes a backup of the workspace now.
func (s *WorkspaceService) Backup() (backend.BackupInfo, error) {
	ws, err := s.h.get()
	if err != nil {
		return backend.BackupInfo{}, err
	}
	return ws.Backup(s.ctx)
}

// ListBackups returns the workspace's backups, newest first.
func (s *WorkspaceService) ListBackups() ([]backend.BackupInfo, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return ws.ListBackups(s.ctx)
}

// RestoreBackup replaces the workspace with a backup (the current state is
// backed up first).
func (s *WorkspaceService) RestoreBackup(name string) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	return ws.RestoreBackup(s.ctx, name)
}
