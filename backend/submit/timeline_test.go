package submit

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"icpdesk/backend"
)

func TestLoadTimeline(t *testing.T) {
	f := newFake()
	now := time.Date(2024, 4, 1, 10, 0, 0, 0, backend.Shanghai)

	// A draft: its one event, nothing due, lists empty (not null in JSON).
	id := f.add(sampleApp(), backend.StatusDraft)
	tl, err := LoadTimeline(ctx, f, id, now)
	if err != nil {
		t.Fatal(err)
	}
	if tl.Status != backend.StatusDraft || len(tl.Events) != 1 || len(tl.Deadlines) != 0 || tl.Approval != nil ||
		!tl.Now.Equal(now) || !tl.Flags.Editable || !reflect.DeepEqual(tl.Next, backend.NextStatuses(backend.StatusDraft)) {
		t.Fatalf("draft timeline %+v", tl)
	}
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"deadlines":[]`, `"rejections":[]`, `"psbSteps":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON %s lacks %s", b, k)
		}
	}
	if strings.Contains(string(b), `"approval"`) {
		t.Errorf("JSON %s has an approval", b)
	}

	// In Tencent's review: a deadline; returned with a reason: a rejection.
	review := f.add(sampleApp(), backend.StatusSubmitted)
	if _, err := Transition(ctx, f, review, backend.StatusPrelimReview, "初审中", now.AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	tl, err = LoadTimeline(ctx, f, review, now)
	if err != nil || tl.Status != backend.StatusPrelimReview || len(tl.Events) != 2 || tl.Events[1].Note != "初审中" || len(tl.Deadlines) == 0 || tl.Flags.Editable {
		t.Fatalf("review timeline %+v, %v", tl, err)
	}
	if _, err := Reject(ctx, f, review, []string{"website_name"}, "", now); err != nil {
		t.Fatal(err)
	}
	if tl, err = LoadTimeline(ctx, f, review, now); err != nil || tl.Status != backend.StatusReturned || len(tl.Rejections) != 1 {
		t.Fatalf("returned timeline %+v, %v", tl, err)
	}

	// Approved: the approval and its PSB steps, nothing further to record.
	approved := f.add(sampleApp(), backend.StatusBureauReview)
	if _, _, err := Approve(ctx, f, approved, "浙ICP备12345678号", map[string]string{"w1": "浙ICP备12345678号-1", "w2": "浙ICP备12345678号-2"}, fakeValidate, now); err != nil {
		t.Fatal(err)
	}
	tl, err = LoadTimeline(ctx, f, approved, now.AddDate(0, 0, 1))
	if err != nil || tl.Approval == nil || tl.Approval.ICPNumber != "浙ICP备12345678号" || len(tl.PSBSteps) == 0 || len(tl.Next) != len(backend.NextStatuses(backend.StatusApproved)) {
		t.Fatalf("approved timeline %+v, %v", tl, err)
	}

	if _, err := LoadTimeline(ctx, f, 999, now); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Errorf("unknown application: %v", err)
	}
}
