package app

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/prefs"
	"icpdesk/backend/store"
)

// Workspace files (.icpdesk) and client transfer files (.icpclient) as the
// dialogs offer them, named in the language set.
func workspaceFilter() wruntime.FileFilter {
	return wruntime.FileFilter{DisplayName: nativeString(textFilterWorkspace), Pattern: "*.icpdesk"}
}

func clientFilter() wruntime.FileFilter {
	return wruntime.FileFilter{DisplayName: nativeString(textFilterClient), Pattern: "*.icpclient"}
}

// switchWorkspace opens path as the workspace and remembers it for next start.
func (s *WorkspaceService) switchWorkspace(path string) (WorkspaceInfo, error) {
	s.h.open(path)
	if _, err := s.h.get(); err != nil {
		return s.Info(), err
	}
	if s.prefs != nil {
		_, _ = s.prefs.Update(func(p *prefs.Prefs) { p.LastWorkspace, p.LastKind = path, prefs.KindLocal })
	}
	return s.Info(), nil
}

// OpenWorkspace lets the clerk pick another workspace file and opens it. An
// empty result (cancelled dialog) changes nothing.
func (s *WorkspaceService) OpenWorkspace() (WorkspaceInfo, error) {
	path, err := wruntime.OpenFileDialog(s.ctx, wruntime.OpenDialogOptions{
		Title: nativeString(textOpenWorkspace), Filters: []wruntime.FileFilter{workspaceFilter()},
	})
	if err != nil || path == "" {
		return s.Info(), err
	}
	return s.switchWorkspace(path)
}

// NewWorkspace creates a workspace file where the clerk chooses (an agency may
// keep one per group of clients) and opens it.
func (s *WorkspaceService) NewWorkspace() (WorkspaceInfo, error) {
	path, err := wruntime.SaveFileDialog(s.ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textNewWorkspace), DefaultFilename: "clients.icpdesk", Filters: []wruntime.FileFilter{workspaceFilter()},
	})
	if err != nil || path == "" {
		return s.Info(), err
	}
	if !strings.HasSuffix(path, ".icpdesk") {
		path += ".icpdesk"
	}
	if _, err := os.Stat(path); err == nil {
		return s.Info(), backend.Errorf(backend.ECodeConflict, "path", map[string]any{"path": path}, "%s exists", path)
	}
	return s.switchWorkspace(path)
}

// ExportClient writes one client with all its applications to a file the
// clerk chooses (to hand to a colleague). Returns the path, "" if cancelled.
func (s *WorkspaceService) ExportClient(clientID int64) (string, error) {
	ws, err := s.h.get()
	if err != nil {
		return "", err
	}
	c, err := ws.GetClient(s.ctx, clientID)
	if err != nil {
		return "", err
	}
	path, err := wruntime.SaveFileDialog(s.ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textExportClient), DefaultFilename: backend.SafeFileName(cmp.Or(strings.TrimSpace(c.Name), "client") + ".icpclient"), Filters: []wruntime.FileFilter{clientFilter()},
	})
	if err != nil || path == "" {
		return "", err
	}
	return path, s.exportClientTo(clientID, path)
}

func (s *WorkspaceService) exportClientTo(clientID int64, path string) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*.tmp")
	if err != nil {
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	defer os.Remove(tmp.Name())
	if err := ws.ExportClient(s.ctx, clientID, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	if err := tmp.Close(); err != nil {
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	return nil
}

// ImportClient reads a client file the clerk picks into this workspace (new
// records; nothing is overwritten).
func (s *WorkspaceService) ImportClient() (*backend.ImportResult, error) {
	path, err := wruntime.OpenFileDialog(s.ctx, wruntime.OpenDialogOptions{
		Title: nativeString(textImportClient), Filters: []wruntime.FileFilter{clientFilter()},
	})
	if err != nil || path == "" {
		return nil, err
	}
	return s.importClientFrom(path)
}

func (s *WorkspaceService) importClientFrom(path string) (*backend.ImportResult, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, backend.Errorf(backend.ECodeNotFound, "path", map[string]any{"path": path}, "%v", err)
	}
	defer f.Close()
	r, err := ws.ImportClient(s.ctx, f)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// OpenTeamWorkspace connects to a team workspace on PostgreSQL as the clerk
// the login names and switches to it. The password is used for this
// connection only, never stored; an empty one is looked up in the clerk's
// pgpass file. When the server cannot be reached or refuses the login, the
// open workspace stays open and the error says why.
func (s *WorkspaceService) OpenTeamWorkspace(login pgstore.Login) (WorkspaceInfo, error) {
	if err := s.h.openTeam(s.ctx, login); err != nil {
		return s.Info(), err
	}
	if s.prefs != nil { // reopened at next start; never the password
		_, _ = s.prefs.Update(func(p *prefs.Prefs) { p.LastKind, p.Team = prefs.KindTeam, teamPrefs(login) })
	}
	return s.Info(), nil
}

// ExportWorkspace copies every client of the open workspace, with everything
// it owns, into a new workspace file the clerk chooses: the full export a
// team workspace offers in place of backups (its server backs it up), and a
// way to take a copy along. Returns the clients copied; a cancelled dialog
// copies nothing.
func (s *WorkspaceService) ExportWorkspace() ([]backend.CopyItem, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	path, err := wruntime.SaveFileDialog(s.ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textExportWholeWorkspace), DefaultFilename: "team-copy.icpdesk", Filters: []wruntime.FileFilter{workspaceFilter()},
	})
	if err != nil || path == "" {
		return []backend.CopyItem{}, err
	}
	return s.exportWorkspaceTo(ws, path)
}

func (s *WorkspaceService) exportWorkspaceTo(ws backend.Workspace, path string) ([]backend.CopyItem, error) {
	if !strings.HasSuffix(path, ".icpdesk") {
		path += ".icpdesk"
	}
	if _, err := os.Stat(path); err == nil {
		return nil, backend.Errorf(backend.ECodeConflict, "path", map[string]any{"path": path}, "%s exists", path)
	}
	dst, err := store.Open(path, store.Options{Clerk: osClerk()})
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return backend.CopyClients(s.ctx, ws, dst, backend.CopyOptions{})
}
