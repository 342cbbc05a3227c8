package rules

import (
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Identifier rules (identifiers.md). Format errors block; check-character errors
// on organisation identifiers warn because legal exceptions exist (§9).
var (
	ruleKindUnknown = def("id.kind.unknown", backend.Block, "Unknown identifier kind asked of CheckID")

	ruleUSCCLength   = def("id.uscc.length", backend.Block, "USCC is not 18 characters long")
	ruleUSCCCharset  = def("id.uscc.charset", backend.Block, "USCC contains a character outside 0-9 and A-Y without I, O, Z, S, V")
	ruleUSCCRegion   = def("id.uscc.region_format", backend.Block, "USCC positions 3-8 (administrative division) are not digits")
	ruleUSCCCheck    = def("id.uscc.check_char", backend.Warn, "USCC check character (GB 32100 mod 31) does not match")
	ruleUSCCAuth     = def("id.uscc.authority", backend.Warn, "USCC registration-authority code (position 1) is not in GB 32100")
	ruleUSCCCategory = def("id.uscc.category", backend.Warn, "USCC entity-category code (position 2) is not defined for its authority")
	ruleUSCCOrgCode  = def("id.uscc.org_code", backend.Warn, "Organisation code embedded in USCC positions 9-17 fails its GB 11714 check")
	ruleUSCCRegNo    = def("id.uscc.legacy_regno", backend.Warn, "15-digit business registration number instead of a USCC (accepted for old licences)")

	ruleOrgFormat = def("id.orgcode.format", backend.Block, "Organisation code is not 8 digits/capitals plus a check character")
	ruleOrgCheck  = def("id.orgcode.check_char", backend.Warn, "Organisation code check character (GB 11714 mod 11) does not match")

	ruleIDOld15      = def("id.idcard.old15", backend.Block, "15-digit first-generation ID number (no longer valid)")
	ruleIDFormat     = def("id.idcard.format", backend.Block, "Resident ID number is not 17 digits plus a digit or X")
	ruleIDCheck      = def("id.idcard.check_char", backend.Block, "Resident ID check character (ISO 7064 MOD 11-2) does not match")
	ruleIDBirth      = def("id.idcard.birth_date", backend.Block, "Birth date in the ID number is not a real date")
	ruleIDBirthFut   = def("id.idcard.birth_future", backend.Block, "Birth date in the ID number is in the future")
	ruleIDBirthYear  = def("id.idcard.birth_year", backend.Block, "Birth year in the ID number is before 1900")
	ruleIDRegion     = def("id.idcard.region", backend.Block, "ID number does not start with a mainland province code")
	ruleIDIsResPermt = def("id.idcard.is_residence_permit", backend.Block, "Number is a HK/Macao/Taiwan residence permit, entered as an ID card")

	rulePermitFormat = def("id.residence_permit.format", backend.Block, "Residence permit number is not 17 digits plus a digit or X")
	rulePermitCheck  = def("id.residence_permit.check_char", backend.Block, "Residence permit check character (MOD 11-2) does not match")
	rulePermitBirth  = def("id.residence_permit.birth_date", backend.Block, "Birth date in the residence permit number is impossible")
	rulePermitPrefix = def("id.residence_permit.prefix", backend.Block, "Residence permit number does not start with 810000/820000/830000 as its type requires")

	rulePassport       = def("id.passport.format", backend.Warn, "Passport number is not 5-20 letters or digits")
	ruleHKMOPermit     = def("id.hkmo_permit.format", backend.Warn, "HK/Macao travel permit number is not H or M plus 8 or 10 digits")
	ruleTWPermit       = def("id.tw_permit.format", backend.Warn, "Taiwan travel permit number is not 8 digits (or 10 characters on old cards)")
	ruleForeignPR      = def("id.foreign_pr.format", backend.Warn, "Foreign permanent resident ID is neither 3 letters + 12 digits nor 18 characters starting with 9")
	ruleForeignPRCheck = def("id.foreign_pr.check_char", backend.Warn, "2023-format foreign permanent resident ID: check character (MOD 11-2) does not match")
	ruleForeignPRBirth = def("id.foreign_pr.birth_date", backend.Warn, "2023-format foreign permanent resident ID: positions 7-14 are not a real birth date")

	ruleMobile       = def("id.mobile.format", backend.Block, "Mobile number is not a mainland mobile (11 digits, 13x-19x)")
	ruleEmail        = def("id.email.format", backend.Block, "E-mail address is malformed")
	ruleLandline     = def("id.landline.format", backend.Block, "Landline is not area code + 7-8 digit number")
	ruleLandlineArea = def("id.landline.area_code", backend.Block, "Landline has no area code")

	ruleDomainURL    = def("id.domain.url", backend.Block, "A URL or path was entered instead of a domain name")
	ruleDomainSyntax = def("id.domain.syntax", backend.Block, "Domain name is not a valid host name")
	ruleDomainIDN    = def("id.domain.idn", backend.Block, "Internationalised domain name cannot be converted to punycode")
	ruleDomainSuffix = def("id.domain.public_suffix", backend.Block, "Domain is a bare public suffix (e.g. com.cn)")
	ruleDomainTLD    = def("id.domain.tld_unknown", backend.Warn, "TLD is not in the offline list of MIIT-approved suffixes")
	ruleDomainSubdom = def("id.domain.subdomain", backend.Warn, "Sub-domain entered; only the registrable domain is filed")
	ruleICPFormat    = def("id.icp.format", backend.Block, "ICP filing number does not have the form 京ICP备12345678号(-1)")
	ruleICPIrregular = def("id.icp.irregular", backend.Warn, "ICP number in an irregular form (spaces, letters, suffix placement)")
	ruleICPAltAbbr   = def("id.icp.abbr_alt", backend.Warn, "ICP number uses a province abbreviation other than the usual one")
	rulePSBFormat    = def("id.psb.format", backend.Block, "PSB filing number does not have the form 京公网安备 11010802020877号")
	rulePSBRegion    = def("id.psb.region_mismatch", backend.Warn, "PSB number's province abbreviation does not match its region code")
)

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// normalizeID folds full-width characters and case and drops spaces, the
// usual differences between a typed and a printed identifier.
func normalizeID(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		case unicode.IsSpace(r):
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// USCCCheckChar returns the GB 32100 check character of a 17-character body.
func USCCCheckChar(body string) (byte, bool) {
	if len(body) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, body[i])
		if v < 0 {
			return 0, false
		}
		sum += v * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31], true
}

// OrgCodeCheckChar returns the GB 11714 check character of an 8-character body.
func OrgCodeCheckChar(body string) (byte, bool) {
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	if len(body) != 8 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return 0, false
		}
		sum += v * w[i]
	}
	switch r := 11 - sum%11; r {
	case 10:
		return 'X', true
	case 11:
		return '0', true
	default:
		return byte('0' + r), true
	}
}

// IDCheckChar returns the ISO 7064 MOD 11-2 check character of a 17-digit body.
func IDCheckChar(body string) (byte, bool) {
	w := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	if len(body) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if body[i] < '0' || body[i] > '9' {
			return 0, false
		}
		sum += int(body[i]-'0') * w[i]
	}
	return "10X98765432"[sum%11], true
}

// usccInfo is what the entity checks need from a parsed USCC.
type usccInfo struct {
	ok        bool   // well-formed (check character may still be off)
	regno     bool   // a 15-digit registration number was given
	authority string // position 1
	region    string // positions 3-8
}

var reRegNo = regexp.MustCompile(`^\d{15}$`)

func (c *ctx) checkUSCC(v, field string, allowRegNo bool) usccInfo {
	s := normalizeID(v)
	if len(s) != 18 {
		if allowRegNo && reRegNo.MatchString(s) {
			c.add(ruleUSCCRegNo, field)
			return usccInfo{regno: true, region: s[:6]}
		}
		c.add(ruleUSCCLength, field, "length", len([]rune(s)))
		return usccInfo{}
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(usccChars, s[i]) < 0 {
			c.add(ruleUSCCCharset, field, "char", string(s[i]), "position", i+1)
			return usccInfo{}
		}
	}
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			c.add(ruleUSCCRegion, field)
			return usccInfo{}
		}
	}
	info := usccInfo{ok: true, authority: s[:1], region: s[2:8]}
	if want, _ := USCCCheckChar(s[:17]); want != s[17] {
		c.add(ruleUSCCCheck, field)
	}
	var auth *assets.USCCAuthority
	for i := range c.data.USCCAuthorities {
		if c.data.USCCAuthorities[i].Code == s[:1] {
			auth = &c.data.USCCAuthorities[i]
		}
	}
	if auth == nil {
		c.add(ruleUSCCAuth, field, "code", s[:1])
	} else if !contains(auth.Categories, s[1:2]) {
		c.add(ruleUSCCCategory, field, "code", s[1:2], "authority", auth.Zh)
	}
	if want, ok := OrgCodeCheckChar(s[8:16]); !ok || want != s[16] {
		c.add(ruleUSCCOrgCode, field, "orgCode", s[8:16]+"-"+s[16:17])
	}
	return info
}

var reOrgCode = regexp.MustCompile(`^[0-9A-Z]{8}[0-9X]$`)

func (c *ctx) checkOrgCode(v, field string) bool {
	s := strings.ReplaceAll(normalizeID(v), "-", "")
	if !reOrgCode.MatchString(s) {
		c.add(ruleOrgFormat, field)
		return false
	}
	if want, _ := OrgCodeCheckChar(s[:8]); want != s[8] {
		c.add(ruleOrgCheck, field)
	}
	return true
}

// idInfo is what person checks need from a parsed resident ID or residence permit.
type idInfo struct {
	ok     bool
	birth  time.Time
	prefix string // first six digits
}

var (
	reID18 = regexp.MustCompile(`^\d{17}[\dX]$`)
	reID15 = regexp.MustCompile(`^\d{15}$`)
)

var permitPrefixes = map[string]string{"810000": "hk", "820000": "mo", "830000": "tw"}

// parseBirth reads YYYYMMDD and rejects impossible dates (time.Date would normalise them).
func parseBirth(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("20060102", s, backend.Shanghai)
	return t, err == nil
}

// checkIDCard checks a mainland resident ID number (GB 11643).
func (c *ctx) checkIDCard(v, field string) idInfo {
	s := normalizeID(v)
	if reID15.MatchString(s) {
		c.add(ruleIDOld15, field)
		return idInfo{}
	}
	if !reID18.MatchString(s) {
		c.add(ruleIDFormat, field)
		return idInfo{}
	}
	if want, _ := IDCheckChar(s[:17]); want != s[17] {
		c.add(ruleIDCheck, field)
		return idInfo{}
	}
	birth, ok := parseBirth(s[6:14])
	switch {
	case !ok:
		c.add(ruleIDBirth, field)
		return idInfo{}
	case birth.After(c.today()):
		c.add(ruleIDBirthFut, field)
		return idInfo{}
	case birth.Year() < c.data.Limits.MinBirthYear:
		c.add(ruleIDBirthYear, field)
		return idInfo{}
	}
	if _, permit := permitPrefixes[s[:6]]; permit {
		c.add(ruleIDIsResPermt, field)
		return idInfo{}
	}
	if provinceByPrefix(s[:2]) == nil {
		c.add(ruleIDRegion, field, "prefix", s[:2])
		return idInfo{}
	}
	return idInfo{ok: true, birth: birth, prefix: s[:6]}
}

// checkResidencePermit checks a HK/Macao/Taiwan residence permit; regions limits the prefixes.
func (c *ctx) checkResidencePermit(v, field string, regions ...string) idInfo {
	s := normalizeID(v)
	if !reID18.MatchString(s) {
		c.add(rulePermitFormat, field)
		return idInfo{}
	}
	if want, _ := IDCheckChar(s[:17]); want != s[17] {
		c.add(rulePermitCheck, field)
		return idInfo{}
	}
	region, ok := permitPrefixes[s[:6]]
	if !ok || (len(regions) > 0 && !contains(regions, region)) {
		c.add(rulePermitPrefix, field)
		return idInfo{}
	}
	birth, ok := parseBirth(s[6:14])
	if !ok || birth.After(c.today()) || birth.Year() < c.data.Limits.MinBirthYear {
		c.add(rulePermitBirth, field)
		return idInfo{}
	}
	return idInfo{ok: true, birth: birth, prefix: s[:6]}
}

var (
	rePassport  = regexp.MustCompile(`^[A-Z0-9]{5,20}$`)
	reHKMO      = regexp.MustCompile(`^[HM]\d{8}(\d{2})?$`)
	reTWPermit  = regexp.MustCompile(`^(\d{8}|[0-9A-Z]{10})$`)
	reForeignPR = regexp.MustCompile(`^([A-Z]{3}\d{12}|9\d{16}[\dX])$`)
	reMobile    = regexp.MustCompile(`^1[3-9]\d{9}$`)
	reLandline  = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
	reLocalOnly = regexp.MustCompile(`^\d{7,8}(-\d{1,6})?$`)
)

// checkForeignPR checks a 外国人永久居留身份证 number: the 2004 card's 3 letters
// + 12 digits, or the 2023 card's 18 characters (9, province, nationality,
// birth date YYYYMMDD, sequence, a MOD 11-2 check character like a resident ID).
func (c *ctx) checkForeignPR(v, field string) {
	if !c.checkPattern(reForeignPR, ruleForeignPR, v, field) {
		return
	}
	s := normalizeID(v)
	if len(s) != 18 {
		return
	}
	if want, _ := IDCheckChar(s[:17]); want != s[17] {
		c.add(ruleForeignPRCheck, field)
		return
	}
	if birth, ok := parseBirth(s[6:14]); !ok || birth.After(c.today()) || birth.Year() < c.data.Limits.MinBirthYear {
		c.add(ruleForeignPRBirth, field)
	}
}

func (c *ctx) checkPattern(re *regexp.Regexp, rule, v, field string) bool {
	if !re.MatchString(normalizeID(v)) {
		c.add(rule, field)
		return false
	}
	return true
}

// normalizePhone drops separators and a +86 country prefix.
func normalizePhone(v string) string {
	s := normalizeID(v)
	s = strings.NewReplacer(" ", "", "(", "", ")", "-", "（", "", "）", "-").Replace(s)
	for _, p := range []string{"+86", "0086"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimPrefix(s, "-")
	return s
}

// IsMobile reports whether v is a mainland mobile number.
func IsMobile(v string) bool {
	return reMobile.MatchString(strings.ReplaceAll(normalizePhone(v), "-", ""))
}

func (c *ctx) checkMobile(v, field string) bool {
	if !IsMobile(v) {
		c.add(ruleMobile, field)
		return false
	}
	return true
}

func (c *ctx) checkLandline(v, field string) bool {
	s := normalizePhone(v)
	if reLandline.MatchString(s) {
		return true
	}
	if reLocalOnly.MatchString(s) {
		c.add(ruleLandlineArea, field)
	} else {
		c.add(ruleLandline, field)
	}
	return false
}

func (c *ctx) checkEmail(v, field string) bool {
	s := strings.TrimSpace(v)
	a, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || a.Address != s || at <= 0 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		c.add(ruleEmail, field)
		return false
	}
	return true
}

// domainInfo is a checked domain: ASCII (punycode) form and the registrable domain.
type domainInfo struct {
	ok          bool
	ascii       string
	unicode     string
	registrable string
	tld         string // Unicode form
}

var domainDots = strings.NewReplacer("。", ".", "．", ".", "｡", ".")

// NormalizeDomain returns the lower-case ASCII form of a domain for comparison
// ("" when it cannot be converted).
func NormalizeDomain(v string) string {
	s := strings.TrimSuffix(strings.ToLower(domainDots.Replace(strings.TrimSpace(v))), ".")
	a, err := idna.Registration.ToASCII(s)
	if err != nil {
		return ""
	}
	return a
}

func (c *ctx) checkDomain(v, field string) domainInfo {
	s := strings.TrimSuffix(strings.ToLower(domainDots.Replace(strings.TrimSpace(v))), ".")
	if strings.Contains(s, "://") || strings.ContainsAny(s, "/?#:@") {
		host := s
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if i := strings.IndexAny(host, "/?#:"); i >= 0 {
			host = host[:i]
		}
		if j := strings.LastIndexByte(host, '@'); j >= 0 {
			host = host[j+1:]
		}
		c.add(ruleDomainURL, field, "host", host)
		return domainInfo{}
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 || len(s) > 253 {
		c.add(ruleDomainSyntax, field)
		return domainInfo{}
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			c.add(ruleDomainSyntax, field)
			return domainInfo{}
		}
	}
	ascii, err := idna.Registration.ToASCII(s)
	if err != nil {
		if isASCII(s) {
			c.add(ruleDomainSyntax, field)
		} else {
			c.add(ruleDomainIDN, field)
		}
		return domainInfo{}
	}
	uni, err := idna.Registration.ToUnicode(ascii)
	if err != nil {
		c.add(ruleDomainIDN, field)
		return domainInfo{}
	}
	info := domainInfo{ok: true, ascii: ascii, unicode: uni}
	ul := strings.Split(uni, ".")
	info.tld = ul[len(ul)-1]
	reg, err := publicsuffix.EffectiveTLDPlusOne(ascii)
	if err != nil {
		c.add(ruleDomainSuffix, field)
		return domainInfo{}
	}
	info.registrable = reg
	if !c.data.TLDs[info.tld] {
		c.add(ruleDomainTLD, field, "tld", info.tld)
	}
	if reg != ascii {
		regU, _ := idna.Registration.ToUnicode(reg)
		c.add(ruleDomainSubdom, field, "registrable", regU)
	}
	return info
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// icpInfo is a parsed ICP filing number.
type icpInfo struct {
	ok       bool
	province string // province key
	serial   string
	site     string // website sequence ("" for an entity number)
}

var (
	reICP      = regexp.MustCompile(`^(\p{Han})ICP备(\d{8}|\d{10})号(?:-(\d{1,3}))?$`)
	reICPLoose = regexp.MustCompile(`^(\p{Han})ICP备([0-9A-Z]{6,12})(?:-(\d{1,3}))?号(?:-(\d{1,3}))?$`)
	rePSB      = regexp.MustCompile(`^(\p{Han})公网安备(\d{14})号$`)
)

// abbrProvince maps an abbreviation to its province and whether it is the usual ICP one.
func abbrProvince(abbr string) (*assets.Province, bool) {
	ps := assets.MustProvinces()
	for i := range ps {
		if ps[i].ICPAbbr == abbr {
			return &ps[i], true
		}
	}
	for i := range ps {
		if ps[i].Abbr == abbr || contains(ps[i].ICPAbbrAlt, abbr) || contains(ps[i].PSBAbbr, abbr) {
			return &ps[i], false
		}
	}
	return nil, false
}

func provinceByPrefix(prefix string) *assets.Province {
	ps := assets.MustProvinces()
	for i := range ps {
		if ps[i].RegionCodePrefix == prefix {
			return &ps[i]
		}
	}
	return nil
}

func (c *ctx) checkICP(v, field string) icpInfo {
	raw := strings.TrimSpace(v)
	s := normalizeID(raw)
	m := reICP.FindStringSubmatch(s)
	irregular := false
	if m == nil {
		lm := reICPLoose.FindStringSubmatch(s)
		if lm == nil {
			c.add(ruleICPFormat, field)
			return icpInfo{}
		}
		site := lm[3]
		if site == "" {
			site = lm[4]
		}
		m = []string{lm[0], lm[1], lm[2], site}
		irregular = true
	}
	p, usual := abbrProvince(m[1])
	if p == nil {
		c.add(ruleICPFormat, field)
		return icpInfo{}
	}
	if irregular || s != raw && strings.ContainsFunc(raw, unicode.IsSpace) {
		c.add(ruleICPIrregular, field, "normalized", m[1]+"ICP备"+m[2]+"号"+suffix(m[3]))
	}
	if !usual {
		c.add(ruleICPAltAbbr, field, "abbr", m[1], "usual", p.ICPAbbr, "province", p.NameZh)
	}
	return icpInfo{ok: true, province: p.Key, serial: m[2], site: m[3]}
}

func suffix(site string) string {
	if site == "" {
		return ""
	}
	return "-" + site
}

func (c *ctx) checkPSB(v, field string) bool {
	s := normalizeID(v)
	m := rePSB.FindStringSubmatch(s)
	if m == nil {
		c.add(rulePSBFormat, field)
		return false
	}
	p, _ := abbrProvince(m[1])
	if p == nil {
		c.add(rulePSBFormat, field)
		return false
	}
	if p.RegionCodePrefix != m[2][:2] {
		byCode := provinceByPrefix(m[2][:2])
		other := "?"
		if byCode != nil {
			other = byCode.NameZh
		}
		c.add(rulePSBRegion, field, "abbr", m[1], "province", p.NameZh, "codeProvince", other)
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// IDKinds lists the kinds CheckID understands.
func IDKinds() []string {
	ks := make([]string, 0, len(idKinds))
	for k := range idKinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

var idKinds = map[string]func(c *ctx, v string){
	"uscc":                  func(c *ctx, v string) { c.checkUSCC(v, "", true) },
	"orgcode":               func(c *ctx, v string) { c.checkOrgCode(v, "") },
	"idcard":                func(c *ctx, v string) { c.checkIDCard(v, "") },
	"residence_permit":      func(c *ctx, v string) { c.checkResidencePermit(v, "") },
	"hkmo_residence_permit": func(c *ctx, v string) { c.checkResidencePermit(v, "", "hk", "mo") },
	"tw_residence_permit":   func(c *ctx, v string) { c.checkResidencePermit(v, "", "tw") },
	"passport":              func(c *ctx, v string) { c.checkPattern(rePassport, rulePassport, v, "") },
	"hkmo_permit":           func(c *ctx, v string) { c.checkPattern(reHKMO, ruleHKMOPermit, v, "") },
	"tw_permit":             func(c *ctx, v string) { c.checkPattern(reTWPermit, ruleTWPermit, v, "") },
	"foreign_pr":            func(c *ctx, v string) { c.checkForeignPR(v, "") },
	"mobile": func(c *ctx, v string) {
		if c.checkMobile(v, "") {
			c.phoneLocation(v, "")
		}
	},
	"email": func(c *ctx, v string) { c.checkEmail(v, "") },
	"landline": func(c *ctx, v string) {
		if c.checkLandline(v, "") {
			c.phoneLocation(v, "")
		}
	},
	"domain": func(c *ctx, v string) { c.checkDomain(v, "") },
	"icp":    func(c *ctx, v string) { c.checkICP(v, "") },
	"psb":    func(c *ctx, v string) { c.checkPSB(v, "") },
}

// CheckID checks one identifier of the given kind (see IDKinds); findings have an empty field.
func CheckID(kind, value string, clock backend.Clock) []backend.Finding {
	c := newCtx(clock)
	f, ok := idKinds[kind]
	switch {
	case !ok:
		c.add(ruleKindUnknown, "", "kind", kind)
	case strings.TrimSpace(value) == "":
		c.add(ruleRequired, "")
	default:
		f(c, value)
	}
	return c.fs
}
