package rules

//go:generate go test -run TestRulesDoc -update .

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"icpdesk/assets"
)

// offlineReasons explains the reason codes of province items that cannot be
// checked from the application data.
var offlineReasons = map[string]string{
	"photo":      "photo or scan quality (the photo checks look at it, the reviewer decides)",
	"call":       "the reviewer's phone call",
	"paper":      "paper, signature, seal or fingerprint on the checklist",
	"domain":     "domain registry data (holder, real-name, expiry): listed as a confirmation",
	"site":       "the live website (offline before approval, footer, content): listed as a confirmation",
	"record":     "MIIT's records (other entities, earlier filings, open orders): listed as a confirmation",
	"document":   "an extra document to upload or post: listed as a hint",
	"permissive": "allows something or only advises; nothing to refuse",
}

// RulesDoc renders docs/rules.md from the registry, the rules' sources, the
// province tables and the zh-CN messages.
func RulesDoc(zh map[string]string) string {
	var b strings.Builder
	b.WriteString("# Filing rules (backend/rules)\n\n")
	b.WriteString("Generated from `rules.All()`, `assets/data/sources/*.json`, `assets/data/rules_provinces.json` and\n")
	b.WriteString("`frontend/src/i18n/rules.zh-CN.json` by `go generate ./backend/rules`\n")
	b.WriteString("(= `go test ./backend/rules -run TestRulesDoc -update`); do not edit by hand.\n")
	b.WriteString("Severity: **block** = the application would be rejected, **warn** = the clerk decides, **info** = a task or hint.\n")
	b.WriteString("Only rules whose source was found (**confirmed**) may block; an **unconfirmed** rule at most warns.\n")
	b.WriteString("Documents are paths in `tencentyun/qcloud-documents` unless they name a standard or notice;\n")
	b.WriteString("`各省管局要求` is `product/域名与网站/网站备案/条款与公告/备案相关条款/各省管局要求.md`, and a finding of a\n")
	b.WriteString("province rule names the exact item (\"北京 · 企事业单位第 5 条\").\n\n")
	confirmed := 0
	for _, r := range registry {
		if r.HasSource && r.Source.Confirmed() {
			confirmed++
		}
	}
	fmt.Fprintf(&b, "%d rules, %d with a confirmed source.\n\n", len(registry), confirmed)
	b.WriteString("| Rule id | Severity | Description | Source | Confidence | zh-CN message |\n|---|---|---|---|---|---|\n")
	for _, r := range All() {
		src, conf := "—", "none"
		if r.HasSource {
			src = fmt.Sprintf("%s · %s", sourceTitle(r.Source.Doc), r.Source.Section)
			if r.Source.Note != "" {
				src += " (" + r.Source.Note + ")"
			}
			conf = r.Source.Confidence
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.ID, r.Effective(), cell(r.Description), cell(src), conf, cell(zh[r.ID]))
	}
	writeCoverage(&b)
	return b.String()
}

// writeCoverage lists, per province and nature, which numbered items of
// 各省管局要求 are encoded (by which flag or rule), which cannot be checked
// offline and why, and where Tencent's pages disagree.
func writeCoverage(b *strings.Builder) {
	d := assets.MustRules()
	b.WriteString("\n## Coverage of 各省管局要求, province by province\n\n")
	b.WriteString("Each numbered item of a province's 个人 and 企事业单位 sections is either encoded (the flag or rule that\n")
	b.WriteString("checks it) or listed as not checkable offline with the reason. Reasons: ")
	keys := make([]string, 0, len(offlineReasons))
	for k := range offlineReasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(b, "**%s** = %s", k, offlineReasons[k])
	}
	b.WriteString(".\nWhere Tencent's pages disagree, both are named and the stricter reading is a warning, never a block.\n")
	for _, p := range mustProvinces() {
		fmt.Fprintf(b, "\n### %s (%s)\n\n| | Items | Encoded | Not checkable offline | Pages disagree |\n|---|---|---|---|---|\n", p.NameZh, p.Key)
		for _, n := range []struct {
			name string
			r    assets.ProvinceRules
		}{{"个人", d.Province(p.Key, true)}, {"企事业单位", d.Province(p.Key, false)}} {
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s |\n", n.name, n.r.Items, cell(encodedItems(n.r)), cell(offlineItems(n.r)), cell(disagreements(n.r)))
		}
	}
}

func encodedItems(r assets.ProvinceRules) string {
	byItem := map[int][]string{}
	for flag, items := range r.Refs {
		for _, i := range items {
			byItem[i] = append(byItem[i], "`"+flag+"`")
		}
	}
	var out []string
	for _, i := range sortedKeys(byItem) {
		sort.Strings(byItem[i])
		out = append(out, fmt.Sprintf("%d: %s", i, strings.Join(byItem[i], ", ")))
	}
	change := map[int][]string{}
	for flag, n := range r.ChangeRefs {
		change[n] = append(change[n], flag)
	}
	for _, n := range sortedKeys(change) {
		sort.Strings(change[n])
		for _, flag := range change[n] {
			out = append(out, fmt.Sprintf("变更相关 %d: `%s`", n, flag))
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, "; ")
}

func offlineItems(r assets.ProvinceRules) string {
	byItem := map[int][]string{}
	for item, reason := range r.Offline {
		i, _ := strconv.Atoi(item)
		byItem[i] = append(byItem[i], reason)
	}
	var out []string
	for _, i := range sortedKeys(byItem) {
		out = append(out, fmt.Sprintf("%d: %s", i, strings.Join(byItem[i], ", ")))
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, "; ")
}

func disagreements(r assets.ProvinceRules) string {
	var out []string
	for _, x := range r.Disagree {
		out = append(out, fmt.Sprintf("%d: %s", x.Item, x.Text))
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, "; ")
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

func cell(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) }
