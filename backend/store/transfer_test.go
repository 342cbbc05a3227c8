package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"icpdesk/backend"
)

func FuzzImportClient(f *testing.F) {
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[]}`))
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[{"status":"draft","doc":{"version":1}}]}`))
	f.Add([]byte(`{"format":"icpdesk-client","version":1,"client":{"name":"a"},"applications":[{"status":"draft","doc":{"version":1},"photos":[{"slot":"entity.cert","original":"AA=="}]}]}`))
	s := mustOpen(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := s.ImportClient(ctx, bytes.NewReader(data))
		if err != nil && backend.ErrorCode(err) == backend.ECodeInternal {
			t.Fatalf("import failed without a user-facing code: %v", err)
		}
	})
}

// A client file whose application repeats a website ID: the later website
// gets a fresh ID (the import says how many), the checklist stored under the
// ID stays with the first website.
func TestImportRepairsDuplicateWebsiteIDs(t *testing.T) {
	src := mustOpen(t)
	c := mustClient(t, src, "Dup")
	r := mustApplication(t, src, c.ID, set("websites.0.name", "甲"), set("websites.0.domains.0", "a.cn"))
	src.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 first"), false)
	var buf bytes.Buffer
	if err := src.ExportClient(ctx, c.ID, &buf); err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	app := f["applications"].([]any)[0].(map[string]any)
	doc := app["doc"].(map[string]any)
	sites := doc["websites"].([]any)
	second := map[string]any{"id": "w1", "name": "乙", "domains": []any{"b.cn"}, "serviceContent": []any{}, "languages": []any{"zh-CN"}, "sameAsEntity": true, "person": sites[0].(map[string]any)["person"]}
	doc["websites"] = append(sites, second)
	raw, _ := json.Marshal(f)

	dst := mustOpen(t)
	res, err := dst.ImportClient(ctx, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if res.WebsiteIDsRepaired != 1 {
		t.Fatalf("repaired %d, want 1", res.WebsiteIDsRepaired)
	}
	page, _ := dst.ListApplications(ctx, backend.ApplicationFilter{ClientID: res.Client.ID})
	got, err := dst.GetApplication(ctx, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ws := got.Doc.Websites
	if len(ws) != 2 || ws[0].ID != "w1" || ws[1].ID == "w1" || ws[1].Name != "乙" {
		t.Fatalf("websites after import: %+v", ws)
	}
	docs, _ := dst.ListDocuments(ctx, got.ID)
	if len(docs) != 1 || docs[0].WebsiteID != "w1" {
		t.Fatalf("documents: %+v", docs)
	}
}

// A document stored before the repair existed (two websites, one ID) is
// read repaired, and a new application with a repeated ID is stored repaired.
func TestStoredDuplicateWebsiteIDsRepairedOnRead(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Old")
	doc := backend.NewApplication()
	doc.Websites = append(doc.Websites, backend.Website{ID: "w1", Name: "二"})
	r, err := s.CreateApplication(ctx, c.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Doc.Websites[0].ID == r.Doc.Websites[1].ID {
		t.Fatal("CreateApplication kept a duplicate website id")
	}
	// Write a duplicate behind the store's back, as an old version could.
	if _, err := s.db.Exec(`UPDATE applications SET doc = replace(doc, '"id":"w2"', '"id":"w1"') WHERE id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Doc.Websites[0].ID != "w1" || got.Doc.Websites[1].ID == "w1" {
		t.Fatalf("read back: %+v", got.Doc.Websites)
	}
}

// A client file with a 1 MB entity name (a hostile or broken file) is
// refused whole; nothing is written, autosaves stay fast.
func TestImportRefusesOversizedText(t *testing.T) {
	src := mustOpen(t)
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
	dst := mustOpen(t)
	_, err := dst.ImportClient(ctx, bytes.NewReader(raw))
	if e := backend.AsError(err); e == nil || e.Code != backend.ECodeTooLarge || e.Field != "applications.0.doc.entity.name" {
		t.Fatalf("err = %v", err)
	}
	if list, _ := dst.ListClients(ctx); len(list) != 0 {
		t.Fatalf("a refused import created %d clients", len(list))
	}
}

func TestStoreRefusesOversizedDraftsAndBlobs(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "C")
	r := mustApplication(t, s, c.ID)
	_, err := s.SaveDraft(ctx, r.ID, set("entity.remark", strings.Repeat("备", backend.DefaultDocLimits.TextRunes+1)))
	if backend.ErrorCode(err) != backend.ECodeTooLarge {
		t.Fatalf("oversized remark: %v", err)
	}
	doc := backend.NewApplication()
	doc.Websites = make([]backend.Website, backend.DefaultDocLimits.Websites+1)
	if _, err := s.CreateApplication(ctx, c.ID, doc); backend.ErrorCode(err) != backend.ECodeTooLarge {
		t.Fatalf("11 websites: %v", err)
	}
	big := append([]byte("%PDF-1.4 "), make([]byte, backend.DefaultDocLimits.BlobBytes)...)
	if _, err := s.PutDocument(ctx, r.ID, "w1", big, false); backend.ErrorCode(err) != backend.ECodeTooLarge {
		t.Fatalf("oversized PDF: %v", err)
	}
}
