package submit

import (
	"context"
	"errors"
	"testing"

	"icpdesk/backend"
)

// photoFailStore fails ListPhotos, as a broken workspace would.
type photoFailStore struct{ *fakeStore }

func (photoFailStore) ListPhotos(context.Context, int64) ([]backend.Photo, error) {
	return nil, errors.New("disk gone")
}

func TestCount(t *testing.T) {
	f := newFake()
	app := sampleApp()
	ticked := backend.Finding{Rule: "hand.ticked", Field: "entity.name", Severity: backend.Info}
	app.Confirm(ticked, f.now)
	findings := []backend.Finding{
		{Rule: "block.a", Field: "entity.name", Severity: backend.Block},
		{Rule: "block.b", Field: "entity.address", Severity: backend.Block},
		{Rule: "warn.review", Field: "websites.0.name", Severity: backend.Warn},
		{Rule: "hand.open", Field: "entity.name", Severity: backend.Info},
		ticked, // confirmed: not counted
		{Rule: "note", Field: "entity.phone", Severity: backend.Info}, // not a hand-check
	}
	checks := 0
	var forStatus []backend.Status
	c := Counter{
		Gate: Gate{
			Check:         func(backend.Application) []backend.Finding { checks++; return findings },
			RequiredSlots: func(backend.Application) []string { return []string{"a", "b", "c"} },
			SlotNames: func(backend.Application) map[string]SlotName {
				t.Error("a row's count named its photo items")
				return nil
			},
		},
		ForStatus: func(fs []backend.Finding, st backend.Status) []backend.Finding {
			forStatus = append(forStatus, st)
			if st == backend.StatusDraft {
				return fs
			}
			return fs[2:3] // in review only the warning still applies
		},
		Confirmable: func(fd backend.Finding) bool { return fd.Rule != "note" && fd.Severity == backend.Info },
	}

	draft := f.add(app, backend.StatusDraft)
	f.putPhoto(draft, "a", true)
	f.putPhoto(draft, "b", false)
	f.putDoc(draft, app.Websites[0].ID, false)
	rec, _ := f.GetApplication(ctx, draft)
	n, err := c.Count(ctx, f, rec)
	if err != nil {
		t.Fatal(err)
	}
	// Photos: b not exported, c missing; checklists: every other website's.
	want := Counts{Blocking: 2, Warnings: 1, HandChecks: 1, Photos: 2, Checklists: len(app.Websites) - 1}
	if n != want || checks != 1 || len(forStatus) != 1 || forStatus[0] != backend.StatusDraft {
		t.Fatalf("draft counts %+v (rules ran %d times, ForStatus %v), want %+v", n, checks, forStatus, want)
	}

	// After submission the gate is not run: no photo or checklist counts.
	sub := f.add(app, backend.StatusPrelimReview)
	rec, _ = f.GetApplication(ctx, sub)
	if n, err = c.Count(ctx, f, rec); err != nil || n != (Counts{Warnings: 1}) {
		t.Fatalf("in review: %+v, %v", n, err)
	}

	// A read failure is an error, never "nothing missing".
	rec, _ = f.GetApplication(ctx, draft)
	if n, err := c.Count(ctx, photoFailStore{f}, rec); err == nil || n != (Counts{}) {
		t.Fatalf("failing store: %+v, %v", n, err)
	}
}
