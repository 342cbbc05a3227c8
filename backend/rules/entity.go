package rules

import (
	"regexp"
	"strings"
	"unicode"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Entity rules (fields.md §1-4, rejections.md #10, #19, #23).
var (
	ruleProvinceUnknown       = def("entity.province.unknown", backend.Block, "Filing province is not one of the 31 provinces")
	ruleNatureUnknown         = def("entity.nature.unknown", backend.Block, "Entity nature is not in the MIIT list")
	ruleCertTypeUnknown       = def("entity.cert_type.unknown", backend.Block, "Certificate type is not known")
	ruleCertTypeNature        = def("entity.cert_type.nature_mismatch", backend.Block, "Certificate type is not accepted for the entity nature")
	ruleCertTypeProvince      = def("entity.cert_type.province", backend.Block, "The province requires enterprises to choose a specific certificate type")
	ruleCertTypeOrgcode       = def("entity.cert_type.province_orgcode", backend.Warn, "The province's page asks non-enterprise units for the organisation-code certificate (pages disagree)")
	ruleCertNumUSCCOnly       = def("entity.cert_number.uscc_required", backend.Block, "The province accepts only the newest licence with a USCC")
	ruleCertNumOnRecord       = def("entity.cert_number.on_record", backend.Info, "Transfer or new website: the number on record is accepted; change to the USCC after approval")
	ruleCertNumIsUSCC         = def("entity.cert_number.uscc_for_orgcode", backend.Warn, "An 18-character USCC was entered for an organisation-code certificate")
	ruleCertNumNature         = def("entity.cert_number.nature_mismatch", backend.Warn, "USCC registration authority does not fit the entity nature")
	ruleCertProvince          = def("entity.province.cert_mismatch", backend.Warn, "Organisation's USCC was issued in another province than the filing province (the certificate address decides)")
	ruleNamePerson            = def("entity.name.person_mismatch", backend.Block, "Individual filing: entity name differs from the person in charge")
	ruleNameBrackets          = def("entity.name.halfwidth_brackets", backend.Warn, "Entity name uses half-width brackets; certificates print full-width （）")
	ruleNameSpaces            = def("entity.name.spaces", backend.Warn, "Entity name contains spaces")
	ruleNameNotChinese        = def("entity.name.not_chinese", backend.Warn, "Organisation name has no Chinese characters")
	ruleCertAddrProvince      = def("entity.cert_address.province", backend.Block, "Organisation's certificate address is in another province")
	ruleAddrProvince          = def("entity.address.province", backend.Warn, "Communication address is in another province")
	ruleAddrNoProvince        = def("entity.address.no_province", backend.Warn, "Address does not start with the province name")
	ruleAddrHouseNumber       = def("entity.address.house_number", backend.Warn, "Address seems not to go down to the house/room number")
	ruleAddrShorthand         = def("entity.address.shorthand", backend.Warn, "Address uses 1-2-3 shorthand instead of 1单元2层3号")
	ruleAddrShorthandProv     = def("entity.address.shorthand_province", backend.Block, "The province refuses 1-2-3 address shorthand (write 1单元2层3号)")
	ruleInvestorProvince      = def("entity.investor.province_rule", backend.Block, "Investor field does not hold what the province requires")
	ruleInvestorSuperior      = def("entity.investor.superior", backend.Block, "The province wants the superior authority's full name in the investor field")
	rulePersonNotLegalRep     = def("entity.person.not_legal_rep", backend.Block, "The province requires the entity person in charge to be the legal representative")
	rulePersonLegalRepDis     = def("entity.person.not_legal_rep_disputed", backend.Warn, "Tencent's pages disagree whether the province requires the legal representative as person in charge")
	rulePersonAuthLetter      = def("entity.person.auth_letter", backend.Info, "Entity person is not the legal representative: an authorisation letter is needed")
	rulePersonIDMismatch      = def("entity.person.id_mismatch", backend.Block, "Individual filing: the entity certificate must be the person's own ID")
	rulePersonForeignInCharge = def("entity.person.foreign_in_charge", backend.Block, "The province wants a Chinese citizen, authorised by the foreign legal representative, as person in charge")
	rulePersonForeignAuth     = def("entity.person.foreign_authorise", backend.Info, "Foreign legal representative must authorise a Chinese citizen as person in charge")
	rulePersonIDProvince      = def("entity.person.id_province", backend.Block, "The province accepts individuals only with an ID whose address is in the province")
	rulePersonLocalDoc        = def("entity.person.id_not_local", backend.Block, "The province accepts individuals only with a local certificate; this document has no address in the province")
	rulePersonResidence       = def("entity.person.residence_proof", backend.Info, "Out-of-province ID: residence permit or proof needed")
	rulePersonIDOther         = def("entity.person.id_other_province", backend.Info, "Individual's certificate address is in another province, which this province's requirements allow")
	rulePersonIDNumberOther   = def("entity.person.id_number_other_province", backend.Warn, "The ID number was first issued in another province; check the address on the card")
	ruleCertNumPersonID       = def("entity.cert_number.person_id", backend.Warn, "A resident ID number was entered for an organisation's certificate")
)

// provinceShort is a province name without its 省/市/自治区 suffix (广西壮族自治区 → 广西).
func provinceShort(nameZh string) string {
	for _, s := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
		if strings.HasSuffix(nameZh, s) {
			return strings.TrimSuffix(nameZh, s)
		}
	}
	return nameZh
}

// addressProvince returns the province an address starts with, or nil.
func addressProvince(addr string) *assets.Province {
	addr = strings.TrimSpace(addr)
	ps := assets.MustProvinces()
	for i := range ps {
		if strings.HasPrefix(addr, provinceShort(ps[i].NameZh)) {
			return &ps[i]
		}
	}
	return nil
}

var (
	reHouseNumber = regexp.MustCompile(`[0-9０-９一二三四五六七八九十百零〇]+\s*(号|室|栋|幢|座|层|楼|单元|户)|[A-Za-z]\s*(座|栋|区)|(号|室)$`)
	reShorthand   = regexp.MustCompile(`\d+-\d+-\d+`)
)

// finestAddressNote is the remark Tencent's FAQ suggests when an address has
// no house number (主体信息 · 通信地址没有门牌号，要怎么填写？).
const finestAddressNote = "最详细地址"

func (c *ctx) checkAddress(addr, field string, pc provCtx, remark string) {
	if !c.checkText(addr, field, true) {
		return
	}
	if pc.ok {
		if ap := addressProvince(addr); ap == nil {
			c.add(ruleAddrNoProvince, field, "province", pc.name())
		} else if ap.Key != pc.p.Key {
			c.add(ruleAddrProvince, field, "province", pc.name(), "addressProvince", ap.NameZh)
		}
	}
	if !reHouseNumber.MatchString(addr) && !strings.Contains(remark, finestAddressNote) {
		c.addAt(pc.section("entity.address.house_number"), ruleAddrHouseNumber, field)
	}
	if reShorthand.MatchString(addr) {
		if pc.r.AddressNoShorthand {
			c.addProv(pc, "address_no_shorthand", ruleAddrShorthandProv, field)
		} else {
			c.add(ruleAddrShorthand, field)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// checkText adds required / sanity-cap findings and reports whether s is non-empty.
func (c *ctx) checkText(s, field string, required bool) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			c.add(ruleRequired, field)
		}
		return false
	}
	if n := len([]rune(s)); n > c.data.Limits.TextSanityCap {
		c.add(ruleTooLong, field, "max", c.data.Limits.TextSanityCap, "length", n)
	}
	return true
}

// checkEntity runs the entity section and returns the nature (nil when unknown).
func (c *ctx) checkEntity(app *backend.Application) *assets.Nature {
	e := &app.Entity
	if strings.TrimSpace(e.Province) == "" {
		c.add(ruleRequired, "entity.province")
	} else if _, ok := assets.ProvinceByKey(e.Province); !ok {
		c.add(ruleProvinceUnknown, "entity.province", "province", e.Province)
	}

	var nature *assets.Nature
	if strings.TrimSpace(e.Nature) == "" {
		c.add(ruleRequired, "entity.nature")
	} else if n, ok := c.data.Nature(e.Nature); ok {
		nature = n
	} else {
		c.add(ruleNatureUnknown, "entity.nature", "nature", e.Nature)
	}
	individual := nature != nil && nature.Individual
	pc := c.province(e, individual)

	var cert *assets.CertType
	switch ct, ok := c.data.CertType(e.CertType); {
	case strings.TrimSpace(e.CertType) == "":
		c.add(ruleRequired, "entity.certType")
	case !ok:
		c.add(ruleCertTypeUnknown, "entity.certType", "certType", e.CertType)
	default:
		cert = ct
		c.checkCertType(nature, ct, pc)
	}

	if cert != nil && c.checkText(e.CertNumber, "entity.certNumber", true) {
		c.checkCertNumber(app, cert, nature, pc)
	} else if cert == nil && c.checkText(e.CertNumber, "entity.certNumber", true) {
		c.checkUntypedCertNumber(e.CertNumber, nature)
	}

	if c.checkText(e.Name, "entity.name", true) {
		name := strings.TrimSpace(e.Name)
		switch {
		case individual:
			if p := strings.TrimSpace(e.Person.Name); p != "" && p != name {
				c.add(ruleNamePerson, "entity.name", "person", p)
			}
		default:
			if strings.ContainsAny(name, "()") {
				c.add(ruleNameBrackets, "entity.name")
			}
			if !hasHan(name) && (nature == nil || nature.Key != "overseas") {
				c.add(ruleNameNotChinese, "entity.name")
			}
		}
		// A foreigner's name is written as in the passport, with spaces
		// (ALEXANDER SMITH); only a Chinese name with a space is a typo.
		if strings.ContainsFunc(name, unicode.IsSpace) && hasHan(name) {
			c.add(ruleNameSpaces, "entity.name")
		}
	}

	// The filing province is the certificate's address (证件住所): organisations
	// cannot file across provinces; individuals follow the province's rule.
	if c.checkText(e.CertAddress, "entity.certAddress", true) && pc.ok {
		if ap := addressProvince(e.CertAddress); ap != nil && ap.Key != pc.p.Key {
			if individual {
				c.checkIndividualAddress(pc, ap)
			} else {
				c.addAt(pc.section("entity.cert_address.province"), ruleCertAddrProvince, "entity.certAddress", "province", pc.name(), "addressProvince", ap.NameZh)
			}
		}
	}
	if individual && pc.ok {
		c.checkLocalDocument(e, pc)
	}
	c.checkAddress(e.Address, "entity.address", pc, e.Remark)

	if !individual {
		if c.checkText(e.Investor, "entity.investor", true) {
			c.checkInvestor(e, nature, pc)
		}
		c.checkText(e.LegalRep, "entity.legalRep", true)
	}

	idi := c.checkPerson(&e.Person, "entity.person", false, individual, pc, e.Remark, addressProvinceKey(e.Address, e.Province))
	c.checkEntityPerson(e, individual, pc, idi)
	c.checkText(e.Remark, "entity.remark", false)
	return nature
}

// addresslessIDs are the person documents that carry no mainland address.
var addresslessIDs = []string{"passport", "hkmo_permit", "tw_permit", "foreign_pr"}

// checkLocalDocument: where an individual must file with a certificate whose
// address is in the province (甘肃 "非本省个人证件不予办理", 重庆/青海/新疆
// "必须使用本省身份证", 河南 "证件地址必须为河南省" …), a passport or travel
// permit has no address there — unless the province names that document
// itself (云南 个人第 2 条: 外籍人士使用护照，港澳台使用港澳通行证、台胞证).
func (c *ctx) checkLocalDocument(e *backend.Entity, pc provCtx) {
	t := e.Person.IDType
	if pc.r.LocalID != "required" || !contains(addresslessIDs, t) || contains(pc.r.PersonIDTypes, t) {
		return
	}
	ct, ok := c.data.CertType(t)
	if !ok {
		return
	}
	c.addProv(pc, "local_id", rulePersonLocalDoc, "entity.person.idType", "idZh", ct.Zh, "idEn", ct.En)
}

// checkIndividualAddress: an individual's certificate address is in another
// province than the filing province.
func (c *ctx) checkIndividualAddress(pc provCtx, ap *assets.Province) {
	const f = "entity.certAddress"
	switch pc.r.LocalID {
	case "required":
		c.addProv(pc, "local_id", rulePersonIDProvince, f, "idProvince", ap.NameZh)
	case "residence_proof":
		c.addProv(pc, "local_id", rulePersonResidence, f, "idProvince", ap.NameZh)
	default:
		c.add(rulePersonIDOther, f, "province", pc.name(), "idProvince", ap.NameZh)
	}
}

// checkCertType applies the province's certificate-type rules.
func (c *ctx) checkCertType(nature *assets.Nature, ct *assets.CertType, pc provCtx) {
	const f = "entity.certType"
	if nature == nil {
		return
	}
	if !contains(nature.CertTypes, ct.Key) {
		c.add(ruleCertTypeNature, f, "natureZh", nature.Zh, "natureEn", nature.En, "certZh", ct.Zh, "certEn", ct.En)
		return
	}
	if !pc.ok {
		return
	}
	want := func(flag, key string) {
		w, _ := c.data.CertType(key)
		c.addProv(pc, flag, ruleCertTypeProvince, f, "certZh", w.Zh, "certEn", w.En)
	}
	switch {
	case nature.Key == "enterprise" && len(pc.r.EnterpriseCertTypes) > 0 && !contains(pc.r.EnterpriseCertTypes, ct.Key):
		want("enterprise_cert_types", pc.r.EnterpriseCertTypes[0])
	case nature.Key == "law_firm" && pc.r.LawFirmUSCCOnly && ct.Key != "uscc_cert":
		want("law_firm_uscc_only", "uscc_cert")
	case nature.Key != "enterprise" && pc.r.OtherCertOrgcode && ct.Key != "orgcode_cert" && contains(nature.CertTypes, "orgcode_cert"):
		w, _ := c.data.CertType("orgcode_cert")
		c.addProv(pc, "other_cert_orgcode", ruleCertTypeOrgcode, f, "certZh", w.Zh, "certEn", w.En)
	}
}

// checkInvestor applies the province's rule on 投资人或主管单位.
func (c *ctx) checkInvestor(e *backend.Entity, nature *assets.Nature, pc provCtx) {
	const f = "entity.investor"
	if nature == nil || !pc.ok {
		return
	}
	inv, name, rep := strings.TrimSpace(e.Investor), strings.TrimSpace(e.Name), strings.TrimSpace(e.LegalRep)
	enterprise := nature.Key == "enterprise"
	gov := nature.Key == "government" || nature.Key == "institution"
	switch {
	case pc.r.InvestorAll == "entity_name" && inv != name:
		c.addProv(pc, "investor_all", ruleInvestorProvince, f, "expected", name)
	case enterprise && pc.r.InvestorEnterprise == "entity_name" && inv != name:
		c.addProv(pc, "investor_enterprise", ruleInvestorProvince, f, "expected", name)
	case enterprise && pc.r.InvestorEnterprise == "legal_rep" && rep != "" && inv != rep:
		c.addProv(pc, "investor_enterprise", ruleInvestorProvince, f, "expected", rep)
	case !enterprise && pc.r.InvestorOther == "superior" && (inv == name || inv == rep):
		c.addProv(pc, "investor_other", ruleInvestorSuperior, f)
	case gov && pc.r.InvestorGov == "superior" && (inv == name || inv == rep):
		c.addProv(pc, "investor_gov", ruleInvestorSuperior, f)
	case gov && pc.r.InvestorGov == "entity_or_superior" && inv == rep && inv != name:
		c.addProv(pc, "investor_gov", ruleInvestorSuperior, f)
	}
}

// checkUntypedCertNumber checks a certificate number entered before its type
// was chosen (the type step asks for the number first). The chosen nature
// decides what kind of number it is; without one, its shape does: a number
// shaped like a resident ID (17 digits and a digit or X, a province code and
// a birth date) is checked as one, so a wrong check digit is reported as a
// resident ID's, not as a company code's; other 18-character numbers are
// USCCs, 9-character ones organisation codes.
func (c *ctx) checkUntypedCertNumber(v string, nature *assets.Nature) {
	const f = "entity.certNumber"
	num := normalizeID(v)
	if nature != nil && !nature.Individual && looksLikeResidentID(num) {
		// A person's ID where an organisation's certificate belongs: say so
		// rather than report it as a broken company code.
		c.add(ruleCertNumPersonID, f, "natureZh", nature.Zh, "natureEn", nature.En)
		return
	}
	switch NumberKind(num, nature != nil, nature != nil && nature.Individual) {
	case "idcard":
		c.checkIDCard(v, f)
	case "uscc":
		c.checkUSCC(v, f, false)
	case "orgcode":
		c.checkOrgCode(v, f)
	}
}

// NumberKind says what a certificate number is from its shape and, when
// known, the entity's nature: "idcard", "uscc", "orgcode" or "" (cannot
// tell). A person's number is never taken for an organisation's and back.
func NumberKind(v string, natureKnown, individual bool) string {
	num := normalizeID(v)
	switch {
	case natureKnown && individual:
		if len(num) == 18 || len(num) == 15 && reID15.MatchString(num) {
			return "idcard"
		}
		return ""
	case !natureKnown && looksLikeResidentID(num):
		return "idcard"
	case len(num) == 18:
		return "uscc"
	case len(num) == 9:
		return "orgcode"
	}
	return ""
}

// looksLikeResidentID: 17 digits and a digit or X, starting with a mainland
// province code and holding a real birth date — whatever its check digit.
func looksLikeResidentID(num string) bool {
	if !reID18.MatchString(num) || provinceByPrefix(num[:2]) == nil {
		return false
	}
	b, ok := parseBirth(num[6:14])
	return ok && b.Year() >= 1900
}

func (c *ctx) checkCertNumber(app *backend.Application, cert *assets.CertType, nature *assets.Nature, pc provCtx) {
	const f = "entity.certNumber"
	e := &app.Entity
	num := normalizeID(e.CertNumber)
	var info usccInfo
	usccOnly := pc.ok && nature != nil && (pc.r.USCCOnly && nature.Key == "enterprise" || pc.r.LawFirmUSCCOnly && nature.Key == "law_firm")
	usccOnlyFlag := "uscc_only"
	if nature != nil && nature.Key == "law_firm" {
		usccOnlyFlag = "law_firm_uscc_only"
	}
	notUSCC := false
	switch cert.Number {
	case "uscc":
		info = c.checkUSCC(e.CertNumber, f, false)
	case "uscc_or_regno":
		info = c.checkUSCC(e.CertNumber, f, true)
		notUSCC = info.regno
	case "orgcode":
		if len(num) == 18 {
			c.add(ruleCertNumIsUSCC, f)
			info = c.checkUSCC(e.CertNumber, f, false)
		} else {
			c.checkOrgCode(e.CertNumber, f)
		}
	case "uscc_or_free":
		if len(num) == 18 {
			info = c.checkUSCC(e.CertNumber, f, false)
		} else {
			notUSCC = true
		}
	case "free":
	default:
		// Individuals: the certificate is the person's own ID, checked exactly
		// like the person's number (the person block checks its own copy).
		c.checkPersonID(cert.Number, e.CertNumber, f)
		return
	}
	if notUSCC && usccOnly {
		c.checkUSCCOnly(app, pc, usccOnlyFlag)
	}
	if info.regno && pc.ok && pc.r.OldNumberOnTransfer == "accepted" && onRecordType(app) {
		// The province's 变更相关 accepts the number MIIT has on record on a
		// transfer or a new website: nothing left for the clerk to check.
		c.drop(ruleUSCCRegNo, f)
	}
	if !info.ok {
		return
	}
	if nature != nil && len(nature.USCCAuthorities) > 0 && !contains(nature.USCCAuthorities, info.authority) {
		auth := info.authority
		for _, a := range c.data.USCCAuthorities {
			if a.Code == info.authority {
				auth = a.Zh
			}
		}
		c.add(ruleCertNumNature, f, "authority", auth, "natureZh", nature.Zh, "natureEn", nature.En)
	}
	// "10xxxx" and "100000" are central-level registrations, valid in any
	// province. A company that moved keeps its USCC: the certificate address
	// decides the province, so a different region code only warns.
	if pc.ok && info.region[:2] != "10" && info.region[:2] != pc.p.RegionCodePrefix {
		other := info.region[:2]
		if p := provinceByPrefix(other); p != nil {
			other = p.NameZh
		}
		c.add(ruleCertProvince, "entity.province", "province", pc.name(), "certProvince", other)
	}
}

// checkUSCCOnly: the province wants the newest licence with a USCC but the
// number is an old registration number. On a transfer (接入备案) or a new
// website on an existing filing the number on record with MIIT is what the
// order carries; most bureaus accept it and the licence is changed afterwards
// (the province's 变更相关 item), others want the record changed first.
func (c *ctx) checkUSCCOnly(app *backend.Application, pc provCtx, flag string) {
	const f = "entity.certNumber"
	onRecord := onRecordType(app)
	switch {
	case onRecord && pc.r.OldNumberOnTransfer == "change_first":
		c.addProv(pc, "old_number_on_transfer", ruleCertNumUSCCOnly, f)
	case onRecord:
		c.addProv(pc, "old_number_on_transfer", ruleCertNumOnRecord, f)
	default:
		c.addProv(pc, flag, ruleCertNumUSCCOnly, f)
	}
}

// onRecordType reports whether the application (its type, or the type its
// answers identify) files an entity MIIT already has on record: a transfer or
// a new website.
func onRecordType(app *backend.Application) bool {
	t := effectiveType(app)
	return transferLike(t) || t == backend.TypeAddWebsiteOther || t == backend.TypeAddWebsiteTencent
}

// effectiveType is the application's type, or the type its answers identify
// while none is chosen, so type-specific province limits (首次备案 …) apply.
func effectiveType(app *backend.Application) backend.ApplicationType {
	if app.Type != backend.TypeUnknown {
		return app.Type
	}
	return IdentifyType(app.Answers, app.Entity).Type
}

func (c *ctx) checkEntityPerson(e *backend.Entity, individual bool, pc provCtx, idi idInfo) {
	p := &e.Person
	if individual {
		if e.CertType != "" && p.IDType != "" && (e.CertType != p.IDType || normalizeID(e.CertNumber) != normalizeID(p.IDNumber)) {
			c.add(rulePersonIDMismatch, "entity.certNumber")
		}
		// The ID number's region is where it was first issued, not the
		// address on the card: only a hint when the address says nothing.
		if idi.ok && pc.ok && p.IDType == "idcard" && idi.prefix[:2] != pc.p.RegionCodePrefix && addressProvince(e.CertAddress) == nil {
			c.add(rulePersonIDNumberOther, "entity.person.idNumber", "province", pc.name(), "idProvince", prefixName(idi.prefix))
		}
		return
	}
	if !pc.ok {
		return
	}
	if pc.r.PersonIDAddressLocal && idi.ok && p.IDType == "idcard" && idi.prefix[:2] != pc.p.RegionCodePrefix {
		c.addProv(pc, "person_id_address_local", rulePersonIDNumberOther, "entity.person.idNumber", "idProvince", prefixName(idi.prefix))
	}
	name, rep := strings.TrimSpace(p.Name), strings.TrimSpace(e.LegalRep)
	// A legal representative whose name has no Chinese characters is a
	// foreigner: where the province says a foreign legal representative must
	// authorise a Chinese citizen (河北、山东 企事业单位), that citizen is the
	// person in charge and the order needs the authorisation, not a block.
	foreignRepAuthorised := pc.r.ForeignLegalRepAuthorise && !hasHan(rep) && hasHan(name)
	if name != "" && rep != "" && name != rep {
		switch {
		case foreignRepAuthorised:
			c.addProv(pc, "foreign_legal_rep_authorise", rulePersonForeignAuth, "entity.person.name")
		case pc.r.EntityPerson == "legal_rep":
			c.addProv(pc, "entity_person", rulePersonNotLegalRep, "entity.person.name", "legalRep", rep)
		case pc.r.EntityPerson == "legal_rep_disputed":
			c.addProv(pc, "entity_person", rulePersonLegalRepDis, "entity.person.name", "legalRep", rep)
		case pc.r.EntityPerson == "auth_letter":
			c.addProv(pc, "entity_person", rulePersonAuthLetter, "entity.person.name")
		}
	}
	// The person in charge holds a foreign document: the province wants a
	// Chinese citizen authorised instead (a Chinese passport is a citizen's).
	foreignPerson := p.IDType == "foreign_pr" || p.IDType == "passport" && !reChinesePassport.MatchString(normalizeID(p.IDNumber))
	if pc.r.ForeignLegalRepAuthorise && foreignPerson && !foreignRepAuthorised {
		c.addProv(pc, "foreign_legal_rep_authorise", rulePersonForeignInCharge, "entity.person.idType")
	}
}

// reChinesePassport matches PRC passport numbers (E/G + 8 digits, E + letter + 7 digits).
var reChinesePassport = regexp.MustCompile(`^(E\d{8}|E[A-Z]\d{7}|G\d{8})$`)

// prefixName is the province of an ID number's region prefix, or the prefix.
func prefixName(prefix string) string {
	if hp := provinceByPrefix(prefix[:2]); hp != nil {
		return hp.NameZh
	}
	return prefix[:2]
}

// addressProvinceKey is the province an address starts with, else fallback.
func addressProvinceKey(addr, fallback string) string {
	if ap := addressProvince(addr); ap != nil {
		return ap.Key
	}
	return fallback
}
