// Package prefs keeps the user's preferences (language, last workspace, window
// state) in a small JSON file in the per-user ICP Desk directory. They live
// outside any workspace because they are needed before one is opened.
package prefs

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"icpdesk/backend"
)

// Languages ICP Desk ships; the first is the default.
var Languages = []string{"zh-CN", "en"}

// Prefs is what is remembered between runs.
type Prefs struct {
	Language      string `json:"language"`
	LastWorkspace string `json:"lastWorkspace,omitempty"`
	// LastKind is the kind of workspace the clerk last opened: KindLocal
	// (LastWorkspace, the file) or KindTeam (Team, the connection).
	LastKind string `json:"lastKind,omitempty"`
	Team     *Team  `json:"team,omitempty"`
	Window   Window `json:"window"`
}

// Workspace kinds remembered in LastKind.
const (
	KindLocal = "local"
	KindTeam  = "team"
)

// Team is how to reach the last team workspace: where and as whom, never
// the password (the clerk's pgpass file has it, or the clerk types it).
// There is deliberately no password field, so none can ever be written.
type Team struct {
	Host     string `json:"host"`
	Port     int    `json:"port,omitempty"`
	Database string `json:"database"`
	User     string `json:"user"`
	TLS      string `json:"tls,omitempty"`
}

// Window is the last window geometry.
type Window struct {
	Width     int  `json:"width,omitempty"`
	Height    int  `json:"height,omitempty"`
	Maximised bool `json:"maximised,omitempty"`
}

// File is a preferences file; safe for concurrent use.
type File struct {
	path string
	mu   sync.Mutex
}

// Open returns the preferences file at path (which need not exist yet).
func Open(path string) *File { return &File{path: path} }

// Path is where the file lives.
func (f *File) Path() string { return f.path }

// Load reads the preferences; a missing or unreadable file gives the defaults,
// because a damaged preferences file must never stop the app from starting.
func (f *File) Load() Prefs {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load()
}

func (f *File) load() Prefs {
	p := Prefs{Language: Languages[0]}
	b, err := os.ReadFile(f.path)
	if err == nil {
		_ = json.Unmarshal(b, &p)
	}
	if !validLanguage(p.Language) {
		p.Language = Languages[0]
	}
	return p
}

// Update applies change to the stored preferences and writes them atomically.
func (f *File) Update(change func(*Prefs)) (Prefs, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.load()
	change(&p)
	if !validLanguage(p.Language) {
		return p, backend.Errorf(backend.ECodeInvalid, "language", map[string]any{"value": p.Language}, "unknown language %q", p.Language)
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return p, backend.Wrap(backend.ECodeInternal, err)
	}
	if err := WriteFileAtomic(f.path, b, 0o600); err != nil {
		return p, backend.Wrap(backend.ECodeInternal, err)
	}
	return p, nil
}

// SetLanguage stores the UI language.
func (f *File) SetLanguage(lang string) (Prefs, error) {
	return f.Update(func(p *Prefs) { p.Language = lang })
}

func validLanguage(l string) bool {
	for _, x := range Languages {
		if x == l {
			return true
		}
	}
	return false
}

// WriteFileAtomic writes data to a temporary file in the same directory,
// syncs it and renames it over path, so a crash leaves the old or the new
// file, never half of one. The directory is created 0700 when missing.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, perm)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
		return errors.Join(errors.New("atomic write "+path), err)
	}
	return nil
}
