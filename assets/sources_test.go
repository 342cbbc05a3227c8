package assets

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSourcesLoad(t *testing.T) {
	s, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) == 0 {
		t.Fatal("no sources")
	}
}

func TestLoadSourcesMergesAndRefusesDuplicates(t *testing.T) {
	ok := `{"a.one": {"doc": "d.md", "section": "s", "checked": "2026-11-30", "confidence": "confirmed"}}`
	two := `{"b.two": {"doc": "d.md", "section": "s", "checked": "2026-11-30", "confidence": "unconfirmed", "note": "n"}}`
	m, err := loadSources(fstest.MapFS{"src/x.json": {Data: []byte(ok)}, "src/y.json": {Data: []byte(two)}}, "src")
	if err != nil || len(m) != 2 || !m["a.one"].Confirmed() || m["b.two"].Confirmed() {
		t.Fatalf("merge: %v %v", m, err)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"duplicate":  {"src/x.json": {Data: []byte(ok)}, "src/y.json": {Data: []byte(ok)}},
		"confidence": {"src/x.json": {Data: []byte(strings.Replace(ok, `"confirmed"`, `"maybe"`, 1))}},
		"date":       {"src/x.json": {Data: []byte(strings.Replace(ok, "2026-11-30", "30.11.2026", 1))}},
		"no doc":     {"src/x.json": {Data: []byte(strings.Replace(ok, `"d.md"`, `""`, 1))}},
		"unknown":    {"src/x.json": {Data: []byte(strings.Replace(ok, `"doc"`, `"document"`, 1))}},
		"syntax":     {"src/x.json": {Data: []byte(ok[:20])}},
		"empty":      {},
	} {
		if _, err := loadSources(fsys, "src"); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}
