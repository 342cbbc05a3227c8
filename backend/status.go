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
