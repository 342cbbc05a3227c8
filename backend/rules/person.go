package rules

import (
	"strings"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Person-in-charge rules (fields.md §3-4; rejections.md #18; Huawei kb on ID validity).
var (
	ruleIDTypeUnknown    = def("person.id_type.unknown", backend.Block, "Person's ID type is not known")
	ruleIDTypeNotAllowed = def("person.id_type.not_allowed", backend.Warn, "This ID type is not accepted for this person in charge")
	ruleIDTypeProvince   = def("person.id_type.province", backend.Warn, "The province names other ID documents for this kind of person")
	rulePermitMinMonths  = def("person.id_validity.permit_min_months", backend.Block, "The residence permit must stay valid longer than the province's minimum")
	ruleAgeUnderMin      = def("person.age.under_min", backend.Block, "Person in charge is younger than the province accepts")
	ruleAgeProof         = def("person.age.proof", backend.Warn, "Minor person in charge: guardian or income proof needed in this province")
	ruleAgeMinor         = def("person.age.minor", backend.Warn, "Person in charge is under 18; many bureaus refuse or add conditions")
	ruleValidityMissing  = def("person.id_validity.missing", backend.Warn, "ID validity period not entered (the MIIT form asks for it)")
	ruleValidityFormat   = def("person.id_validity.format", backend.Warn, "ID validity date is not a real date (YYYY-MM-DD)")
	ruleValidityOrder    = def("person.id_validity.order", backend.Warn, "ID validity ends before it starts")
	ruleValidityNotStart = def("person.id_validity.not_started", backend.Warn, "ID validity starts in the future")
	ruleValidityExpired  = def("person.id_validity.expired", backend.Warn, "ID document has expired")
	ruleValidityExpiring = def("person.id_validity.expiring", backend.Warn, "ID document expires within 3 months")
	ruleOfficeSameMobile = def("person.office_phone.same_as_mobile", backend.Warn, "Contact 2 is the same number as the mobile")
	ruleOfficeSameProv   = def("person.office_phone.same_as_mobile_province", backend.Block, "The province wants contact 2 to be a different number from the person's mobile")
	ruleOfficeLandline   = def("person.office_phone.landline_required", backend.Warn, "The province wants a real landline for organisations (pages disagree)")
	ruleOfficeRemark     = def("person.office_phone.remark", backend.Block, "Mobile as contact 2 and an empty remark: the province wants its user and role in the remark")
	ruleNoLandlineRemark = def("person.office_phone.no_landline_remark", backend.Block, "No landline: the province wants a fixed statement in the remark")
	ruleOfficeArea       = def("person.office_phone.area_mismatch", backend.Warn, "The landline's area code is in another province than the address")
	ruleMobileProvince   = def("person.mobile.province", backend.Block, "The province requires the person in charge's mobile to be registered in the province")
	ruleMobileProvUnk    = def("person.mobile.province_unknown", backend.Warn, "The province requires a local mobile, and this number's location is not in the offline data")
	ruleMobileAppSH      = def("person.mobile.shanghai_app", backend.Info, "Shanghai's app verification needs a Shanghai mobile or verification in Shanghai")
	rulePhoneLocation    = def("person.phone.location", backend.Info, "Where the phone number is registered (归属地)")
	rulePhoneLocUnknown  = def("person.phone.location_unknown", backend.Info, "The phone number's location is not in the offline data (a new number range)")
	ruleEmergencyDup     = def("person.emergency_phone.duplicate", backend.Warn, "Emergency phone repeats the person's mobile or contact 2")
	ruleSharedContact    = def("application.persons.shared_contact", backend.Warn, "Different persons share a phone number or e-mail")
	ruleSharedEmail      = def("application.persons.shared_email", backend.Block, "The province wants different persons in charge of one order to use different e-mail addresses")
)

// noLandlineWords say in a remark that the unit has no landline (安徽 wants
// "企业无座机"; the same statement in other words is accepted).
var noLandlineWords = []string{"无座机", "没有座机", "无固话", "没有固话", "无固定电话", "没有固定电话", "无办公电话", "没有办公电话"}

// checkPerson checks one person block and returns its parsed ID (for age and
// province); remark is the remark field where the province wants notes on
// this person's phones (the entity's or the website's).
func (c *ctx) checkPerson(p *backend.Person, field string, website, individual bool, pc provCtx, remark, addrProvince string) idInfo {
	c.checkText(p.Name, field+".name", true)
	var idi idInfo
	ct, known := c.data.CertType(p.IDType)
	var allowed *assets.PersonIDType
	for i := range c.data.PersonIDTypes {
		if c.data.PersonIDTypes[i].Key == p.IDType {
			allowed = &c.data.PersonIDTypes[i]
		}
	}
	switch {
	case strings.TrimSpace(p.IDType) == "":
		c.add(ruleRequired, field+".idType")
	case !known || allowed == nil:
		c.add(ruleIDTypeUnknown, field+".idType", "idType", p.IDType)
		known = false
	case website && !allowed.WebsitePerson || !website && !allowed.EntityPerson:
		c.add(ruleIDTypeNotAllowed, field+".idType", "idZh", ct.Zh, "idEn", ct.En)
	case len(pc.r.PersonIDTypes) > 0 && !contains(pc.r.PersonIDTypes, p.IDType):
		c.addProv(pc, "person_id_types", ruleIDTypeProvince, field+".idType", "idZh", ct.Zh, "idEn", ct.En)
	}
	nf := field + ".idNumber"
	if c.checkText(p.IDNumber, nf, true) && known {
		idi = c.checkPersonID(ct.Number, p.IDNumber, nf)
	}
	if idi.ok {
		c.checkAge(idi.birth, nf, pc)
	}
	c.checkValidity(p.IDValidity, field+".idValidity")
	if pc.r.ResidencePermitMinMonths > 0 && (p.IDType == "hkmo_residence_permit" || p.IDType == "tw_residence_permit") && !p.IDValidity.LongTerm {
		if end, ok := parseDay(p.IDValidity.End); ok && !end.After(c.today().AddDate(0, pc.r.ResidencePermitMinMonths, 0)) && !end.Before(c.today()) {
			c.addProv(pc, "residence_permit_min_months", rulePermitMinMonths, field+".idValidity.end", "months", pc.r.ResidencePermitMinMonths)
		}
	}

	mf := field + ".mobile"
	mobileOK := strings.TrimSpace(p.Mobile) != "" && c.checkMobile(p.Mobile, mf)
	if strings.TrimSpace(p.Mobile) == "" {
		c.add(ruleRequired, mf)
	}
	if mobileOK {
		c.checkMobileProvince(p.Mobile, mf, pc)
	}
	of := field + ".officePhone"
	if strings.TrimSpace(p.OfficePhone) == "" {
		switch {
		case pc.r.Contact2Required:
			c.addAt(pc.section("contact2_required"), ruleRequired, of)
		case !individual:
			c.add(ruleRequired, of)
		}
	} else if IsMobile(p.OfficePhone) {
		c.phoneLocation(p.OfficePhone, of)
		switch {
		case mobileOK && samePhone(p.OfficePhone, p.Mobile) && (pc.r.Contact2Required || pc.r.Contact2MobileRemark != ""):
			flag := "contact2_required"
			if !pc.r.Contact2Required {
				flag = "contact2_mobile_remark"
			}
			c.addProv(pc, flag, ruleOfficeSameProv, of)
		case mobileOK && samePhone(p.OfficePhone, p.Mobile):
			c.add(ruleOfficeSameMobile, of)
		case !individual && pc.r.LandlineRequired:
			c.addProv(pc, "landline_required", ruleOfficeLandline, of)
		case pc.r.Contact2MobileRemark != "" && strings.TrimSpace(remark) == "":
			c.addProv(pc, "contact2_mobile_remark", ruleOfficeRemark, of, "kind", pc.r.Contact2MobileRemark)
		case !individual && pc.r.NoLandlineRemark != "" && containsAny(remark, noLandlineWords) == "":
			c.addProv(pc, "no_landline_remark", ruleNoLandlineRemark, of, "statement", pc.r.NoLandlineRemark)
		}
	} else if c.checkLandline(p.OfficePhone, of) {
		c.checkLandlineArea(p.OfficePhone, of, addrProvince)
	}
	ef := field + ".emergencyPhone"
	if strings.TrimSpace(p.EmergencyPhone) == "" {
		if pc.r.EmergencyPhoneRequired {
			c.addAt(pc.section("emergency_phone_required"), ruleRequired, ef)
		}
	} else if IsMobile(p.EmergencyPhone) || c.checkLandline(p.EmergencyPhone, ef) {
		if samePhone(p.EmergencyPhone, p.Mobile) || samePhone(p.EmergencyPhone, p.OfficePhone) {
			c.add(ruleEmergencyDup, ef)
		}
	}
	if c.checkText(p.Email, field+".email", true) {
		c.checkEmail(p.Email, field+".email")
	}
	return idi
}

// phoneLocation shows where a number is registered under its field (or that
// the offline data does not know it) and returns the location.
func (c *ctx) phoneLocation(v, field string) PhoneLocation {
	loc := LocatePhone(v)
	if loc.Known {
		c.add(rulePhoneLocation, field, "location", loc.Place)
	} else {
		c.add(rulePhoneLocUnknown, field)
	}
	return loc
}

// checkMobileProvince: where the province requires a local number
// (联系方式归属地必须为本省), a mobile registered elsewhere is refused.
func (c *ctx) checkMobileProvince(v, field string, pc provCtx) {
	loc := c.phoneLocation(v, field)
	if !pc.ok {
		return
	}
	switch {
	case pc.r.LocalPhone && loc.Known && loc.Province != pc.p.Key:
		c.addProv(pc, "local_phone", ruleMobileProvince, field, "location", loc.Place)
	case pc.r.LocalPhone && !loc.Known:
		c.addProv(pc, "local_phone", ruleMobileProvUnk, field)
	case pc.r.LocalPhoneApp && (!loc.Known || loc.Province != pc.p.Key):
		c.addProv(pc, "local_phone_app", ruleMobileAppSH, field)
	}
}

// checkLandlineArea: a landline's area code should be in the province of the
// address (addrProvince, a province key).
func (c *ctx) checkLandlineArea(v, field, addrProvince string) {
	loc := c.phoneLocation(v, field)
	if loc.Known && addrProvince != "" && loc.Province != addrProvince {
		c.add(ruleOfficeArea, field, "location", loc.Place, "addressProvince", provinceNameOr(addrProvince))
	}
}

func provinceNameOr(key string) string {
	if n, ok := provinceName(key); ok {
		return n
	}
	return key
}

// checkPersonID checks a person's ID number of the given kind (the Number of
// its certificate type). An individual's entity certificate is the same
// document, so checkCertNumber uses it too.
func (c *ctx) checkPersonID(kind, v, field string) idInfo {
	switch kind {
	case "idcard":
		return c.checkIDCard(v, field)
	case "hkmo_residence_permit":
		return c.checkResidencePermit(v, field, "hk", "mo")
	case "tw_residence_permit":
		return c.checkResidencePermit(v, field, "tw")
	case "passport":
		c.checkPattern(rePassport, rulePassport, v, field)
	case "hkmo_permit":
		c.checkPattern(reHKMO, ruleHKMOPermit, v, field)
	case "tw_permit":
		c.checkPattern(reTWPermit, ruleTWPermit, v, field)
	case "foreign_pr":
		c.checkForeignPR(v, field)
	}
	return idInfo{}
}

func samePhone(a, b string) bool {
	na, nb := strings.ReplaceAll(normalizePhone(a), "-", ""), strings.ReplaceAll(normalizePhone(b), "-", "")
	return na != "" && na == nb
}

// ageOn returns completed years between birth and day.
func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

func (c *ctx) checkAge(birth time.Time, field string, pc provCtx) {
	age := ageOn(birth, c.today())
	pr := pc.r
	switch {
	case pr.MinAge > 0 && age < pr.MinAge:
		c.addProv(pc, "min_age", ruleAgeUnderMin, field, "age", age, "min", pr.MinAge)
	case pr.ProofBelowAge > 0 && age < pr.ProofBelowAge:
		c.addProv(pc, "proof_below_age", ruleAgeProof, field, "age", age, "below", pr.ProofBelowAge)
	case pr.MinAge == 0 && pr.ProofBelowAge == 0 && age < c.data.Limits.AdultAge:
		c.add(ruleAgeMinor, field, "age", age)
	}
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), backend.Shanghai)
	return t, err == nil
}

func (c *ctx) checkValidity(v backend.IDValidity, field string) {
	var start, end time.Time
	var ok bool
	if strings.TrimSpace(v.Start) != "" {
		if start, ok = parseDay(v.Start); !ok {
			c.add(ruleValidityFormat, field+".start")
			return
		}
		if start.After(c.today()) {
			c.add(ruleValidityNotStart, field+".start")
		}
	}
	if v.LongTerm {
		return
	}
	if strings.TrimSpace(v.End) == "" {
		c.add(ruleValidityMissing, field+".end")
		return
	}
	if end, ok = parseDay(v.End); !ok {
		c.add(ruleValidityFormat, field+".end")
		return
	}
	warnFrom := c.today().AddDate(0, c.data.Limits.IDValidityWarnMonths, 0)
	switch {
	case !start.IsZero() && !end.After(start):
		c.add(ruleValidityOrder, field+".end")
	case end.Before(c.today()):
		c.add(ruleValidityExpired, field+".end", "end", v.End)
	case end.Before(warnFrom):
		c.add(ruleValidityExpiring, field+".end", "end", v.End, "months", c.data.Limits.IDValidityWarnMonths)
	}
}

// personRef is one person block of the application, for cross-person comparisons.
type personRef struct {
	p     *backend.Person
	field string
}

// checkSharedContacts blocks different persons sharing a phone or e-mail (HW doc_0023).
func (c *ctx) checkSharedContacts(refs []personRef, pc provCtx) {
	identity := func(p *backend.Person) string {
		if id := normalizeID(p.IDNumber); id != "" {
			return id
		}
		return strings.TrimSpace(p.Name)
	}
	for i := 1; i < len(refs); i++ {
		for j := 0; j < i; j++ {
			a, b := refs[i], refs[j]
			if identity(a.p) == identity(b.p) {
				continue
			}
			phones := func(p *backend.Person) []string { return []string{p.Mobile, p.OfficePhone, p.EmergencyPhone} }
			shared := ""
			for _, x := range phones(a.p) {
				for _, y := range phones(b.p) {
					if shared == "" && samePhone(x, y) {
						shared = strings.TrimSpace(x)
					}
				}
			}
			if shared == "" && a.p.Email != "" && strings.EqualFold(strings.TrimSpace(a.p.Email), strings.TrimSpace(b.p.Email)) {
				shared = strings.TrimSpace(a.p.Email)
			}
			sharedEmail := a.p.Email != "" && strings.EqualFold(strings.TrimSpace(a.p.Email), strings.TrimSpace(b.p.Email))
			switch {
			case sharedEmail && pc.r.DistinctEmails:
				c.addProv(pc, "distinct_emails", ruleSharedEmail, a.field+".email", "value", strings.TrimSpace(a.p.Email), "other", strings.TrimSpace(b.p.Name))
			case shared != "":
				c.add(ruleSharedContact, a.field, "value", shared, "other", strings.TrimSpace(b.p.Name))
			}
			if shared != "" {
				break
			}
		}
	}
}
