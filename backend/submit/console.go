package submit

import (
	"fmt"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// ConsoleField is one field as Tencent's console asks for it: the section
// and zh-CN label of fields.md §4–5, the value to type or pick, and the JSON
// path of the value in the application (for "jump to field").
type ConsoleField struct {
	Section string `json:"section"`
	Label   string `json:"label"`
	Value   string `json:"value"`
	Path    string `json:"path"`
}

// Section titles of the console.
const (
	SectionEntity = "主办单位信息"
	SectionPerson = "主体负责人信息"
)

// WebsiteSection is the title of the i-th website's section (from 1).
func WebsiteSection(i int) string { return fmt.Sprintf("网站信息（%d）", i) }

// personIDZh are the MIIT form's names of the person ID types (fields.md §3);
// the keys are those of rules_entity.json person_id_types.
var personIDZh = map[string]string{
	"idcard": "居民身份证", "passport": "护照", "hkmo_permit": "港澳居民来往内地通行证", "tw_permit": "台湾居民来往大陆通行证",
	"foreign_pr": "外国人永久居留身份证", "hkmo_residence_permit": "港澳居民居住证", "tw_residence_permit": "台湾居民居住证", "officer_card": "军官证",
}

func labelOf(list []assets.Label, key string) string {
	for _, l := range list {
		if l.Key == key {
			return l.Zh
		}
	}
	return key
}

func labelsOf(list []assets.Label, keys []string) string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, labelOf(list, k))
		}
	}
	return strings.Join(out, "、")
}

func validity(v backend.IDValidity) string {
	switch {
	case v.LongTerm:
		return strings.TrimSpace(v.Start + " 至 长期")
	case v.Start == "" && v.End == "":
		return ""
	default:
		return v.Start + " 至 " + v.End
	}
}

func isIndividual(d *assets.RuleData, nature string) bool {
	if n, ok := d.Nature(nature); ok {
		return n.Individual
	}
	return false
}

// ConsoleFields lists every field of the console in its order and wording,
// with the application's values; option keys become their Chinese names.
func ConsoleFields(app backend.Application) []ConsoleField {
	d, err := assets.Rules()
	if err != nil {
		d = &assets.RuleData{}
	}
	var out []ConsoleField
	add := func(section, label, value, path string) {
		out = append(out, ConsoleField{Section: section, Label: label, Value: strings.TrimSpace(value), Path: path})
	}
	e := app.Entity
	region := []string{}
	if p, ok := assets.ProvinceByKey(e.Province); ok {
		region = append(region, p.NameZh)
	} else if e.Province != "" {
		region = append(region, e.Province)
	}
	for _, s := range []string{e.City, e.District} {
		if s = strings.TrimSpace(s); s != "" {
			region = append(region, s)
		}
	}
	individual := isIndividual(d, e.Nature)
	nature, cert := e.Nature, e.CertType
	if n, ok := d.Nature(e.Nature); ok {
		nature = n.Zh
	}
	if c, ok := d.CertType(e.CertType); ok {
		cert = c.Zh
	}
	add(SectionEntity, "备案地域", strings.Join(region, " / "), "entity.province")
	add(SectionEntity, "主办单位性质", nature, "entity.nature")
	add(SectionEntity, "主办单位证件类型", cert, "entity.certType")
	add(SectionEntity, "主办单位证件号码", e.CertNumber, "entity.certNumber")
	if individual {
		add(SectionEntity, "姓名", e.Name, "entity.name")
	} else {
		add(SectionEntity, "主办单位名称", e.Name, "entity.name")
	}
	add(SectionEntity, "证件住所", e.CertAddress, "entity.certAddress")
	add(SectionEntity, "通信地址", e.Address, "entity.address")
	if !individual {
		add(SectionEntity, "投资人或主管单位", e.Investor, "entity.investor")
		add(SectionEntity, "法定代表人姓名", e.LegalRep, "entity.legalRep")
	}
	person(add, SectionPerson, "entity.person", e.Person)
	add(SectionPerson, "主体备注", e.Remark, "entity.remark")

	for i, w := range app.Websites {
		sec, base := WebsiteSection(i+1), fmt.Sprintf("websites.%d", i)
		add(sec, "网站名称", w.Name, base+".name")
		ipLabel := "网站IP地址"
		service := w.CloudService
		for _, c := range d.CloudServices {
			if c.Key == w.CloudService {
				service = c.Zh
				if !c.IP {
					ipLabel = "备案授权码"
				}
			}
		}
		add(sec, "备案云服务", service, base+".cloudService")
		add(sec, ipLabel, w.IP, base+".ip")
		// Numbered fields (网站域名1, 2…): the non-empty values, or one empty line.
		numbered := func(label string, values []string, path string) {
			n := 0
			for j, v := range values {
				if strings.TrimSpace(v) != "" {
					n++
					add(sec, fmt.Sprintf("%s%d", label, n), v, fmt.Sprintf("%s.%d", path, j))
				}
			}
			if n == 0 {
				add(sec, label+"1", "", path)
			}
		}
		numbered("网站域名", w.Domains, base+".domains")
		numbered("网站首页URL", w.HomeURLs, base+".homeUrls")
		add(sec, "网站服务内容", labelsOf(d.ServiceContent, w.ServiceContent), base+".serviceContent")
		if w.NoPreApproval || len(w.PreApprovals) == 0 {
			v := ""
			if w.NoPreApproval {
				v = "以上都不涉及"
			}
			add(sec, "前置或专项审批内容类型", v, base+".noPreApproval")
		}
		for j, p := range w.PreApprovals {
			kind := p.Kind
			for _, k := range d.PreApprovals {
				if k.Key == p.Kind {
					kind = k.Zh
				}
			}
			add(sec, "前置或专项审批内容类型", kind, fmt.Sprintf("%s.preApprovals.%d.kind", base, j))
			add(sec, "审批号", p.Number, fmt.Sprintf("%s.preApprovals.%d.number", base, j))
		}
		add(sec, "网站语言", labelsOf(d.Languages, w.Languages), base+".languages")
		same := "否"
		if w.SameAsEntity {
			same = "是"
		}
		add(sec, "网站负责人同主体负责人", same, base+".sameAsEntity")
		if w.SameAsEntity {
			person(add, sec, "entity.person", e.Person)
		} else {
			person(add, sec, base+".person", w.Person)
		}
		add(sec, "网站备注", w.Remark, base+".remark")
	}
	return out
}

func person(add func(section, label, value, path string), sec, base string, p backend.Person) {
	id := p.IDType
	if zh, ok := personIDZh[id]; ok {
		id = zh
	}
	who := "主体负责人"
	if sec != SectionPerson {
		who = "网站负责人"
	}
	add(sec, who+"姓名", p.Name, base+".name")
	add(sec, "负责人证件类型", id, base+".idType")
	add(sec, "负责人证件号码", p.IDNumber, base+".idNumber")
	add(sec, "证件有效期", validity(p.IDValidity), base+".idValidity")
	add(sec, "手机号码", p.Mobile, base+".mobile")
	add(sec, "办公室电话", p.OfficePhone, base+".officePhone")
	add(sec, "应急联系电话", p.EmergencyPhone, base+".emergencyPhone")
	add(sec, "电子邮箱", p.Email, base+".email")
}
