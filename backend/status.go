package backend

// Transitions are the legal status changes of process.md §4, as the app tracks
// them. The Tencent review sub-states (prelim_review … wait_bureau_submit) may
// each be returned, as the diagram's TENCENT_REVIEW group is; a returned order
// goes back to draft (to fix it) or straight to ready (nothing to change).
// Terminal states have no way out: a new attempt is a cloned application.
var Transitions = map[Status][]Status{
	StatusDraft:            {StatusReady, StatusAbandoned},
	StatusReady:            {StatusDraft, StatusSubmitted, StatusAbandoned},
	StatusSubmitted:        {StatusPrelimReview, StatusAbandoned, StatusExpired},
	StatusPrelimReview:     {StatusPhotoPending, StatusWaitBureauSubmit, StatusReturned, StatusAbandoned, StatusExpired},
	StatusPhotoPending:     {StatusPhotoReview, StatusReturned, StatusAbandoned, StatusExpired},
	StatusPhotoReview:      {StatusWaitBureauSubmit, StatusReturned, StatusAbandoned, StatusExpired},
	StatusWaitBureauSubmit: {StatusSMSPending, StatusReturned, StatusAbandoned, StatusExpired},
	StatusSMSPending:       {StatusBureauReview, StatusReturned, StatusAbandoned, StatusExpired},
	StatusBureauReview:     {StatusApproved, StatusReturned, StatusAbandoned, StatusExpired},
	StatusReturned:         {StatusDraft, StatusReady, StatusRejectedFinal, StatusAbandoned, StatusExpired},
	StatusApproved:         {},
	StatusAbandoned:        {},
	StatusExpired:          {},
	StatusRejectedFinal:    {},
}

// AllStatuses lists every status in process order.
func AllStatuses() []Status {
	return []Status{StatusDraft, StatusReady, StatusSubmitted, StatusPrelimReview, StatusPhotoPending,
		StatusPhotoReview, StatusWaitBureauSubmit, StatusSMSPending, StatusBureauReview, StatusApproved,
		StatusReturned, StatusAbandoned, StatusExpired, StatusRejectedFinal}
}

// CanTransition reports whether an application may move from one status to another.
func CanTransition(from, to Status) bool {
	for _, s := range Transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStatuses returns the statuses reachable from from in one step (a copy).
func NextStatuses(from Status) []Status {
	return append([]Status{}, Transitions[from]...)
}

// Terminal reports whether a status has no way out.
func Terminal(s Status) bool {
	next, known := Transitions[s]
	return known && len(next) == 0
}

// The status rules below are the only ones: the app sends them to the UI as
// StatusFlags and the CLI uses them directly, so no screen keeps its own list.

// Editable reports whether the wizard may change an application: while the
// clerk prepares it (draft, ready). A submitted order is frozen until a
// rejection reopens it.
func Editable(s Status) bool { return s == StatusDraft || s == StatusReady }

// Preparing reports whether the clerk is preparing the order, first or again
// after a rejection (draft, ready, returned): the readiness gate's to-dos
// (photos, checklists) matter.
func Preparing(s Status) bool { return Editable(s) || s == StatusReturned }

// TrackedStatuses are those with deadlines: submitted onwards, returned, and
// approved (footer and PSB duties).
func TrackedStatuses() []Status {
	return []Status{StatusSubmitted, StatusPrelimReview, StatusPhotoPending, StatusPhotoReview,
		StatusWaitBureauSubmit, StatusSMSPending, StatusBureauReview, StatusReturned, StatusApproved}
}

// RecordableNext are the next statuses the clerk records on the tracking
// screen; draft and ready come back through reopening and the readiness gate.
func RecordableNext(from Status) []Status {
	out := []Status{}
	for _, s := range Transitions[from] {
		if !Editable(s) {
			out = append(out, s)
		}
	}
	return out
}

// StatusFlags are the status rules for one status, as the UI needs them.
type StatusFlags struct {
	Editable     bool     `json:"editable"`     // the form may be changed
	Preparing    bool     `json:"preparing"`    // draft, ready or returned: readiness to-dos matter
	Tracking     bool     `json:"tracking"`     // in Tencent's hands (or was): the timeline has something to show
	CanMarkReady bool     `json:"canMarkReady"` // the readiness gate may mark it ready
	CanSubmit    bool     `json:"canSubmit"`    // the clerk may record the console submission
	Next         []Status `json:"next"`         // RecordableNext
}

// Flags returns the status rules of s.
func Flags(s Status) StatusFlags {
	return StatusFlags{
		Editable: Editable(s), Preparing: Preparing(s), Tracking: !Editable(s),
		CanMarkReady: CanTransition(s, StatusReady), CanSubmit: CanTransition(s, StatusSubmitted),
		Next: RecordableNext(s),
	}
}
