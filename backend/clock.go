package backend

import "time"

// Clock tells the time; tests inject a fixed one so ages, expiry dates and
// deadlines are reproducible.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always returns T.
type FixedClock struct{ T time.Time }

func (c FixedClock) Now() time.Time { return c.T }

// Shanghai is the time zone every filing deadline is counted in. It falls back
// to a fixed UTC+8 zone when the system has no tz database (Windows).
var Shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()
