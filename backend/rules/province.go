package rules

import (
	"fmt"
	"reflect"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// provCtx is the filing province with its rules for the application's entity
// nature (个人 or 企事业单位, Tencent's 各省管局要求 lists them apart).
type provCtx struct {
	p          assets.Province
	ok         bool
	r          assets.ProvinceRules
	individual bool
}

// province returns the province context of entity e; individual is whether
// the nature is 个人 (an unknown nature takes the organisation rules).
func (c *ctx) province(e *backend.Entity, individual bool) provCtx {
	p, ok := assets.ProvinceByKey(e.Province)
	return provCtx{p: p, ok: ok, r: c.data.Province(e.Province, individual), individual: individual}
}

// name is the province's Chinese name ("" when unknown).
func (pc provCtx) name() string { return pc.p.NameZh }

// section names the item(s) of the province's section that encode flag (a
// flag's json name, a generic rule id or "extra:<key>"), for the source line
// under a finding: "北京 · 企事业单位第 5 条".
func (pc provCtx) section(flag string) string {
	if !pc.ok {
		return ""
	}
	short := provinceShort(pc.p.NameZh)
	nat := "企事业单位"
	if pc.individual {
		nat = "个人"
	}
	if items := pc.r.Refs[flag]; len(items) > 0 {
		nums := make([]string, len(items))
		for i, n := range items {
			nums[i] = fmt.Sprint(n)
		}
		return fmt.Sprintf("%s · %s第 %s 条", short, nat, strings.Join(nums, "、"))
	}
	if n, ok := pc.r.ChangeRefs[flag]; ok {
		return fmt.Sprintf("%s · %s · 变更相关第 %d 条", short, nat, n)
	}
	return "" // not from a numbered item: the rule's own source applies
}

// provinceDoc is Tencent's page of the provinces' requirements, the source of
// every finding that names a province item.
const provinceDoc = "product/域名与网站/网站备案/条款与公告/备案相关条款/各省管局要求.md"

// addProv records a finding of a province rule with the province item as its source.
func (c *ctx) addProv(pc provCtx, flag, id, field string, kv ...any) {
	c.addAt(pc.section(flag), id, field, append([]any{"province", pc.name()}, kv...)...)
}

// provinceFlagNames lists the json names of the province flags (for tests and
// the coverage table).
func provinceFlagNames() []string {
	t := reflect.TypeOf(assets.ProvinceRules{})
	var out []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		switch name {
		case "", "items", "refs", "change_refs", "offline", "disagree", "extra":
			continue
		}
		out = append(out, name)
	}
	return out
}
