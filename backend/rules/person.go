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
	ruleIDTypeNotAllowed = def("person.id_type.not_allowed", backend.Block, "This ID type is not accepted for this person in charge")
	ruleAgeUnderMin      = def("person.age.under_min", backend.Block, "Person in charge is younger than the province accepts")
	ruleAgeProof         = def("person.age.proof", backend.Warn, "Minor person in charge: guardian or income proof needed in this province")
	ruleAgeMinor         = def("person.age.minor", backend.Warn, "Person in charge is under 18; many bureaus refuse or add conditions")
	ruleValidityMissing  = def("person.id_validity.missing", backend.Warn, "ID validity period not entered (the MIIT form asks for it)")
	ruleValidityFormat   = def("person.id_validity.format", backend.Block, "ID validity date is not a real date (YYYY-MM-DD)")
	ruleValidityOrder    = def("person.id_validity.order", backend.Block, "ID validity ends before it starts")
	ruleValidityNotStart = def("person.id_validity.not_started", backend.Block, "ID validity starts in the future")
	ruleValidityExpired  = def("person.id_validity.expired", backend.Block, "ID document has expired")
	ruleValidityExpiring = def("person.id_validity.expiring", backend.Warn, "ID document expires within 3 months")
	ruleOfficeSameMobile = def("person.office_phone.same_as_mobile", backend.Block, "Contact 2 is the same number as the mobile")
	ruleOfficeLandline   = def("person.office_phone.landline_required", backend.Warn, "The province wants a real landline for organisations")
	ruleOfficeRemark     = def("person.office_phone.remark", backend.Info, "Mobile as contact 2: name its user and role in the remark")
	ruleEmergencyDup     = def("person.emergency_phone.duplicate", backend.Block, "Emergency phone repeats the person's mobile or contact 2")
	ruleSharedContact    = def("application.persons.shared_contact", backend.Block, "Different persons share a phone number or e-mail")
)

// checkPerson checks one person block and returns its parsed ID (for age and province).
func (c *ctx) checkPerson(p *backend.Person, field string, website, individual bool, pr assets.ProvinceRules, prov *assets.Province) idInfo {
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
	}
	nf := field + ".idNumber"
	if c.checkText(p.IDNumber, nf, true) && known {
		switch ct.Number {
		case "idcard":
			idi = c.checkIDCard(p.IDNumber, nf)
		case "hkmo_residence_permit":
			idi = c.checkResidencePermit(p.IDNumber, nf, "hk", "mo")
		case "tw_residence_permit":
			idi = c.checkResidencePermit(p.IDNumber, nf, "tw")
		case "passport":
			c.checkPattern(rePassport, rulePassport, p.IDNumber, nf)
		case "hkmo_permit":
			c.checkPattern(reHKMO, ruleHKMOPermit, p.IDNumber, nf)
		case "tw_permit":
			c.checkPattern(reTWPermit, ruleTWPermit, p.IDNumber, nf)
		case "foreign_pr":
			c.checkPattern(reForeignPR, ruleForeignPR, p.IDNumber, nf)
		}
	}
	if idi.ok {
		c.checkAge(idi.birth, nf, pr)
	}
	c.checkValidity(p.IDValidity, field+".idValidity")

	mobileOK := strings.TrimSpace(p.Mobile) != "" && c.checkMobile(p.Mobile, field+".mobile")
	if strings.TrimSpace(p.Mobile) == "" {
		c.add(ruleRequired, field+".mobile")
	}
	of := field + ".officePhone"
	if strings.TrimSpace(p.OfficePhone) == "" {
		if !individual || pr.OfficePhoneRequiredAll {
			c.add(ruleRequired, of)
		}
	} else if IsMobile(p.OfficePhone) {
		if mobileOK && samePhone(p.OfficePhone, p.Mobile) {
			c.add(ruleOfficeSameMobile, of)
		} else if !individual && pr.LandlineRequiredOrg && prov != nil {
			c.add(ruleOfficeLandline, of, "province", prov.NameZh)
		} else if pr.OfficePhoneRemark && prov != nil {
			c.add(ruleOfficeRemark, of, "province", prov.NameZh)
		}
	} else {
		c.checkLandline(p.OfficePhone, of)
	}
	ef := field + ".emergencyPhone"
	if strings.TrimSpace(p.EmergencyPhone) == "" {
		if pr.EmergencyPhoneRequired {
			c.add(ruleRequired, ef)
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

func (c *ctx) checkAge(birth time.Time, field string, pr assets.ProvinceRules) {
	age := ageOn(birth, c.today())
	switch {
	case pr.MinAge > 0 && age < pr.MinAge:
		c.add(ruleAgeUnderMin, field, "age", age, "min", pr.MinAge)
	case pr.ProofBelowAge > 0 && age < pr.ProofBelowAge:
		c.add(ruleAgeProof, field, "age", age, "below", pr.ProofBelowAge)
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
func (c *ctx) checkSharedContacts(refs []personRef) {
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
			if shared != "" {
				c.add(ruleSharedContact, a.field, "value", shared, "other", strings.TrimSpace(b.p.Name))
				break
			}
		}
	}
}
