// Package workspacetest is the contract every backend.Workspace keeps: one
// suite of tests run against the SQLite workspace (backend/store) and the
// PostgreSQL team workspace (backend/pgstore) from their own test files. It
// imports neither: each passes a Harness that opens its kind of workspace.
package workspacetest

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"icpdesk/backend"
)

var ctx = context.Background()

// Config is what a test asks of a new workspace.
type Config struct {
	Clock          backend.Clock // nil: a clock ticking one second per call
	MaxImportBytes int64         // 0: the implementation's default
}

// Harness opens workspaces of one implementation for the suite.
type Harness struct {
	// New opens a new, empty workspace, closed when the test ends.
	New func(t testing.TB, c Config) backend.Workspace
	// Reopen closes w and opens the same workspace again.
	Reopen func(t testing.TB, w backend.Workspace) backend.Workspace
	// Exec runs one statement on w's database, bypassing the Workspace
	// (to prove the database itself refuses it); "?" marks parameters.
	Exec func(w backend.Workspace, query string, args ...any) error
	// Count runs a SELECT COUNT(*) query on w's database.
	Count func(w backend.Workspace, query string, args ...any) (int, error)
	// Clerk is the name New's workspaces record as who did what.
	Clerk string
	// AsClerk opens w's workspace a second time as another clerk and returns
	// it with that clerk's name; nil when one clerk works at a time.
	AsClerk func(t testing.TB, w backend.Workspace, c Config) (backend.Workspace, string)
}

// Run runs the whole contract against h.
func Run(t *testing.T, h Harness) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Harness)
	}{
		{"SaveDraftPersistsAndIndexes", testSaveDraftPersistsAndIndexes},
		{"ListApplications", testListApplications},
		{"TrashRestoreAndEmpty", testTrashRestoreAndEmpty},
		{"DuplicateAndNewWebsite", testDuplicateAndNewWebsite},
		{"Clients", testClients},
		{"CreateGivesWebsitesWithoutIDsTheirOwn", testCreateGivesWebsitesWithoutIDsTheirOwn},
		{"PhotosKeepHistory", testPhotosKeepHistory},
		{"Documents", testDocuments},
		{"RevisionsAndDiff", testRevisionsAndDiff},
		{"StatusEventsAndSettings", testStatusEventsAndSettings},
		{"ExportImportRoundTrip", testExportImportRoundTrip},
		{"ImportRejectsHostileFiles", testImportRejectsHostileFiles},
		{"ClerkRecorded", testClerkRecorded},
		{"SaveDraftFromOneClerk", testSaveDraftFromOneClerk},
		{"SaveDraftFromTwoClerks", testSaveDraftFromTwoClerks},
		{"ImportRepairsDuplicateWebsiteIDs", testImportRepairsDuplicateWebsiteIDs},
		{"StoredDuplicateWebsiteIDsRepairedOnRead", testStoredDuplicateWebsiteIDsRepairedOnRead},
		{"ImportRefusesOversizedText", testImportRefusesOversizedText},
		{"RefusesOversizedDraftsAndBlobs", testRefusesOversizedDraftsAndBlobs},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, h) })
	}
}

// TestClock ticks one second per call so orderings by time are deterministic.
type TestClock struct{ t time.Time }

func (c *TestClock) Now() time.Time { c.t = c.t.Add(time.Second); return c.t }

// NewClock starts a TestClock on 1 March 2025, 09:00 in Shanghai.
func NewClock() *TestClock {
	return &TestClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, backend.Shanghai)}
}

func mustClient(t testing.TB, s backend.Workspace, name string) backend.Client {
	t.Helper()
	c, err := s.CreateClient(ctx, backend.Client{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustApplication(t testing.TB, s backend.Workspace, clientID int64, patches ...backend.DraftPatch) backend.ApplicationRecord {
	t.Helper()
	r, err := s.CreateApplication(ctx, clientID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	if len(patches) > 0 {
		if r, err = s.SaveDraft(ctx, r.ID, patches...); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func set(path string, v any) backend.DraftPatch {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return backend.DraftPatch{Path: path, Value: raw}
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := backend.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func testClerkRecorded(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID, set("entity.name", "某某公司"))
	if r.UpdatedBy != h.Clerk || r.Rev != 2 {
		t.Fatalf("record: updatedBy %q rev %d, want %q 2", r.UpdatedBy, r.Rev, h.Clerk)
	}
	if _, err := s.SetStatus(ctx, r.ID, backend.StatusChange{To: backend.StatusReady, Actor: "user"}); err != nil {
		t.Fatal(err)
	}
	rev, err := s.CreateRevision(ctx, r.ID, backend.RevisionManual, "")
	if err != nil || rev.Clerk != h.Clerk {
		t.Fatalf("revision clerk %q %v", rev.Clerk, err)
	}
	if list, _ := s.ListRevisions(ctx, r.ID); len(list) != 1 || list[0].Clerk != h.Clerk {
		t.Fatalf("listed revisions: %+v", list)
	}
	evs, _ := s.ListEvents(ctx, r.ID)
	if len(evs) != 2 || evs[0].Clerk != h.Clerk || evs[1].Clerk != h.Clerk {
		t.Fatalf("events: %+v", evs)
	}
	page, _ := s.ListApplications(ctx, backend.ApplicationFilter{})
	if len(page.Items) != 1 || page.Items[0].UpdatedBy != h.Clerk {
		t.Fatalf("list: %+v", page.Items)
	}
}

func testSaveDraftFromOneClerk(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	// Two saves in flight from one screen both start from r.Rev: one clerk's
	// saves arrive in order, so the later simply wins.
	a, err := s.SaveDraftFrom(ctx, r.ID, r.Rev, set("entity.name", "甲"))
	if err != nil || len(a.Conflicts) != 0 || a.Record.Rev != r.Rev+1 {
		t.Fatalf("first save: %+v %v", a, err)
	}
	b, err := s.SaveDraftFrom(ctx, r.ID, r.Rev, set("entity.name", "乙"), set("entity.city", "杭州"))
	if err != nil || len(b.Conflicts) != 0 || b.Record.Doc.Entity.Name != "乙" || b.Record.Doc.Entity.City != "杭州" {
		t.Fatalf("second save: %+v %v", b, err)
	}
	// nothing changed: same rev, nothing written
	same, err := s.SaveDraftFrom(ctx, r.ID, b.Record.Rev, set("entity.city", "杭州"))
	if err != nil || same.Record.Rev != b.Record.Rev || !same.Record.UpdatedAt.Equal(b.Record.UpdatedAt) {
		t.Fatalf("no-op save: %+v %v", same.Record, err)
	}
	_, err = s.SaveDraftFrom(ctx, r.ID, b.Record.Rev+5, set("entity.city", "x"))
	wantCode(t, err, backend.ECodeInvalid)
	s.TrashApplication(ctx, r.ID)
	_, err = s.SaveDraftFrom(ctx, r.ID, b.Record.Rev, set("entity.city", "x"))
	wantCode(t, err, backend.ECodeConflict)
}

func testSaveDraftFromTwoClerks(t *testing.T, h Harness) {
	if h.AsClerk == nil {
		t.Skip("one clerk at a time in this workspace")
	}
	a := h.New(t, Config{})
	b, clerkB := h.AsClerk(t, a, Config{})
	c := mustClient(t, a, "Acme")
	r := mustApplication(t, a, c.ID, set("entity.name", "原名"))
	base := r.Rev

	// B saves first; A, still on base, edits another field: merged.
	rb, err := b.SaveDraftFrom(ctx, r.ID, base, set("entity.name", "B 的名字"))
	if err != nil || len(rb.Conflicts) != 0 || rb.Record.UpdatedBy != clerkB {
		t.Fatalf("B: %+v %v", rb, err)
	}
	ra, err := a.SaveDraftFrom(ctx, r.ID, base, set("entity.city", "杭州"))
	if err != nil || len(ra.Conflicts) != 0 {
		t.Fatalf("A merge: %+v %v", ra, err)
	}
	if d := ra.Record.Doc.Entity; d.Name != "B 的名字" || d.City != "杭州" {
		t.Fatalf("merged document: %+v", d)
	}
	// A, still on base, changes the field B changed, with another field: the
	// other field is saved, the clash comes back with B's value, who and when.
	ra2, err := a.SaveDraftFrom(ctx, r.ID, base, set("entity.name", "A 的名字"), set("entity.address", "文一西路"))
	if err != nil || len(ra2.Conflicts) != 1 {
		t.Fatalf("A conflict: %+v %v", ra2, err)
	}
	cf := ra2.Conflicts[0]
	if cf.Path != "entity.name" || string(cf.Mine) != `"A 的名字"` || string(cf.Theirs) != `"B 的名字"` || cf.Clerk != clerkB || cf.At.IsZero() {
		t.Fatalf("conflict: %+v", cf)
	}
	if d := ra2.Record.Doc.Entity; d.Name != "B 的名字" || d.Address != "文一西路" {
		t.Fatalf("after conflict: %+v", d)
	}
	// the same value typed by both is no conflict
	if same, err := a.SaveDraftFrom(ctx, r.ID, base, set("entity.name", "B 的名字")); err != nil || len(same.Conflicts) != 0 {
		t.Fatalf("same value: %+v %v", same, err)
	}
	// a whole-website change clashes with B's change inside it
	if _, err := b.SaveDraftFrom(ctx, r.ID, ra2.Record.Rev, set("websites.0.name", "B 的网站")); err != nil {
		t.Fatal(err)
	}
	whole, err := a.SaveDraftFrom(ctx, r.ID, ra2.Record.Rev, set("websites.0", map[string]any{"id": "w1", "name": "A 的网站"}))
	if err != nil || len(whole.Conflicts) != 1 || whole.Conflicts[0].Path != "websites.0" {
		t.Fatalf("nested conflict: %+v %v", whole, err)
	}
	// A keeps theirs for nothing and mine for the name: saved from the current rev
	mine, err := a.SaveDraftFrom(ctx, r.ID, whole.Record.Rev, set("entity.name", "A 的名字"))
	if err != nil || len(mine.Conflicts) != 0 || mine.Record.Doc.Entity.Name != "A 的名字" {
		t.Fatalf("resolved as mine: %+v %v", mine, err)
	}
	got, _ := b.GetApplication(ctx, r.ID)
	if got.Doc.Entity.Name != "A 的名字" || got.Doc.Websites[0].Name != "B 的网站" || got.Doc.Entity.City != "杭州" {
		t.Fatalf("B sees: %+v %+v", got.Doc.Entity, got.Doc.Websites)
	}
}

func testSaveDraftPersistsAndIndexes(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	patches := []backend.DraftPatch{
		set("type", "first"),
		set("entity.name", "杭州某某网络科技有限公司"),
		set("entity.province", "zhejiang"),
		set("entity.person.mobile", "13800138000"),
		set("websites.0.domains.0", "Example.CN"),
	}
	r2, err := s.SaveDraft(ctx, r.ID, patches...)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Doc.Entity.Person.Mobile != "13800138000" || !r2.UpdatedAt.After(r.UpdatedAt) {
		t.Fatalf("record after save: %+v", r2)
	}
	// same save again: same document, nothing written
	r3, err := s.SaveDraft(ctx, r.ID, patches...)
	if err != nil || !r3.UpdatedAt.Equal(r2.UpdatedAt) {
		t.Fatalf("idempotent save changed updated_at: %v %v", r3.UpdatedAt, err)
	}
	// survives a reopen
	s = h.Reopen(t, s)
	got, err := s.GetApplication(ctx, r.ID)
	if err != nil || got.Doc.Entity.Name != "杭州某某网络科技有限公司" {
		t.Fatalf("after reopen: %+v %v", got.Doc.Entity, err)
	}
	page, err := s.ListApplications(ctx, backend.ApplicationFilter{Text: "example.cn"})
	if err != nil || page.Total != 1 {
		t.Fatalf("search by domain: %+v %v", page, err)
	}
	it := page.Items[0]
	if it.Province != "zhejiang" || it.Type != backend.TypeFirst || it.PrimaryDomain != "Example.CN" || it.ClientName != "Acme" {
		t.Fatalf("indexed columns: %+v", it)
	}

	// invalid patches leave the document as it was
	for _, p := range []backend.DraftPatch{set("entity.nmae", "x"), set("websites.5", map[string]any{}), set("entity.name", 3)} {
		_, err := s.SaveDraft(ctx, r.ID, set("entity.city", "杭州"), p)
		wantCode(t, err, backend.ECodeInvalid)
	}
	if got, _ := s.GetApplication(ctx, r.ID); got.Doc.Entity.City != "" {
		t.Fatal("failed save was partly applied")
	}
	_, err = s.SaveDraft(ctx, 999, set("entity.name", "x"))
	wantCode(t, err, backend.ECodeNotFound)

	if err := s.SetStep(ctx, r.ID, "websites"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetApplication(ctx, r.ID); got.Step != "websites" {
		t.Fatalf("step %q", got.Step)
	}
}

func testListApplications(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	a := mustClient(t, s, "Alpha")
	b := mustClient(t, s, "Beta")
	mk := func(c backend.Client, name, province, typ, domain string) backend.ApplicationRecord {
		return mustApplication(t, s, c.ID, set("entity.name", name), set("entity.province", province), set("type", typ), set("websites.0.domains.0", domain))
	}
	r1 := mk(a, "北京一号公司", "beijing", "first", "one.cn")
	r2 := mk(a, "上海二号公司", "shanghai", "add_website_tencent", "two.com")
	r3 := mk(b, "北京三号公司", "beijing", "first", "three_100%.cn")
	if _, err := s.SetStatus(ctx, r2.ID, backend.StatusChange{To: backend.StatusReady}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetICPNumber(ctx, r1.ID, "京ICP备12345678号"); err != nil {
		t.Fatal(err)
	}
	ids := func(p backend.ApplicationPage) []int64 {
		var out []int64
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	tests := []struct {
		name  string
		f     backend.ApplicationFilter
		want  []int64
		total int
	}{
		{"all, newest change first", backend.ApplicationFilter{}, []int64{r1.ID, r2.ID, r3.ID}, 3},
		{"by created, oldest first", backend.ApplicationFilter{Sort: backend.SortCreated, Reverse: true}, []int64{r1.ID, r2.ID, r3.ID}, 3},
		{"by entity name", backend.ApplicationFilter{Sort: backend.SortEntityName}, []int64{r2.ID, r1.ID, r3.ID}, 3},
		{"client", backend.ApplicationFilter{ClientID: b.ID}, []int64{r3.ID}, 1},
		{"status", backend.ApplicationFilter{Statuses: []backend.Status{backend.StatusReady}}, []int64{r2.ID}, 1},
		{"statuses", backend.ApplicationFilter{Statuses: []backend.Status{backend.StatusReady, backend.StatusDraft}, Sort: backend.SortCreated}, []int64{r3.ID, r2.ID, r1.ID}, 3},
		{"province and type", backend.ApplicationFilter{Province: "beijing", Types: []backend.ApplicationType{backend.TypeFirst}, Sort: backend.SortCreated}, []int64{r3.ID, r1.ID}, 2},
		{"text: entity name", backend.ApplicationFilter{Text: "二号"}, []int64{r2.ID}, 1},
		{"text: ICP number", backend.ApplicationFilter{Text: "icp备1234"}, []int64{r1.ID}, 1},
		{"text: LIKE characters are literal", backend.ApplicationFilter{Text: "_100%"}, []int64{r3.ID}, 1},
		{"text: no match", backend.ApplicationFilter{Text: "1%0"}, nil, 0},
		{"page 2 of 2", backend.ApplicationFilter{Sort: backend.SortCreated, Limit: 2, Offset: 2}, []int64{r1.ID}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.ListApplications(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p); p.Total != tc.total || len(got) != len(tc.want) || (len(got) > 0 && !equalIDs(got, tc.want)) {
				t.Fatalf("got %v (total %d), want %v (total %d)", got, p.Total, tc.want, tc.total)
			}
		})
	}
	_, err := s.ListApplications(ctx, backend.ApplicationFilter{Sort: "bogus"})
	wantCode(t, err, backend.ECodeInvalid)

	clients, err := s.ListClients(ctx)
	if err != nil || len(clients) != 2 {
		t.Fatal(clients, err)
	}
	if clients[0].Name != "Alpha" || clients[0].Total != 2 || clients[0].Counts[backend.StatusReady] != 1 || clients[0].Counts[backend.StatusDraft] != 1 {
		t.Fatalf("client counts: %+v", clients[0])
	}
}

func equalIDs(a, b []int64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func testTrashRestoreAndEmpty(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	keep := mustApplication(t, s, c.ID)
	gone := mustApplication(t, s, c.ID)
	putTestPhoto(t, s, gone.ID, "entity.cert", 1)
	if _, err := s.PutDocument(ctx, gone.ID, "w1", []byte("%PDF-1.4 test"), true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateRevision(ctx, gone.ID, backend.RevisionManual, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.TrashApplication(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	live, _ := s.ListApplications(ctx, backend.ApplicationFilter{})
	trash, _ := s.ListApplications(ctx, backend.ApplicationFilter{Trashed: true})
	if live.Total != 1 || trash.Total != 1 || trash.Items[0].ID != gone.ID || trash.Items[0].DeletedAt == nil {
		t.Fatalf("live %+v trash %+v", live, trash)
	}
	_, err := s.SaveDraft(ctx, gone.ID, set("entity.name", "x"))
	wantCode(t, err, backend.ECodeConflict)
	if err := s.RestoreApplication(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if live, _ := s.ListApplications(ctx, backend.ApplicationFilter{}); live.Total != 2 {
		t.Fatalf("restore: %d live", live.Total)
	}
	wantCode(t, s.DeleteClient(ctx, c.ID), backend.ECodeConflict)
	s.TrashApplication(ctx, gone.ID)
	n, err := s.EmptyTrash(ctx)
	if err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
	for _, table := range []string{"photos", "documents", "revisions", "events"} {
		left, err := h.Count(s, `SELECT COUNT(*) FROM `+table+` WHERE application_id = ?`, gone.ID)
		if err != nil || left != 0 {
			t.Errorf("%d %s left after EmptyTrash", left, table)
		}
	}
	if _, err := s.GetApplication(ctx, keep.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.TrashApplication(ctx, gone.ID), backend.ECodeNotFound)
}

func testDuplicateAndNewWebsite(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	src := mustApplication(t, s, c.ID, set("type", "first"), set("entity.name", "某某公司"), set("entity.person.name", "张三"),
		set("websites.0.domains.0", "a.cn"), set("websites.0.name", "官网"))
	putTestPhoto(t, s, src.ID, "entity.cert", 1)
	putTestPhoto(t, s, src.ID, "person.id_front", 2)
	putTestPhoto(t, s, src.ID, "websites.w1.checklist", 3)
	s.SetStatus(ctx, src.ID, backend.StatusChange{To: backend.StatusApproved})
	s.SetICPNumber(ctx, src.ID, "浙ICP备2025000001号")

	dup, err := s.DuplicateApplication(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if dup.ID == src.ID || dup.Status != backend.StatusDraft || dup.Doc.Websites[0].Domains[0] != "a.cn" {
		t.Fatalf("duplicate: %+v", dup)
	}
	if photos, _ := s.ListPhotos(ctx, dup.ID); len(photos) != 3 {
		t.Fatalf("duplicate has %d photos", len(photos))
	}

	for _, tc := range []struct {
		name string
		typ  backend.ApplicationType
		want backend.ApplicationType
	}{{"default type", "", backend.TypeAddWebsiteTencent}, {"other type", backend.TypeAddWebsiteOther, backend.TypeAddWebsiteOther}} {
		t.Run(tc.name, func(t *testing.T) {
			nw, err := s.NewWebsiteApplicationForClient(ctx, c.ID, tc.typ)
			if err != nil {
				t.Fatal(err)
			}
			d := nw.Doc
			if d.Type != tc.want || d.Entity.Name != "某某公司" || d.Entity.Person.Name != "张三" || len(d.Websites) != 1 || d.Websites[0].Name != "" {
				t.Fatalf("new website doc: %+v", d)
			}
			if d.Answers.ExistingICPNumber != "浙ICP备2025000001号" || d.Answers.EntityFiled == nil || !*d.Answers.EntityFiled {
				t.Fatalf("answers: %+v", d.Answers)
			}
			photos, _ := s.ListPhotos(ctx, nw.ID)
			if len(photos) != 2 || photos[0].Slot != "entity.cert" || photos[1].Slot != "person.id_front" {
				t.Fatalf("photos: %+v", photos)
			}
		})
	}
	_, err = s.NewWebsiteApplication(ctx, 12345, "")
	wantCode(t, err, backend.ECodeNotFound)
}

func testClients(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	_, err := s.CreateClient(ctx, backend.Client{Name: "  "})
	wantCode(t, err, backend.ECodeInvalid)
	c := mustClient(t, s, "Acme")
	c.Phone, c.Contact = "010-12345678", "李四"
	u, err := s.UpdateClient(ctx, c)
	if err != nil || u.Phone != "010-12345678" || u.Contact != "李四" {
		t.Fatal(u, err)
	}
	if err := s.DeleteClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetClient(ctx, c.ID)
	wantCode(t, err, backend.ECodeNotFound)
	_, err = s.CreateApplication(ctx, c.ID, backend.Application{})
	wantCode(t, err, backend.ECodeNotFound)
}

func testCreateGivesWebsitesWithoutIDsTheirOwn(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "导入客户")
	doc := backend.NewApplication()
	doc.Websites = []backend.Website{{Name: "甲"}, {ID: "w1", Name: "乙"}, {Name: "丙"}} // as a hand-written JSON file may have them
	rec, err := s.CreateApplication(ctx, c.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, w := range rec.Doc.Websites {
		ids = append(ids, w.ID)
	}
	if strings.Join(ids, ",") != "w2,w1,w3" {
		t.Fatalf("website IDs %v", ids)
	}
	if doc.Websites[0].ID != "" {
		t.Fatal("the caller's document was changed")
	}
}

func testPNG(t testing.TB, seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * seed), uint8(y * 8), uint8(seed * 40), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func putTestPhoto(t testing.TB, s backend.Workspace, appID int64, slot string, seed int) backend.Photo {
	t.Helper()
	p, err := s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: appID, Slot: slot, Original: testPNG(t, seed),
		OriginalMIME: "image/png", OriginalWidth: 40, OriginalHeight: 30})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testPhotosKeepHistory(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	first := putTestPhoto(t, s, r.ID, "entity.cert", 1)
	other := putTestPhoto(t, s, r.ID, "person.id_front", 2)
	export := testPNG(t, 9)
	adj := json.RawMessage(`{"crop":[0,0,40,30],"rotate":90}`)
	ex, err := s.SetPhotoExport(ctx, first.ID, backend.PhotoExport{Export: export, ExportMIME: "image/png", ExportWidth: 30, ExportHeight: 40, Adjustments: adj})
	if err != nil || ex.ExportSHA256 != backend.HashHex(export) || ex.OriginalSHA256 != first.OriginalSHA256 {
		t.Fatalf("export: %+v %v", ex, err)
	}
	second := putTestPhoto(t, s, r.ID, "entity.cert", 3)

	cur, err := s.CurrentPhoto(ctx, r.ID, "entity.cert")
	if err != nil || cur.ID != second.ID || !bytes.Equal(cur.Original, testPNG(t, 3)) || !cur.Current {
		t.Fatalf("current: %d %v", cur.ID, err)
	}
	old, err := s.GetPhoto(ctx, first.ID)
	if err != nil || !bytes.Equal(old.Original, testPNG(t, 1)) || !bytes.Equal(old.Export, export) || old.Current || old.ReplacedAt == nil {
		t.Fatalf("old photo: %+v %v", old, err)
	}
	if string(old.Adjustments) != `{"crop":[0,0,40,30],"rotate":90}` {
		t.Fatalf("adjustments %s", old.Adjustments)
	}
	// Without the original: the same photo, its export, no original bytes.
	oe, err := s.GetPhotoExport(ctx, first.ID)
	if err != nil || oe.Original != nil || !bytes.Equal(oe.Export, export) || oe.OriginalSHA256 != old.OriginalSHA256 ||
		oe.OriginalSize != old.OriginalSize || oe.Current || string(oe.Adjustments) != string(old.Adjustments) {
		t.Fatalf("photo without its original: %+v %v", oe, err)
	}
	if o, err := s.GetPhotoExport(ctx, other.ID); err != nil || o.Original != nil || o.Export != nil || !o.Current {
		t.Fatalf("photo without export or original: %+v %v", o, err)
	}
	_, err = s.GetPhotoExport(ctx, 1<<40)
	wantCode(t, err, backend.ECodeNotFound)
	if o, _ := s.GetPhoto(ctx, other.ID); !bytes.Equal(o.Original, testPNG(t, 2)) || !o.Current {
		t.Fatal("another slot's original changed")
	}
	hist, _ := s.PhotoHistory(ctx, r.ID, "entity.cert")
	if len(hist) != 2 || hist[0].ID != second.ID || hist[0].Original != nil {
		t.Fatalf("history: %+v", hist)
	}
	list, _ := s.ListPhotos(ctx, r.ID)
	if len(list) != 2 {
		t.Fatalf("list: %+v", list)
	}
	// (In SQLite the original is in photo_originals since schema 3; its own
	// test tries to overwrite it there.)
	if err := h.Exec(s, `UPDATE photos SET original = ? WHERE id = ?`, []byte{0}, first.ID); err == nil {
		t.Fatal("an original could be overwritten")
	}
	if err := h.Exec(s, `UPDATE photos SET original_sha256 = ? WHERE id = ?`, "0", first.ID); err == nil {
		t.Fatal("an original's checksum could be overwritten")
	}
	if err := s.RemovePhoto(ctx, r.ID, "entity.cert"); err != nil {
		t.Fatal(err)
	}
	_, err = s.CurrentPhoto(ctx, r.ID, "entity.cert")
	wantCode(t, err, backend.ECodeNotFound)
	if hist, _ := s.PhotoHistory(ctx, r.ID, "entity.cert"); len(hist) != 2 {
		t.Fatal("remove lost history")
	}

	for _, tc := range []struct {
		name string
		in   backend.PhotoInput
		code string
	}{
		{"bad slot", backend.PhotoInput{ApplicationID: r.ID, Slot: "../x", Original: []byte{1}, OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeInvalid},
		{"empty", backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeInvalid},
		{"mime", backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", Original: []byte{1}, OriginalMIME: "image/gif", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeUnsupported},
		{"no application", backend.PhotoInput{ApplicationID: 999, Slot: "entity.cert", Original: []byte{1}, OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.PutPhoto(ctx, tc.in)
			wantCode(t, err, tc.code)
		})
	}
}

func testDocuments(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	d1, err := s.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 draft"), true)
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := s.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 final"), false)
	s.PutDocument(ctx, r.ID, "w2", []byte("%PDF-1.4 other"), false)
	latest, err := s.LatestDocument(ctx, r.ID, "w1")
	if err != nil || latest.ID != d2.ID || string(latest.PDF) != "%PDF-1.4 final" || latest.Draft {
		t.Fatalf("latest: %+v %v", latest, err)
	}
	if got, _ := s.GetDocument(ctx, d1.ID); !got.Draft || got.SHA256 != backend.HashHex([]byte("%PDF-1.4 draft")) {
		t.Fatalf("d1: %+v", got)
	}
	if list, _ := s.ListDocuments(ctx, r.ID); len(list) != 3 || list[0].PDF != nil {
		t.Fatalf("list: %+v", list)
	}
	_, err = s.PutDocument(ctx, r.ID, "w1", []byte("<html>"), false)
	wantCode(t, err, backend.ECodeUnsupported)
	_, err = s.LatestDocument(ctx, r.ID, "w9")
	wantCode(t, err, backend.ECodeNotFound)
}

func testRevisionsAndDiff(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID, set("entity.name", "旧名"), set("websites.0.domains.0", "a.cn"))
	r1, err := s.CreateRevision(ctx, r.ID, backend.RevisionSubmit, "submitted in console")
	if err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(ctx, r.ID, set("entity.name", "新名"), set("websites.0.domains.1", "b.cn"))
	r2, _ := s.CreateRevision(ctx, r.ID, backend.RevisionRejection, "ID photo unclear")
	if r1.Number != 1 || r2.Number != 2 || r2.Doc.Entity.Name != "新名" {
		t.Fatalf("revisions: %+v %+v", r1, r2)
	}
	changes, err := s.DiffRevisions(ctx, r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"entity.name": {`"旧名"`, `"新名"`}, "websites.0.domains.1": {`null`, `"b.cn"`}}
	if len(changes) != len(want) {
		t.Fatalf("changes: %+v", changes)
	}
	for _, ch := range changes {
		if w := want[ch.Path]; string(ch.Before) != w[0] || string(ch.After) != w[1] {
			t.Errorf("%s: %s → %s", ch.Path, ch.Before, ch.After)
		}
	}
	s.SaveDraft(ctx, r.ID, set("entity.city", "杭州"))
	if ch, _ := s.DiffRevisions(ctx, r2.ID, 0); len(ch) != 1 || ch[0].Path != "entity.city" {
		t.Fatalf("diff with draft: %+v", ch)
	}
	list, _ := s.ListRevisions(ctx, r.ID)
	if len(list) != 2 || list[0].Doc != nil || list[1].Note != "ID photo unclear" {
		t.Fatalf("list: %+v", list)
	}
	if err := h.Exec(s, `UPDATE revisions SET note = 'x' WHERE id = ?`, r1.ID); err == nil {
		t.Fatal("revision was updated")
	}
	_, err = s.CreateRevision(ctx, r.ID, "whim", "")
	wantCode(t, err, backend.ECodeInvalid)
}

func testStatusEventsAndSettings(t *testing.T, h Harness) {
	s := h.New(t, Config{})
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	sms := time.Date(2025, 3, 2, 10, 0, 0, 0, backend.Shanghai)
	for _, ch := range []backend.StatusChange{
		{To: backend.StatusReady, Actor: "system"},
		{To: backend.StatusSubmitted, Actor: "user", Note: "console order 123"},
		{To: backend.StatusSMSPending, Actor: "user", At: sms},
	} {
		if _, err := s.SetStatus(ctx, r.ID, ch); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.SetStatus(ctx, r.ID, backend.StatusChange{To: backend.StatusSMSPending})
	wantCode(t, err, backend.ECodeConflict)
	_, err = s.SetStatus(ctx, r.ID, backend.StatusChange{To: "nonsense"})
	wantCode(t, err, backend.ECodeInvalid)
	evs, _ := s.ListEvents(ctx, r.ID)
	if len(evs) != 4 || evs[0].From != "" || evs[0].To != backend.StatusDraft || evs[2].Note != "console order 123" {
		t.Fatalf("events: %+v", evs)
	}
	if last := evs[3]; last.From != backend.StatusSubmitted || !last.At.Equal(sms) {
		t.Fatalf("last event: %+v", last)
	}
	if got, _ := s.GetApplication(ctx, r.ID); got.Status != backend.StatusSMSPending {
		t.Fatalf("status %s", got.Status)
	}

	_, err = s.GetSetting(ctx, "language")
	wantCode(t, err, backend.ECodeNotFound)
	for _, v := range []string{"zh-CN", "en"} {
		if err := s.SetSetting(ctx, "language", v); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := s.GetSetting(ctx, "language"); v != "en" || err != nil {
		t.Fatalf("setting %q %v", v, err)
	}
}

func exportSample(t *testing.T, s backend.Workspace) (backend.Client, []byte) {
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

func testExportImportRoundTrip(t *testing.T, h Harness) {
	src := h.New(t, Config{})
	c, file := exportSample(t, src)
	dst := h.New(t, Config{})
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
}

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

func testImportRejectsHostileFiles(t *testing.T, h Harness) {
	src := h.New(t, Config{})
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
			dst := h.New(t, Config{})
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
		dst := h.New(t, Config{MaxImportBytes: int64(len(file) - 1)})
		_, err := dst.ImportClient(ctx, bytes.NewReader(file))
		wantCode(t, err, backend.ECodeTooLarge)
	})
}
