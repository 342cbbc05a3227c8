package rules

import "icpdesk/backend"

// What still applies once an order left the clerk's hands. Before submission
// (draft, ready, returned) every finding applies. While Tencent and the bureau
// review the order its data are frozen, so problems in them and preparation
// tasks (templates, signatures, photos) no longer ask anything of the clerk;
// only what the clerk must still do during the review stays (process.md §4,
// rejections.md #11, #16, #26). After approval, and in closed orders, nothing
// from the rules remains: the tracking screen holds the after-approval duties
// (PSB filing, footer).
var duringReview = map[string]bool{
	ruleConfirmSMS:       true, // the MIIT SMS arrives during the bureau step
	ruleConfirmReachable: true, // reviewers call during the review
	ruleConfirmOffline:   true, // the site stays offline until approval
	ruleProvReview:       true, // how long the bureau takes
}

// ForStatus keeps the findings that still apply to an order in status st.
func ForStatus(fs []backend.Finding, st backend.Status) []backend.Finding {
	switch st {
	case backend.StatusDraft, backend.StatusReady, backend.StatusReturned:
		return fs
	case backend.StatusApproved, backend.StatusAbandoned, backend.StatusExpired, backend.StatusRejectedFinal:
		return []backend.Finding{}
	}
	out := []backend.Finding{}
	for _, f := range fs {
		if duringReview[f.Rule] {
			out = append(out, f)
		}
	}
	return out
}

// Confirmable reports whether the clerk ticks f off by hand: a hand-check or
// a task (Info). Unanswered type questions go away by answering them, and a
// phone number's location is a note under its field, not a task.
func Confirmable(f backend.Finding) bool {
	switch f.Rule {
	case ruleTypeUnanswered, rulePhoneLocation, rulePhoneLocUnknown:
		return false
	}
	return f.Severity == backend.Info
}
