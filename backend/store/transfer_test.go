package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"icpdesk/backend"
)

// exportSample builds a client with two applications and everything they own.
func exportSample(t *testing.T, s *Store) (backend.Client, []byte) {
	t.Helper()
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID, set("entity.name", "某某公司"), set("websites.0.domains.0", "a.cn"))
	p := putTestPhoto(t, s, r.ID, "entity.cert", 1)
	putTestPhoto(t, s, r.ID, "entity.cert", 2) // history
	s.SetPhotoExport(ctx, p.ID, backend.PhotoExport{Export: testPNG(t, 5), ExportMIME: "image/png", ExportWidth: 40, ExportHeight: 30})
	s.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 sample"), false)
	s.CreateRevision(ctx, r.ID, backend.RevisionSubmit, "first")
	s.SetStatus(ctx, r.ID, backend.StatusChange{To: backend.StatusSubmitted, Actor: "user"})
	s.SetICPNumber(ctx, r.ID, "京ICP备1号")
	mustApplication(t, s, c.ID, set("entity.name", "第二"))
	trashed := mustApplication(t, s, c.ID, set("entity.name", "废纸篓"))
	s.TrashApplication(ctx, trashed.ID)
	other := mustClient(t, s, "Other")
	mustApplication(t, s, other.ID)
	var buf bytes.Buffer
	if err := s.ExportClient(ctx, c.ID, &buf); err != nil {
		t.Fatal(err)
	}
	return c, buf.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	src := mustOpen(t)
	c, file := exportSample(t, src)
	dst := mustOpen(t)
	mustClient(t, dst, "Existing") // ids in dst differ from src
	res, err := dst.ImportClient(ctx, bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if res.Applications != 2 || res.Client.Name != "Acme" || res.Client.ID == c.ID {
		t.Fatalf("import result: %+v", res)
	}
	page, _ := dst.ListApplications(ctx, backend.ApplicationFilter{ClientID: res.Client.ID, Sort: backend.SortCreated, Reverse: true})
	if page.Total != 2 {
		t.Fatalf("imported %d applications", page.Total)
	}
	first := page.Items[0]
	if first.EntityName != "某某公司" || first.Status != backend.StatusSubmitted || first.ICPNumber != "京ICP备1号" {
		t.Fatalf("imported application: %+v", first)
	}
	hist, _ := dst.PhotoHistory(ctx, first.ID, "entity.cert")
	if len(hist) != 2 || !hist[0].Current || hist[1].Current || hist[1].ExportSize == 0 {
		t.Fatalf("photo history: %+v", hist)
	}
	cur, _ := dst.CurrentPhoto(ctx, first.ID, "entity.cert")
	if !bytes.Equal(cur.Original, testPNG(t, 2)) {
		t.Fatal("photo bytes differ")
	}
	if d, err := dst.LatestDocument(ctx, first.ID, "w1"); err != nil || string(d.PDF) != "%PDF-1.4 sample" {
		t.Fatalf("document: %v", err)
	}
	if revs, _ := dst.ListRevisions(ctx, first.ID); len(revs) != 1 || revs[0].Note != "first" {
		t.Fatalf("revisions: %+v", revs)
	}
	if evs, _ := dst.ListEvents(ctx, first.ID); len(evs) != 2 || evs[1].To != backend.StatusSubmitted {
		t.Fatalf("events: %+v", evs)
	}
	// importing twice makes a second client, never overwrites
	res2, err := dst.ImportClient(ctx, bytes.NewReader(file))
	if err != nil || res2.Client.ID == res.Client.ID {
		t.Fatalf("second import: %+v %v", res2, err)
	}
	if err := dst.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// edit decodes the sample file, changes it and encodes it again.
func edit(t *testing.T, file []byte, fn func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(file, &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	out, _ := json.Marshal(m)
	return out
}

func app0(m map[string]any) map[string]any {
	return m["applications"].([]any)[0].(map[string]any)
}

func TestImportRejectsHostileFiles(t *testing.T) {
	src := mustOpen(t)
	_, file := exportSample(t, src)
	tests := []struct {
		name  string
		file  []byte
		code  string
		field string
	}{
		{"empty", nil, backend.ECodeUnsupported, ""},
		{"not JSON", []byte("PK\x03\x04 zip bytes"), backend.ECodeUnsupported, ""},
		{"JSON array", []byte(`[1,2]`), backend.ECodeUnsupported, ""},
		{"truncated", file[:len(file)/2], backend.ECodeCorrupt, ""},
		{"another format", []byte(`{"format":"something","version":1}`), backend.ECodeUnsupported, "format"},
		{"newer version", edit(t, file, func(m map[string]any) { m["version"] = 2 }), backend.ECodeTooNew, "version"},
		{"unknown field", edit(t, file, func(m map[string]any) { m["evil"] = true }), backend.ECodeInvalid, ""},
		{"no client name", edit(t, file, func(m map[string]any) { m["client"].(map[string]any)["name"] = "" }), backend.ECodeInvalid, "client.name"},
		{"unknown status", edit(t, file, func(m map[string]any) { app0(m)["status"] = "hacked" }), backend.ECodeInvalid, "applications.0.status"},
		{"bad document", edit(t, file, func(m map[string]any) {
			app0(m)["doc"].(map[string]any)["entity"].(map[string]any)["name"] = 5
		}), backend.ECodeInvalid, "applications.0.doc.entity.name"},
		{"photo checksum", edit(t, file, func(m map[string]any) {
			app0(m)["photos"].([]any)[0].(map[string]any)["originalSha256"] = strings.Repeat("0", 64)
		}), backend.ECodeCorrupt, "applications.0.photos.0.original"},
		{"photo slot path", edit(t, file, func(m map[string]any) {
			app0(m)["photos"].([]any)[0].(map[string]any)["slot"] = "../../etc"
		}), backend.ECodeInvalid, "applications.0.photos.0.slot"},
		{"two current photos", edit(t, file, func(m map[string]any) {
			delete(app0(m)["photos"].([]any)[0].(map[string]any), "replacedAt")
		}), backend.ECodeInvalid, "applications.0.photos.1.slot"},
		{"document not a PDF", edit(t, file, func(m map[string]any) {
			app0(m)["documents"].([]any)[0].(map[string]any)["pdf"] = "PHNjcmlwdD4="
		}), backend.ECodeUnsupported, "applications.0.documents.0.pdf"},
		{"duplicate revision number", edit(t, file, func(m map[string]any) {
			a := app0(m)
			revs := a["revisions"].([]any)
			a["revisions"] = append(revs, revs[0])
		}), backend.ECodeInvalid, "applications.0.revisions.1.number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := mustOpen(t)
			_, err := dst.ImportClient(ctx, bytes.NewReader(tc.file))
			wantCode(t, err, tc.code)
			if tc.field != "" && backend.AsError(err).Field != tc.field {
				t.Fatalf("field %q, want %q", backend.AsError(err).Field, tc.field)
			}
			if cs, _ := dst.ListClients(ctx); len(cs) != 0 {
				t.Fatal("a refused import wrote something")
			}
		})
	}
	t.Run("over the size limit", func(t *testing.T) {
		dst := mustOpen(t)
		dst.opts.MaxImportBytes = int64(len(file) - 1)
		_, err := dst.ImportClient(ctx, bytes.NewReader(file))
		wantCode(t, err, backend.ECodeTooLarge)
	})
}

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
