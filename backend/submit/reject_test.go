package submit

import (
	"reflect"
	"testing"
	"time"

	"icpdesk/backend"
)

func TestRejectReopen(t *testing.T) {
	f := newFake()
	id := f.add(sampleApp(), backend.StatusBureauReview)
	for _, bad := range [][]string{nil, {"website_name", "no_such_reason"}} {
		if _, err := Reject(ctx, f, id, bad, "", time.Time{}); backend.ErrorCode(err) != backend.ECodeInvalid || f.status(id) != backend.StatusBureauReview {
			t.Errorf("Reject(%v): %v", bad, err)
		}
	}
	at := time.Date(2024, 4, 1, 9, 30, 0, 0, backend.Shanghai)
	r, err := Reject(ctx, f, id, []string{"website_name", "address_not_detailed", "website_name"}, " 名称含地名 ", at)
	if err != nil {
		t.Fatal(err)
	}
	if f.status(id) != backend.StatusReturned || r.From != backend.StatusBureauReview || !r.At.Equal(at) ||
		!reflect.DeepEqual(r.Reasons, []string{"website_name", "address_not_detailed"}) || r.Note != "名称含地名" {
		t.Fatalf("rejection %+v, status %s", r, f.status(id))
	}
	rev := f.revs[len(f.revs)-1]
	if rev.ID != r.RevisionID || rev.Reason != backend.RevisionRejection || rev.Status != backend.StatusBureauReview {
		t.Errorf("revision %+v", rev)
	}
	// A returned order cannot be returned again.
	if _, err := Reject(ctx, f, id, []string{"other"}, "", time.Time{}); backend.ErrorCode(err) != backend.ECodeIllegalChange {
		t.Errorf("second rejection: %v", err)
	}
	got, err := Reopen(ctx, f, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"websites.0.name", "websites.1.name", "entity.address"}
	if got.Record.Status != backend.StatusDraft || !reflect.DeepEqual(got.Fields, want) || len(got.Reasons) != 2 || got.Reasons[0].Zh == "" {
		t.Errorf("reopened %+v", got)
	}
	if _, err := Reopen(ctx, f, id); backend.ErrorCode(err) != backend.ECodeIllegalChange {
		t.Errorf("reopening a draft: %v", err)
	}
	// While it is fixed, every concerned field is marked with its reasons.
	marks, err := RejectionMarks(ctx, f, id)
	wantMarks := []RejectionMark{{"websites.0.name", []string{"website_name"}}, {"websites.1.name", []string{"website_name"}},
		{"entity.address", []string{"address_not_detailed"}}}
	if err != nil || !reflect.DeepEqual(marks, wantMarks) {
		t.Errorf("marks %+v %v, want %+v", marks, err, wantMarks)
	}
	// Submitted again: the marks are gone.
	if _, err := f.SetStatus(ctx, id, backend.StatusChange{To: backend.StatusSubmitted, At: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if marks, err := RejectionMarks(ctx, f, id); err != nil || len(marks) != 0 {
		t.Errorf("marks after resubmission %+v %v", marks, err)
	}
	list, _ := Rejections(ctx, f, id)
	if len(list) != 1 {
		t.Errorf("history %+v", list)
	}
}

func TestRejectionMarksNeverRejected(t *testing.T) {
	f := newFake()
	id := f.add(sampleApp(), backend.StatusDraft)
	if marks, err := RejectionMarks(ctx, f, id); err != nil || marks == nil || len(marks) != 0 {
		t.Errorf("marks %#v %v", marks, err)
	}
}

func TestConcernedFields(t *testing.T) {
	got := ConcernedFields(sampleApp(), []string{"backdrop_photo", "unknown", "contacts_shared", "duplicate_order"})
	want := []string{"websites.0.photos.backdrop", "websites.1.photos.backdrop",
		"entity.person.mobile", "entity.person.email", "entity.person.emergencyPhone",
		"websites.0.person.mobile", "websites.1.person.mobile", "websites.0.person.email", "websites.1.person.email",
		"websites.0.person.emergencyPhone", "websites.1.person.emergencyPhone"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
