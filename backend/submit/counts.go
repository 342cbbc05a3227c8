package submit

import (
	"context"

	"icpdesk/backend"
)

// Counts is what a list row says an application still misses: "3 blocking
// problems, 2 photos, checklist not printed". Photos and Checklists count
// the readiness gate's items; they are only worked out before submission
// (backend.Preparing).
type Counts struct {
	Blocking   int `json:"blocking"`
	Warnings   int `json:"warnings"`
	Photos     int `json:"photos"`     // required photos missing or not exported
	Checklists int `json:"checklists"` // checklists missing, draft or older than the last edit
	HandChecks int `json:"handChecks"` // hand-checks still to confirm (Confirmable, not confirmed)
}

// Counter counts what an application still misses; like Gate it is given
// the rules engine by the caller.
type Counter struct {
	// Gate is the readiness gate; its Check is the rules engine.
	Gate Gate
	// ForStatus keeps the findings that still apply in a status
	// (rules.ForStatus); nil keeps them all.
	ForStatus func(fs []backend.Finding, st backend.Status) []backend.Finding
	// Confirmable tells the findings the clerk ticks off by hand
	// (rules.Confirmable); nil: none is.
	Confirmable func(backend.Finding) bool
}

// Count runs the rules once and, before submission, the readiness gate on
// the same findings. Pending findings that apply in the record's status
// count as blocking, warnings or hand-checks; a read failure fails the count
// (it never reads as "nothing blocks").
func (c Counter) Count(ctx context.Context, st Store, rec backend.ApplicationRecord) (Counts, error) {
	var findings []backend.Finding
	if c.Gate.Check != nil {
		findings = c.Gate.Check(rec.Doc)
	}
	var n Counts
	if backend.Preparing(rec.Status) {
		g := c.Gate
		g.SlotNames = nil // counts only: naming each row's photo items is work for nothing
		if g.Check != nil {
			g.Check = func(backend.Application) []backend.Finding { return findings }
		}
		r, err := g.Evaluate(ctx, st, rec)
		if err != nil {
			return Counts{}, err
		}
		for code, k := range r.Summary() {
			switch code {
			case ReadyPhotoMissing, ReadyPhotoNotExported:
				n.Photos += k
			case ReadyChecklistMissing, ReadyChecklistDraft, ReadyChecklistStale:
				n.Checklists += k
			}
		}
	}
	if c.ForStatus != nil {
		findings = c.ForStatus(findings, rec.Status)
	}
	for _, fd := range backend.Pending(rec.Doc.MarkConfirmed(findings)) {
		switch {
		case fd.Severity == backend.Block:
			n.Blocking++
		case fd.Severity == backend.Warn:
			n.Warnings++
		case c.Confirmable != nil && c.Confirmable(fd):
			n.HandChecks++
		}
	}
	return n, nil
}
