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
	ruleProvinceUnknown   = def("entity.province.unknown", backend.Block, "Filing province is not one of the 31 provinces")
	ruleNatureUnknown     = def("entity.nature.unknown", backend.Block, "Entity nature is not in the MIIT list")
	ruleCertTypeUnknown   = def("entity.cert_type.unknown", backend.Block, "Certificate type is not known")
	ruleCertTypeNature    = def("entity.cert_type.nature_mismatch", backend.Block, "Certificate type is not accepted for the entity nature")
	ruleCertTypeProvince  = def("entity.cert_type.province", backend.Block, "The province requires enterprises to choose a specific certificate type")
	ruleCertNumUSCCOnly   = def("entity.cert_number.uscc_required", backend.Block, "The province accepts only the newest licence with a USCC")
	ruleCertNumIsUSCC     = def("entity.cert_number.uscc_for_orgcode", backend.Warn, "An 18-character USCC was entered for an organisation-code certificate")
	ruleCertNumNature     = def("entity.cert_number.nature_mismatch", backend.Warn, "USCC registration authority does not fit the entity nature")
	ruleCertProvince      = def("entity.province.cert_mismatch", backend.Block, "Organisation's USCC was issued in another province than the filing province")
	ruleNamePerson        = def("entity.name.person_mismatch", backend.Block, "Individual filing: entity name differs from the person in charge")
	ruleNameBrackets      = def("entity.name.halfwidth_brackets", backend.Warn, "Entity name uses half-width brackets; certificates print full-width （）")
	ruleNameSpaces        = def("entity.name.spaces", backend.Warn, "Entity name contains spaces")
	ruleNameNotChinese    = def("entity.name.not_chinese", backend.Warn, "Organisation name has no Chinese characters")
	ruleCertAddrProvince  = def("entity.cert_address.province", backend.Block, "Organisation's certificate address is in another province")
	ruleAddrProvince      = def("entity.address.province", backend.Block, "Communication address is in another province")
	ruleAddrNoProvince    = def("entity.address.no_province", backend.Warn, "Address does not start with the province name")
	ruleAddrHouseNumber   = def("entity.address.house_number", backend.Warn, "Address seems not to go down to the house/room number")
	ruleAddrShorthand     = def("entity.address.shorthand", backend.Warn, "Address uses 1-2-3 shorthand instead of 1单元2层3号")
	ruleInvestorProvince  = def("entity.investor.province_rule", backend.Warn, "Investor field does not follow the province's rule")
	rulePersonNotLegalRep = def("entity.person.not_legal_rep", backend.Block, "The province requires the entity person in charge to be the legal representative")
	rulePersonAuthLetter  = def("entity.person.auth_letter", backend.Info, "Entity person is not the legal representative: an authorisation letter is needed")
	rulePersonIDMismatch  = def("entity.person.id_mismatch", backend.Block, "Individual filing: the entity certificate must be the person's own ID")
	rulePersonForeignAuth = def("entity.person.foreign_authorise", backend.Info, "Foreign legal representative must authorise a Chinese citizen as person in charge")
	rulePersonIDProvince  = def("entity.person.id_province", backend.Block, "The province accepts individuals only with a local ID")
	rulePersonResidence   = def("entity.person.residence_proof", backend.Info, "Out-of-province ID: residence permit or proof needed")
	rulePersonIDOther     = def("entity.person.id_other_province", backend.Warn, "Individual's ID was issued in another province")
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
	ps, _ := assets.Provinces()
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

func (c *ctx) checkAddress(addr, field string, prov *assets.Province, block bool) {
	if !c.checkText(addr, field, true) {
		return
	}
	if prov != nil {
		if ap := addressProvince(addr); ap == nil {
			c.add(ruleAddrNoProvince, field, "province", prov.NameZh)
		} else if ap.Key != prov.Key && block {
			rule := ruleAddrProvince
			if strings.HasSuffix(field, "certAddress") {
				rule = ruleCertAddrProvince
			}
			c.add(rule, field, "province", prov.NameZh, "addressProvince", ap.NameZh)
		}
	}
	if !reHouseNumber.MatchString(addr) {
		c.add(ruleAddrHouseNumber, field)
	}
	if reShorthand.MatchString(addr) {
		c.add(ruleAddrShorthand, field)
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
	var prov *assets.Province
	if strings.TrimSpace(e.Province) == "" {
		c.add(ruleRequired, "entity.province")
	} else if p, ok := assets.ProvinceByKey(e.Province); ok {
		prov = &p
	} else {
		c.add(ruleProvinceUnknown, "entity.province", "province", e.Province)
	}
	pr := c.data.Province(e.Province)

	var nature *assets.Nature
	if strings.TrimSpace(e.Nature) == "" {
		c.add(ruleRequired, "entity.nature")
	} else if n, ok := c.data.Nature(e.Nature); ok {
		nature = n
	} else {
		c.add(ruleNatureUnknown, "entity.nature", "nature", e.Nature)
	}
	individual := nature != nil && nature.Individual

	var cert *assets.CertType
	switch ct, ok := c.data.CertType(e.CertType); {
	case strings.TrimSpace(e.CertType) == "":
		c.add(ruleRequired, "entity.certType")
	case !ok:
		c.add(ruleCertTypeUnknown, "entity.certType", "certType", e.CertType)
	default:
		cert = ct
		if nature != nil && !contains(nature.CertTypes, ct.Key) {
			c.add(ruleCertTypeNature, "entity.certType", "natureZh", nature.Zh, "natureEn", nature.En, "certZh", ct.Zh, "certEn", ct.En)
		} else if nature != nil && nature.Key == "enterprise" && len(pr.EnterpriseCertTypes) > 0 && !contains(pr.EnterpriseCertTypes, ct.Key) && prov != nil {
			want, _ := c.data.CertType(pr.EnterpriseCertTypes[0])
			c.add(ruleCertTypeProvince, "entity.certType", "province", prov.NameZh, "certZh", want.Zh, "certEn", want.En)
		}
	}

	if cert != nil && c.checkText(e.CertNumber, "entity.certNumber", true) {
		c.checkCertNumber(e, cert, nature, prov, pr)
	} else if cert == nil && c.checkText(e.CertNumber, "entity.certNumber", true) {
		c.checkUntypedCertNumber(e.CertNumber)
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
		if strings.ContainsFunc(name, unicode.IsSpace) {
			c.add(ruleNameSpaces, "entity.name")
		}
	}

	if c.checkText(e.CertAddress, "entity.certAddress", true) && !individual {
		if ap := addressProvince(e.CertAddress); ap != nil && prov != nil && ap.Key != prov.Key {
			c.add(ruleCertAddrProvince, "entity.certAddress", "province", prov.NameZh, "addressProvince", ap.NameZh)
		}
	}
	c.checkAddress(e.Address, "entity.address", prov, true)

	if !individual {
		if c.checkText(e.Investor, "entity.investor", true) {
			inv := strings.TrimSpace(e.Investor)
			switch {
			case pr.InvestorRule == "entity_name" && inv != strings.TrimSpace(e.Name):
				c.add(ruleInvestorProvince, "entity.investor", "province", prov.NameZh, "expected", strings.TrimSpace(e.Name))
			case pr.InvestorRule == "legal_rep" && nature != nil && nature.Key == "enterprise" && inv != strings.TrimSpace(e.LegalRep):
				c.add(ruleInvestorProvince, "entity.investor", "province", prov.NameZh, "expected", strings.TrimSpace(e.LegalRep))
			}
		}
		c.checkText(e.LegalRep, "entity.legalRep", true)
	}

	idi := c.checkPerson(&e.Person, "entity.person", false, individual, pr, prov)
	c.checkEntityPerson(e, individual, prov, pr, idi)
	c.checkText(e.Remark, "entity.remark", false)
	return nature
}

// checkUntypedCertNumber checks a certificate number entered before its type
// was chosen (the type step asks for the number first), by its shape: an
// 18-character number that is not a valid resident ID is taken as a USCC, a
// 9-character one as an organisation code.
func (c *ctx) checkUntypedCertNumber(v string) {
	const f = "entity.certNumber"
	num := normalizeID(v)
	switch len(num) {
	case 18:
		if ch, ok := IDCheckChar(num[:17]); ok && ch == num[17] {
			return // a resident ID: an individual, checked on the person block
		}
		c.checkUSCC(v, f, false)
	case 9:
		c.checkOrgCode(v, f)
	}
}

func (c *ctx) checkCertNumber(e *backend.Entity, cert *assets.CertType, nature *assets.Nature, prov *assets.Province, pr assets.ProvinceRules) {
	const f = "entity.certNumber"
	num := normalizeID(e.CertNumber)
	var info usccInfo
	usccOnly := pr.USCCOnly && nature != nil && nature.Key == "enterprise" || nature != nil && contains(pr.USCCOnlyNatures, nature.Key)
	switch cert.Number {
	case "uscc":
		info = c.checkUSCC(e.CertNumber, f, false)
	case "uscc_or_regno":
		info = c.checkUSCC(e.CertNumber, f, true)
		if info.regno && usccOnly && prov != nil {
			c.add(ruleCertNumUSCCOnly, f, "province", prov.NameZh)
		}
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
		} else if usccOnly && prov != nil {
			c.add(ruleCertNumUSCCOnly, f, "province", prov.NameZh)
		}
	case "free":
	default:
		// Individuals: the certificate is the person's own ID, checked on the person block.
		return
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
	// "10xxxx" and "100000" are central-level registrations, valid in any province.
	if prov != nil && info.region[:2] != "10" && info.region[:2] != prov.RegionCodePrefix {
		other := info.region[:2]
		if p := provinceByPrefix(other); p != nil {
			other = p.NameZh
		}
		c.add(ruleCertProvince, "entity.province", "province", prov.NameZh, "certProvince", other)
	}
}

func (c *ctx) checkEntityPerson(e *backend.Entity, individual bool, prov *assets.Province, pr assets.ProvinceRules, idi idInfo) {
	p := &e.Person
	if individual {
		if e.CertType != "" && p.IDType != "" && (e.CertType != p.IDType || normalizeID(e.CertNumber) != normalizeID(p.IDNumber)) {
			c.add(rulePersonIDMismatch, "entity.certNumber")
		}
		if idi.ok && prov != nil && p.IDType == "idcard" && idi.prefix[:2] != prov.RegionCodePrefix {
			home := idi.prefix[:2]
			if hp := provinceByPrefix(home); hp != nil {
				home = hp.NameZh
			}
			switch pr.IndividualLocalID {
			case "required":
				c.add(rulePersonIDProvince, "entity.person.idNumber", "province", prov.NameZh, "idProvince", home)
			case "residence_proof":
				c.add(rulePersonResidence, "entity.person.idNumber", "province", prov.NameZh, "idProvince", home)
			default:
				c.add(rulePersonIDOther, "entity.person.idNumber", "province", prov.NameZh, "idProvince", home)
			}
		}
		return
	}
	if prov == nil {
		return
	}
	name, rep := strings.TrimSpace(p.Name), strings.TrimSpace(e.LegalRep)
	if name != "" && rep != "" && name != rep {
		switch {
		case prov.EntityPerson == "legal_rep" && !prov.EntityPersonAuthLetter:
			c.add(rulePersonNotLegalRep, "entity.person.name", "province", prov.NameZh, "legalRep", rep)
		case prov.EntityPerson != "any" || prov.EntityPersonAuthLetter:
			c.add(rulePersonAuthLetter, "entity.person.name", "province", prov.NameZh)
		}
	}
	if pr.ForeignLegalRepAuthorise && p.IDType == "passport" {
		c.add(rulePersonForeignAuth, "entity.person.idType", "province", prov.NameZh)
	}
}
