package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"icpdesk/backend"
)

func newFiling(t *testing.T) *FilingService {
	t.Helper()
	h := openHolder(t, filepath.Join(t.TempDir(), "w.icpdesk"))
	return &FilingService{ctx: context.Background(), h: h, clock: backend.SystemClock{}}
}

func clientName(t *testing.T, s *FilingService, id int64) string {
	t.Helper()
	ws, _ := s.h.get()
	c, err := ws.GetClient(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Name
}

// The entity name typed in 新建申请 is the application's 主办单位名称, and an
// in-house clerk's client, created without a name, is named after the entity.
func TestNewApplicationCarriesTheEntityName(t *testing.T) {
	s := newFiling(t)
	v, err := s.NewApplicationFor(0, "", "深圳市云帆科技有限公司")
	if err != nil {
		t.Fatal(err)
	}
	if v.Record.Doc.Entity.Name != "深圳市云帆科技有限公司" {
		t.Errorf("entity name %q", v.Record.Doc.Entity.Name)
	}
	if n := clientName(t, s, v.Record.ClientID); n != "深圳市云帆科技有限公司" {
		t.Errorf("client named %q, want the entity's name", n)
	}
	// An agency names its client itself; the entity name stays the entity's.
	v, _ = s.NewApplicationFor(0, "云帆（代理）", "北京云帆科技有限公司")
	if n := clientName(t, s, v.Record.ClientID); n != "云帆（代理）" || v.Record.Doc.Entity.Name != "北京云帆科技有限公司" {
		t.Errorf("client %q, entity %q", n, v.Record.Doc.Entity.Name)
	}
}

// A client created with the dialog's default name takes the entity's name once
// it is typed; a client the clerk named keeps its name.
func TestDefaultClientIsNamedAfterTheEntity(t *testing.T) {
	s := newFiling(t)
	set := func(id int64, name string) {
		b, _ := json.Marshal(name)
		if _, err := s.SaveDraft(id, []backend.DraftPatch{{Path: "entity.name", Value: b}}); err != nil {
			t.Fatal(err)
		}
	}
	v, _ := s.NewApplication(0, "我的单位")
	set(v.Record.ID, "  ")
	if n := clientName(t, s, v.Record.ClientID); n != "我的单位" {
		t.Errorf("renamed to %q before an entity name is known", n)
	}
	set(v.Record.ID, "广州青禾文化传媒有限公司")
	if n := clientName(t, s, v.Record.ClientID); n != "广州青禾文化传媒有限公司" {
		t.Errorf("client %q, want the entity's name", n)
	}
	set(v.Record.ID, "广州青禾文化有限公司")
	if n := clientName(t, s, v.Record.ClientID); n != "广州青禾文化传媒有限公司" {
		t.Errorf("a named client was renamed again to %q", n)
	}
	w, _ := s.NewApplication(0, "青禾客户组")
	set(w.Record.ID, "杭州青禾有限公司")
	if n := clientName(t, s, w.Record.ClientID); n != "青禾客户组" {
		t.Errorf("the clerk's own client name was replaced by %q", n)
	}
}

// DefaultClientNames are the dialog's default names in every language.
func TestDefaultClientNamesMatchTheDialog(t *testing.T) {
	for _, lang := range []string{"zh-CN", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "frontend", "src", "i18n", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			NewApp struct {
				DefaultClient string `json:"defaultClient"`
			} `json:"newApp"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(DefaultClientNames, m.NewApp.DefaultClient) {
			t.Errorf("%s default client %q is not in DefaultClientNames", lang, m.NewApp.DefaultClient)
		}
	}
}

func findRule(v ApplicationView, rule string) (backend.Finding, bool) {
	for _, f := range v.Findings {
		if f.Rule == rule {
			return f, true
		}
	}
	return backend.Finding{}, false
}

// A tick on a hand-check is recorded with its time, undoable, and is not an
// edit: a ready application stays ready and its checklists stay current.
func TestConfirmIsRecordedUndoableAndNotAnEdit(t *testing.T) {
	s, f, id := newSubmitTest(t)
	fillPhotosAndChecklists(t, f, id)
	if res, err := s.MarkReady(id); err != nil || res.Record.Status != backend.StatusReady {
		t.Fatalf("mark ready %+v, %v", res, err)
	}
	fs := &FilingService{ctx: context.Background(), h: f.h, clock: testClock}
	v, err := fs.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	server, ok := findRule(v, "confirm.server")
	if !ok || server.ConfirmedAt != nil {
		t.Fatalf("hand-check before confirming: %+v %v", server, ok)
	}

	v, err = fs.Confirm(id, server, true)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := findRule(v, "confirm.server")
	if got.ConfirmedAt == nil || !got.ConfirmedAt.Equal(testClock.T) {
		t.Fatalf("confirmed finding %+v", got)
	}
	if v.Record.Status != backend.StatusReady {
		t.Fatalf("a confirmation sent the application to %s", v.Record.Status)
	}
	if r, err := s.Readiness(id); err != nil || !r.Ready {
		t.Fatalf("a confirmation made the application not ready: %+v %v", r, err)
	}
	// Reloaded from the workspace: the tick is in the document.
	v, _ = fs.Get(id)
	if got, _ := findRule(v, "confirm.server"); got.ConfirmedAt == nil {
		t.Fatal("the confirmation was not stored")
	}
	raw, _ := json.Marshal(v.Record.Doc)
	if !json.Valid(raw) || v.Record.Doc.Confirmations[backend.ConfirmationKey(server)].At.IsZero() {
		t.Fatalf("document %s", raw)
	}

	v, err = fs.Confirm(id, server, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := findRule(v, "confirm.server"); got.ConfirmedAt != nil || v.Record.Status != backend.StatusReady {
		t.Fatalf("after undo: %+v, %s", got, v.Record.Status)
	}

	// A real edit still sends it back to draft.
	v, err = fs.SaveDraft(id, []backend.DraftPatch{{Path: "entity.remark", Value: json.RawMessage(`"改"`)}})
	if err != nil || v.Record.Status != backend.StatusDraft {
		t.Fatalf("after an edit: %s, %v", v.Record.Status, err)
	}

	if _, err := fs.Confirm(id, backend.Finding{}, true); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("confirming nothing: %v", err)
	}
}

// After submission only what the clerk still does during the review is
// listed; confirming it still works although the document is frozen.
func TestFindingsAfterSubmissionKeepOnlyWhatApplies(t *testing.T) {
	s, f, id := newSubmitTest(t)
	fillPhotosAndChecklists(t, f, id)
	if _, err := s.MarkReady(id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Submit(id, ""); err != nil {
		t.Fatal(err)
	}
	fs := &FilingService{ctx: context.Background(), h: f.h, clock: testClock}
	v, err := fs.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Findings) == 0 {
		t.Fatal("nothing left to do during the review")
	}
	for _, x := range v.Findings {
		switch x.Rule {
		case "confirm.sms_24h", "confirm.phone_reachable", "confirm.site_offline", "province.review_time":
		default:
			t.Errorf("%s still listed after submission", x.Rule)
		}
	}
	sms, ok := findRule(v, "confirm.sms_24h")
	if !ok {
		t.Fatal("the SMS reminder is gone during the review")
	}
	if v, err = fs.Confirm(id, sms, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := findRule(v, "confirm.sms_24h"); got.ConfirmedAt == nil || v.Record.Status != backend.StatusSubmitted {
		t.Fatalf("confirm during review: %+v %s", got, v.Record.Status)
	}
}

// Ticks clicked one after another without waiting are all kept.
func TestConfirmsAtTheSameTimeAreAllKept(t *testing.T) {
	f, id := newFixture(t)
	fs := &FilingService{ctx: context.Background(), h: f.h, clock: testClock}
	v, err := fs.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	var todo []backend.Finding
	for _, x := range v.Findings {
		if x.Severity == backend.Info {
			todo = append(todo, x)
		}
	}
	if len(todo) < 5 {
		t.Fatalf("only %d hand-checks", len(todo))
	}
	errs := make(chan error, len(todo))
	for _, x := range todo {
		go func() {
			_, err := fs.Confirm(id, x, true)
			errs <- err
		}()
	}
	for range todo {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	v, _ = fs.Get(id)
	if n := len(backend.Pending(v.Findings)); n != len(v.Findings)-len(todo) {
		t.Fatalf("%d of %d ticks kept", len(v.Findings)-n, len(todo))
	}
}
