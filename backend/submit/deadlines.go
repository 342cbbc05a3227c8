package submit

import (
	"sort"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Deadline kinds; each is an i18n key in frontend/src/i18n/submit.*.json.
const (
	DeadlineSMS           = "submit.deadline.sms_verify"            // MIIT SMS code, 24 h
	DeadlineTencentPrelim = "submit.deadline.tencent_prelim"        // Tencent preliminary review, 1–2 working days
	DeadlineTencentPhoto  = "submit.deadline.tencent_photo_review"  // Tencent photo review, 1 working day
	DeadlineBureauSubmit  = "submit.deadline.tencent_bureau_submit" // Tencent hands over to the bureau, 1 working day
	DeadlineBureauReview  = "submit.deadline.bureau_review"         // bureau review, N working days
	DeadlineIdle          = "submit.deadline.idle_45"               // order invalid after 45 idle days
	DeadlineFooter        = "submit.deadline.footer"                // show the ICP number from approval on
	DeadlinePSBFiling     = "submit.deadline.psb_filing"            // PSB filing within 30 days of going live
	DeadlinePSBDisplay    = "submit.deadline.psb_display"           // PSB number on the site within 30 days of PSB approval
)

// Time limits of process.md §1–3. The default bureau review applies when a
// province has no figure (Decree 33: 20 working days).
const (
	smsWindow           = 24 * time.Hour
	prelimMinDays       = 1
	prelimMaxDays       = 2
	photoReviewDays     = 1
	bureauSubmitDays    = 1
	defaultBureauDays   = 20
	idleDays            = 45
	psbFilingDays       = 30
	psbDisplayDays      = 30
	idleReminderDays    = "7,15,30"
	defaultReviewSource = "decree33"
)

// Deadline is one dated duty or expectation of an application.
type Deadline struct {
	Kind        string         `json:"kind"`
	WebsiteID   string         `json:"websiteId,omitempty"`
	Start       time.Time      `json:"start"`
	Due         time.Time      `json:"due"`
	Approximate bool           `json:"approximate"` // working days without a holiday calendar, or an unconfirmed rule
	Overdue     bool           `json:"overdue"`
	Params      map[string]any `json:"params,omitempty"`
}

// endOfDay is the last second of t's day in Shanghai.
func endOfDay(t time.Time) time.Time {
	s := t.In(backend.Shanghai)
	return time.Date(s.Year(), s.Month(), s.Day(), 23, 59, 59, 0, backend.Shanghai)
}

// AddWorkingDays returns the end (23:59:59 Shanghai) of the n-th working day
// after start's Shanghai date; working days are Mon–Fri, holidays unknown.
// The start day itself is not counted: a Friday start with n=1 is Monday.
func AddWorkingDays(start time.Time, n int) time.Time {
	s := start.In(backend.Shanghai)
	d := time.Date(s.Year(), s.Month(), s.Day(), 12, 0, 0, 0, backend.Shanghai)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return endOfDay(d)
}

// addDays is the end of the n-th calendar day after start (Shanghai).
func addDays(start time.Time, n int) time.Time {
	s := start.In(backend.Shanghai)
	return endOfDay(time.Date(s.Year(), s.Month(), s.Day()+n, 12, 0, 0, 0, backend.Shanghai))
}

// entered is when the application last entered status s (zero if never).
func entered(events []backend.Event, s backend.Status) time.Time {
	var t time.Time
	for _, e := range events {
		if e.To == s && !e.At.Before(t) {
			t = e.At
		}
	}
	return t
}

// Deadlines lists the application's open deadlines in its current status.
// approval (may be nil) carries the numbers recorded after approval, so
// duties already done drop out. Times are compared with now.
func Deadlines(rec backend.ApplicationRecord, events []backend.Event, province assets.Province, approval *Approval, now time.Time) []Deadline {
	since := entered(events, rec.Status)
	if since.IsZero() {
		since = rec.UpdatedAt
	}
	var out []Deadline
	add := func(d Deadline) {
		d.Start = since
		if d.Params == nil {
			d.Params = map[string]any{}
		}
		d.Overdue = now.After(d.Due)
		out = append(out, d)
	}
	switch rec.Status {
	case backend.StatusSubmitted, backend.StatusPrelimReview:
		add(Deadline{Kind: DeadlineTencentPrelim, Due: AddWorkingDays(since, prelimMaxDays), Approximate: true,
			Params: map[string]any{"minDays": prelimMinDays, "maxDays": prelimMaxDays, "earliest": AddWorkingDays(since, prelimMinDays)}})
	case backend.StatusPhotoPending, backend.StatusReturned:
		add(Deadline{Kind: DeadlineIdle, Due: addDays(since, idleDays), Approximate: true,
			Params: map[string]any{"days": idleDays, "reminders": idleReminderDays}})
	case backend.StatusPhotoReview:
		add(Deadline{Kind: DeadlineTencentPhoto, Due: AddWorkingDays(since, photoReviewDays), Approximate: true, Params: map[string]any{"days": photoReviewDays}})
	case backend.StatusWaitBureauSubmit:
		add(Deadline{Kind: DeadlineBureauSubmit, Due: AddWorkingDays(since, bureauSubmitDays), Approximate: true, Params: map[string]any{"days": bureauSubmitDays}})
	case backend.StatusSMSPending:
		add(Deadline{Kind: DeadlineSMS, Due: since.Add(smsWindow), Params: map[string]any{"hours": int(smsWindow / time.Hour)}})
	case backend.StatusBureauReview:
		n, src := province.BureauReviewWorkingDays, province.Key
		if n <= 0 {
			n, src = defaultBureauDays, defaultReviewSource
		}
		add(Deadline{Kind: DeadlineBureauReview, Due: AddWorkingDays(since, n), Approximate: true,
			Params: map[string]any{"days": n, "province": src}})
	case backend.StatusApproved:
		approvedAt := since
		if approval != nil && !approval.ApprovedAt.IsZero() {
			approvedAt = approval.ApprovedAt
		}
		footer := Deadline{Kind: DeadlineFooter, Due: approvedAt}
		if approval == nil || !approval.FooterDone {
			add(footer)
			out[len(out)-1].Start = approvedAt
		}
		for _, w := range rec.Doc.Websites {
			var psb PSBRecord
			if approval != nil {
				psb = approval.PSB[w.ID]
			}
			switch {
			case psb.Number == "" && psb.FiledAt == nil:
				add(Deadline{Kind: DeadlinePSBFiling, WebsiteID: w.ID, Due: addDays(approvedAt, psbFilingDays),
					Params: map[string]any{"days": psbFilingDays, "domain": firstDomain(w)}})
				out[len(out)-1].Start = approvedAt
			case !psb.Displayed && psb.ApprovedAt != nil:
				add(Deadline{Kind: DeadlinePSBDisplay, WebsiteID: w.ID, Due: addDays(*psb.ApprovedAt, psbDisplayDays),
					Params: map[string]any{"days": psbDisplayDays, "domain": firstDomain(w)}})
				out[len(out)-1].Start = *psb.ApprovedAt
			}
		}
	}
	return out
}

// DueSoon returns the deadlines due within the given time from now, overdue
// ones included, soonest first: the home screen's list.
func DueSoon(list []Deadline, now time.Time, within time.Duration) []Deadline {
	limit := now.Add(within)
	out := []Deadline{}
	for _, d := range list {
		if !d.Due.After(limit) {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out
}
