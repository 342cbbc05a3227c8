// Package rules holds every offline check on a filing application: identifiers
// and their check digits, entity, person and website rules, province rules, the
// application-type decision tree and pre-checks for known rejection reasons.
// All functions are pure; rule tables come from package assets.
package rules

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Rule describes one check: its stable id (also the i18n key of its message),
// the severity of its findings and a one-line English description.
type Rule struct {
	ID          string           `json:"id"`
	Severity    backend.Severity `json:"severity"`
	Description string           `json:"description"`
	// Source is where the rule comes from (assets/data/sources/*.json);
	// HasSource is false for a rule no file names (a test fails on it).
	Source    assets.Source `json:"source"`
	HasSource bool          `json:"hasSource"`
}

// init attaches every rule's source, once, after all rules are registered.
// A defect in the source files stops the program (MustSources).
func init() {
	src := assets.MustSources()
	for i := range registry {
		registry[i].Source, registry[i].HasSource = src[registry[i].ID]
	}
}

// Effective is the severity findings of r get: a blocking rule whose source
// is not confirmed only warns, so no filing is stopped on an unsourced rule.
func (r Rule) Effective() backend.Severity {
	if r.Severity == backend.Block && !(r.HasSource && r.Source.Confirmed()) {
		return backend.Warn
	}
	return r.Severity
}

// sourceTitle is a document's short title: a page's file name without ".md",
// or the name of a standard or notice as it is.
func sourceTitle(doc string) string {
	if !strings.HasSuffix(doc, ".md") {
		return doc
	}
	if i := strings.LastIndex(doc, "/"); i >= 0 {
		doc = doc[i+1:]
	}
	return strings.TrimSuffix(doc, ".md")
}

// findingSource is the source shown under a finding of r; section, when not
// empty, names the exact item (a province's numbered requirement).
func (r Rule) findingSource(section string) *backend.FindingSource {
	if !r.HasSource {
		return nil
	}
	if section != "" {
		// A province's numbered item: its text is the source.
		return &backend.FindingSource{Doc: provinceDoc, Title: sourceTitle(provinceDoc), Section: section, Confirmed: true}
	}
	return &backend.FindingSource{Doc: r.Source.Doc, Title: sourceTitle(r.Source.Doc), Section: r.Source.Section, Confirmed: r.Source.Confirmed()}
}

var (
	registry []Rule
	byID     = map[string]int{}
)

// def registers a rule at package init; a duplicate id is a programming error.
func def(id string, sev backend.Severity, desc string) string {
	if _, dup := byID[id]; dup {
		panic("rules: duplicate rule id " + id)
	}
	byID[id] = len(registry)
	registry = append(registry, Rule{ID: id, Severity: sev, Description: desc})
	return id
}

// All returns every rule the package can emit, sorted by id.
func All() []Rule {
	out := append([]Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	i, ok := byID[id]
	if !ok {
		return Rule{}, false
	}
	return registry[i], true
}

// ctx carries the clock, the rule tables and the findings of one run.
type ctx struct {
	now  time.Time // in backend.Shanghai
	data *assets.RuleData
	fs   []backend.Finding
}

func newCtx(clock backend.Clock) *ctx {
	if clock == nil {
		clock = backend.SystemClock{}
	}
	return &ctx{now: clock.Now().In(backend.Shanghai), data: assets.MustRules()}
}

// add records a finding of rule id on field; kv are alternating param names and values.
func (c *ctx) add(id, field string, kv ...any) { c.addAt("", id, field, kv...) }

// drop removes the findings of rule id on field added so far.
func (c *ctx) drop(id, field string) {
	kept := c.fs[:0]
	for _, f := range c.fs {
		if f.Rule != id || f.Field != field {
			kept = append(kept, f)
		}
	}
	c.fs = kept
}

// addAt is add with the exact source section (a province's numbered item).
func (c *ctx) addAt(section, id, field string, kv ...any) {
	i, ok := byID[id]
	if !ok {
		panic("rules: unregistered rule id " + id)
	}
	r := registry[i]
	f := backend.Finding{Rule: id, Field: field, Severity: r.Effective(), Source: r.findingSource(section)}
	if len(kv) > 0 {
		f.Params = make(map[string]any, len(kv)/2)
		for j := 0; j+1 < len(kv); j += 2 {
			f.Params[fmt.Sprint(kv[j])] = kv[j+1]
		}
	}
	addProvinceEn(f.Params)
	if observe != nil {
		observe(f)
	}
	c.fs = append(c.fs, f)
}

// observe, when set by tests, sees every finding (to check message placeholders).
var observe func(backend.Finding)

// addProvinceEn adds an English name beside every Chinese province-name param
// ("province" → "provinceEn") so both message tables can name the province.
func addProvinceEn(params map[string]any) {
	for k, v := range params {
		s, ok := v.(string)
		if !ok || !strings.HasSuffix(strings.ToLower(k), "province") {
			continue
		}
		for _, p := range mustProvinces() {
			if p.NameZh == s {
				params[k+"En"] = p.NameEn
			}
		}
	}
}

// today is the check date at midnight, Shanghai time.
func (c *ctx) today() time.Time {
	y, m, d := c.now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, backend.Shanghai)
}

func join(path ...any) string {
	s := ""
	for i, p := range path {
		if i > 0 {
			s += "."
		}
		s += fmt.Sprint(p)
	}
	return s
}

// Generic rules shared by every section.
var (
	ruleRequired = def("form.required", backend.Block, "A required field is empty")
	ruleTooLong  = def("form.too_long", backend.Warn, "A text is longer than any real value (sanity cap)")
)
