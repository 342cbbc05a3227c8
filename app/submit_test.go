package app

import (
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/photo"
	"icpdesk/backend/submit"
)

// newSubmitTest opens a real workspace (testClock) with the example stored.
func newSubmitTest(t *testing.T) (*SubmitService, *fixture, int64) {
	t.Helper()
	f, id := newFixture(t)
	s := &SubmitService{ctx: context.Background(), h: f.h, clock: testClock, emit: func(string, any) {}}
	return s, f, id
}

// fillPhotosAndChecklists imports a generated picture into every required slot
// and draws the final checklists, so the gate has nothing but rules to check.
func fillPhotosAndChecklists(t *testing.T, f *fixture, id int64) {
	t.Helper()
	ws, _ := f.h.get()
	rec, err := ws.GetApplication(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	// The real order of work: the checklists are generated (and printed,
	// signed, scanned) before their scans are imported.
	if _, err := f.svc.GenerateAll(id); err != nil {
		t.Fatal(err)
	}
	ps := newPhotoService(f.h)
	ps.ctx = context.Background()
	dir := t.TempDir()
	for i, ref := range photo.SlotsFor(rec.Doc) {
		if !ref.Required {
			continue
		}
		path := writeFile(t, dir, PhotoSlotKey(ref)+".jpg", jpegBytes(t, idCardScene(900, 640, int64(i+1))))
		st, err := ps.ImportFile(id, PhotoSlotKey(ref), path)
		if err != nil {
			t.Fatalf("import %s: %v", PhotoSlotKey(ref), err)
		}
		// One generated card scene stands in for every slot, so most slots
		// warn (no face in the backdrop photo…). Those warnings are what the
		// gate must see; here they stand for reviewed ones: the stored
		// findings are cleared, as a clerk's review would settle them.
		if len(st.Findings) > 0 {
			if _, err := ws.SetPhotoExport(context.Background(), st.Photo.ID, clearedFindings(t, ws, st.Photo.ID)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func clearedFindings(t *testing.T, ws interface {
	GetPhoto(context.Context, int64) (backend.Photo, error)
}, id int64) backend.PhotoExport {
	t.Helper()
	p, err := ws.GetPhoto(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var meta photoMeta
	if err := json.Unmarshal(p.Adjustments, &meta); err != nil {
		t.Fatal(err)
	}
	meta.Findings = []backend.Finding{}
	b, _ := json.Marshal(meta)
	e := p.PhotoExport
	e.Adjustments = b
	return e
}

func status(t *testing.T, s *SubmitService, id int64) backend.Status {
	t.Helper()
	tl, err := s.Timeline(id)
	if err != nil {
		t.Fatal(err)
	}
	return tl.Status
}

func TestMarkReadyRefusesWithBlockingFindings(t *testing.T) {
	s, f, _ := newSubmitTest(t)
	id := f.create(t, backend.NewApplication())
	res, err := s.MarkReady(id)
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Ready || res.Record.Status != backend.StatusDraft {
		t.Fatalf("an empty draft passed the gate: %+v", res)
	}
	if res.Report.Summary()[submit.ReadyBlocking] == 0 || len(res.Report.Blocking) == 0 {
		t.Fatalf("report %+v", res.Report)
	}
	// A draft is never submitted without going through ready.
	if _, err := s.Submit(id, ""); backend.ErrorCode(err) != backend.ECodeIllegalChange || status(t, s, id) != backend.StatusDraft {
		t.Fatalf("submit of a draft: %v", err)
	}
}

func TestReadinessListsMissingPhotosByStorageKey(t *testing.T) {
	s, _, id := newSubmitTest(t)
	r, err := s.Readiness(id)
	if err != nil {
		t.Fatal(err)
	}
	var slots []string
	for _, it := range r.Items {
		if it.Code == submit.ReadyPhotoMissing {
			slots = append(slots, it.Params["slot"].(string))
		}
	}
	// The example's website backdrop photo is stored under the website id.
	if !slices.Contains(slots, "websites.w1.backdrop") {
		t.Fatalf("missing slots %v: no website slot key", slots)
	}
	for _, it := range r.Items {
		if it.Params["slot"] == "websites.w1.backdrop" && (it.Params["nameZh"] == "" || it.Params["nameZh"] == nil || it.Params["domain"] != "yunfan-tech.cn") {
			t.Fatalf("backdrop item not named: %+v", it)
		}
	}
}

func TestSubmitTrackRejectReopenApprove(t *testing.T) {
	s, f, id := newSubmitTest(t)
	fillPhotosAndChecklists(t, f, id)
	ws, _ := f.h.get()
	ctx := context.Background()

	r, err := s.Readiness(id)
	if err != nil || !r.Ready {
		t.Fatalf("readiness %+v, %v", r, err)
	}
	checkPackage(t, s, id)
	if res, err := s.MarkReady(id); err != nil || !res.Report.Ready || res.Record.Status != backend.StatusReady {
		t.Fatalf("mark ready %+v, %v", res, err)
	}
	res, err := s.Submit(id, "在控制台提交")
	if err != nil || res.Revision == nil || res.Record.Status != backend.StatusSubmitted {
		t.Fatalf("submit %+v, %v", res, err)
	}
	revs, err := ws.ListRevisions(ctx, id)
	if err != nil || len(revs) == 0 || revs[len(revs)-1].ID != res.Revision.ID || revs[len(revs)-1].Reason != backend.RevisionSubmit {
		t.Fatalf("revisions %+v, %v", revs, err)
	}

	// A submitted order cannot be approved before any review.
	if _, err := s.SetStatus(id, backend.StatusApproved, "", ""); backend.ErrorCode(err) != backend.ECodeIllegalChange {
		t.Fatalf("submitted → approved: %v", err)
	}
	if _, err := s.SetStatus(id, backend.StatusPrelimReview, "腾讯云初审中", "2025-06-16T09:30:00+08:00"); err != nil {
		t.Fatal(err)
	}
	tl, err := s.Timeline(id)
	if err != nil || tl.Status != backend.StatusPrelimReview || len(tl.Deadlines) == 0 || !slices.Contains(tl.Next, backend.StatusReturned) {
		t.Fatalf("timeline %+v, %v", tl, err)
	}
	last := tl.Events[len(tl.Events)-1]
	if last.Note != "腾讯云初审中" || last.At.Day() != 16 {
		t.Fatalf("last event %+v", last)
	}
	due, err := s.DueSoon(30)
	if err != nil || len(due) == 0 || due[0].ApplicationID != id {
		t.Fatalf("due soon %+v, %v", due, err)
	}

	if _, err := s.Reject(id, []string{"website_name"}, "名称含“官方”", ""); err != nil {
		t.Fatal(err)
	}
	if st := status(t, s, id); st != backend.StatusReturned {
		t.Fatalf("after reject: %s", st)
	}
	re, err := s.Reopen(id)
	if err != nil || re.Record.Status != backend.StatusDraft || !slices.Contains(re.Fields, "websites.0.name") {
		t.Fatalf("reopen %+v, %v", re, err)
	}

	// Back through the gate and the reviews to the bureau.
	if res, err := s.MarkReady(id); err != nil || res.Record.Status != backend.StatusReady {
		t.Fatalf("ready again %+v, %v", res, err)
	}
	if res, err := s.Submit(id, "重新提交"); err != nil || res.Record.Status != backend.StatusSubmitted {
		t.Fatalf("resubmit %+v, %v", res, err)
	}
	for _, st := range []backend.Status{backend.StatusPrelimReview, backend.StatusWaitBureauSubmit, backend.StatusSMSPending, backend.StatusBureauReview} {
		if _, err := s.SetStatus(id, st, "", ""); err != nil {
			t.Fatalf("→ %s: %v", st, err)
		}
	}
	// The approval form's live check runs the ICP rule of backend/rules: a
	// website number typed as the entity number only warns (and its entity
	// part is proposed for the websites); a malformed number blocks.
	chk, err := s.CheckApproval(id, "京ICP备2025012345号-3", nil)
	if err != nil || backend.Blocking(chk.Findings) || !slices.ContainsFunc(chk.Findings, func(f backend.Finding) bool { return f.Rule == submit.ApproveEntityHasSuffix }) ||
		!slices.Contains(slices.Collect(maps.Values(chk.Proposed)), "京ICP备2025012345号-1") {
		t.Fatalf("check with suffix: %+v, %v", chk, err)
	}
	if chk, err = s.CheckApproval(id, "京ICP备12号", nil); err != nil || !backend.Blocking(chk.Findings) || len(chk.Proposed) != 0 {
		t.Fatalf("check malformed: %+v, %v", chk, err)
	}
	bad, err := s.Approve(id, "京ICP备12号", nil, "")
	if err != nil || bad.Saved || !backend.Blocking(bad.Findings) || status(t, s, id) != backend.StatusBureauReview {
		t.Fatalf("bad number: %+v, %v", bad, err)
	}
	rec, _ := ws.GetApplication(ctx, id)
	site := rec.Doc.Websites[0].ID
	ok, err := s.Approve(id, "京ICP备2025012345号", map[string]string{site: "京ICP备2025012345号-1"}, "")
	if err != nil || !ok.Saved || status(t, s, id) != backend.StatusApproved {
		t.Fatalf("approve: %+v, %v", ok, err)
	}
	psb, err := s.RecordPSB(id, site, submit.PSBRecord{Number: "京公网安备 11010802020877号"})
	if err != nil || !psb.Saved || psb.Approval.PSB[site].Number == "" {
		t.Fatalf("psb: %+v, %v", psb, err)
	}
	foot, err := s.Footer(id, site, FooterOptions{Year: 2025})
	if err != nil || foot.HTML == "" || !containsAll(foot.HTML, "京ICP备2025012345号-1", "11010802020877", rec.Doc.Entity.Name) {
		t.Fatalf("footer %+v, %v", foot, err)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// checkPackage exports the package as a ZIP and verifies it (photos and
// checklists are expensive to make, so the scenario test calls this).
func checkPackage(t *testing.T, s *SubmitService, id int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pkg.zip")
	sum, err := s.exportPackageTo(id, path)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Path != path || len(sum.Problems) != 0 || sum.Manifest.Photos == 0 {
		t.Fatalf("summary %+v", sum)
	}
	m, problems, err := submit.VerifyPackage(path)
	if err != nil || len(problems) != 0 || m.ApplicationID != id {
		t.Fatalf("verify %+v %v %v", m, problems, err)
	}
	var checklists int
	for _, fl := range m.Files {
		if fl.Kind == "checklist" {
			checklists++
		}
		// Photos are named after the console's upload label, not the slot key.
		if fl.Kind == "photo" && (fl.Label == "" || !strings.Contains(fl.Name, fl.Label) || strings.HasPrefix(fl.Name, fl.Slot+".")) {
			t.Errorf("photo %s packaged as %q (label %q)", fl.Slot, fl.Name, fl.Label)
		}
	}
	if checklists != len(exampleApp(t).Websites) {
		t.Fatalf("%d checklists in %+v", checklists, m.Files)
	}
}

func TestExportPackagesIntoAFolderReportsProgress(t *testing.T) {
	s, f, id := newSubmitTest(t)
	second := f.create(t, exampleApp(t))
	var seen []int
	s.emit = func(name string, data any) {
		if name == EventSubmitProgress {
			seen = append(seen, data.(map[string]int)["done"])
		}
	}
	dir := t.TempDir()
	s.dialogs = &fakePackageDialogs{folder: dir}
	out, err := s.ExportPackages([]int64{id, second})
	if err != nil || out.Cancelled || len(out.Results) != 2 || out.Folder != dir {
		t.Fatalf("batch %+v, %v", out, err)
	}
	if !slices.Equal(seen, []int{1, 2}) {
		t.Fatalf("progress %v", seen)
	}
	for _, r := range out.Results {
		if _, problems, err := submit.VerifyPackage(r.Path); err != nil || len(problems) != 0 {
			t.Fatalf("%s: %v %v", r.Path, problems, err)
		}
	}
}

type fakePackageDialogs struct{ zip, folder string }

func (d *fakePackageDialogs) saveZip(context.Context, string) (string, error) { return d.zip, nil }
func (d *fakePackageDialogs) chooseFolder(context.Context, string) (string, error) {
	return d.folder, nil
}

func TestListRowsSayWhatIsMissing(t *testing.T) {
	s, f, id := newSubmitTest(t)
	list := func() ApplicationRow {
		t.Helper()
		rows, err := (&WorkspaceService{ctx: context.Background(), h: f.h}).ListApplications(backend.ApplicationFilter{})
		if err != nil || len(rows.Items) != 1 {
			t.Fatalf("rows %+v, %v", rows, err)
		}
		return rows.Items[0]
	}
	r, err := s.Readiness(id)
	if err != nil {
		t.Fatal(err)
	}
	row := list()
	sum := r.Summary()
	if row.Blocking != 0 || row.Photos == 0 || row.Photos != sum[submit.ReadyPhotoMissing] || row.Checklists != sum[submit.ReadyChecklistMissing] || row.Checklists == 0 {
		t.Fatalf("row %+v, readiness %v", row, sum)
	}
	if _, err := f.svc.GenerateAll(id); err != nil {
		t.Fatal(err)
	}
	if row = list(); row.Checklists != 0 || row.Photos == 0 {
		t.Fatalf("after printing the checklists: %+v", row)
	}
}
