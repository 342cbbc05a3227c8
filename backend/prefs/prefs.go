// Package prefs keeps the user's preferences (language, last workspace, window
// state) in a small JSON file in the per-user ICP Desk directory. They live
// outside any workspace because they are needed before one is opened.
package prefs

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
	// problem is what went wrong reading the file, until the clerk is told
	// (Acknowledge); keep is set when a damaged file could not be moved
	// aside, so that Update does not overwrite it.
	problem *Problem
	told    map[string]bool // problem kinds acknowledged: told once
	keep    error
}

// Problem kinds: what was wrong with the preferences file.
const (
	ProblemCorrupt    = "corrupt"    // not ICP Desk's preferences (not JSON, wrong types): moved aside
	ProblemUnreadable = "unreadable" // could not be read (permissions, a folder in its place)
	ProblemLanguage   = "language"   // an unknown language; the rest was kept
)

// Problem says what was wrong with the preferences file when it was read:
// ICP Desk started with the defaults (or, for an unknown language, the
// default language), and the clerk is told once.
type Problem struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`             // the preferences file
	KeptAs string `json:"keptAs,omitempty"` // where the damaged file was moved, "" when it stayed
	Value  string `json:"value,omitempty"`  // the unknown language
	Detail string `json:"detail,omitempty"` // the system's reason, for support
}

// Open returns the preferences file at path (which need not exist yet).
func Open(path string) *File { return &File{path: path} }

// Path is where the file lives.
func (f *File) Path() string { return f.path }

// Load reads the preferences. A missing file gives the defaults. A damaged
// one gives the defaults too, because it must never stop the app from
// starting, but never silently: the damaged file is moved aside
// (prefs.json.broken) rather than overwritten, and the problem is kept for
// Acknowledge, so the clerk is told once.
func (f *File) Load() Prefs {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load()
}

func (f *File) load() Prefs {
	def := Prefs{Language: Languages[0]}
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return def
	}
	if err != nil {
		f.damaged(ProblemUnreadable, err)
		return def
	}
	var p Prefs
	if err := json.Unmarshal(b, &p); err != nil {
		f.damaged(ProblemCorrupt, err)
		return def
	}
	if !validLanguage(p.Language) {
		f.report(&Problem{Kind: ProblemLanguage, Path: f.path, Value: p.Language})
		p.Language = Languages[0]
	}
	return p
}

// damaged moves a file that cannot be used aside, so that the next write
// starts afresh without destroying it, and records the problem. When it
// cannot be moved, writes are refused (keep) instead of replacing it.
func (f *File) damaged(kind string, cause error) {
	pr := &Problem{Kind: kind, Path: f.path, Detail: cause.Error()}
	aside, err := moveAside(f.path)
	if err != nil {
		f.keep = backend.Errorf(backend.ECodeInternal, "preferences", map[string]any{"path": f.path},
			"preferences file %s is damaged (%v) and could not be moved aside: %v", f.path, cause, err)
	} else {
		pr.KeptAs, f.keep = aside, nil
	}
	f.report(pr)
}

// report keeps a problem for Problem unless the clerk was told of its
// kind already; a damaged file outranks an unknown language.
func (f *File) report(pr *Problem) {
	if f.told[pr.Kind] || (f.problem != nil && pr.Kind == ProblemLanguage) {
		return
	}
	f.problem = pr
}

// moveAside renames path to path.broken (path.2.broken, … when taken).
func moveAside(path string) (string, error) {
	for i := 1; i < 100; i++ {
		dest := path + ".broken"
		if i > 1 {
			dest = path + "." + strconv.Itoa(i) + ".broken"
		}
		if _, err := os.Lstat(dest); err == nil {
			continue
		}
		return dest, os.Rename(path, dest)
	}
	return "", errors.New("too many damaged preferences files kept")
}

// Problem returns what was wrong with the preferences file when it was
// last read, until the clerk acknowledges it (nil: nothing). It is not
// cleared by being asked: a window that asked and was then reloaded, or a
// second view of the same app, still shows it.
func (f *File) Problem() *Problem {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.problem
}

// Acknowledge records that the clerk was told of a problem of this kind, so
// it is not told again in this run (the file was moved aside, so the next
// run reads the defaults anyway).
func (f *File) Acknowledge(kind string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.told == nil {
		f.told = map[string]bool{}
	}
	f.told[kind] = true
	if f.problem != nil && f.problem.Kind == kind {
		f.problem = nil
	}
}

// Update applies change to the stored preferences and writes them atomically.
func (f *File) Update(change func(*Prefs)) (Prefs, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.load()
	if f.keep != nil {
		return p, f.keep
	}
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
