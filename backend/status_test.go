package backend

import "testing"

// legal is process.md §4 written out pair by pair, independently of Transitions.
var legal = map[[2]Status]bool{
	{StatusDraft, StatusReady}: true, {StatusDraft, StatusAbandoned}: true,
	{StatusReady, StatusDraft}: true, {StatusReady, StatusSubmitted}: true, {StatusReady, StatusAbandoned}: true,
	{StatusSubmitted, StatusPrelimReview}:    true,
	{StatusPrelimReview, StatusPhotoPending}: true, {StatusPrelimReview, StatusWaitBureauSubmit}: true,
	{StatusPhotoPending, StatusPhotoReview}:     true,
	{StatusPhotoReview, StatusWaitBureauSubmit}: true,
	{StatusWaitBureauSubmit, StatusSMSPending}:  true,
	{StatusSMSPending, StatusBureauReview}:      true,
	{StatusBureauReview, StatusApproved}:        true,
	{StatusReturned, StatusDraft}:               true, {StatusReturned, StatusReady}: true, {StatusReturned, StatusRejectedFinal}: true,
}

func init() {
	// Every Tencent review sub-state, SMS and bureau review can be returned.
	for _, s := range []Status{StatusPrelimReview, StatusPhotoPending, StatusPhotoReview, StatusWaitBureauSubmit, StatusSMSPending, StatusBureauReview} {
		legal[[2]Status{s, StatusReturned}] = true
	}
	// Any open state can be abandoned; the 45-day rule expires submitted orders.
	for _, s := range []Status{StatusDraft, StatusReady, StatusSubmitted, StatusPrelimReview, StatusPhotoPending, StatusPhotoReview, StatusWaitBureauSubmit, StatusSMSPending, StatusBureauReview, StatusReturned} {
		legal[[2]Status{s, StatusAbandoned}] = true
		if s != StatusDraft && s != StatusReady {
			legal[[2]Status{s, StatusExpired}] = true
		}
	}
}

func TestTransitionsAllPairs(t *testing.T) {
	all := AllStatuses()
	if len(all) != len(Transitions) {
		t.Fatalf("AllStatuses has %d statuses, Transitions %d", len(all), len(Transitions))
	}
	n := 0
	for _, from := range all {
		for _, to := range all {
			want := legal[[2]Status{from, to}]
			if got := CanTransition(from, to); got != want {
				t.Errorf("CanTransition(%s, %s) = %v, want %v", from, to, got, want)
			}
			if want {
				n++
			}
		}
	}
	if n != len(legal) {
		t.Errorf("legal table names %d pairs, only %d are between known statuses", len(legal), n)
	}
	if CanTransition("bogus", StatusDraft) || CanTransition(StatusDraft, "bogus") {
		t.Error("unknown statuses must not transition")
	}
}

func TestNextStatusesAndTerminal(t *testing.T) {
	next := NextStatuses(StatusReady)
	next[0] = StatusApproved // a copy: must not change the table
	if CanTransition(StatusReady, StatusApproved) {
		t.Fatal("NextStatuses returned the table's own slice")
	}
	for _, s := range []Status{StatusApproved, StatusAbandoned, StatusExpired, StatusRejectedFinal} {
		if !Terminal(s) || len(NextStatuses(s)) != 0 {
			t.Errorf("%s should be terminal", s)
		}
	}
	if Terminal(StatusReturned) || Terminal("bogus") {
		t.Error("returned and unknown statuses are not terminal")
	}
}

func TestStatusFlags(t *testing.T) {
	for _, s := range AllStatuses() {
		f := Flags(s)
		if f.Editable != (s == StatusDraft || s == StatusReady) {
			t.Errorf("%s: editable %v", s, f.Editable)
		}
		if f.Tracking == f.Editable {
			t.Errorf("%s: tracking and editable both %v", s, f.Editable)
		}
		if f.Preparing != (f.Editable || s == StatusReturned) {
			t.Errorf("%s: preparing %v", s, f.Preparing)
		}
		for _, n := range f.Next {
			if !CanTransition(s, n) || n == StatusDraft || n == StatusReady {
				t.Errorf("%s: recordable next %s", s, n)
			}
		}
	}
	if f := Flags(StatusReturned); !f.CanMarkReady || f.CanSubmit || f.Editable {
		t.Errorf("returned: %+v", f)
	}
	if f := Flags(StatusReady); f.CanMarkReady || !f.CanSubmit {
		t.Errorf("ready: %+v", f)
	}
	if got := RecordableNext(StatusReturned); len(got) != 3 { // rejected_final, abandoned, expired
		t.Errorf("RecordableNext(returned) = %v", got)
	}
	for _, s := range TrackedStatuses() {
		if Editable(s) {
			t.Errorf("tracked status %s is editable", s)
		}
	}
}
