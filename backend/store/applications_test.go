package store

import (
	"strings"
	"testing"

	"icpdesk/backend"
)

func TestSaveDraftPersistsAndIndexes(t *testing.T) {
	s := mustOpen(t)
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
	path := s.Path()
	s.Close()
	s, err = Open(path, Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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

func TestListApplications(t *testing.T) {
	s := mustOpen(t)
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

func TestTrashRestoreAndEmpty(t *testing.T) {
	s := mustOpen(t)
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
		var left int
		s.db.QueryRow(`SELECT COUNT(*) FROM `+table+` WHERE application_id = ?`, gone.ID).Scan(&left)
		if left != 0 {
			t.Errorf("%d %s left after EmptyTrash", left, table)
		}
	}
	if _, err := s.GetApplication(ctx, keep.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.TrashApplication(ctx, gone.ID), backend.ECodeNotFound)
}

func TestDuplicateAndNewWebsite(t *testing.T) {
	s := mustOpen(t)
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

func TestClients(t *testing.T) {
	s := mustOpen(t)
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

func TestCreateGivesWebsitesWithoutIDsTheirOwn(t *testing.T) {
	s := mustOpen(t)
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
