package app

import (
	"cmp"
	"encoding/json"
	"os"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/backend"
	"icpdesk/backend/prefs"
)

func applicationFilter() wruntime.FileFilter {
	return wruntime.FileFilter{DisplayName: nativeString(textFilterApplication), Pattern: "*.json"}
}

// ExportJSON writes the application in the app's JSON format (the format
// icpdesk-cli reads, docs/application-format.md) where the clerk chooses.
// Returns the path, "" when cancelled.
func (s *FilingService) ExportJSON(id int64) (string, error) {
	_, rec, err := s.h.application(s.ctx, id)
	if err != nil {
		return "", err
	}
	name := rec.Doc.Entity.Name
	if d := rec.Doc.PrimaryDomain(); d != "" {
		name += "_" + d
	}
	path, err := wruntime.SaveFileDialog(s.ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textExportApplication), DefaultFilename: backend.SafeFileName(cmp.Or(strings.TrimSpace(name), "application") + ".json"), Filters: []wruntime.FileFilter{applicationFilter()},
	})
	if err != nil || path == "" {
		return "", err
	}
	return path, writeApplicationJSON(rec.Doc, path)
}

func writeApplicationJSON(doc backend.Application, path string) error {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return backend.Wrap(backend.ECodeInternal, err)
	}
	if err := prefs.WriteFileAtomic(path, append(b, '\n'), 0o600); err != nil {
		return backend.FileError(backend.ECodeInternal, err, path)
	}
	return nil
}

// ImportJSON reads an application file the clerk picks into a new draft of
// the client (0: a new client named after the entity).
func (s *FilingService) ImportJSON(clientID int64) (*ApplicationView, error) {
	path, err := wruntime.OpenFileDialog(s.ctx, wruntime.OpenDialogOptions{
		Title: nativeString(textImportApplication), Filters: []wruntime.FileFilter{applicationFilter()},
	})
	if err != nil || path == "" {
		return nil, err
	}
	v, err := s.importJSONFrom(clientID, path)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func (s *FilingService) importJSONFrom(clientID int64, path string) (ApplicationView, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApplicationView{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return ApplicationView{}, backend.Errorf(backend.ECodeNotFound, "path", map[string]any{"path": path}, "%v", err)
	}
	defer f.Close()
	af, err := backend.ReadApplicationFile(f)
	if err != nil {
		return ApplicationView{}, err
	}
	doc, repaired := af.App, af.Repaired
	if clientID == 0 {
		name := doc.Entity.Name
		if name == "" {
			name = nativeString(textImportedClient)
		}
		c, err := ws.CreateClient(s.ctx, backend.Client{Name: name})
		if err != nil {
			return ApplicationView{}, err
		}
		clientID = c.ID
	}
	rec, err := ws.CreateApplication(s.ctx, clientID, doc)
	if err != nil {
		return ApplicationView{}, err
	}
	v := s.view(rec)
	v.Repaired = repaired
	return v, nil
}
