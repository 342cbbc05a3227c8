package rules

import (
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"icpdesk/backend"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

const (
	zhPath  = "../../frontend/src/i18n/rules.zh-CN.json"
	enPath  = "../../frontend/src/i18n/rules.en.json"
	docPath = "../../docs/rules.md"
)

func readMessages(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

var rePlaceholder = regexp.MustCompile(`\{(\w+)\}`)

func TestRulesI18n(t *testing.T) {
	zh, en := readMessages(t, zhPath), readMessages(t, enPath)
	ids := map[string]bool{}
	for _, r := range All() {
		ids[r.ID] = true
		if r.Description == "" || (r.Severity != backend.Block && r.Severity != backend.Warn && r.Severity != backend.Info) {
			t.Errorf("rule %s: incomplete registration %+v", r.ID, r)
		}
		for lang, m := range map[string]map[string]string{"zh-CN": zh, "en": en} {
			msg, ok := m[r.ID]
			if !ok || strings.TrimSpace(msg) == "" {
				t.Errorf("rule %s has no %s message", r.ID, lang)
				continue
			}
			if strings.ContainsAny(msg, "@|") {
				t.Errorf("%s %s: '@' and '|' are special in vue-i18n", lang, r.ID)
			}
		}
		if !regexp.MustCompile(`\p{Han}`).MatchString(zh[r.ID]) {
			t.Errorf("zh-CN message of %s is not Chinese", r.ID)
		}
		// Both languages use the same placeholders (except the …En/…Zh variants).
		norm := func(s string) map[string]bool {
			out := map[string]bool{}
			for _, m := range rePlaceholder.FindAllStringSubmatch(s, -1) {
				out[strings.TrimSuffix(strings.TrimSuffix(m[1], "En"), "Zh")] = true
			}
			return out
		}
		if a, b := norm(zh[r.ID]), norm(en[r.ID]); len(a) != len(b) {
			t.Errorf("%s: placeholders differ between zh-CN %v and en %v", r.ID, a, b)
		}
	}
	for _, m := range []map[string]string{zh, en} {
		for id := range m {
			if !ids[id] {
				t.Errorf("message for unknown rule %s", id)
			}
		}
	}
}

// Every placeholder a message uses must be a param the rule's findings carry.
// It runs after the table tests (file order), which fill observedParams.
func TestRulesPlaceholders(t *testing.T) {
	if len(observedParams) == 0 {
		t.Skip("run with the table tests")
	}
	zh, en := readMessages(t, zhPath), readMessages(t, enPath)
	for _, r := range All() {
		seen, ok := observedParams[r.ID]
		if !ok {
			continue
		}
		for _, msg := range []string{zh[r.ID], en[r.ID]} {
			for _, m := range rePlaceholder.FindAllStringSubmatch(msg, -1) {
				if !seen[m[1]] {
					t.Errorf("%s: message uses {%s}, findings carry %v", r.ID, m[1], seen)
				}
			}
		}
	}
}

// reOptional is an optional part of a message, "[（{entity}）]": the frontend
// (i18n/index.ts interpolate) drops it when a placeholder in it is empty.
var reOptional = regexp.MustCompile(`\[[^\[\]]*\]`)

// A message never shows a hole: every placeholder outside an optional part is
// filled by every finding of its rule, with a value (issue 15: "（；单位也可为
// 主体负责人）" before the entity name was typed).
func TestRulesMessagesHaveNoHoles(t *testing.T) {
	if len(observedOnce) == 0 {
		t.Skip("run with the table tests")
	}
	zh, en := readMessages(t, zhPath), readMessages(t, enPath)
	for _, r := range All() {
		if !observedOnce[r.ID] {
			continue
		}
		for _, msg := range []string{zh[r.ID], en[r.ID]} {
			for _, m := range rePlaceholder.FindAllStringSubmatch(reOptional.ReplaceAllString(msg, ""), -1) {
				if !observedAlways[r.ID][m[1]] {
					t.Errorf("%s: {%s} is empty in some finding; word the message without it or put it in [ ]: %q", r.ID, m[1], msg)
				}
			}
		}
	}
}

func TestRulesDoc(t *testing.T) {
	want := RulesDoc(readMessages(t, zhPath))
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(docPath)
	if err != nil || string(got) != want {
		t.Fatalf("docs/rules.md is stale: run `go generate ./backend/rules`")
	}
}
