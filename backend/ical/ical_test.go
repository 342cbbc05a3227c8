package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var shanghai = time.FixedZone("CST", 8*3600)

func sample() Calendar {
	return Calendar{Name: "ICP Desk：北京云帆科技有限公司", Events: []Event{
		{UID: "7-psb_filing-w1@icpdesk", Summary: "北京云帆科技有限公司：公安备案，yunfan-tech.cn 须在上线之日起 30 日内办理; 请尽快",
			Description: "到期：2026-12-30\n依据：公安备案.md, 第 1 条\\说明", Start: time.Date(2026, 12, 30, 23, 59, 59, 0, shanghai), AllDay: true, AlarmBefore: 15 * time.Hour},
		{UID: "7-sms_verify@icpdesk", Summary: "SMS code", Start: time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai), AlarmBefore: 2 * time.Hour},
	}}
}

var stamp = time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)

// unfold undoes the line folding and splits the content lines (§3.1).
func unfold(t *testing.T, b []byte) []string {
	t.Helper()
	s := string(b)
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\r") {
		t.Fatal("a line ends without CRLF")
	}
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the last line has no CRLF")
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n ", ""), "\r\n"), "\r\n")
}

func TestEncode(t *testing.T) {
	b := sample().Encode(stamp)
	if !utf8.Valid(b) {
		t.Fatal("not UTF-8")
	}
	for _, raw := range bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n")) {
		if len(raw) > 75 {
			t.Errorf("line of %d octets: %q", len(raw), raw)
		}
		if !utf8.Valid(raw) {
			t.Errorf("a fold split a character: %q", raw)
		}
	}
	lines := unfold(t, b)
	want := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ProdID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		"X-WR-CALNAME:ICP Desk：北京云帆科技有限公司",
		"BEGIN:VEVENT", "UID:7-psb_filing-w1@icpdesk", "DTSTAMP:20261130T030000Z",
		"DTSTART;VALUE=DATE:20261230", "DTEND;VALUE=DATE:20261231",
		// The full-width comma is no TEXT delimiter; only the ASCII one is escaped.
		`SUMMARY:北京云帆科技有限公司：公安备案，yunfan-tech.cn 须在上线之日起 30 日内办理\; 请尽快`,
		`DESCRIPTION:到期：2026-12-30\n依据：公安备案.md\, 第 1 条\\说明`,
		"TRANSP:TRANSPARENT",
		"BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:北京云帆科技有限公司：公安备案，yunfan-tech.cn 须在上线之日起 30 日内办理\; 请尽快`, "TRIGGER:-PT15H", "END:VALARM",
		"END:VEVENT",
		"BEGIN:VEVENT", "UID:7-sms_verify@icpdesk", "DTSTAMP:20261130T030000Z",
		"DTSTART:20261201T020000Z", "DTEND:20261201T021500Z", "SUMMARY:SMS code", "TRANSP:TRANSPARENT",
		"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:SMS code", "TRIGGER:-PT2H", "END:VALARM",
		"END:VEVENT", "END:VCALENDAR",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// One VEVENT and one VALARM per deadline.
	if n := strings.Count(string(b), "BEGIN:VEVENT"); n != 2 {
		t.Errorf("%d events", n)
	}
	if n := strings.Count(string(b), "BEGIN:VALARM"); n != 2 {
		t.Errorf("%d alarms", n)
	}
}

func TestFoldLongLines(t *testing.T) {
	long := strings.Repeat("备案", 100) + strings.Repeat("a", 7)
	var b bytes.Buffer
	writeLine(&b, "SUMMARY:"+long)
	raw := b.Bytes()
	parts := bytes.Split(bytes.TrimSuffix(raw, []byte("\r\n")), []byte("\r\n"))
	if len(parts) < 9 {
		t.Fatalf("%d lines for %d octets", len(parts), len(long))
	}
	for i, p := range parts {
		if len(p) > 75 || !utf8.Valid(p) || (i > 0 && p[0] != ' ') {
			t.Errorf("line %d: %d octets %q", i, len(p), p)
		}
	}
	if got := strings.ReplaceAll(strings.TrimSuffix(string(raw), "\r\n"), "\r\n ", ""); got != "SUMMARY:"+long {
		t.Error("unfolding does not give the line back")
	}
	// A line of exactly 75 octets is not folded.
	b.Reset()
	writeLine(&b, strings.Repeat("x", 75))
	if b.String() != strings.Repeat("x", 75)+"\r\n" {
		t.Errorf("75 octets folded: %q", b.String())
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		`a\b`: `a\\b`, "a;b,c": `a\;b\,c`, "line1\nline2": `line1\nline2`, "crlf\r\nx": `crlf\nx`,
		"bell\x07": "bell", "tab\tok": "tab\tok", "全角，；": "全角，；",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTrigger(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "PT0S", 2 * time.Hour: "-PT2H", 15 * time.Hour: "-PT15H", 24 * time.Hour: "-P1D",
		26*time.Hour + 30*time.Minute: "-P1DT2H30M", 90 * time.Second: "-PT1M30S",
	} {
		if got := trigger(d); got != want {
			t.Errorf("trigger(%v) = %s, want %s", d, got, want)
		}
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("北京云帆，科技;有限\\公司\n第二行", "uid@x")
	f.Fuzz(func(t *testing.T, text, uid string) {
		if !utf8.ValidString(text) || !utf8.ValidString(uid) {
			return
		}
		b := Calendar{Name: text, Events: []Event{{UID: uid, Summary: text, Description: text, Start: stamp}}}.Encode(stamp)
		for _, raw := range bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n")) {
			if len(raw) > 75 || !utf8.Valid(raw) {
				t.Fatalf("bad line %q", raw)
			}
		}
		lines := unfold(t, b)
		if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
			t.Fatal("not a calendar")
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "SUMMARY:") && l != "SUMMARY:"+Escape(text) {
				t.Fatalf("summary %q", l)
			}
		}
	})
}
