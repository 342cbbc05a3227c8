package rules

import (
	"sort"
	"strconv"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Check runs every offline rule on an application and returns its findings in
// the order of the form's fields (blocking first within a field); application-wide
// tasks and province hints come last.
func Check(app backend.Application, clock backend.Clock) []backend.Finding {
	c := newCtx(clock)
	if !c.checkType(&app) {
		// A cancellation: ICP Desk prepares no form, so the form is not checked.
		SortFindings(c.fs)
		return c.fs
	}
	nature := c.checkEntity(&app)
	c.checkWebsites(&app, nature)
	c.checkWebsiteICPNumbers(&app)
	refs := []personRef{{&app.Entity.Person, "entity.person"}}
	for i := range app.Websites {
		if !app.Websites[i].SameAsEntity {
			refs = append(refs, personRef{&app.Websites[i].Person, join("websites", i, "person")})
		}
	}
	n, _ := c.data.Nature(app.Entity.Nature)
	c.checkSharedContacts(refs, c.province(&app.Entity, n != nil && n.Individual))
	c.checkConfirmations(&app, nature)
	c.provinceHints(&app)
	SortFindings(c.fs)
	return c.fs
}

func rankIn(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}

// fieldKey turns a field path into a sortable key following the form's order
// (assets/data/form_order.json): a segment named like a section opens that
// section's list; an unknown top-level segment sorts after the known ones.
func fieldKey(path string) []int {
	order := assets.MustOrder()
	if path == "" {
		return []int{rankIn(order.Top, "")}
	}
	segs := strings.Split(path, ".")
	key := make([]int, 0, len(segs))
	list := order.Top
	for i, s := range segs {
		if n, err := strconv.Atoi(s); err == nil {
			key = append(key, n)
			continue
		}
		key = append(key, rankIn(list, s))
		if next, ok := order.Sections[s]; ok {
			list = next
		} else if i == 0 {
			list = nil
		}
	}
	return key
}

func severityRank(s backend.Severity) int {
	switch s {
	case backend.Block:
		return 0
	case backend.Warn:
		return 1
	}
	return 2
}

// SortFindings orders findings by form field, then severity; stable otherwise.
func SortFindings(fs []backend.Finding) {
	keys := make([][]int, len(fs))
	idx := make([]int, len(fs))
	for i := range fs {
		keys[i] = fieldKey(fs[i].Field)
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		for i := 0; i < len(ka) && i < len(kb); i++ {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		if len(ka) != len(kb) {
			return len(ka) < len(kb)
		}
		return severityRank(fs[idx[a]].Severity) < severityRank(fs[idx[b]].Severity)
	})
	out := make([]backend.Finding, len(fs))
	for i, j := range idx {
		out[i] = fs[j]
	}
	copy(fs, out)
}
