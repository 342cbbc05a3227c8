package rules

//go:generate go test -run TestRulesDoc -update .

import (
	"fmt"
	"strings"
)

// RulesDoc renders docs/rules.md from the registry and the zh-CN messages.
func RulesDoc(zh map[string]string) string {
	var b strings.Builder
	b.WriteString("# Filing rules (backend/rules)\n\n")
	b.WriteString("Generated from `rules.All()` and `frontend/src/i18n/rules.zh-CN.json` by\n")
	b.WriteString("`go generate ./backend/rules` (= `go test ./backend/rules -run TestRulesDoc -update`); do not edit by hand.\n")
	b.WriteString("Severity: **block** = the application would be rejected, **warn** = the clerk decides, **info** = a task or hint.\n")
	b.WriteString("Rejection-reason numbers [#n] refer to the domain reference, rejections.md.\n\n")
	fmt.Fprintf(&b, "%d rules.\n\n", len(registry))
	b.WriteString("| Rule id | Severity | Description | zh-CN message |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, cell(r.Description), cell(zh[r.ID]))
	}
	return b.String()
}

func cell(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) }
