package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/checklist"
	"icpdesk/backend/submit"
)

var testClock = backend.FixedClock{T: time.Date(2025, 6, 15, 10, 0, 0, 0, backend.Shanghai)}

// exampleApp is docs/examples/application.json: nothing blocks on testClock.
func exampleApp(t testing.TB) backend.Application {
	t.Helper()
	b, err := os.ReadFile("../docs/examples/application.json")
	if err != nil {
		t.Fatal(err)
	}
	var a backend.Application
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// fakeDialogs answers the native dialogs with fixed paths ("" = cancel).
type fakeDialogs struct {
	file, folder string
	asked        []string // default names offered in save dialogs
}

func (f *fakeDialogs) saveFile(_ context.Context, _, name string) (string, error) {
	f.asked = append(f.asked, name)
	return f.file, nil
}

func (f *fakeDialogs) chooseFolder(context.Context, string) (string, error) { return f.folder, nil }

type started struct {
	mu   sync.Mutex
	cmds [][]string
}

func (s *started) start(name string, args ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cmds = append(s.cmds, append([]string{name}, args...))
	return nil
}

type fixture struct {
	svc     *ChecklistService
	media   http.Handler
	h       *workspaceHolder
	dialogs *fakeDialogs
	viewer  *started
	dir     string
}

// newFixture opens a real workspace in a temp dir with the example stored
// as application 1.
func newFixture(t *testing.T) (*fixture, int64) {
	t.Helper()
	dir := t.TempDir()
	h := &workspaceHolder{clock: testClock}
	h.open(filepath.Join(dir, "w.icpdesk"))
	if h.openErr != nil {
		t.Fatal(h.openErr)
	}
	t.Cleanup(h.close)
	f := &fixture{h: h, dialogs: &fakeDialogs{}, viewer: &started{}, dir: dir, media: newMediaHandler(h)}
	f.svc = &ChecklistService{h: h, clock: testClock, dialogs: f.dialogs, start: f.viewer.start,
		cacheDir: filepath.Join(dir, "cache"), emit: func(string, any) {}}
	return f, f.create(t, exampleApp(t))
}

func (f *fixture) create(t *testing.T, a backend.Application) int64 {
	t.Helper()
	ws, err := f.h.get()
	if err != nil {
		t.Fatal(err)
	}
	c, err := ws.CreateClient(context.Background(), backend.Client{Name: "云帆科技"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ws.CreateApplication(context.Background(), c.ID, a)
	if err != nil {
		t.Fatal(err)
	}
	return rec.ID
}

func (f *fixture) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	rr := httptest.NewRecorder()
	f.media.ServeHTTP(rr, httptest.NewRequest(http.MethodGet, path, nil))
	return rr
}

func TestGenerateStoresTheDocumentTheMediaHandlerServes(t *testing.T) {
	f, id := newFixture(t)
	r, err := f.svc.Generate(id, "w1")
	if err != nil {
		t.Fatal(err)
	}
	if r.DocumentID == 0 || r.WebsiteID != "w1" || r.FileName != "核验单_yunfan-tech.cn.pdf" || r.Draft || r.Statement != "" {
		t.Fatalf("result %+v", r)
	}
	rules := map[string]bool{}
	for _, x := range r.Findings {
		rules[x.Rule] = true
	}
	if !rules[checklist.RuleSign] || !rules[checklist.RuleSeal] {
		t.Fatalf("to-dos missing sign/seal: %+v", r.Findings)
	}
	ws, _ := f.h.get()
	d, err := ws.LatestDocument(context.Background(), id, "w1")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != r.DocumentID || int64(len(d.PDF)) != r.Size {
		t.Fatalf("stored %d (%d bytes), result %d (%d bytes)", d.ID, len(d.PDF), r.DocumentID, r.Size)
	}
	rr := f.get(t, "/media/document/"+strconv.FormatInt(r.DocumentID, 10)+".pdf")
	if rr.Code != http.StatusOK {
		t.Fatalf("media status %d", rr.Code)
	}
	if ct, cc := rr.Header().Get("Content-Type"), rr.Header().Get("Cache-Control"); ct != "application/pdf" || cc != "no-store" {
		t.Fatalf("headers Content-Type %q Cache-Control %q", ct, cc)
	}
	if !bytes.Equal(rr.Body.Bytes(), d.PDF) || !bytes.HasPrefix(d.PDF, []byte("%PDF-")) {
		t.Fatal("media handler served other bytes than stored")
	}
}

func TestMediaHandlerRoutes(t *testing.T) {
	f, id := newFixture(t)
	r, err := f.svc.Generate(id, "w2")
	if err != nil {
		t.Fatal(err)
	}
	ok := "/media/document/" + strconv.FormatInt(r.DocumentID, 10) + ".pdf"
	cases := []struct {
		method, path string
		code         int
	}{
		{"GET", ok, 200},
		{"HEAD", ok, 200},
		{"POST", ok, 405},
		{"GET", "/media/document/999.pdf", 404},
		{"GET", "/media/document/0.pdf", 404},
		{"GET", "/media/document/-1.pdf", 404},
		{"GET", "/media/document/" + strconv.FormatInt(r.DocumentID, 10), 404},
		{"GET", "/media/document/" + strconv.FormatInt(r.DocumentID, 10) + ".png", 404},
		{"GET", "/media/document/1x.pdf", 404},
		{"GET", "/media/document/99999999999999999999.pdf", 404},
		{"GET", "/media/document/../document/1.pdf", 404},
		{"GET", "/media/photo/1.jpg", 404},
		{"GET", "/media/", 404},
		{"GET", "/index.html", 404},
	}
	for _, c := range cases {
		rr := httptest.NewRecorder()
		f.media.ServeHTTP(rr, httptest.NewRequest(c.method, c.path, nil))
		if rr.Code != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, rr.Code, c.code)
		}
		if c.method == "HEAD" && rr.Body.Len() != 0 {
			t.Errorf("HEAD answered with a body")
		}
	}
}

func TestMediaHandlerMount(t *testing.T) {
	m := newMediaHandler(&workspaceHolder{}).mount("/media/photo/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "photo "+r.URL.Path)
	}))
	rr := httptest.NewRecorder()
	m.ServeHTTP(rr, httptest.NewRequest("GET", "/media/photo/3/preview.jpg", nil))
	if rr.Code != 200 || rr.Body.String() != "photo /media/photo/3/preview.jpg" {
		t.Fatalf("%d %q", rr.Code, rr.Body.String())
	}
}

func TestMediaHandlerWithoutWorkspace(t *testing.T) {
	m := newMediaHandler(&workspaceHolder{})
	rr := httptest.NewRecorder()
	m.ServeHTTP(rr, httptest.NewRequest("GET", "/media/document/1.pdf", nil))
	if rr.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d", rr.Code)
	}
}

func TestDraftFollowsBlockingFindings(t *testing.T) {
	f, id := newFixture(t)
	bad := exampleApp(t)
	bad.Entity.Person.Mobile = "12345" // id.mobile.format blocks
	badID := f.create(t, bad)
	gd := exampleApp(t) // a Guangdong individual: the hand-copied statement
	gd.Entity.Province, gd.Entity.Nature, gd.Entity.Name = "guangdong", "individual", "李明"
	gdID := f.create(t, gd)

	for _, c := range []struct {
		name      string
		id        int64
		draft     bool
		statement string
	}{
		{"ready", id, false, ""},
		{"blocking", badID, true, ""},
		{"guangdong individual", gdID, true, checklist.GuangdongIndividualStatement},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := f.svc.Generate(c.id, "w1")
			if err != nil {
				t.Fatal(err)
			}
			ws, _ := f.h.get()
			d, err := ws.GetDocument(context.Background(), r.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			if r.Draft != c.draft || d.Draft != c.draft {
				t.Fatalf("draft: result %v stored %v, want %v", r.Draft, d.Draft, c.draft)
			}
			if r.Statement != c.statement {
				t.Fatalf("statement %q", r.Statement)
			}
			// The watermark is drawn text, so a draft PDF is a different PDF.
			clean, _, err := checklist.Generate(exampleOf(t, f, c.id), "w1", checklist.Options{Clock: testClock})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(clean, d.PDF) == c.draft {
				t.Fatalf("stored PDF equals the unwatermarked one: %v, want %v", !c.draft, !c.draft)
			}
		})
	}
}

func exampleOf(t *testing.T, f *fixture, id int64) backend.Application {
	ws, _ := f.h.get()
	rec, err := ws.GetApplication(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Doc
}

func TestGenerateAllAndList(t *testing.T) {
	f, id := newFixture(t)
	before, err := f.svc.List(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 2 || before[0].DocumentID != 0 || len(before[0].Findings) == 0 {
		t.Fatalf("list before generating: %+v", before)
	}
	all, err := f.svc.GenerateAll(id)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.Generate(id, "w2")
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.List(id)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{list[0].FileName, list[1].FileName}
	if len(all) != 2 || list[0].DocumentID != all[0].DocumentID || list[1].DocumentID != again.DocumentID ||
		strings.Join(names, ",") != "核验单_yunfan-tech.cn.pdf,核验单_yunfandocs.com.pdf" {
		t.Fatalf("list %+v after generating %+v then %d", list, all, again.DocumentID)
	}
	if _, err := f.svc.Generate(id, "w9"); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Fatalf("unknown website: %v", err)
	}
	if _, err := f.svc.List(9999); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Fatalf("unknown application: %v", err)
	}
}

func TestOpenWritesAPrivateFileAndStartsTheViewer(t *testing.T) {
	f, id := newFixture(t)
	r, err := f.svc.Generate(id, "w1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Open(r.DocumentID); err != nil {
		t.Fatal(err)
	}
	if len(f.viewer.cmds) != 1 {
		t.Fatalf("viewer started %d times", len(f.viewer.cmds))
	}
	cmd := f.viewer.cmds[0]
	p := cmd[len(cmd)-1]
	if filepath.Base(p) != "核验单_yunfan-tech.cn.pdf" {
		t.Fatalf("opened %q", p)
	}
	b, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || int64(len(b)) != r.Size {
		t.Fatalf("file %q: %d bytes, %v", p, len(b), err)
	}
	for _, c := range []struct {
		path string
		mode os.FileMode
	}{{p, 0o600}, {filepath.Dir(p), 0o700}, {filepath.Join(f.dir, "cache"), 0o700}} {
		st, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != c.mode { // Windows has ACLs, not mode bits
			t.Errorf("%s mode %v, want %v", c.path, st.Mode().Perm(), c.mode)
		}
	}
	if err := f.svc.Open(424242); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Fatalf("unknown document: %v", err)
	}
}

func TestViewerCommand(t *testing.T) {
	p := "/tmp/x/核验单_云帆.公司.pdf"
	cases := []struct{ goos, want string }{
		{"linux", "xdg-open " + p},
		{"freebsd", "xdg-open " + p},
		{"darwin", "open " + p},
		{"windows", "rundll32 url.dll,FileProtocolHandler " + p},
	}
	for _, c := range cases {
		name, args := viewerCommand(c.goos, p)
		if got := strings.Join(append([]string{name}, args...), " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.goos, got, c.want)
		}
	}
}

func TestWritePrivateRefusesPathsOutsideItsFolder(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ key, name string }{
		{"a", "../x.pdf"}, {"a", "b/x.pdf"}, {"..", "x.pdf"}, {"a/b", "x.pdf"}, {"", "x.pdf"}, {"a", ".."},
	} {
		if _, err := writePrivate(dir, c.key, c.name, []byte("%PDF-")); err == nil {
			t.Errorf("writePrivate(%q, %q) accepted", c.key, c.name)
		}
	}
	// Chinese and the replaced characters of backend.ChecklistFileName work as is.
	name := backend.ChecklistFileName(backend.Website{Domains: []string{`云帆:科技?.中国`}})
	p, err := writePrivate(dir, "document-1", name, []byte("%PDF-1"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "核验单_云帆_科技_.中国.pdf" {
		t.Fatalf("wrote %q", p)
	}
}

func TestPruneOldRemovesOnlyStaleFolders(t *testing.T) {
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "document-1"), filepath.Join(dir, "document-2")
	for _, d := range []string{old, fresh} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * openKeepFor)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	pruneOld(dir, openKeepFor)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale folder kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh folder removed: %v", err)
	}
}

func TestSaveAsWritesAtomicallyWhereTheUserSays(t *testing.T) {
	f, id := newFixture(t)
	r, err := f.svc.Generate(id, "w1")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(f.dir, "出口", "核验单")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+".pdf", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.dialogs.file = out // no extension: .pdf is added, replacing the old file
	res, err := f.svc.SaveAs(r.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != out+".pdf" || f.dialogs.asked[0] != "核验单_yunfan-tech.cn.pdf" {
		t.Fatalf("saved to %q, offered %q", res.Path, f.dialogs.asked)
	}
	b, _ := os.ReadFile(res.Path)
	if int64(len(b)) != r.Size || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("saved %d bytes", len(b))
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	f.dialogs.file = "" // cancelled
	if res, err := f.svc.SaveAs(r.DocumentID); err != nil || res.Path != "" {
		t.Fatalf("cancelled save: %+v %v", res, err)
	}
}

func TestBlankOffersTheVariantsFileName(t *testing.T) {
	f, _ := newFixture(t)
	f.dialogs.file = filepath.Join(f.dir, "blank.pdf")
	if _, err := f.svc.Blank("guangdong_individual"); err != nil {
		t.Fatal(err)
	}
	if f.dialogs.asked[0] != "核验单_空白_广东省个人.pdf" {
		t.Fatalf("offered %q", f.dialogs.asked)
	}
	if _, err := f.svc.Blank("hainan"); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("unknown variant: %v", err)
	}
	for _, v := range checklist.Variants() {
		if checklist.BlankFileName(v) == "" {
			t.Errorf("variant %s has no blank file name", v)
		}
	}
}

func TestPrintAllOpensOneCombinedPDF(t *testing.T) {
	f, id := newFixture(t)
	res, err := f.svc.PrintAll(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || len(f.viewer.cmds) != 1 {
		t.Fatalf("%d results, viewer started %d times", len(res), len(f.viewer.cmds))
	}
	p := f.viewer.cmds[0][len(f.viewer.cmds[0])-1]
	b, err := os.ReadFile(p)
	if err != nil || filepath.Base(p) != "核验单_yunfan-tech.cn_全部.pdf" {
		t.Fatalf("opened %q: %v", p, err)
	}
	if n := bytes.Count(b, []byte("/Type /Page")) - bytes.Count(b, []byte("/Type /Pages")); n < 2 {
		t.Fatalf("combined PDF has %d pages, want 2 or more", n)
	}
}

func TestBatchWritesOneFilePerWebsite(t *testing.T) {
	f, id := newFixture(t)
	id2 := f.create(t, exampleApp(t)) // same domains: names must not collide
	f.dialogs.folder = filepath.Join(f.dir, "out")
	if err := os.Mkdir(f.dialogs.folder, 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var events []string
	f.svc.emit = func(name string, data any) {
		mu.Lock()
		defer mu.Unlock()
		p := data.(map[string]int)
		events = append(events, name+":"+strconv.Itoa(p["done"])+"/"+strconv.Itoa(p["total"]))
	}
	sum, err := f.svc.Batch([]int64{id, id2}, false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range sum.Files {
		names = append(names, filepath.Base(p))
	}
	want := "核验单_yunfan-tech.cn.pdf,核验单_yunfandocs.com.pdf,核验单_yunfan-tech.cn_2.pdf,核验单_yunfandocs.com_2.pdf"
	if strings.Join(names, ",") != want || sum.Websites != 4 || sum.Cancelled || sum.Draft {
		t.Fatalf("summary %+v", sum)
	}
	if strings.Join(events, " ") != "checklist:progress:1/4 checklist:progress:2/4 checklist:progress:3/4 checklist:progress:4/4" {
		t.Fatalf("events %v", events)
	}
	entries, _ := os.ReadDir(f.dialogs.folder)
	if len(entries) != 4 {
		t.Fatalf("folder holds %d files", len(entries))
	}
}

func TestBatchCombined(t *testing.T) {
	f, id := newFixture(t)
	f.dialogs.file = filepath.Join(f.dir, "all")
	sum, err := f.svc.Batch([]int64{id}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 1 || sum.Files[0] != f.dialogs.file+".pdf" {
		t.Fatalf("summary %+v", sum)
	}
	b, _ := os.ReadFile(sum.Files[0])
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("combined file is not a PDF")
	}
	f.dialogs.file = "" // the user cancels the dialog: nothing is drawn
	if sum, err := f.svc.Batch([]int64{id}, true); err != nil || !sum.Cancelled || len(sum.Files) != 0 {
		t.Fatalf("cancelled dialog: %+v %v", sum, err)
	}
}

func TestBatchCancel(t *testing.T) {
	for _, combined := range []bool{false, true} {
		t.Run(map[bool]string{false: "files", true: "combined"}[combined], func(t *testing.T) {
			f, id := newFixture(t)
			ids := []int64{id}
			for i := 0; i < 5; i++ {
				ids = append(ids, f.create(t, exampleApp(t)))
			}
			f.dialogs.folder = filepath.Join(f.dir, "out")
			f.dialogs.file = filepath.Join(f.dir, "out", "all.pdf")
			if err := os.Mkdir(f.dialogs.folder, 0o755); err != nil {
				t.Fatal(err)
			}
			// Cancel from inside the second progress report: the batch must
			// stop before drawing the third form.
			var seen []int
			f.svc.emit = func(_ string, data any) {
				p := data.(map[string]int)
				seen = append(seen, p["done"])
				if p["done"] == 2 {
					f.svc.CancelBatch()
				}
			}
			sum, err := f.svc.Batch(ids, combined)
			if err != nil {
				t.Fatal(err)
			}
			if !sum.Cancelled || len(seen) != 2 {
				t.Fatalf("cancelled %v after progress %v", sum.Cancelled, seen)
			}
			entries, _ := os.ReadDir(f.dialogs.folder)
			wantFiles := 2
			if combined {
				wantFiles = 0 // nothing half-written
			}
			if len(entries) != wantFiles || len(sum.Files) != wantFiles {
				t.Fatalf("%d files in the folder, %d in the summary, want %d", len(entries), len(sum.Files), wantFiles)
			}
			// The service is free for the next batch.
			f.svc.emit = func(string, any) {}
			if sum, err := f.svc.Batch(ids[:1], combined); err != nil || sum.Cancelled {
				t.Fatalf("next batch: %+v %v", sum, err)
			}
		})
	}
}

func TestBatchRefusesASecondRunAtOnce(t *testing.T) {
	f, id := newFixture(t)
	f.dialogs.folder = t.TempDir()
	var second error
	f.svc.emit = func(string, any) {
		if second == nil {
			_, second = f.svc.Batch([]int64{id}, false)
		}
	}
	if _, err := f.svc.Batch([]int64{id}, false); err != nil {
		t.Fatal(err)
	}
	if backend.ErrorCode(second) != backend.ECodeConflict {
		t.Fatalf("second batch during the first: %v", second)
	}
	if _, err := f.svc.Batch(nil, false); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("empty batch: %v", err)
	}
}

func TestApprovedApplicationIsNeverADraft(t *testing.T) {
	f, _ := newFixture(t)
	bad := exampleApp(t)
	bad.Entity.Person.Mobile = "12345" // blocks under today's rules
	approvedID, draftID := f.create(t, bad), f.create(t, bad)
	ws, _ := f.h.get()
	if _, err := ws.SetStatus(context.Background(), approvedID, backend.StatusChange{To: backend.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	if r, err := f.svc.Generate(approvedID, "w1"); err != nil || r.Draft {
		t.Fatalf("approved application's checklist: draft %v, %v", r.Draft, err)
	}
	if r, err := f.svc.Generate(draftID, "w1"); err != nil || !r.Draft {
		t.Fatalf("blocking draft's checklist: draft %v, %v", r.Draft, err)
	}
	// The combined batch watermarks the draft's pages only.
	f.dialogs.file = filepath.Join(f.dir, "both.pdf")
	sum, err := f.svc.Batch([]int64{approvedID, draftID}, true)
	if err != nil || !sum.Draft {
		t.Fatalf("batch %+v %v", sum, err)
	}
	combined, _ := os.ReadFile(sum.Files[0])
	alone, _, err := checklist.Combine(context.Background(), []backend.Application{bad, bad}, checklist.Options{Clock: testClock, Drafts: []bool{false, true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	allDraft, _, _ := checklist.Combine(context.Background(), []backend.Application{bad, bad}, checklist.Options{Clock: testClock, Draft: true}, nil)
	if !bytes.Equal(combined, alone) || bytes.Equal(combined, allDraft) {
		t.Error("the combined PDF does not watermark per application")
	}
}

// A batch print counts as making the checklists: the readiness gate (and the
// list's "待处理") no longer asks for them; a cancelled batch stores nothing.
func TestBatchKeepsThePrintedChecklists(t *testing.T) {
	f, id := newFixture(t)
	s := &SubmitService{ctx: context.Background(), h: f.h, clock: testClock, emit: func(string, any) {}}
	missing := func() int {
		r, err := s.Readiness(id)
		if err != nil {
			t.Fatal(err)
		}
		return r.Summary()[submit.ReadyChecklistMissing]
	}
	if missing() != 2 {
		t.Fatalf("before the batch: %d checklists missing", missing())
	}
	f.dialogs.file = ""
	if _, err := f.svc.Batch([]int64{id}, true); err != nil || missing() != 2 {
		t.Fatalf("a cancelled batch changed readiness: %v, %d", err, missing())
	}
	f.dialogs.file = filepath.Join(f.dir, "all.pdf")
	if _, err := f.svc.Batch([]int64{id}, true); err != nil {
		t.Fatal(err)
	}
	if n := missing(); n != 0 {
		t.Fatalf("after the batch %d checklists are still missing", n)
	}
	rs, err := f.svc.List(id)
	if err != nil || len(rs) != 2 || rs[0].DocumentID == 0 || rs[1].DocumentID == 0 {
		t.Fatalf("stored checklists %+v, %v", rs, err)
	}
}
