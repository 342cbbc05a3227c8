package assets

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// HolidayNotice is the State Council General Office notice a year's
// holidays come from.
type HolidayNotice struct {
	Title  string `json:"title"`
	Number string `json:"number"` // 国办发明电〔…〕…号, "" when not found
	Date   string `json:"date"`
	URL    string `json:"url"`
}

// HolidayCalendar answers whether a date (YYYY-MM-DD, mainland calendar) is
// a working day, for the years with a notice in data/holidays_cn.json.
type HolidayCalendar struct {
	Years   map[int][]HolidayNotice
	off     map[string]bool // public holidays, weekend days inside them included
	makeUp  map[string]bool // weekend days that are working days (调休上班)
	minYear int
	maxYear int
}

// Known reports whether the calendar holds the notice of the given year.
func (c *HolidayCalendar) Known(year int) bool { _, ok := c.Years[year]; return ok }

// IsWorkingDay reports whether the date is a working day and whether the
// answer rests on a notice (false: weekends only, the year is not known).
func (c *HolidayCalendar) IsWorkingDay(y int, m time.Month, d int) (working, known bool) {
	day := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	key := day.Format("2006-01-02")
	weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
	switch {
	case c.off[key]:
		return false, true
	case c.makeUp[key]:
		return true, true
	}
	return !weekend, c.Known(day.Year())
}

// YearRange is the first and last year with a notice.
func (c *HolidayCalendar) YearRange() (int, int) { return c.minYear, c.maxYear }

var (
	holidaysOnce sync.Once
	holidays     *HolidayCalendar
	holidaysErr  error
)

// Holidays returns the holiday calendar, parsed once.
func Holidays() (*HolidayCalendar, error) {
	holidaysOnce.Do(func() {
		b, err := files.ReadFile("data/holidays_cn.json")
		if err == nil {
			holidays, err = parseHolidays(b)
		}
		if err != nil {
			holidaysErr = fmt.Errorf("assets: data/holidays_cn.json: %w", err)
		}
	})
	return holidays, holidaysErr
}

func parseHolidays(b []byte) (*HolidayCalendar, error) {
	var doc struct {
		Years []struct {
			Year    int             `json:"year"`
			Notices []HolidayNotice `json:"notices"`
			Days    []struct {
				Name string      `json:"name"`
				Off  [][2]string `json:"off"`
				Work [][2]string `json:"work"`
			} `json:"days"`
		} `json:"years"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if len(doc.Years) == 0 {
		return nil, fmt.Errorf("no years")
	}
	c := &HolidayCalendar{Years: map[int][]HolidayNotice{}, off: map[string]bool{}, makeUp: map[string]bool{}}
	each := func(year int, r [2]string, f func(time.Time) error) error {
		from, err1 := time.Parse("2006-01-02", r[0])
		to, err2 := time.Parse("2006-01-02", r[1])
		if err1 != nil || err2 != nil || to.Before(from) || to.Sub(from) > 10*24*time.Hour {
			return fmt.Errorf("%d: bad range %v", year, r)
		}
		// A notice covers its year; only 元旦 may start on the last days of the year before.
		if to.Year() != year || from.Year() < year-1 {
			return fmt.Errorf("%d: range %v outside the year", year, r)
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if err := f(d); err != nil {
				return err
			}
		}
		return nil
	}
	for _, y := range doc.Years {
		if y.Year < 2000 || c.Known(y.Year) || len(y.Notices) == 0 || len(y.Days) == 0 {
			return nil, fmt.Errorf("year %d: missing, duplicate or without notice/days", y.Year)
		}
		for _, n := range y.Notices {
			if n.Title == "" || n.URL == "" || n.Date == "" {
				return nil, fmt.Errorf("year %d: a notice needs title, date and url", y.Year)
			}
		}
		c.Years[y.Year] = y.Notices
		if c.minYear == 0 || y.Year < c.minYear {
			c.minYear = y.Year
		}
		if y.Year > c.maxYear {
			c.maxYear = y.Year
		}
		for _, d := range y.Days {
			for _, r := range d.Off {
				if err := each(y.Year, r, func(t time.Time) error { c.off[t.Format("2006-01-02")] = true; return nil }); err != nil {
					return nil, err
				}
			}
			for _, r := range d.Work {
				err := each(y.Year, r, func(t time.Time) error {
					if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
						return fmt.Errorf("%s (%s) is a make-up working day but not a weekend day", t.Format("2006-01-02"), d.Name)
					}
					c.makeUp[t.Format("2006-01-02")] = true
					return nil
				})
				if err != nil {
					return nil, err
				}
			}
		}
	}
	for k := range c.makeUp {
		if c.off[k] {
			return nil, fmt.Errorf("%s is both a holiday and a make-up working day", k)
		}
	}
	return c, nil
}
