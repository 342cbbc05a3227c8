package app

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/ical"
)

// CalendarEntry is one deadline as the clerk's calendar should show it. The
// frontend words it in the UI language; Key identifies the deadline
// ("<application id>/<kind>/<website id>") and makes the event's UID, so
// importing a newer export updates the same events.
type CalendarEntry struct {
	Key         string `json:"key"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	Due         string `json:"due"` // RFC 3339
}

// CalendarResult says where the file went; Cancelled when the clerk closed the dialog.
type CalendarResult struct {
	Path      string `json:"path"`
	Events    int    `json:"events"`
	Cancelled bool   `json:"cancelled"`
}

var uidUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// calendarEvents turns entries into events: a deadline at the end of a
// Shanghai day (most of them) is an all-day event on that date with its alarm
// at 09:00 the day before; one at a precise time (the 24-hour SMS code) is a
// timed event with its alarm two hours before.
func calendarEvents(entries []CalendarEntry) ([]ical.Event, error) {
	out := make([]ical.Event, 0, len(entries))
	for _, e := range entries {
		due, err := time.Parse(time.RFC3339, e.Due)
		if err != nil || strings.TrimSpace(e.Summary) == "" || strings.TrimSpace(e.Key) == "" {
			return nil, backend.Errorf(backend.ECodeInvalid, "due", map[string]any{"key": e.Key}, "calendar entry %q: due %q", e.Key, e.Due)
		}
		local := due.In(backend.Shanghai)
		ev := ical.Event{
			UID:         strings.Trim(uidUnsafe.ReplaceAllString(e.Key, "-"), "-") + "@icpdesk",
			Summary:     e.Summary,
			Description: e.Description,
			Start:       local,
			AlarmBefore: 2 * time.Hour,
		}
		if local.Hour() == 23 && local.Minute() == 59 {
			ev.AllDay, ev.AlarmBefore = true, 15*time.Hour
		}
		out = append(out, ev)
	}
	return out, nil
}

// ExportCalendar writes the given deadlines as an iCalendar file (.ics)
// where the clerk says; name is the calendar's name and the file's default name.
func (s *SubmitService) ExportCalendar(name string, entries []CalendarEntry) (CalendarResult, error) {
	events, err := calendarEvents(entries)
	if err != nil {
		return CalendarResult{}, err
	}
	if len(events) == 0 {
		return CalendarResult{}, backend.Errorf(backend.ECodeInvalid, "deadlines", nil, "no deadline to export")
	}
	path, err := s.dlg().saveCalendar(s.context(), backend.SafeFileName(name+".ics"))
	if err != nil {
		return CalendarResult{}, backend.Wrap(backend.ECodeInternal, err)
	}
	if path == "" {
		return CalendarResult{Cancelled: true}, nil
	}
	if !strings.EqualFold(filepath.Ext(path), ".ics") {
		path += ".ics"
	}
	data := ical.Calendar{Name: name, Events: events}.Encode(s.now().Now())
	if err := writeAtomic(path, data); err != nil {
		return CalendarResult{}, err
	}
	return CalendarResult{Path: path, Events: len(events)}, nil
}
