package rules

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"icpdesk/backend"
)

// covered collects every rule id a table test expected to fire, so TestMain can
// check that each registered rule has at least one failing example.
var (
	coveredMu sync.Mutex
	covered   = map[string]bool{}
)

func cover(ids ...string) {
	coveredMu.Lock()
	defer coveredMu.Unlock()
	for _, id := range ids {
		covered[id] = true
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		var missing []string
		for _, r := range All() {
			if !covered[r.ID] {
				missing = append(missing, r.ID)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "rules without a failing table-test example: %v\n", missing)
			code = 1
		}
	}
	os.Exit(code)
}

// clockAt is a fixed clock at noon Shanghai time on the given date.
func clockAt(date string) backend.Clock {
	t, err := time.ParseInLocation("2006-01-02", date, backend.Shanghai)
	if err != nil {
		panic(err)
	}
	return backend.FixedClock{T: t.Add(12 * time.Hour)}
}

var testClock = clockAt("2025-06-15")

// ruleIDs returns the rule ids of findings, in order.
func ruleIDs(fs []backend.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func hasRule(fs []backend.Finding, id string) bool {
	for _, f := range fs {
		if f.Rule == id {
			return true
		}
	}
	return false
}

func mustShanghai(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02T15:04:05", s, backend.Shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// observedParams collects, per rule id, the param names its findings carried.
var observedParams = map[string]map[string]bool{}

// observedAlways: per rule id, the params every one of its findings carried
// with a non-empty value (observedOnce: the rule fired at least once).
var (
	observedAlways = map[string]map[string]bool{}
	observedOnce   = map[string]bool{}
)

func init() {
	observe = func(f backend.Finding) {
		coveredMu.Lock()
		defer coveredMu.Unlock()
		m := observedParams[f.Rule]
		if m == nil {
			m = map[string]bool{}
			observedParams[f.Rule] = m
		}
		for k := range f.Params {
			m[k] = true
		}
		// What every finding of the rule carried with a value, so far.
		always := map[string]bool{}
		for k, v := range f.Params {
			if s, isStr := v.(string); v != nil && (!isStr || s != "") {
				always[k] = !observedOnce[f.Rule] || observedAlways[f.Rule][k]
			}
		}
		observedAlways[f.Rule] = always
		observedOnce[f.Rule] = true
	}
}
