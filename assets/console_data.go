package assets

import (
	"encoding/json"
	"fmt"
	"sync"
)

// ConsoleFieldSpec is one field of Tencent's filing console (data/console_fields.json).
type ConsoleFieldSpec struct {
	Label       string   `json:"label"`
	LabelCode   string   `json:"labelCode,omitempty"`   // label when the cloud service is an authorisation code
	LabelNumber string   `json:"labelNumber,omitempty"` // label of a pre-approval's number
	Value       string   `json:"value"`                 // what fills it (resolved by backend/submit)
	For         string   `json:"for,omitempty"`         // "", "organisation" or "individual"
	Types       []string `json:"types,omitempty"`       // application types it is asked in ([] = all)
	Numbered    bool     `json:"numbered,omitempty"`    // one field per value: 网站域名1, 网站域名2…
	SkipSame    bool     `json:"skipSame,omitempty"`    // not asked when 同主体负责人 is ticked
	Source      string   `json:"source"`                // key in ConsoleData.Sources
}

// ConsoleSection is a titled group of console fields.
type ConsoleSection struct {
	Key    string             `json:"key"`
	Title  string             `json:"title"` // "{n}" is the website's number
	Fields []ConsoleFieldSpec `json:"fields"`
}

// ConsoleType is which sections the console shows for an application type.
type ConsoleType struct {
	Source   string   `json:"source"`
	Sections []string `json:"sections"`
}

// ConsoleData is data/console_fields.json.
type ConsoleData struct {
	Checked     string                 `json:"checked"`
	Sources     map[string]string      `json:"sources"`
	Types       map[string]ConsoleType `json:"types"`
	DefaultType string                 `json:"defaultType"`
	Sections    []ConsoleSection       `json:"sections"`
}

// Section returns the section with the given key.
func (d *ConsoleData) Section(key string) (ConsoleSection, bool) {
	for _, s := range d.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return ConsoleSection{}, false
}

// TypeOf returns the console layout of an application type (the default
// type's for an unknown one) and the type it used.
func (d *ConsoleData) TypeOf(appType string) (ConsoleType, string) {
	if t, ok := d.Types[appType]; ok {
		return t, appType
	}
	return d.Types[d.DefaultType], d.DefaultType
}

var (
	consoleOnce sync.Once
	console     *ConsoleData
	consoleErr  error
)

// Console returns the console field table, parsed once.
func Console() (*ConsoleData, error) {
	consoleOnce.Do(func() {
		b, err := files.ReadFile("data/console_fields.json")
		if err == nil {
			console, err = parseConsole(b)
		}
		if err != nil {
			consoleErr = fmt.Errorf("assets: data/console_fields.json: %w", err)
		}
	})
	return console, consoleErr
}

func parseConsole(b []byte) (*ConsoleData, error) {
	var d ConsoleData
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if _, ok := d.Types[d.DefaultType]; !ok {
		return nil, fmt.Errorf("default type %q has no layout", d.DefaultType)
	}
	seen := map[string]bool{}
	for _, s := range d.Sections {
		if s.Key == "" || s.Title == "" || seen[s.Key] || len(s.Fields) == 0 {
			return nil, fmt.Errorf("section %q: missing key, title or fields, or duplicate", s.Key)
		}
		seen[s.Key] = true
		for _, f := range s.Fields {
			if f.Label == "" || f.Value == "" {
				return nil, fmt.Errorf("section %s: a field needs label and value", s.Key)
			}
			if _, ok := d.Sources[f.Source]; !ok {
				return nil, fmt.Errorf("%s/%s: unknown source %q", s.Key, f.Label, f.Source)
			}
			if f.For != "" && f.For != "organisation" && f.For != "individual" {
				return nil, fmt.Errorf("%s/%s: for %q", s.Key, f.Label, f.For)
			}
			for _, t := range f.Types {
				if _, ok := d.Types[t]; !ok {
					return nil, fmt.Errorf("%s/%s: unknown type %q", s.Key, f.Label, t)
				}
			}
		}
	}
	for name, t := range d.Types {
		if _, ok := d.Sources[t.Source]; !ok {
			return nil, fmt.Errorf("type %s: unknown source %q", name, t.Source)
		}
		if len(t.Sections) == 0 {
			return nil, fmt.Errorf("type %s: no sections", name)
		}
		for _, k := range t.Sections {
			if !seen[k] {
				return nil, fmt.Errorf("type %s: unknown section %q", name, k)
			}
		}
	}
	return &d, nil
}

// MustConsole is Console after Load succeeded at start-up (a failure is a
// build defect, never an empty console table).
func MustConsole() *ConsoleData {
	d, err := Console()
	if err != nil {
		panic(err)
	}
	return d
}
