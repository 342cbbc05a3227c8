package app

import (
	"context"
	"runtime"

	"icpdesk/backend"
	"icpdesk/backend/prefs"
)

// SystemService is bound to the frontend: app information and preferences.
type SystemService struct {
	ctx       context.Context
	prefs     *prefs.File
	workspace string
	close     closeGuard
}

// AppInfo is what the About box and diagnostics show.
type AppInfo struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	GoVersion string `json:"goVersion"`
	Workspace string `json:"workspace"`
	DataDir   string `json:"dataDir"`
}

// Info returns the app's name, version, platform and paths.
func (s *SystemService) Info() AppInfo {
	return AppInfo{
		Name: "ICP Desk", Version: backend.Version, OS: runtime.GOOS, Arch: runtime.GOARCH,
		GoVersion: runtime.Version(), Workspace: s.workspace, DataDir: dirOf(s.prefs.Path()),
	}
}

// Preferences returns the stored preferences (language first).
func (s *SystemService) Preferences() prefs.Prefs { return s.prefs.Load() }

// SetLanguage stores the UI language ("zh-CN" or "en") and returns the
// preferences as saved.
func (s *SystemService) SetLanguage(lang string) (prefs.Prefs, error) {
	p, err := s.prefs.SetLanguage(lang)
	if err == nil {
		setWindowTitle(s.ctx, lang)
	}
	return p, err
}

// PreferencesProblem says what was wrong with the preferences file
// when ICP Desk started (nil when nothing was): the app then runs on the
// defaults, the damaged file kept beside it, and the clerk is told until
// they close the notice (AcknowledgePreferencesProblem).
func (s *SystemService) PreferencesProblem() *prefs.Problem { return s.prefs.Problem() }

// AcknowledgePreferencesProblem records that the clerk closed the notice of a
// problem of this kind: it is not shown again in this run.
func (s *SystemService) AcknowledgePreferencesProblem(kind string) { s.prefs.Acknowledge(kind) }
