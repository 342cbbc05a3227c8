// Package ical writes iCalendar files (RFC 5545) of dated reminders: one
// VEVENT per deadline, each with a display alarm, so a clerk's calendar
// (Outlook, macOS Calendar, a phone) reminds them when ICP Desk is closed.
// It writes only what it needs, by hand: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped.
package ical

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ProdID names the writer in every calendar (RFC 5545 §3.7.3).
const ProdID = "-//ICP Desk//ICP Desk deadlines//ZH"

// Event is one dated reminder.
type Event struct {
	UID         string // globally unique and stable, so a re-import updates the event
	Summary     string
	Description string
	// Start is the event's time; with AllDay only its date counts (in Start's
	// location), and the event covers that whole day.
	Start  time.Time
	AllDay bool
	// Duration of a timed event (0: 15 minutes).
	Duration time.Duration
	// AlarmBefore is how long before Start the alarm fires (0: at Start).
	AlarmBefore time.Duration
}

// Calendar is a named list of events.
type Calendar struct {
	Name   string
	Events []Event
}

// Encode writes the calendar; stamp is the DTSTAMP of every event (the time
// the file was made, RFC 5545 §3.8.7.2).
func (c Calendar) Encode(stamp time.Time) []byte {
	var b bytes.Buffer
	w := func(name, value string) { writeLine(&b, name+":"+value) }
	w("BEGIN", "VCALENDAR")
	w("VERSION", "2.0")
	w("PRODID", ProdID)
	w("CALSCALE", "GREGORIAN")
	w("METHOD", "PUBLISH")
	if c.Name != "" {
		w("X-WR-CALNAME", Escape(c.Name))
	}
	for _, e := range c.Events {
		w("BEGIN", "VEVENT")
		w("UID", Escape(e.UID))
		w("DTSTAMP", utc(stamp))
		if e.AllDay {
			day := time.Date(e.Start.Year(), e.Start.Month(), e.Start.Day(), 0, 0, 0, 0, time.UTC)
			writeLine(&b, "DTSTART;VALUE=DATE:"+day.Format("20060102"))
			writeLine(&b, "DTEND;VALUE=DATE:"+day.AddDate(0, 0, 1).Format("20060102"))
		} else {
			d := e.Duration
			if d <= 0 {
				d = 15 * time.Minute
			}
			w("DTSTART", utc(e.Start))
			w("DTEND", utc(e.Start.Add(d)))
		}
		w("SUMMARY", Escape(e.Summary))
		if e.Description != "" {
			w("DESCRIPTION", Escape(e.Description))
		}
		w("TRANSP", "TRANSPARENT")
		w("BEGIN", "VALARM")
		w("ACTION", "DISPLAY")
		w("DESCRIPTION", Escape(e.Summary))
		w("TRIGGER", trigger(e.AlarmBefore))
		w("END", "VALARM")
		w("END", "VEVENT")
	}
	w("END", "VCALENDAR")
	return b.Bytes()
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// trigger is a negative DURATION (RFC 5545 §3.3.6) before the start.
func trigger(before time.Duration) string {
	if before <= 0 {
		return "PT0S"
	}
	s := int64(before / time.Second)
	days, s := s/86400, s%86400
	h, s := s/3600, s%3600
	m, s := s/60, s%60
	out := "-P"
	if days > 0 {
		out += fmt.Sprintf("%dD", days)
	}
	if h > 0 || m > 0 || s > 0 {
		out += "T"
		if h > 0 {
			out += fmt.Sprintf("%dH", h)
		}
		if m > 0 {
			out += fmt.Sprintf("%dM", m)
		}
		if s > 0 {
			out += fmt.Sprintf("%dS", s)
		}
	}
	return out
}

// Escape makes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and
// comma escaped, line breaks as \n, other control characters dropped.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t' || r == 0x7f:
			// CONTROL characters are not allowed in TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is the longest content line in octets, CRLF excluded (§3.1).
const maxLine = 75

// writeLine writes one content line, folded: after at most 75 octets a CRLF
// and one space, never inside a UTF-8 sequence.
func writeLine(b *bytes.Buffer, line string) {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}
