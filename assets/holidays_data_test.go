package assets

import (
	"strings"
	"testing"
	"time"
)

func TestHolidays(t *testing.T) {
	c, err := Holidays()
	if err != nil {
		t.Fatal(err)
	}
	for y := 2020; y <= 2026; y++ {
		if !c.Known(y) {
			t.Errorf("year %d has no notice", y)
		}
		for _, n := range c.Years[y] {
			if !strings.Contains(n.Title, "节假日") && !strings.Contains(n.Title, "春节假期") {
				t.Errorf("%d: notice title %q", y, n.Title)
			}
		}
	}
	if c.Known(2019) || c.Known(2027) {
		t.Error("years without a checked notice must not be known")
	}
	tests := []struct {
		date          string
		working, know bool
	}{
		{"2026-02-16", false, true},  // 春节 2026 (Monday)
		{"2026-02-14", true, true},   // make-up Saturday
		{"2026-02-28", true, true},   // make-up Saturday
		{"2026-01-04", true, true},   // make-up Sunday after 元旦
		{"2026-10-08", true, true},   // Thursday after 国庆
		{"2026-10-10", true, true},   // make-up Saturday
		{"2026-11-30", true, true},   // an ordinary Monday
		{"2026-11-29", false, true},  // an ordinary Sunday
		{"2025-10-08", false, true},  // 国庆节、中秋节 2025 run to 8 Oct
		{"2023-01-02", false, true},  // 元旦 2023
		{"2022-12-31", false, true},  // a Saturday listed by the 2023 notice
		{"2020-02-01", false, true},  // make-up day cancelled by the 2020 extension
		{"2020-01-31", false, true},  // extended 春节
		{"2027-01-01", true, false},  // a Friday, no notice yet
		{"2027-01-02", false, false}, // a Saturday, no notice yet
	}
	for _, tc := range tests {
		d, _ := time.Parse("2006-01-02", tc.date)
		w, k := c.IsWorkingDay(d.Year(), d.Month(), d.Day())
		if w != tc.working || k != tc.know {
			t.Errorf("%s: working %v known %v, want %v %v", tc.date, w, k, tc.working, tc.know)
		}
	}
}

func TestParseHolidaysRejects(t *testing.T) {
	notice := `"notices":[{"title":"t","date":"2026-01-01","url":"u"}]`
	bad := map[string]string{
		"no years":               `{"years":[]}`,
		"no notice":              `{"years":[{"year":2026,"notices":[],"days":[{"name":"x","off":[["2026-01-01","2026-01-01"]]}]}]}`,
		"make-up on a weekday":   `{"years":[{"year":2026,` + notice + `,"days":[{"name":"x","work":[["2026-01-05","2026-01-05"]]}]}]}`,
		"range backwards":        `{"years":[{"year":2026,` + notice + `,"days":[{"name":"x","off":[["2026-01-03","2026-01-01"]]}]}]}`,
		"range in another year":  `{"years":[{"year":2026,` + notice + `,"days":[{"name":"x","off":[["2025-05-01","2025-05-03"]]}]}]}`,
		"holiday and make-up":    `{"years":[{"year":2026,` + notice + `,"days":[{"name":"x","off":[["2026-01-03","2026-01-04"]],"work":[["2026-01-04","2026-01-04"]]}]}]}`,
		"duplicate year":         `{"years":[{"year":2026,` + notice + `,"days":[{"name":"x","off":[["2026-01-01","2026-01-01"]]}]},{"year":2026,` + notice + `,"days":[{"name":"x","off":[["2026-01-01","2026-01-01"]]}]}]}`,
		"notice without its url": `{"years":[{"year":2026,"notices":[{"title":"t","date":"d"}],"days":[{"name":"x","off":[["2026-01-01","2026-01-01"]]}]}]}`,
	}
	for name, doc := range bad {
		if _, err := parseHolidays([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
