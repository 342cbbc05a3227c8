package submit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Rejection is one return of the order by Tencent, MIIT or the bureau.
type Rejection struct {
	At         time.Time      `json:"at"`
	From       backend.Status `json:"from"` // the status the order was returned from
	Reasons    []string       `json:"reasons"`
	Note       string         `json:"note,omitempty"`
	RevisionID int64          `json:"revisionId"`
}

func rejectionsKey(id int64) string { return "submit.rejections." + strconv.FormatInt(id, 10) }

// Rejections returns the application's rejections, oldest first.
func Rejections(ctx context.Context, st Store, appID int64) ([]Rejection, error) {
	list := []Rejection{}
	if _, err := getJSON(ctx, st, rejectionsKey(appID), &list); err != nil {
		return nil, err
	}
	return list, nil
}

// Reject records that the order came back: a rejection revision keeps the
// document as it was submitted, and the status becomes returned. reasonIDs
// are ids of assets.Rejections(); at least one is needed ("other" with a note).
func Reject(ctx context.Context, st Store, appID int64, reasonIDs []string, note string, at time.Time) (Rejection, error) {
	if len(reasonIDs) == 0 {
		return Rejection{}, backend.Errorf(backend.ECodeInvalid, "reasons", nil, "no rejection reason")
	}
	seen := map[string]bool{}
	reasons := []string{}
	for _, id := range reasonIDs {
		if _, ok := assets.RejectionByID(id); !ok {
			return Rejection{}, backend.Errorf(backend.ECodeInvalid, "reasons", map[string]any{"id": id}, "unknown rejection reason %q", id)
		}
		if !seen[id] {
			seen[id] = true
			reasons = append(reasons, id)
		}
	}
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return Rejection{}, err
	}
	if !backend.CanTransition(rec.Status, backend.StatusReturned) {
		return Rejection{}, illegal(rec.Status, backend.StatusReturned)
	}
	summary := rejectionSummaryPrefix + strings.Join(reasons, ", ")
	if note = strings.TrimSpace(note); note != "" {
		summary += "\n" + note
	}
	rev, err := st.CreateRevision(ctx, appID, backend.RevisionRejection, summary)
	if err != nil {
		return Rejection{}, err
	}
	ev, err := move(ctx, st, rec, backend.StatusReturned, summary, at)
	if err != nil {
		return Rejection{}, err
	}
	r := Rejection{At: ev.At, From: rec.Status, Reasons: reasons, Note: note, RevisionID: rev.ID}
	list, err := Rejections(ctx, st, appID)
	if err != nil {
		return r, err
	}
	return r, setJSON(ctx, st, rejectionsKey(appID), append(list, r))
}

// ConcernedFields expands the field paths of the given reasons for an
// application ("websites.*.name" → "websites.0.name", "websites.1.name"), in
// order and without duplicates; unknown ids are skipped.
func ConcernedFields(app backend.Application, reasonIDs []string) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, id := range reasonIDs {
		r, ok := assets.RejectionByID(id)
		if !ok {
			continue
		}
		for _, f := range r.Fields {
			if rest, ok := strings.CutPrefix(f, "websites.*"); ok {
				for i := range app.Websites {
					add(fmt.Sprintf("websites.%d%s", i, rest))
				}
				continue
			}
			add(f)
		}
	}
	return out
}

// Reopened is a returned order taken back for fixing: the reasons of its
// last rejection and the fields the UI highlights.
type Reopened struct {
	Record    backend.ApplicationRecord `json:"record"`
	Rejection Rejection                 `json:"rejection"`
	Reasons   []assets.RejectionReason  `json:"reasons"`
	Fields    []string                  `json:"fields"`
}

// Reopen moves a returned order back to draft so it can be fixed and go
// through the readiness gate again.
func Reopen(ctx context.Context, st Store, appID int64) (Reopened, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return Reopened{}, err
	}
	if rec.Status != backend.StatusReturned {
		return Reopened{}, illegal(rec.Status, backend.StatusDraft)
	}
	list, err := Rejections(ctx, st, appID)
	if err != nil {
		return Reopened{}, err
	}
	out := Reopened{Reasons: []assets.RejectionReason{}, Fields: []string{}}
	if len(list) > 0 {
		out.Rejection = list[len(list)-1]
		for _, id := range out.Rejection.Reasons {
			if r, ok := assets.RejectionByID(id); ok {
				out.Reasons = append(out.Reasons, r)
			}
		}
		out.Fields = ConcernedFields(rec.Doc, out.Rejection.Reasons)
	}
	if _, err := move(ctx, st, rec, backend.StatusDraft, "reopened", time.Time{}); err != nil {
		return out, err
	}
	out.Record, err = st.GetApplication(ctx, appID)
	return out, err
}

// RejectionMark is a field the last rejection concerns, with the reasons
// that name it: the wizard highlights it until the order is submitted again.
type RejectionMark struct {
	Field   string   `json:"field"`
	Reasons []string `json:"reasons"`
}

// RejectionMarks lists the fields of the last rejection while the order is
// being fixed (draft or ready, reopened after that rejection and not yet
// submitted again); none otherwise. Never nil.
func RejectionMarks(ctx context.Context, st Store, appID int64) ([]RejectionMark, error) {
	out := []RejectionMark{}
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return out, err
	}
	if rec.Status != backend.StatusDraft && rec.Status != backend.StatusReady {
		return out, nil
	}
	list, err := Rejections(ctx, st, appID)
	if err != nil || len(list) == 0 {
		return out, err
	}
	last := list[len(list)-1]
	events, err := st.ListEvents(ctx, appID)
	if err != nil {
		return out, err
	}
	for _, e := range events {
		if e.To == backend.StatusSubmitted && e.At.After(last.At) {
			return out, nil
		}
	}
	index := map[string]int{}
	for _, id := range last.Reasons {
		for _, f := range ConcernedFields(rec.Doc, []string{id}) {
			i, ok := index[f]
			if !ok {
				i = len(out)
				index[f] = i
				out = append(out, RejectionMark{Field: f, Reasons: []string{}})
			}
			out[i].Reasons = append(out[i].Reasons, id)
		}
	}
	return out, nil
}
