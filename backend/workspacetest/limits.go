package workspacetest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"icpdesk/backend"
)

// Duplicate website IDs and document limits: what every workspace does with
// documents it did not make itself (moved from backend/store's tests).

// A client file whose application (and revision) repeats a website ID: the
// later website gets a fresh ID (the import says how many), the checklist
// stored under the ID stays with the first website.
func testImportRepairsDuplicateWebsiteIDs(t *testing.T, h Harness) {
	src := h.New(t, Config{})
	c := mustClient(t, src, "Dup")
	r := mustApplication(t, src, c.ID, set("websites.0.name", "甲"), set("websites.0.domains.0", "a.cn"))
	if _, err := src.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 first"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateRevision(ctx, r.ID, backend.RevisionManual, ""); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.ExportClient(ctx, c.ID, &buf); err != nil {
		t.Fatal(err)
	}
	raw := edit(t, buf.Bytes(), func(f map[string]any) {
		app := app0(f)
		docs := []map[string]any{app["doc"].(map[string]any)}
		for _, rev := range app["revisions"].([]any) {
			docs = append(docs, rev.(map[string]any)["doc"].(map[string]any))
		}
		for _, doc := range docs {
			sites := doc["websites"].([]any)
			second := map[string]any{"id": "w1", "name": "乙", "domains": []any{"b.cn"}, "serviceContent": []any{}, "languages": []any{"zh-CN"},
				"sameAsEntity": true, "person": sites[0].(map[string]any)["person"]}
			doc["websites"] = append(sites, second)
		}
	})

	dst := h.New(t, Config{})
	res, err := dst.ImportClient(ctx, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if res.WebsiteIDsRepaired != 1 {
		t.Fatalf("repaired %d, want 1", res.WebsiteIDsRepaired)
	}
	page, err := dst.ListApplications(ctx, backend.ApplicationFilter{ClientID: res.Client.ID})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("list: %v %+v", err, page)
	}
	got, err := dst.GetApplication(ctx, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ws := got.Doc.Websites
	if len(ws) != 2 || ws[0].ID != "w1" || ws[1].ID == "w1" || ws[1].Name != "乙" {
		t.Fatalf("websites after import: %+v", ws)
	}
	docs, err := dst.ListDocuments(ctx, got.ID)
	if err != nil || len(docs) != 1 || docs[0].WebsiteID != "w1" {
		t.Fatalf("documents: %v %+v", err, docs)
	}
	revs, err := dst.ListRevisions(ctx, got.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions: %v %+v", err, revs)
	}
	rev, err := dst.GetRevision(ctx, revs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rw := rev.Doc.Websites; len(rw) != 2 || rw[0].ID != "w1" || rw[1].ID == "w1" {
		t.Fatalf("revision websites after import: %+v", rw)
	}
}

// A document stored before the repair existed (two websites, one ID) is read
// repaired, and a new application with a repeated ID is stored repaired.
func testStoredDuplicateWebsiteIDsRepairedOnRead(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Old")
	doc := backend.NewApplication()
	doc.Websites = append(doc.Websites, backend.Website{ID: doc.Websites[0].ID, Name: "二"})
	r, err := s.CreateApplication(ctx, c.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Doc.Websites) != 2 || r.Doc.Websites[0].ID == r.Doc.Websites[1].ID {
		t.Fatalf("CreateApplication kept a duplicate website id: %+v", r.Doc.Websites)
	}
	// Write a duplicate behind the store's back, as an old version could.
	dup := r.Doc
	dup.Websites = append([]backend.Website(nil), r.Doc.Websites...)
	dup.Websites[1].ID = dup.Websites[0].ID
	raw, err := json.Marshal(dup)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Exec(s, `UPDATE applications SET doc = ? WHERE id = ?`, string(raw), r.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w := got.Doc.Websites; len(w) != 2 || w[0].ID != dup.Websites[0].ID || w[1].ID == w[0].ID || w[1].Name != "二" {
		t.Fatalf("read back: %+v", w)
	}
}

// A client file with a 768 kB entity name (a hostile or broken file) is
// refused whole with the field's path; nothing is written.
func testImportRefusesOversizedText(t *testing.T, h Harness) {
	src := h.New(t, Config{})
	c := mustClient(t, src, "Big")
	mustApplication(t, src, c.ID, set("entity.name", "短"))
	var buf bytes.Buffer
	if err := src.ExportClient(ctx, c.ID, &buf); err != nil {
		t.Fatal(err)
	}
	raw := bytes.Replace(buf.Bytes(), []byte(`"name":"短"`), []byte(`"name":"`+strings.Repeat("长", 1<<18)+`"`), 1)
	if bytes.Equal(raw, buf.Bytes()) {
		t.Fatal("entity name not found in the client file")
	}
	dst := h.New(t, Config{})
	_, err := dst.ImportClient(ctx, bytes.NewReader(raw))
	if e := backend.AsError(err); e == nil || e.Code != backend.ECodeTooLarge || e.Field != "applications.0.doc.entity.name" {
		t.Fatalf("err = %v", err)
	}
	if list, _ := dst.ListClients(ctx); len(list) != 0 {
		t.Fatalf("a refused import created %d clients", len(list))
	}
}

// Drafts, new applications and blobs over backend.DefaultDocLimits are
// refused as too_large, with the field that is too large.
func testRefusesOversizedDraftsAndBlobs(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "C")
	r := mustApplication(t, s, c.ID)
	_, err := s.SaveDraft(ctx, r.ID, set("entity.remark", strings.Repeat("备", backend.DefaultDocLimits.TextRunes+1)))
	wantCode(t, err, backend.ECodeTooLarge)
	doc := backend.NewApplication()
	doc.Websites = make([]backend.Website, backend.DefaultDocLimits.Websites+1)
	_, err = s.CreateApplication(ctx, c.ID, doc)
	wantCode(t, err, backend.ECodeTooLarge)

	over := int(backend.DefaultDocLimits.BlobBytes) + 1
	big := append([]byte("%PDF-1.4 "), make([]byte, over)...)
	_, err = s.PutDocument(ctx, r.ID, "w1", big, false)
	wantField(t, err, backend.ECodeTooLarge, "pdf")
	img := append(testPNG(t, 1), make([]byte, over)...)
	_, err = s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", Original: img,
		OriginalMIME: "image/png", OriginalWidth: 40, OriginalHeight: 30})
	wantField(t, err, backend.ECodeTooLarge, "original")
	p := putTestPhoto(t, s, r.ID, "entity.cert", 1)
	_, err = s.SetPhotoExport(ctx, p.ID, backend.PhotoExport{Export: img, ExportMIME: "image/png", ExportWidth: 40, ExportHeight: 30})
	wantField(t, err, backend.ECodeTooLarge, "export")

	// Nothing refused was kept.
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Doc.Entity.Remark != "" {
		t.Fatal("the oversized remark was saved")
	}
	if docs, _ := s.ListDocuments(ctx, r.ID); len(docs) != 0 {
		t.Fatalf("oversized PDF stored: %+v", docs)
	}
	if ph, err := s.GetPhoto(ctx, p.ID); err != nil || ph.ExportSize != 0 {
		t.Fatalf("oversized export stored: %v %+v", err, ph)
	}
}

func wantField(t testing.TB, err error, code, field string) {
	t.Helper()
	if e := backend.AsError(err); e == nil || e.Code != code || e.Field != field {
		t.Fatalf("err = %v (%+v), want %s at %q", err, e, code, field)
	}
}
