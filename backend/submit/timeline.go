package submit

import (
	"context"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Timeline is everything the tracking step shows about an order: its status
// history, open deadlines, what may be recorded next, rejections, approval
// and PSB steps. The app shows it; the CLI prints it (icpdesk-cli timeline).
type Timeline struct {
	Status     backend.Status      `json:"status"`
	Events     []TimelineEvent     `json:"events"`
	Deadlines  []Deadline          `json:"deadlines"`
	Next       []backend.Status    `json:"next"`
	Rejections []Rejection         `json:"rejections"`
	Approval   *Approval           `json:"approval,omitempty"`
	PSBSteps   []PSBStep           `json:"psbSteps"`
	Now        time.Time           `json:"now"`
	Flags      backend.StatusFlags `json:"flags"` // the status rules (Flags.Next: what the clerk may record here)
}

// LoadTimeline assembles the timeline of application id as of now; lists
// are empty, never nil. Any read failure fails it.
func LoadTimeline(ctx context.Context, st Store, id int64, now time.Time) (Timeline, error) {
	rec, err := st.GetApplication(ctx, id)
	if err != nil {
		return Timeline{}, err
	}
	events, err := st.ListEvents(ctx, id)
	if err != nil {
		return Timeline{}, err
	}
	approval, err := GetApproval(ctx, st, id)
	if err != nil {
		return Timeline{}, err
	}
	rejections, err := Rejections(ctx, st, id)
	if err != nil {
		return Timeline{}, err
	}
	return BuildTimeline(rec, events, approval, rejections, now), nil
}

// BuildTimeline is LoadTimeline without the reads: the timeline of rec from
// its events, recorded approval (nil: none) and rejections.
func BuildTimeline(rec backend.ApplicationRecord, events []backend.Event, approval *Approval, rejections []Rejection, now time.Time) Timeline {
	prov, _ := assets.ProvinceByKey(rec.Doc.Entity.Province) // none chosen: no province rules
	t := Timeline{
		Status: rec.Status, Events: DescribeEvents(events), Deadlines: Deadlines(rec, events, prov, approval, now),
		Next: backend.NextStatuses(rec.Status), Flags: backend.Flags(rec.Status), Rejections: rejections, Approval: approval, Now: now,
	}
	if approval != nil {
		t.PSBSteps = PSBSteps(rec.Doc, *approval, now)
	}
	if t.Deadlines == nil {
		t.Deadlines = []Deadline{}
	}
	if t.Rejections == nil {
		t.Rejections = []Rejection{}
	}
	if t.PSBSteps == nil {
		t.PSBSteps = []PSBStep{}
	}
	return t
}
