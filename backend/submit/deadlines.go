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
	Kind        string    `json:"kind"`
	WebsiteID   string    `json:"websiteId,omitempty"`
	Start       time.Time `json:"start"`
	Due         time.Time `json:"due"`
	Approximate bool      `json:"approximate"`
	// ApproxReason says why a due date is approximate: "holidays" (working
	// days in a year without a State Council notice: weekends only skipped)
	// or "unconfirmed" (a rule whose current force is not confirmed).
	ApproxReason string         `json:"approxReason,omitempty"`
	Overdue      bool           `json:"overdue"`
	Unit         string         `json:"unit"` // days | working_days: how the rule counts
	Countdown    Countdown      `json:"countdown"`
	Params       map[string]any `json:"params,omitempty"`
}

// endOfDay is the last second of t's day in Shanghai.
func endOfDay(t time.Time) time.Time {
	s := t.In(backend.Shanghai)
	return time.Date(s.Year(), s.Month(), s.Day(), 23, 59, 59, 0, backend.Shanghai)
}

// holidayCalendar is the State Council calendar (assets/data/holidays_cn.json);
// nil when it cannot be read, and every working day is then approximate.
func holidayCalendar() *assets.HolidayCalendar {
	c, err := assets.Holidays()
	if err != nil {
		return nil
	}
	return c
}

// isWorkingDay tells whether the Shanghai date of d is a working day, and
// whether a State Council notice says so (false: weekends only).
func isWorkingDay(cal *assets.HolidayCalendar, d time.Time) (working, known bool) {
	if cal != nil {
		return cal.IsWorkingDay(d.Year(), d.Month(), d.Day())
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, false
}

// AddWorkingDays returns the end (23:59:59 Shanghai) of the n-th working day
// after start's Shanghai date. Working days are Monday to Friday except the
// public holidays, plus the make-up working days, of the State Council's
// notices. The start day itself is not counted: a Friday start with n=1 is
// Monday. exact is false when a day on the way falls in a year without a
// notice (weekends only were skipped there).
func AddWorkingDays(start time.Time, n int) (due time.Time, exact bool) {
	cal := holidayCalendar()
	s := start.In(backend.Shanghai)
	d := time.Date(s.Year(), s.Month(), s.Day(), 12, 0, 0, 0, backend.Shanghai)
	exact = true
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		working, known := isWorkingDay(cal, d)
		exact = exact && known
		if working {
			n--
		}
	}
	return endOfDay(d), exact
}

// addDays is the end of the n-th calendar day after start (Shanghai).
func addDays(start time.Time, n int) time.Time {
	s := start.In(backend.Shanghai)
	return endOfDay(time.Date(s.Year(), s.Month(), s.Day()+n, 12, 0, 0, 0, backend.Shanghai))
}

// Why a due date is approximate.
const (
	ApproxHolidays    = "holidays"
	ApproxUnconfirmed = "unconfirmed"
)

// Countdown units: a rule counted in working days counts down in working days.
const (
	UnitDays        = "days"
	UnitWorkingDays = "working_days"
)

// Countdown is how far a deadline is from now, in the one definition of a
// day ICP Desk uses: Shanghai calendar dates (or the working days among
// them, for a rule counted in working days). Key is an i18n key under
// submitUi.countdown: overdue (N days late), due (passed earlier today),
// today, tomorrow, left (N days or working days to go).
type Countdown struct {
	Key  string `json:"key"`
	N    int    `json:"n"`
	Unit string `json:"unit"`
}

// shanghaiDate is t's Shanghai calendar date at noon UTC, for day arithmetic.
func shanghaiDate(t time.Time) time.Time {
	s := t.In(backend.Shanghai)
	return time.Date(s.Year(), s.Month(), s.Day(), 12, 0, 0, 0, time.UTC)
}

// calendarDaysBetween is the number of Shanghai dates from a's to b's.
func calendarDaysBetween(a, b time.Time) int {
	return int(shanghaiDate(b).Sub(shanghaiDate(a)).Hours() / 24)
}

// CountdownTo is the countdown from now to due in the given unit.
func CountdownTo(due, now time.Time, unit string) Countdown {
	if unit != UnitWorkingDays {
		unit = UnitDays
	}
	if now.After(due) {
		if late := calendarDaysBetween(due, now); late > 0 {
			return Countdown{Key: "overdue", N: late, Unit: UnitDays}
		}
		return Countdown{Key: "due", Unit: unit}
	}
	n := calendarDaysBetween(now, due)
	switch {
	case n == 0:
		return Countdown{Key: "today", Unit: unit}
	case n == 1:
		return Countdown{Key: "tomorrow", N: 1, Unit: unit}
	case unit == UnitWorkingDays:
		cal := holidayCalendar()
		w := 0
		for d := shanghaiDate(now).AddDate(0, 0, 1); !d.After(shanghaiDate(due)); d = d.AddDate(0, 0, 1) {
			if ok, _ := isWorkingDay(cal, d); ok {
				w++
			}
		}
		return Countdown{Key: "left", N: w, Unit: unit}
	}
	return Countdown{Key: "left", N: n, Unit: unit}
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
		if d.Start.IsZero() {
			d.Start = since
		}
		if d.Params == nil {
			d.Params = map[string]any{}
		}
		if d.Unit == "" {
			d.Unit = UnitDays
		}
		d.Overdue = now.After(d.Due)
		d.Countdown = CountdownTo(d.Due, now, d.Unit)
		out = append(out, d)
	}
	// working is a rule counted in working days, exact where the holiday
	// calendar covers every day on the way.
	working := func(kind string, n int, params map[string]any) Deadline {
		due, exact := AddWorkingDays(since, n)
		d := Deadline{Kind: kind, Due: due, Unit: UnitWorkingDays, Params: params}
		if !exact {
			d.Approximate, d.ApproxReason = true, ApproxHolidays
		}
		return d
	}
	switch rec.Status {
	case backend.StatusSubmitted, backend.StatusPrelimReview:
		earliest, _ := AddWorkingDays(since, prelimMinDays)
		add(working(DeadlineTencentPrelim, prelimMaxDays,
			map[string]any{"minDays": prelimMinDays, "maxDays": prelimMaxDays, "earliest": earliest}))
	case backend.StatusPhotoPending, backend.StatusReturned:
		add(Deadline{Kind: DeadlineIdle, Due: addDays(since, idleDays), Approximate: true, ApproxReason: ApproxUnconfirmed,
			Params: map[string]any{"days": idleDays, "reminders": idleReminderDays}})
	case backend.StatusPhotoReview:
		add(working(DeadlineTencentPhoto, photoReviewDays, map[string]any{"days": photoReviewDays}))
	case backend.StatusWaitBureauSubmit:
		add(working(DeadlineBureauSubmit, bureauSubmitDays, map[string]any{"days": bureauSubmitDays}))
	case backend.StatusSMSPending:
		add(Deadline{Kind: DeadlineSMS, Due: since.Add(smsWindow), Params: map[string]any{"hours": int(smsWindow / time.Hour)}})
	case backend.StatusBureauReview:
		n, src := province.BureauReviewWorkingDays, province.Key
		if n <= 0 {
			n, src = defaultBureauDays, defaultReviewSource
		}
		add(working(DeadlineBureauReview, n, map[string]any{"days": n, "province": src}))
	case backend.StatusApproved:
		approvedAt := since
		if approval != nil && !approval.ApprovedAt.IsZero() {
			approvedAt = approval.ApprovedAt
		}
		// The footer number is due from approval on: due today, not already late.
		if approval == nil || !approval.FooterDone {
			add(Deadline{Kind: DeadlineFooter, Start: approvedAt, Due: endOfDay(approvedAt)})
		}
		for _, w := range rec.Doc.Websites {
			var psb PSBRecord
			if approval != nil {
				psb = approval.PSB[w.ID]
			}
			switch {
			case psb.Number == "" && psb.FiledAt == nil:
				add(Deadline{Kind: DeadlinePSBFiling, WebsiteID: w.ID, Start: approvedAt, Due: addDays(approvedAt, psbFilingDays),
					Params: map[string]any{"days": psbFilingDays, "domain": firstDomain(w)}})
			case !psb.Displayed && psb.ApprovedAt != nil:
				add(Deadline{Kind: DeadlinePSBDisplay, WebsiteID: w.ID, Start: *psb.ApprovedAt, Due: addDays(*psb.ApprovedAt, psbDisplayDays),
					Params: map[string]any{"days": psbDisplayDays, "domain": firstDomain(w)}})
			}
		}
	}
	return out
}

// DueSoon returns the deadlines due within the given time from now, overdue
// ones included, soonest first: the home screen's list. Like the countdowns
// it counts Shanghai days: "within 30 days" runs to the end of the 30th day.
func DueSoon(list []Deadline, now time.Time, within time.Duration) []Deadline {
	limit := endOfDay(now.Add(within))
	out := []Deadline{}
	for _, d := range list {
		if !d.Due.After(limit) {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out
}
