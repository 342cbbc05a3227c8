package submit

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"icpdesk/backend"
)

func sampleApp() backend.Application {
	a := backend.NewApplication()
	a.Type = backend.TypeFirst
	a.Entity = backend.Entity{Province: "zhejiang", City: "杭州市", District: "西湖区", Nature: "enterprise", CertType: "business_licence",
		CertNumber: "91330106MA2CFXXX0X", Name: "杭州某某科技有限公司", CertAddress: "浙江省杭州市西湖区文三路1号", Address: "浙江省杭州市西湖区文三路1号301室",
		Investor: "张三", LegalRep: "张三",
		Person: backend.Person{Name: "张三", IDType: "idcard", IDNumber: "330106199001011234", IDValidity: backend.IDValidity{Start: "2015-01-01", End: "2035-01-01"},
			Mobile: "13800000000", OfficePhone: "0571-88888888", Email: "zhang@example.com"}}
	a.Websites = []backend.Website{
		{ID: "w1", Name: "某某科技官网", Domains: []string{"example.com", "example.cn"}, HomeURLs: []string{"www.example.com"}, CloudService: "cvm", IP: "203.0.113.7",
			ServiceContent: []string{"org_portal"}, Languages: []string{"zh-CN"}, NoPreApproval: true, SameAsEntity: true},
		{ID: "w2", Name: "某某科技博客", Domains: []string{"example.net"}, CloudService: "cvm", IP: "203.0.113.8",
			ServiceContent: []string{"org_portal"}, Languages: []string{"zh-CN", "en"}, NoPreApproval: true, SameAsEntity: false,
			Person: backend.Person{Name: "李四", IDType: "idcard", IDNumber: "330106199202022345", Mobile: "13900000000", Email: "li@example.com"}},
	}
	return a
}

var ctx = context.Background()

func params(err error) map[string]any { return backend.AsError(err).Params }

func TestTransitionAllPairs(t *testing.T) {
	for _, from := range backend.AllStatuses() {
		for _, to := range backend.AllStatuses() {
			f := newFake()
			id := f.add(sampleApp(), from)
			at := time.Date(2024, 5, 6, 1, 2, 3, 0, time.UTC)
			ev, err := Transition(ctx, f, id, to, "phone call", at)
			switch {
			case !backend.CanTransition(from, to):
				if backend.ErrorCode(err) != backend.ECodeIllegalChange {
					t.Errorf("%s→%s: err %v, want illegal_change", from, to, err)
					continue
				}
				if p := params(err); p["from"] != string(from) || p["to"] != string(to) {
					t.Errorf("%s→%s: params %v", from, to, p)
				}
				if f.status(id) != from {
					t.Errorf("%s→%s: refused change still moved the status", from, to)
				}
			case gated[to]:
				if backend.ErrorCode(err) != backend.ECodeConflict || f.status(id) != from {
					t.Errorf("%s→%s: err %v, status %s; want conflict and no change", from, to, err, f.status(id))
				}
			default:
				if err != nil {
					t.Errorf("%s→%s: %v", from, to, err)
					continue
				}
				if f.status(id) != to || ev.From != from || ev.To != to || !ev.At.Equal(at) || ev.Note != "phone call" || ev.Actor != Actor {
					t.Errorf("%s→%s: status %s, event %+v", from, to, f.status(id), ev)
				}
			}
		}
	}
	if _, err := Transition(ctx, newFake(), 99, backend.StatusDraft, "", time.Time{}); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Errorf("missing application: %v", err)
	}
}

func blockIf(cond func(backend.Application) bool) Checker {
	return func(a backend.Application) []backend.Finding {
		fs := []backend.Finding{{Rule: "x.info", Severity: backend.Info}, {Rule: "x.warn", Severity: backend.Warn}}
		if cond(a) {
			fs = append(fs, backend.Finding{Rule: "x.block", Field: "entity.name", Severity: backend.Block}, backend.Finding{Rule: "y.block", Severity: backend.Block})
		}
		return fs
	}
}

var slots = []string{"entity_cert", "person_id_front", "person_id_back", "websites.w1.backdrop", "websites.w2.backdrop"}

func TestReadiness(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	exported := func(slot string) backend.Photo {
		return backend.Photo{Slot: slot, Current: true, PhotoExport: backend.PhotoExport{ExportMIME: "image/jpeg"}, ExportSize: 1000}
	}
	allPhotos := []backend.Photo{}
	for _, s := range slots {
		allPhotos = append(allPhotos, exported(s))
	}
	fresh := []backend.Document{
		{WebsiteID: "w1", CreatedAt: t0.Add(time.Hour)}, {WebsiteID: "w2", CreatedAt: t0.Add(time.Hour)},
	}
	never := blockIf(func(backend.Application) bool { return false })
	tests := []struct {
		name   string
		in     ReadinessInput
		check  Checker
		want   []string
		fields []string
	}{
		{"ready", ReadinessInput{LastEdit: t0, Photos: allPhotos, Documents: fresh}, never, nil, nil},
		{"blocking", ReadinessInput{LastEdit: t0, Photos: allPhotos, Documents: fresh}, blockIf(func(backend.Application) bool { return true }),
			[]string{ReadyBlocking}, []string{""}},
		{"no checker", ReadinessInput{LastEdit: t0, Photos: allPhotos, Documents: fresh}, nil, []string{ReadyNotChecked}, []string{""}},
		{"photo missing and not exported", ReadinessInput{LastEdit: t0, Documents: fresh,
			Photos: append(append([]backend.Photo{}, allPhotos[1:4]...), backend.Photo{Slot: "websites.w2.backdrop", Current: true},
				backend.Photo{Slot: "entity_cert", Current: false, ExportSize: 5})},
			never, []string{ReadyPhotoMissing, ReadyPhotoNotExported}, []string{"photos.entity_cert", "photos.websites.w2.backdrop"}},
		{"checklists missing, draft, stale", ReadinessInput{LastEdit: t0, Photos: allPhotos,
			Documents: []backend.Document{{WebsiteID: "w1", Draft: true, CreatedAt: t0.Add(2 * time.Hour)}, {WebsiteID: "w1", CreatedAt: t0.Add(-time.Minute)}}},
			never, []string{ReadyChecklistStale, ReadyChecklistMissing}, []string{"websites.0", "websites.1"}},
		{"only a draft checklist", ReadinessInput{LastEdit: t0, Photos: allPhotos,
			Documents: []backend.Document{fresh[0], {WebsiteID: "w2", Draft: true, CreatedAt: t0.Add(time.Hour)}}},
			never, []string{ReadyChecklistDraft}, []string{"websites.1"}},
		{"newest final wins over an older stale one", ReadinessInput{LastEdit: t0, Photos: allPhotos,
			Documents: append([]backend.Document{{WebsiteID: "w1", CreatedAt: t0.Add(-time.Hour)}}, fresh...)}, never, nil, nil},
		{"pdf in the same instant as the edit is fresh", ReadinessInput{LastEdit: t0, Photos: allPhotos,
			Documents: []backend.Document{{WebsiteID: "w1", CreatedAt: t0}, fresh[1]}}, never, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.App = sampleApp()
			tc.in.RequiredSlots = append(slots, slots[0]) // a duplicate is listed once
			r := Readiness(tc.in, tc.check)
			if r.Ready != (len(tc.want) == 0) {
				t.Errorf("Ready = %v with items %+v", r.Ready, r.Items)
			}
			if len(r.Items) != len(tc.want) {
				t.Fatalf("items %+v, want codes %v", r.Items, tc.want)
			}
			for i, it := range r.Items {
				if it.Code != tc.want[i] || it.Field != tc.fields[i] {
					t.Errorf("item %d = %s %q, want %s %q", i, it.Code, it.Field, tc.want[i], tc.fields[i])
				}
			}
		})
	}
	r := Readiness(ReadinessInput{App: sampleApp(), LastEdit: t0, Photos: allPhotos, RequiredSlots: slots}, blockIf(func(backend.Application) bool { return true }))
	if s := r.Summary(); s[ReadyBlocking] != 2 || s[ReadyChecklistMissing] != 2 || len(r.Blocking) != 2 {
		t.Errorf("summary %v, blocking %v", s, r.Blocking)
	}
	if r := Readiness(ReadinessInput{App: backend.Application{}}, never); r.Ready || r.Items[0].Code != ReadyNoWebsite {
		t.Errorf("no website: %+v", r)
	}
}

func TestMarkReadyEditSubmit(t *testing.T) {
	f := newFake()
	id := f.add(sampleApp(), backend.StatusDraft)
	g := Gate{
		Check:         blockIf(func(a backend.Application) bool { return a.Entity.Investor == "" }),
		RequiredSlots: func(backend.Application) []string { return slots },
	}
	rec := f.edit(id, func(a *backend.Application) { a.Entity.Investor = "" })
	if _, err := OnEdited(ctx, f, rec); err != nil {
		t.Fatal(err)
	}
	r, err := MarkReady(ctx, f, id, g)
	if backend.ErrorCode(err) != backend.ECodeConflict || r.Ready || f.status(id) != backend.StatusDraft {
		t.Fatalf("MarkReady with problems: %v %+v", err, r)
	}
	if s := r.Summary(); s[ReadyBlocking] != 2 || s[ReadyPhotoMissing] != len(slots) || s[ReadyChecklistMissing] != 2 {
		t.Fatalf("summary %v", s)
	}
	// Fix the data, add photos, print the checklists.
	rec = f.edit(id, func(a *backend.Application) { a.Entity.Investor = "张三" })
	if _, err := OnEdited(ctx, f, rec); err != nil {
		t.Fatal(err)
	}
	for _, s := range slots {
		f.putPhoto(id, s, true)
	}
	f.putDoc(id, "w1", false)
	f.putDoc(id, "w2", false)
	if r, err := MarkReady(ctx, f, id, g); err != nil || !r.Ready || f.status(id) != backend.StatusReady {
		t.Fatalf("MarkReady: %v %+v status %s", err, r, f.status(id))
	}
	// A save that changes nothing keeps READY, even though the status change bumped UpdatedAt.
	rec, _ = f.GetApplication(ctx, id)
	if rec, err = OnEdited(ctx, f, rec); err != nil || rec.Status != backend.StatusReady {
		t.Fatalf("no-op edit: %v, status %s", err, rec.Status)
	}
	// A real edit goes back to DRAFT and makes the checklists stale.
	rec = f.edit(id, func(a *backend.Application) { a.Websites[0].Remark = "所有域名指向同一网站" })
	if rec, err = OnEdited(ctx, f, rec); err != nil || rec.Status != backend.StatusDraft {
		t.Fatalf("edit of a ready application: %v, status %s", err, rec.Status)
	}
	if _, _, err := Submit(ctx, f, id, g, "", time.Time{}); backend.ErrorCode(err) != backend.ECodeIllegalChange {
		t.Fatalf("submit from draft: %v", err)
	}
	r, err = MarkReady(ctx, f, id, g)
	if err == nil || r.Summary()[ReadyChecklistStale] != 2 {
		t.Fatalf("stale checklists not reported: %v %+v", err, r.Items)
	}
	f.putDoc(id, "w1", false)
	f.putDoc(id, "w2", false)
	if _, err := MarkReady(ctx, f, id, g); err != nil {
		t.Fatal(err)
	}
	// Submitting freezes a revision while still READY, then moves on.
	at := time.Date(2024, 3, 5, 9, 0, 0, 0, backend.Shanghai)
	rev, _, err := Submit(ctx, f, id, g, "order 12345", at)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Reason != backend.RevisionSubmit || rev.Status != backend.StatusReady || rev.Doc.Websites[0].Remark != "所有域名指向同一网站" {
		t.Errorf("revision %+v", rev)
	}
	evs, _ := f.ListEvents(ctx, id)
	last := evs[len(evs)-1]
	if f.status(id) != backend.StatusSubmitted || last.To != backend.StatusSubmitted || !last.At.Equal(at) || last.Note != "order 12345" {
		t.Errorf("status %s, last event %+v", f.status(id), last)
	}
	// Submitted orders are not pulled back to draft by edits.
	rec = f.edit(id, func(a *backend.Application) { a.Websites[0].Remark = "x" })
	if rec, err = OnEdited(ctx, f, rec); err != nil || rec.Status != backend.StatusSubmitted {
		t.Errorf("edit after submission: %v %s", err, rec.Status)
	}
}

// A signed checklist scan of an older checklist blocks readiness; reprinting
// the same checklist does not; a photo warning is an item under its stable
// key; the mini program flow asks for no checklist at all.
func TestReadinessScansAndPhotoWarnings(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	scanKey := "websites.w1.checklist_scan"
	photos := func(scanAt time.Time, adj string) []backend.Photo {
		var ps []backend.Photo
		for _, s := range slots {
			ps = append(ps, backend.Photo{Slot: s, Current: true, ExportSize: 1000})
		}
		return append(ps, backend.Photo{Slot: scanKey, Current: true, ExportSize: 1000, CreatedAt: scanAt,
			PhotoExport: backend.PhotoExport{Adjustments: json.RawMessage(adj)}})
	}
	docs := func(first, second string) []backend.Document {
		return []backend.Document{
			{WebsiteID: "w1", SHA256: second, CreatedAt: t0.Add(3 * time.Hour)},
			{WebsiteID: "w1", SHA256: first, CreatedAt: t0.Add(time.Hour)},
			{WebsiteID: "w2", SHA256: "x", CreatedAt: t0.Add(time.Hour)},
		}
	}
	never := blockIf(func(backend.Application) bool { return false })
	run := func(in ReadinessInput) Report {
		in.App, in.LastEdit = sampleApp(), t0
		in.RequiredSlots = append(append([]string{}, slots...), scanKey)
		in.ScanSlots = map[string]string{"w1": scanKey}
		return Readiness(in, never)
	}
	codes := func(r Report) []string {
		var c []string
		for _, it := range r.Items {
			c = append(c, it.Code)
		}
		return c
	}
	// scanned between the two generations, and the data changed in between
	if r := run(ReadinessInput{Photos: photos(t0.Add(2*time.Hour), `{}`), Documents: docs("a", "b")}); r.Ready ||
		len(r.Items) != 1 || r.Items[0].Code != ReadyChecklistScanStale || r.Items[0].Field != "photos."+scanKey {
		t.Errorf("stale scan: %+v", r.Items)
	}
	// the same checklist printed again: the scan is still of it
	if r := run(ReadinessInput{Photos: photos(t0.Add(2*time.Hour), `{}`), Documents: docs("a", "a")}); !r.Ready {
		t.Errorf("reprint: %v", codes(r))
	}
	// scanned before any checklist was generated (out of order)
	if r := run(ReadinessInput{Photos: photos(t0.Add(30*time.Minute), `{}`), Documents: docs("a", "a")}); r.Ready {
		t.Error("a scan older than every checklist passed")
	}
	// scanned after the newest: fine
	if r := run(ReadinessInput{Photos: photos(t0.Add(4*time.Hour), `{}`), Documents: docs("a", "b")}); !r.Ready {
		t.Errorf("fresh scan: %v", codes(r))
	}
	// a warning on the scan is an item with its key; an info is not
	r := run(ReadinessInput{Photos: photos(t0.Add(4*time.Hour),
		`{"findings":[{"rule":"photo.page_seal_missing","severity":"warn"},{"rule":"photo.x","severity":"info"}]}`), Documents: docs("a", "b")})
	if r.Ready || len(r.Items) != 1 || r.Items[0].Code != ReadyPhotoWarning || r.Items[0].Params["key"] != scanKey+"#photo.page_seal_missing" {
		t.Errorf("photo warning: %+v", r.Items)
	}
	// mini program: no checklist documents needed
	app := sampleApp()
	app.Flow = backend.FlowMiniProgram
	if r := Readiness(ReadinessInput{App: app, LastEdit: t0, Photos: photos(t0, `{}`), RequiredSlots: slots}, never); !r.Ready {
		t.Errorf("mini program: %v", codes(r))
	}
}

// A photo with a warning blocks readiness until the clerk confirms it
// ("我已核对此照片"); unconfirming undoes that, and a new photo in the slot
// (a new import, or a new export of the same photo) needs confirming again.
func TestReadinessConfirmedPhotoWarning(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	adj := json.RawMessage(`{"findings":[{"rule":"photo.blurry","severity":"warn"},{"rule":"photo.x","severity":"info"}]}`)
	warned := func(id int64, sum string) []backend.Photo {
		var ps []backend.Photo
		for i, s := range slots {
			p := backend.Photo{ID: int64(100 + i), Slot: s, Current: true, ExportSize: 1000, ExportSHA256: "ok"}
			if i == 0 {
				p.ID, p.ExportSHA256, p.PhotoExport = id, sum, backend.PhotoExport{Adjustments: adj}
			}
			ps = append(ps, p)
		}
		return ps
	}
	app := sampleApp()
	run := func(ps []backend.Photo) Report {
		docs := []backend.Document{{WebsiteID: "w1", CreatedAt: t0.Add(time.Hour)}, {WebsiteID: "w2", CreatedAt: t0.Add(time.Hour)}}
		return Readiness(ReadinessInput{App: app, LastEdit: t0, Photos: ps, Documents: docs, RequiredSlots: slots},
			blockIf(func(backend.Application) bool { return false }))
	}
	first := warned(7, "aaaaaaaaaaaaaaaaaaaa")
	r := run(first)
	if r.Ready || len(r.Items) != 1 || r.Items[0].Code != ReadyPhotoWarning || r.Items[0].Params["key"] != slots[0]+"#photo.blurry" {
		t.Fatalf("warned photo: ready=%v %+v", r.Ready, r.Items)
	}
	f := backend.PhotoFindings(adj)[0]
	app.Confirm(backend.PhotoConfirmation(first[0], f), t0.Add(2*time.Hour))
	if r := run(first); !r.Ready {
		t.Errorf("confirmed photo warning still holds readiness back: %+v", r.Items)
	}
	// re-imported photo (new id) and re-applied export (same id, new checksum)
	for name, ps := range map[string][]backend.Photo{"reimport": warned(8, "aaaaaaaaaaaaaaaaaaaa"), "reapply": warned(7, "bbbbbbbbbbbbbbbbbbbb")} {
		if r := run(ps); r.Ready || len(r.Items) != 1 || r.Items[0].Code != ReadyPhotoWarning {
			t.Errorf("%s: the new photo passed on the old confirmation: ready=%v %+v", name, r.Ready, r.Items)
		}
	}
	app.Unconfirm(backend.PhotoConfirmation(first[0], f))
	if r := run(first); r.Ready {
		t.Error("unconfirmed photo warning passed")
	}
	// a blocking photo finding is not ticked away
	blocked := warned(7, "aaaaaaaaaaaaaaaaaaaa")
	blocked[0].Adjustments = json.RawMessage(`{"findings":[{"rule":"photo.blurry","severity":"block"}]}`)
	app.Confirm(backend.PhotoConfirmation(blocked[0], backend.PhotoFindings(blocked[0].Adjustments)[0]), t0)
	if r := run(blocked); r.Ready {
		t.Error("a confirmed blocking photo finding passed")
	}
}
