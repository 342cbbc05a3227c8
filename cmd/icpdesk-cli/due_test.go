package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/store"
)

func TestDueCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.icpdesk")
	ws, err := store.Open(path, store.Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := ws.CreateClient(ctx, backend.Client{Name: "甲"})
	if err != nil {
		t.Fatal(err)
	}
	submitted, err := ws.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := ws.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []backend.Status{backend.StatusReady, backend.StatusSubmitted} {
		if _, err := ws.SetStatus(ctx, submitted.ID, backend.StatusChange{To: to, At: time.Now().Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}

	var out, errb bytes.Buffer
	if code := runDue([]string{"--days", "30", path}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if out.Len() == 0 || len(lines) == 0 {
		t.Fatal("no deadline listed for a submitted order")
	}
	for _, l := range lines {
		var it struct {
			ApplicationID int64          `json:"applicationId"`
			Status        backend.Status `json:"status"`
			Deadline      struct{ Kind string }
		}
		if err := json.Unmarshal([]byte(l), &it); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if it.ApplicationID != submitted.ID || it.Status != backend.StatusSubmitted || it.Deadline.Kind == "" {
			t.Errorf("unexpected item %s (draft is %d)", l, draft.ID)
		}
	}

	if code := runDue([]string{filepath.Join(t.TempDir(), "missing.icpdesk")}, &out, &errb); code != 2 {
		t.Errorf("missing workspace: exit %d, want 2", code)
	}
}
