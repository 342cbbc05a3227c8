package submit

import (
	"fmt"
	"slices"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// ConsoleField is one field as Tencent's console asks for it: the section
// and zh-CN label of assets/data/console_fields.json (from Tencent's 快速备案
// guides), the value to type or pick, and the JSON path of the value in the
// application (for "jump to field").
type ConsoleField struct {
	Section string `json:"section"`
	Label   string `json:"label"`
	Value   string `json:"value"`
	Path    string `json:"path"`
	Source  string `json:"source,omitempty"` // the document the label and its place come from
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

// consoleValue is one field's value and path ("" path: the field is not asked).
type consoleValue struct{ value, path string }

// consoleCtx resolves the "value" names of console_fields.json for one
// application (and one website in a website section).
type consoleCtx struct {
	d          *assets.RuleData
	app        backend.Application
	individual bool
	w          *backend.Website
	wi         int
}

func (c consoleCtx) person(p backend.Person, base, name string) (consoleValue, bool) {
	switch name {
	case "name":
		return consoleValue{p.Name, base + ".name"}, true
	case "idType":
		// The MIIT form's name of the ID type: rules_entity.json's cert_types
		// names every person_id_types key.
		id := p.IDType
		if ct, ok := c.d.CertType(id); ok {
			id = ct.Zh
		}
		return consoleValue{id, base + ".idType"}, true
	case "idNumber":
		return consoleValue{p.IDNumber, base + ".idNumber"}, true
	case "idValidity":
		return consoleValue{validity(p.IDValidity), base + ".idValidity"}, true
	case "officePhone":
		return consoleValue{p.OfficePhone, base + ".officePhone"}, true
	case "mobile":
		return consoleValue{p.Mobile, base + ".mobile"}, true
	case "emergencyPhone":
		return consoleValue{p.EmergencyPhone, base + ".emergencyPhone"}, true
	case "email":
		return consoleValue{p.Email, base + ".email"}, true
	}
	return consoleValue{}, false
}

// scalar resolves a value name that gives one field; ok false for an unknown name.
func (c consoleCtx) scalar(name string) (consoleValue, bool) {
	e := c.app.Entity
	if rest, ok := strings.CutPrefix(name, "person."); ok {
		return c.person(e.Person, "entity.person", rest)
	}
	if rest, ok := strings.CutPrefix(name, "wperson."); ok && c.w != nil {
		return c.person(c.w.Person, fmt.Sprintf("websites.%d.person", c.wi), rest)
	}
	switch name {
	case "entity.region":
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
		return consoleValue{strings.Join(region, " / "), "entity.province"}, true
	case "entity.nature":
		v := e.Nature
		if n, ok := c.d.Nature(e.Nature); ok {
			v = n.Zh
		}
		return consoleValue{v, "entity.nature"}, true
	case "entity.certType":
		v := e.CertType
		if ct, ok := c.d.CertType(e.CertType); ok {
			v = ct.Zh
		}
		return consoleValue{v, "entity.certType"}, true
	case "entity.certNumber":
		return consoleValue{e.CertNumber, "entity.certNumber"}, true
	case "entity.name":
		return consoleValue{e.Name, "entity.name"}, true
	case "entity.certAddress":
		return consoleValue{e.CertAddress, "entity.certAddress"}, true
	case "entity.address":
		return consoleValue{e.Address, "entity.address"}, true
	case "entity.investor":
		return consoleValue{e.Investor, "entity.investor"}, true
	case "entity.legalRep":
		return consoleValue{e.LegalRep, "entity.legalRep"}, true
	case "entity.remark":
		return consoleValue{e.Remark, "entity.remark"}, true
	}
	if c.w == nil {
		return consoleValue{}, false
	}
	w, base := c.w, fmt.Sprintf("websites.%d", c.wi)
	switch name {
	case "website.icpNumber":
		return consoleValue{w.ICPNumber, base + ".icpNumber"}, true
	case "website.name":
		return consoleValue{w.Name, base + ".name"}, true
	case "website.cloudService":
		v := w.CloudService
		for _, cs := range c.d.CloudServices {
			if cs.Key == w.CloudService {
				v = cs.Zh
			}
		}
		return consoleValue{v, base + ".cloudService"}, true
	case "website.ipOrCode":
		return consoleValue{w.IP, base + ".ip"}, true
	case "website.serviceContent":
		return consoleValue{labelsOf(c.d.ServiceContent, w.ServiceContent), base + ".serviceContent"}, true
	case "website.languages":
		return consoleValue{labelsOf(c.d.Languages, w.Languages), base + ".languages"}, true
	case "website.sameAsEntity":
		v := "否"
		if w.SameAsEntity {
			v = "是"
		}
		return consoleValue{v, base + ".sameAsEntity"}, true
	case "website.remark":
		return consoleValue{w.Remark, base + ".remark"}, true
	}
	return consoleValue{}, false
}

// usesCode reports whether the website's cloud service is filed with an
// authorisation code (备案授权码) rather than an IP address.
func (c consoleCtx) usesCode() bool {
	for _, cs := range c.d.CloudServices {
		if cs.Key == c.w.CloudService {
			return !cs.IP
		}
	}
	return false
}

// ConsoleFields lists every field of the console in its order and wording
// for the application's type (assets/data/console_fields.json), with the
// application's values; option keys become their Chinese names.
func ConsoleFields(app backend.Application) []ConsoleField {
	// Loaded at start-up (assets.Load): never an empty table.
	d := assets.MustRules()
	cd := assets.MustConsole()
	layout, appType := cd.TypeOf(string(app.Type))
	c := consoleCtx{d: d, app: app, individual: isIndividual(d, app.Entity.Nature)}
	var out []ConsoleField
	source := ""
	add := func(section, label, value, path string) {
		out = append(out, ConsoleField{Section: section, Label: label, Value: strings.TrimSpace(value), Path: path, Source: source})
	}
	asked := func(f assets.ConsoleFieldSpec) bool {
		switch {
		case f.For == "organisation" && c.individual, f.For == "individual" && !c.individual:
			return false
		case len(f.Types) > 0 && !slices.Contains(f.Types, appType):
			return false
		case f.SkipSame && c.w != nil && c.w.SameAsEntity:
			return false
		}
		return true
	}
	fields := func(title string, specs []assets.ConsoleFieldSpec) {
		for _, f := range specs {
			if !asked(f) {
				continue
			}
			source = cd.Sources[f.Source]
			switch f.Value {
			case "website.domains", "website.homeUrls":
				values, path := c.w.Domains, fmt.Sprintf("websites.%d.domains", c.wi)
				if f.Value == "website.homeUrls" {
					values, path = c.w.HomeURLs, fmt.Sprintf("websites.%d.homeUrls", c.wi)
				}
				numbered(add, title, f.Label, values, path)
			case "website.preApprovals":
				c.preApprovals(add, title, f)
			default:
				v, ok := c.scalar(f.Value)
				if !ok {
					continue // a value name this version does not know: not guessed
				}
				label := f.Label
				if f.LabelCode != "" && f.Value == "website.ipOrCode" && c.usesCode() {
					label = f.LabelCode
				}
				add(title, label, v.value, v.path)
			}
		}
	}
	for _, key := range layout.Sections {
		sec, ok := cd.Section(key)
		if !ok {
			continue
		}
		if !strings.Contains(sec.Title, "{n}") {
			fields(sec.Title, sec.Fields)
			continue
		}
		for i := range app.Websites {
			c.w, c.wi = &app.Websites[i], i
			fields(strings.ReplaceAll(sec.Title, "{n}", fmt.Sprint(i+1)), sec.Fields)
		}
		c.w = nil
	}
	return out
}

// numbered adds one field per non-empty value (网站域名1, 网站域名2…), or one
// empty field when there is none.
func numbered(add func(section, label, value, path string), sec, label string, values []string, path string) {
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

// preApprovals adds the pre-approval type (以上都不涉及 when none) and, per
// approval, its type and number.
func (c consoleCtx) preApprovals(add func(section, label, value, path string), sec string, f assets.ConsoleFieldSpec) {
	w, base := c.w, fmt.Sprintf("websites.%d", c.wi)
	if w.NoPreApproval || len(w.PreApprovals) == 0 {
		v := ""
		if w.NoPreApproval {
			v = "以上都不涉及"
		}
		add(sec, f.Label, v, base+".noPreApproval")
	}
	for j, p := range w.PreApprovals {
		kind := p.Kind
		for _, k := range c.d.PreApprovals {
			if k.Key == p.Kind {
				kind = k.Zh
			}
		}
		add(sec, f.Label, kind, fmt.Sprintf("%s.preApprovals.%d.kind", base, j))
		add(sec, f.LabelNumber, p.Number, fmt.Sprintf("%s.preApprovals.%d.number", base, j))
	}
}

// WebsiteSection is the console's title of the i-th website's section (from 1).
func WebsiteSection(i int) string {
	title := "网站信息（{n}）"
	if cd, err := assets.Console(); err == nil {
		if s, ok := cd.Section("website"); ok {
			title = s.Title
		}
	}
	return strings.ReplaceAll(title, "{n}", fmt.Sprint(i))
}
