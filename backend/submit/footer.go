package submit

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Footer finding codes (i18n keys).
const (
	FooterICPMissing      = "submit.footer.icp_missing"            // no number to show
	FooterWebsiteMissing  = "submit.footer.website_number_missing" // outside Guangdong the website number (-n) is shown
	FooterGuangdongEntity = "submit.footer.guangdong_entity"       // Guangdong shows the entity number
	FooterWebsiteMismatch = "submit.footer.website_number_mismatch"
	FooterCopyright       = "submit.footer.copyright_missing" // no entity name: no copyright line
	FooterPSBFormat       = "submit.footer.psb_format"        // no 14-digit record code
	FooterPSBMissing      = "submit.footer.psb_missing"       // file with the PSB within 30 days of going live
	FooterPSBSnippet      = "submit.footer.psb_snippet"       // prefer the platform's own snippet
	FooterPSBIcon         = "submit.footer.psb_icon"          // download the icon to {src}
)

// MIITURL is the link target of the ICP number (footer.md §1).
const MIITURL = "https://beian.miit.gov.cn/"

// PSBRecordURL is the record-page form seen in public footers (footer.md §2).
const PSBRecordURL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="

// DefaultPSBIcon is where the template expects the downloaded police-badge icon.
const DefaultPSBIcon = "/img/beian-icon.png"

// FooterInput is what the footer shows.
type FooterInput struct {
	ICPNumber     string      `json:"icpNumber"`     // entity number 京ICP备12345678号
	WebsiteNumber string      `json:"websiteNumber"` // website number 京ICP备12345678号-1
	Province      string      `json:"province"`      // province key: "guangdong" shows the entity number
	EntityName    string      `json:"entityName"`    // copyright owner
	Year          int         `json:"year"`          // 0: no year in the copyright line
	PSBNumber     string      `json:"psbNumber"`     // 京公网安备 11010802020877号
	PSBIcon       string      `json:"psbIcon"`       // icon URL; "" → DefaultPSBIcon
	Validate      IDValidator `json:"-"`             // rules.CheckID; nil skips format checks
}

var psbCode = regexp.MustCompile(`(\d{14})`)

// PSBExample is a well-formed PSB number of the province (粤公网安备
// 44010602000001号 for Guangdong; Beijing's shape when the province is unknown).
func PSBExample(provinceKey string) string {
	abbr, code := "京", "11"
	if p, ok := assets.ProvinceByKey(provinceKey); ok {
		abbr, code = p.Abbr, p.RegionCodePrefix
		if len(p.PSBAbbr) > 0 {
			abbr = p.PSBAbbr[0]
		}
	}
	return abbr + "公网安备 " + code + "010602000001号"
}

// Footer returns the footer HTML of footer.md: centred, a copyright line
// with the entity name, the ICP number linked to the MIIT system, and the
// PSB icon and number linked to its record page; text is escaped.
func Footer(in FooterInput) (string, []backend.Finding) {
	var fs []backend.Finding
	add := func(rule, field string, sev backend.Severity, p map[string]any) {
		fs = append(fs, backend.Finding{Rule: rule, Field: field, Severity: sev, Params: p})
	}
	check := func(kind, value, field string) {
		if in.Validate == nil || value == "" {
			return
		}
		for _, f := range in.Validate(kind, value) {
			f.Field = field
			fs = append(fs, f)
		}
	}
	entity, site := normaliseNumber(in.ICPNumber), normaliseNumber(in.WebsiteNumber)
	if entity == "" && site != "" {
		entity = EntityNumberOf(site)
	}
	shown, field := site, "websiteNumber"
	switch {
	case entity == "":
		add(FooterICPMissing, "icpNumber", backend.Block, nil)
	case in.Province == "guangdong":
		shown, field = EntityNumberOf(entity), "icpNumber"
		add(FooterGuangdongEntity, "icpNumber", backend.Info, map[string]any{"number": shown})
	case site == "":
		shown, field = entity, "icpNumber"
		add(FooterWebsiteMissing, "websiteNumber", backend.Block, map[string]any{"number": entity})
	case EntityNumberOf(site) != EntityNumberOf(entity):
		add(FooterWebsiteMismatch, "websiteNumber", backend.Block, map[string]any{"number": site, "entity": entity})
	}
	check("icp", shown, field)

	var b strings.Builder
	b.WriteString("<footer style=\"text-align:center\">\n")
	if name := strings.TrimSpace(in.EntityName); name != "" {
		b.WriteString("  <p>©")
		if in.Year > 0 {
			b.WriteString(" " + strconv.Itoa(in.Year))
		}
		b.WriteString(" " + html.EscapeString(name) + " 版权所有</p>\n")
	} else {
		add(FooterCopyright, "entityName", backend.Warn, nil)
	}
	b.WriteString("  <p>\n")
	if shown != "" {
		b.WriteString("    <a href=\"" + MIITURL + "\" target=\"_blank\" rel=\"noopener\">" + html.EscapeString(shown) + "</a>\n")
	}
	psb := strings.Join(strings.Fields(in.PSBNumber), " ")
	switch code := psbCode.FindString(psb); {
	case psb == "":
		add(FooterPSBMissing, "psbNumber", backend.Info, map[string]any{"days": psbFilingDays})
	case code == "":
		add(FooterPSBFormat, "psbNumber", backend.Block, map[string]any{"number": psb, "example": PSBExample(in.Province)})
	default:
		check("psb", psb, "psbNumber")
		icon := strings.TrimSpace(in.PSBIcon)
		if icon == "" {
			icon = DefaultPSBIcon
		}
		if shown != "" {
			b.WriteString("    &nbsp;\n")
		}
		b.WriteString("    <img src=\"" + html.EscapeString(icon) + "\" alt=\"\" style=\"width:16px;height:16px;vertical-align:middle\">\n")
		b.WriteString("    <a href=\"" + PSBRecordURL + code + "\" target=\"_blank\" rel=\"noopener\">" + html.EscapeString(psb) + "</a>\n")
		add(FooterPSBIcon, "psbIcon", backend.Info, map[string]any{"src": icon})
		add(FooterPSBSnippet, "psbNumber", backend.Info, nil)
	}
	b.WriteString("  </p>\n</footer>\n")
	return b.String(), fs
}
