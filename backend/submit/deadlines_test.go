package submit

import (
	"testing"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

func sh(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, backend.Shanghai)
}

func day(t time.Time) string { return t.In(backend.Shanghai).Format("2006-01-02 Mon 15:04:05") }

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name  string
		start time.Time
		n     int
		want  string
		exact bool
	}{
		{"monday +1", sh(2024, 3, 4, 10, 0), 1, "2024-03-05 Tue 23:59:59", true},
		{"friday +1 skips the weekend", sh(2024, 3, 8, 10, 0), 1, "2024-03-11 Mon 23:59:59", true},
		{"saturday +1", sh(2024, 3, 9, 10, 0), 1, "2024-03-11 Mon 23:59:59", true},
		{"sunday +1", sh(2024, 3, 10, 23, 59), 1, "2024-03-11 Mon 23:59:59", true},
		{"zero days is the end of the start day", sh(2024, 3, 9, 10, 0), 0, "2024-03-09 Sat 23:59:59", true},
		{"month end", sh(2024, 1, 31, 9, 0), 2, "2024-02-02 Fri 23:59:59", true},
		{"leap day", sh(2024, 2, 28, 9, 0), 1, "2024-02-29 Thu 23:59:59", true},
		{"new year's day is a holiday", sh(2023, 12, 29, 9, 0), 1, "2024-01-02 Tue 23:59:59", true},
		{"20 working days across the year end skip 1 January", sh(2024, 12, 20, 16, 0), 20, "2025-01-20 Mon 23:59:59", true},
		// 4–6 April 2024 清明 (Thu–Sat), Sunday 7 April a make-up working day.
		{"zhejiang 30 working days over qingming", sh(2024, 3, 4, 10, 0), 30, "2024-04-16 Tue 23:59:59", true},
		// 2026 春节: 15–23 February off, Saturdays 14 and 28 February working.
		{"friday before the 2026 spring festival +1 is the make-up saturday", sh(2026, 2, 13, 10, 0), 1, "2026-02-14 Sat 23:59:59", true},
		{"make-up saturday +1 jumps the spring festival", sh(2026, 2, 14, 10, 0), 1, "2026-02-24 Tue 23:59:59", true},
		{"2026 spring festival, 5 working days", sh(2026, 2, 20, 10, 0), 5, "2026-02-28 Sat 23:59:59", true},
		{"national day 2026", sh(2026, 9, 30, 10, 0), 1, "2026-10-08 Thu 23:59:59", true},
		{"into a year without a notice", sh(2026, 12, 30, 10, 0), 2, "2027-01-01 Fri 23:59:59", false},
		// Thursday 23:30 UTC is Friday 07:30 in Shanghai: one working day later is Monday, not Friday.
		{"utc evening is the next day in shanghai", time.Date(2024, 3, 7, 23, 30, 0, 0, time.UTC), 1, "2024-03-11 Mon 23:59:59", true},
		{"utc afternoon is the same day", time.Date(2024, 3, 7, 15, 59, 0, 0, time.UTC), 1, "2024-03-08 Fri 23:59:59", true},
		{"other zone", time.Date(2024, 3, 8, 20, 0, 0, 0, time.FixedZone("PST", -8*3600)), 1, "2024-03-11 Mon 23:59:59", true},
	}
	for _, tc := range tests {
		due, exact := AddWorkingDays(tc.start, tc.n)
		if got := day(due); got != tc.want || exact != tc.exact {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %s exact %v, want %s exact %v", tc.name, tc.start, tc.n, got, exact, tc.want, tc.exact)
		}
	}
}

func TestCountdown(t *testing.T) {
	tests := []struct {
		name     string
		due, now time.Time
		unit     string
		want     Countdown
	}{
		{"the footer duty at the moment of approval", sh(2026, 11, 30, 23, 59), sh(2026, 11, 30, 10, 5), UnitDays, Countdown{"today", 0, UnitDays}},
		{"45 days right after the event", addDays(sh(2026, 11, 30, 10, 5), 45), sh(2026, 11, 30, 10, 5), UnitDays, Countdown{"left", 45, UnitDays}},
		{"30 days right after the event", addDays(sh(2026, 11, 30, 10, 5), 30), sh(2026, 11, 30, 10, 5), UnitDays, Countdown{"left", 30, UnitDays}},
		{"tomorrow 01:44 is tomorrow", sh(2026, 12, 1, 1, 44), sh(2026, 11, 30, 22, 0), UnitDays, Countdown{"tomorrow", 1, UnitDays}},
		{"tomorrow 01:44 from just after midnight", sh(2026, 12, 1, 1, 44), sh(2026, 11, 30, 0, 1), UnitDays, Countdown{"tomorrow", 1, UnitDays}},
		{"later today", sh(2026, 11, 30, 23, 59), sh(2026, 11, 30, 0, 0), UnitDays, Countdown{"today", 0, UnitDays}},
		{"passed earlier today", sh(2026, 11, 30, 10, 0), sh(2026, 11, 30, 11, 0), UnitDays, Countdown{"due", 0, UnitDays}},
		{"passed late yesterday is one day overdue", sh(2026, 11, 29, 23, 59), sh(2026, 11, 30, 0, 1), UnitDays, Countdown{"overdue", 1, UnitDays}},
		{"a UTC now late in the evening is already tomorrow in Shanghai", sh(2026, 12, 1, 20, 0), time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), UnitDays, Countdown{"today", 0, UnitDays}},
		{"working days over a weekend", sh(2026, 11, 30, 23, 59), sh(2026, 11, 27, 9, 0), UnitWorkingDays, Countdown{"left", 1, UnitWorkingDays}},
		{"working days over the 2026 spring festival", sh(2026, 2, 25, 23, 59), sh(2026, 2, 13, 9, 0), UnitWorkingDays, Countdown{"left", 3, UnitWorkingDays}},
		{"unknown unit counts days", sh(2026, 12, 3, 23, 59), sh(2026, 11, 30, 9, 0), "", Countdown{"left", 3, UnitDays}},
	}
	for _, tc := range tests {
		if got := CountdownTo(tc.due, tc.now, tc.unit); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func record(status backend.Status, events ...backend.Event) (backend.ApplicationRecord, []backend.Event) {
	return backend.ApplicationRecord{ID: 1, Status: status, Doc: sampleApp(), UpdatedAt: sh(2020, 1, 1, 0, 0)}, events
}

func ev(from, to backend.Status, at time.Time) backend.Event {
	return backend.Event{From: from, To: to, At: at}
}

func TestDeadlines(t *testing.T) {
	zj, _ := assets.ProvinceByKey("zhejiang")
	bj, _ := assets.ProvinceByKey("beijing")
	if zj.BureauReviewWorkingDays != 30 || bj.BureauReviewWorkingDays != 20 {
		t.Fatalf("province data: zhejiang %d, beijing %d", zj.BureauReviewWorkingDays, bj.BureauReviewWorkingDays)
	}
	smsAt := sh(2024, 3, 4, 10, 0)
	psbApproved := sh(2024, 5, 10, 9, 0)
	tests := []struct {
		name     string
		status   backend.Status
		events   []backend.Event
		province assets.Province
		approval *Approval
		now      time.Time
		want     []string // kind, website, due, approximate, overdue
	}{
		{"draft has none", backend.StatusDraft, nil, bj, nil, smsAt, nil},
		{"sms window not yet over", backend.StatusSMSPending,
			[]backend.Event{ev(backend.StatusWaitBureauSubmit, backend.StatusSMSPending, smsAt)}, bj, nil, smsAt.Add(24 * time.Hour),
			[]string{DeadlineSMS, "", "2024-03-05 Tue 10:00:00", "exact", "open"}},
		{"sms window over", backend.StatusSMSPending,
			[]backend.Event{ev(backend.StatusWaitBureauSubmit, backend.StatusSMSPending, smsAt)}, bj, nil, smsAt.Add(24*time.Hour + time.Second),
			[]string{DeadlineSMS, "", "2024-03-05 Tue 10:00:00", "exact", "overdue"}},
		{"latest entry counts after a return", backend.StatusSMSPending, []backend.Event{
			ev(backend.StatusWaitBureauSubmit, backend.StatusSMSPending, sh(2024, 2, 1, 10, 0)),
			ev(backend.StatusSMSPending, backend.StatusReturned, sh(2024, 2, 2, 10, 0)),
			ev(backend.StatusWaitBureauSubmit, backend.StatusSMSPending, smsAt)}, bj, nil, smsAt,
			[]string{DeadlineSMS, "", "2024-03-05 Tue 10:00:00", "exact", "open"}},
		{"zhejiang bureau review", backend.StatusBureauReview,
			[]backend.Event{ev(backend.StatusSMSPending, backend.StatusBureauReview, smsAt)}, zj, nil, smsAt,
			[]string{DeadlineBureauReview, "", "2024-04-16 Tue 23:59:59", "exact", "open"}},
		{"beijing bureau review overdue", backend.StatusBureauReview,
			[]backend.Event{ev(backend.StatusSMSPending, backend.StatusBureauReview, smsAt)}, bj, nil, sh(2024, 4, 2, 0, 0),
			[]string{DeadlineBureauReview, "", "2024-04-01 Mon 23:59:59", "exact", "overdue"}},
		{"unknown province uses 20", backend.StatusBureauReview,
			[]backend.Event{ev(backend.StatusSMSPending, backend.StatusBureauReview, smsAt)}, assets.Province{}, nil, smsAt,
			[]string{DeadlineBureauReview, "", "2024-04-01 Mon 23:59:59", "exact", "open"}},
		{"bureau review running into a year without a holiday notice is approximate", backend.StatusBureauReview,
			[]backend.Event{ev(backend.StatusSMSPending, backend.StatusBureauReview, sh(2026, 12, 14, 10, 0))}, bj, nil, sh(2026, 12, 14, 10, 0),
			[]string{DeadlineBureauReview, "", "2027-01-11 Mon 23:59:59", "approx", "open"}},
		{"tencent preliminary review from friday night utc", backend.StatusPrelimReview,
			[]backend.Event{ev(backend.StatusSubmitted, backend.StatusPrelimReview, time.Date(2024, 3, 7, 23, 30, 0, 0, time.UTC))}, bj, nil, smsAt,
			[]string{DeadlineTencentPrelim, "", "2024-03-12 Tue 23:59:59", "exact", "open"}},
		{"submitted counts like preliminary review", backend.StatusSubmitted,
			[]backend.Event{ev(backend.StatusReady, backend.StatusSubmitted, smsAt)}, bj, nil, smsAt,
			[]string{DeadlineTencentPrelim, "", "2024-03-06 Wed 23:59:59", "exact", "open"}},
		{"photo review", backend.StatusPhotoReview, []backend.Event{ev(backend.StatusPhotoPending, backend.StatusPhotoReview, smsAt)}, bj, nil, smsAt,
			[]string{DeadlineTencentPhoto, "", "2024-03-05 Tue 23:59:59", "exact", "open"}},
		{"bureau submission", backend.StatusWaitBureauSubmit, []backend.Event{ev(backend.StatusPhotoReview, backend.StatusWaitBureauSubmit, sh(2024, 3, 8, 18, 0))}, bj, nil, smsAt,
			[]string{DeadlineBureauSubmit, "", "2024-03-11 Mon 23:59:59", "exact", "open"}},
		{"45 idle days in a leap year", backend.StatusReturned, []backend.Event{ev(backend.StatusBureauReview, backend.StatusReturned, sh(2024, 1, 20, 8, 0))}, bj, nil, sh(2024, 3, 6, 0, 0),
			[]string{DeadlineIdle, "", "2024-03-05 Tue 23:59:59", "approx", "overdue"}},
		{"photo pending idles too", backend.StatusPhotoPending, []backend.Event{ev(backend.StatusPrelimReview, backend.StatusPhotoPending, sh(2023, 12, 1, 8, 0))}, bj, nil, sh(2023, 12, 1, 9, 0),
			[]string{DeadlineIdle, "", "2024-01-15 Mon 23:59:59", "approx", "open"}},
		{"approved: footer now, PSB per website", backend.StatusApproved,
			[]backend.Event{ev(backend.StatusBureauReview, backend.StatusApproved, sh(2024, 4, 20, 15, 0))}, bj, nil, sh(2024, 4, 21, 0, 0),
			[]string{DeadlineFooter, "", "2024-04-20 Sat 23:59:59", "exact", "overdue",
				DeadlinePSBFiling, "w1", "2024-05-20 Mon 23:59:59", "exact", "open",
				DeadlinePSBFiling, "w2", "2024-05-20 Mon 23:59:59", "exact", "open"}},
		{"approved: duties done drop out", backend.StatusApproved,
			[]backend.Event{ev(backend.StatusBureauReview, backend.StatusApproved, sh(2024, 4, 20, 15, 0))}, bj,
			&Approval{FooterDone: true, ApprovedAt: sh(2024, 4, 19, 9, 0), PSB: map[string]PSBRecord{"w1": {Number: "京公网安备 11010802020877号", ApprovedAt: &psbApproved}}},
			sh(2024, 5, 21, 0, 0),
			[]string{DeadlinePSBDisplay, "w1", "2024-06-09 Sun 23:59:59", "exact", "open",
				DeadlinePSBFiling, "w2", "2024-05-19 Sun 23:59:59", "exact", "overdue"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, evs := record(tc.status, tc.events...)
			got := Deadlines(rec, evs, tc.province, tc.approval, tc.now)
			var flat []string
			for _, d := range got {
				a, o := "exact", "open"
				if d.Approximate {
					a = "approx"
				}
				if d.Overdue {
					o = "overdue"
				}
				flat = append(flat, d.Kind, d.WebsiteID, day(d.Due), a, o)
			}
			if len(flat) != len(tc.want) {
				t.Fatalf("got %v\nwant %v", flat, tc.want)
			}
			for i := range flat {
				if flat[i] != tc.want[i] {
					t.Fatalf("got %v\nwant %v", flat, tc.want)
				}
			}
		})
	}
}

func TestDueSoon(t *testing.T) {
	now := sh(2024, 3, 4, 10, 0)
	list := []Deadline{
		{Kind: "c", Due: now.Add(72 * time.Hour)},
		{Kind: "b", Due: now.Add(time.Hour)},
		{Kind: "a", Due: now.Add(-time.Hour), Overdue: true},
		{Kind: "edge", Due: now.Add(48 * time.Hour)},
	}
	got := DueSoon(list, now, 48*time.Hour)
	if len(got) != 3 || got[0].Kind != "a" || got[1].Kind != "b" || got[2].Kind != "edge" {
		t.Errorf("DueSoon = %+v", got)
	}
	// 30 days after an approval at 10:00 the PSB duty ends at 23:59:59: still "within 30 days".
	psb := Deadline{Kind: "psb", Due: addDays(now, 30)}
	if got := DueSoon([]Deadline{psb}, now, 30*24*time.Hour); len(got) != 1 {
		t.Errorf("a duty due at the end of the 30th day is not within 30 days: %+v", got)
	}
	if len(DueSoon(nil, now, time.Hour)) != 0 {
		t.Error("empty list")
	}
}
