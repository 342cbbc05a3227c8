package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"context"

	"icpdesk/backend"
)

// The package tests never export a calendar: their dialog cancels.
func (d *fakePackageDialogs) saveCalendar(context.Context, string) (string, error) { return "", nil }

type fakeCalendarDialog struct {
	path, asked string
}

func (d *fakeCalendarDialog) saveZip(context.Context, string) (string, error)      { return "", nil }
func (d *fakeCalendarDialog) chooseFolder(context.Context, string) (string, error) { return "", nil }
func (d *fakeCalendarDialog) saveCalendar(_ context.Context, name string) (string, error) {
	d.asked = name
	return d.path, nil
}

func TestExportCalendar(t *testing.T) {
	s, _, _ := newSubmitTest(t)
	dir := t.TempDir()
	dlg := &fakeCalendarDialog{path: filepath.Join(dir, "deadlines")}
	s.dialogs = dlg
	entries := []CalendarEntry{
		{Key: "7/submit.deadline.psb_filing/w1", Summary: "云帆：公安备案", Description: "30 日内", Due: "2026-12-30T23:59:59+08:00"},
		{Key: "7/submit.deadline.sms_verify/", Summary: "云帆：短信核验", Due: "2026-12-01T10:00:00+08:00"},
	}
	res, err := s.ExportCalendar("云帆/科技", entries)
	if err != nil || res.Cancelled || res.Events != 2 || res.Path != dlg.path+".ics" || dlg.asked != "云帆_科技.ics" {
		t.Fatalf("result %+v %v (asked %q)", res, err, dlg.asked)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{
		"UID:7-submit.deadline.psb_filing-w1@icpdesk\r\n", "DTSTART;VALUE=DATE:20261230\r\n", "TRIGGER:-PT15H\r\n",
		"UID:7-submit.deadline.sms_verify@icpdesk\r\n", "DTSTART:20261201T020000Z\r\n", "TRIGGER:-PT2H\r\n",
		"DTSTAMP:" + testClock.Now().UTC().Format("20060102T150405Z") + "\r\n", "X-WR-CALNAME:云帆/科技\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}

	dlg.path = "" // the clerk closes the dialog
	if res, err := s.ExportCalendar("x", entries); err != nil || !res.Cancelled {
		t.Errorf("cancelled: %+v %v", res, err)
	}
	for _, bad := range [][]CalendarEntry{nil, {{Key: "k", Summary: "s", Due: "tomorrow"}}, {{Key: "k", Due: time.Now().Format(time.RFC3339)}}} {
		if _, err := s.ExportCalendar("x", bad); backend.ErrorCode(err) != backend.ECodeInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
