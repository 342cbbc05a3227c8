package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// Confidence says whether a rule's source text was found and read.
const (
	Confirmed   = "confirmed"
	Unconfirmed = "unconfirmed"
)

// Source is where a rule comes from: a document of Tencent's filing docs
// (a path inside tencentyun/qcloud-documents or intlcloud-documents) or the
// name of an official notice or standard, the section or item it is in, the
// day it was last checked and whether its text was found (confirmed).
type Source struct {
	Doc        string `json:"doc"`
	Section    string `json:"section"`
	Checked    string `json:"checked"`
	Confidence string `json:"confidence"`
	Note       string `json:"note,omitempty"`
}

// Confirmed reports whether the source's text was found.
func (s Source) Confirmed() bool { return s.Confidence == Confirmed }

// SourcesDir is the folder of source files; every *.json in it is one object
// mapping rule id → Source. Several helpers and features add their own file.
const SourcesDir = "data/sources"

var (
	sourcesOnce sync.Once
	sources     map[string]Source
	sourcesErr  error
)

// Sources returns every rule's source, merged from all files in SourcesDir,
// parsed once. A duplicate id across files, an unknown confidence or a missing
// document is an error.
func Sources() (map[string]Source, error) {
	sourcesOnce.Do(func() { sources, sourcesErr = loadSources(files, SourcesDir) })
	return sources, sourcesErr
}

func loadSources(fsys fs.FS, dir string) (map[string]Source, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("assets: %s: no source files", dir)
	}
	sort.Strings(names)
	out := map[string]Source{}
	from := map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("assets: %s: %w", name, err)
		}
		var m map[string]Source
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("assets: %s: %w", name, err)
		}
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			s := m[id]
			if prev, dup := from[id]; dup {
				return nil, fmt.Errorf("assets: rule %s has a source in both %s and %s", id, prev, name)
			}
			if err := s.validate(); err != nil {
				return nil, fmt.Errorf("assets: %s: rule %s: %w", name, id, err)
			}
			out[id], from[id] = s, name
		}
	}
	return out, nil
}

func (s Source) validate() error {
	switch {
	case strings.TrimSpace(s.Doc) == "":
		return fmt.Errorf("no document")
	case strings.TrimSpace(s.Section) == "":
		return fmt.Errorf("no section")
	case s.Confidence != Confirmed && s.Confidence != Unconfirmed:
		return fmt.Errorf("confidence %q is neither %s nor %s", s.Confidence, Confirmed, Unconfirmed)
	}
	if _, err := time.Parse("2006-01-02", s.Checked); err != nil {
		return fmt.Errorf("checked %q is not a date (YYYY-MM-DD)", s.Checked)
	}
	return nil
}

// MustSources is Sources for start-up code: a defect in the data files stops
// the program with the file and rule named (caught by the assets tests first).
func MustSources() map[string]Source {
	s, err := Sources()
	if err != nil {
		panic(err)
	}
	return s
}
