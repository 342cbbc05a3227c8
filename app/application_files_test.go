package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/backend"
)

func TestApplicationJSONRoundTrip(t *testing.T) {
	dir := t.TempDir()
	h := openHolder(t, filepath.Join(dir, "w.icpdesk"))
	s := &FilingService{ctx: context.Background(), h: h, clock: backend.SystemClock{}}

	// The documented example imports as a draft with no blocking problem.
	v, err := s.importJSONFrom(0, filepath.Join("..", "docs", "examples", "application.json"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Record.Doc.Entity.Name != "北京云帆科技有限公司" || len(v.Record.Doc.Websites) != 2 {
		t.Fatalf("imported %+v", v.Record.Doc.Entity)
	}
	if backend.Blocking(v.Findings) {
		t.Fatalf("example application has blocking findings: %+v", v.Findings)
	}

	out := filepath.Join(dir, "export.json")
	if err := writeApplicationJSON(v.Record.Doc, out); err != nil {
		t.Fatal(err)
	}
	again, err := s.importJSONFrom(v.Record.ClientID, out)
	if err != nil {
		t.Fatal(err)
	}
	if again.Record.Doc.Websites[1].Name != v.Record.Doc.Websites[1].Name || again.Record.ClientID != v.Record.ClientID {
		t.Fatal("export/import changed the application")
	}
}

func TestApplicationJSONRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	s := &FilingService{ctx: context.Background(), h: openHolder(t, filepath.Join(dir, "w.icpdesk")), clock: backend.SystemClock{}}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, body, code string
	}{
		{"garbage.json", "not json", backend.ECodeInvalid},
		{"unknown-field.json", `{"version":1,"entity":{"nmae":"x"}}`, backend.ECodeInvalid},
		{"newer.json", `{"version":99}`, backend.ECodeTooNew},
		{"v0.json", `{"version":0}`, backend.ECodeInvalid},
		{"vneg.json", `{"version":-1}`, backend.ECodeInvalid},
		{"vnull.json", `{"version":null}`, backend.ECodeInvalid},
		{"vmissing.json", `{"entity":{}}`, backend.ECodeInvalid},
		{"null.json", `null`, backend.ECodeInvalid},
		{"utf16.json", "\xff\xfe{\x00}\x00", backend.ECodeUnsupported},
		{"huge.json", `{"version":1,"entity":{"name":"` + strings.Repeat("a", backend.MaxApplicationFileBytes) + `"}}`, backend.ECodeTooLarge},
	}
	for _, c := range cases {
		if _, err := s.importJSONFrom(0, write(c.name, c.body)); backend.ErrorCode(err) != c.code {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.code)
		}
	}
	rows, _ := (&WorkspaceService{ctx: context.Background(), h: s.h}).ListApplications(backend.ApplicationFilter{})
	if rows.Total != 0 {
		t.Fatalf("a refused file still created %d applications", rows.Total)
	}
}

func TestSaveDraftRefusedOnceSubmitted(t *testing.T) {
	h := openHolder(t, filepath.Join(t.TempDir(), "w.icpdesk"))
	s := &FilingService{ctx: context.Background(), h: h, clock: backend.SystemClock{}}
	v, err := s.NewApplication(0, "客户")
	if err != nil {
		t.Fatal(err)
	}
	patch := []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"某某公司"`)}}
	if _, err := s.SaveDraft(v.Record.ID, patch); err != nil {
		t.Fatal(err)
	}
	ws, _ := h.get()
	for _, st := range []backend.Status{backend.StatusReady, backend.StatusSubmitted} {
		if _, err := ws.SetStatus(context.Background(), v.Record.ID, backend.StatusChange{To: st}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.SaveDraft(v.Record.ID, []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"改过的名称"`)}})
	if backend.ErrorCode(err) != backend.ECodeReadOnly {
		t.Fatalf("edit of a submitted application: err = %v, want read_only", err)
	}
	got, _ := s.Get(v.Record.ID)
	if got.Record.Doc.Entity.Name != "某某公司" {
		t.Fatalf("submitted application changed to %q", got.Record.Doc.Entity.Name)
	}
}

func TestEditingAReadyApplicationMakesItDraft(t *testing.T) {
	h := openHolder(t, filepath.Join(t.TempDir(), "w.icpdesk"))
	s := &FilingService{ctx: context.Background(), h: h, clock: backend.SystemClock{}}
	v, _ := s.NewApplication(0, "客户")
	ws, _ := h.get()
	if _, err := s.SaveDraft(v.Record.ID, []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"甲"`)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.SetStatus(context.Background(), v.Record.ID, backend.StatusChange{To: backend.StatusReady}); err != nil {
		t.Fatal(err)
	}
	got, err := s.SaveDraft(v.Record.ID, []backend.DraftPatch{{Path: "entity.name", Value: []byte(`"乙"`)}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Record.Status != backend.StatusDraft {
		t.Fatalf("status after editing a ready application = %s, want draft", got.Record.Status)
	}
}

func TestImportJSONRepairsDuplicateWebsiteIDs(t *testing.T) {
	dir := t.TempDir()
	s := &FilingService{ctx: context.Background(), h: openHolder(t, filepath.Join(dir, "w.icpdesk")), clock: backend.SystemClock{}}
	b, err := os.ReadFile(filepath.Join("..", "docs", "examples", "application.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc backend.Application
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Websites) < 2 {
		t.Fatalf("example: %v", err)
	}
	doc.Websites[1].ID = doc.Websites[0].ID
	p := filepath.Join(dir, "dup.json")
	raw, _ := json.Marshal(doc)
	os.WriteFile(p, raw, 0o600)
	v, err := s.importJSONFrom(0, p)
	if err != nil {
		t.Fatal(err)
	}
	ws := v.Record.Doc.Websites
	if ws[0].ID == ws[1].ID || len(v.Repaired) != 1 || v.Repaired[0].Index != 1 || v.Repaired[0].To != ws[1].ID {
		t.Fatalf("websites %q %q, repaired %+v", ws[0].ID, ws[1].ID, v.Repaired)
	}
}

// A file saved by Windows Notepad starts with a UTF-8 byte-order mark.
func TestImportJSONToleratesBOM(t *testing.T) {
	dir := t.TempDir()
	s := &FilingService{ctx: context.Background(), h: openHolder(t, filepath.Join(dir, "w.icpdesk")), clock: backend.SystemClock{}}
	b, err := os.ReadFile(filepath.Join("..", "docs", "examples", "application.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "bom.json")
	os.WriteFile(p, append([]byte("\xEF\xBB\xBF"), b...), 0o600)
	v, err := s.importJSONFrom(0, p)
	if err != nil {
		t.Fatal(err)
	}
	if v.Record.Doc.Entity.Name != "北京云帆科技有限公司" {
		t.Fatalf("imported %+v", v.Record.Doc.Entity)
	}
}
