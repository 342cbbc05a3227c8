package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/store"
	"icpdesk/backend/submit"
)

// trackedWorkspace writes a workspace with a draft (one website, no
// domain) and an order in Tencent's review.
func trackedWorkspace(t *testing.T) (path string, draft, review int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "w.icpdesk")
	ws, err := store.Open(path, store.Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := ws.CreateClient(ctx, backend.Client{Name: "甲"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ws.CreateApplication(ctx, c.ID, backend.NewApplication())
	if err != nil {
		t.Fatal(err)
	}
	doc := backend.NewApplication()
	doc.Websites[0].Domains = []string{" example.cn ", "www.example.cn"}
	r, err := ws.CreateApplication(ctx, c.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []backend.Status{backend.StatusReady, backend.StatusSubmitted, backend.StatusPrelimReview} {
		if _, err := ws.SetStatus(ctx, r.ID, backend.StatusChange{To: to, Note: "→ " + string(to)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	return path, d.ID, r.ID
}

func TestTimelineCommand(t *testing.T) {
	path, draft, review := trackedWorkspace(t)
	var out, errb bytes.Buffer
	if code := runTimeline([]string{path, strconv.FormatInt(review, 10)}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var tl submit.Timeline
	if err := json.Unmarshal(out.Bytes(), &tl); err != nil {
		t.Fatalf("%s: %v", out.String(), err)
	}
	if tl.Status != backend.StatusPrelimReview || len(tl.Events) != 4 || tl.Events[3].Note != "→ prelim_review" ||
		len(tl.Deadlines) == 0 || len(tl.Next) == 0 || tl.Flags.Editable {
		t.Fatalf("timeline %s", out.String())
	}

	out.Reset()
	if code := runTimeline([]string{path, strconv.FormatInt(draft, 10)}, &out, &errb); code != 0 ||
		!strings.Contains(out.String(), `"deadlines": []`) || !strings.Contains(out.String(), `"status": "draft"`) {
		t.Fatalf("draft: exit %d, %s", code, out.String())
	}

	for _, args := range [][]string{
		{path},
		{path, "x"},
		{path, "0"},
		{path, "999"}, // no such application
		{filepath.Join(t.TempDir(), "missing.icpdesk"), "1"},
	} {
		errb.Reset()
		if code := runTimeline(args, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 with a message", args, code, errb.String())
		}
	}
}

func TestListCommand(t *testing.T) {
	path, draft, review := trackedWorkspace(t)
	var out, errb bytes.Buffer
	if code := runList([]string{path}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows := map[int64]listRow{}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r listRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		rows[r.ID] = r
	}
	if len(rows) != 2 {
		t.Fatalf("rows %s", out.String())
	}
	// An empty draft: blocking problems, every required photo, its checklist.
	d := rows[draft]
	if d.Blocking == 0 || d.Photos == 0 || d.Checklists != 1 || d.Domains == nil || len(d.Domains) != 0 {
		t.Errorf("draft row %+v", d)
	}
	// In review: no photo or checklist counts, domains trimmed.
	r := rows[review]
	if r.Photos != 0 || r.Checklists != 0 || r.Status != backend.StatusPrelimReview || strings.Join(r.Domains, ",") != "example.cn,www.example.cn" {
		t.Errorf("review row %+v", r)
	}

	if code := runList([]string{filepath.Join(t.TempDir(), "missing.icpdesk")}, &out, &errb); code != 2 {
		t.Errorf("missing workspace: exit %d, want 2", code)
	}
	if code := runList(nil, &out, &errb); code != 2 {
		t.Errorf("no argument: exit %d, want 2", code)
	}
}
