package rules

import (
	"strconv"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Pre-checks for rejection reasons that need a person (rejections.md): each
// becomes an Info task phrased as "confirm: …" for the clerk.
var (
	ruleConfirmHolder      = def("confirm.domain_holder", backend.Info, "Confirm: domain holder's real-name data equal the entity (name, certificate type and number) [#5]")
	ruleConfirmRealName    = def("confirm.domain_realname", backend.Info, "Confirm: domain real-name verification finished at least 3 working days ago [#6]")
	ruleConfirmRegistrar   = def("confirm.domain_registrar", backend.Info, "Confirm: domain registered with a MIIT-licensed registrar and not expired [#6]")
	ruleConfirmExpiry      = def("confirm.domain_expiry_province", backend.Info, "Confirm: domain registration runs for at least the province's minimum months [#6]")
	ruleConfirmForeignReg  = def("confirm.domain_foreign_registrar", backend.Info, "Confirm: no domain is registered with a foreign registrar (province refuses them) [#6]")
	ruleConfirmOffline     = def("confirm.site_offline", backend.Info, "Confirm: the new domain does not serve a site before approval (stop DNS resolution) [#11]")
	ruleConfirmFiledOnline = def("confirm.filed_sites_online", backend.Info, "Confirm: all already filed sites are online, on topic and show their ICP number [#12]")
	ruleConfirmLocalPhone  = def("confirm.mobile_province", backend.Info, "Confirm: phone numbers are registered in the filing province [#15]")
	ruleConfirmReachable   = def("confirm.phone_reachable", backend.Info, "Confirm: persons answer the reviewer's calls during review [#16]")
	ruleConfirmMobileUsed  = def("confirm.mobile_unused", backend.Info, "Confirm: mobiles (and IDs) are not used by another entity's filing [#17]")
	ruleConfirmRecord      = def("confirm.entity_record", backend.Info, "Confirm: entity nature, certificate type and number equal the MIIT record [#20]")
	ruleConfirmOpenOrder   = def("confirm.open_order", backend.Info, "Confirm: no other open or duplicate order for this certificate [#21, #25]")
	ruleConfirmShell       = def("confirm.shell_entity", backend.Info, "Confirm: the filed entity still has at least one filed website (else cancel it first) [#22]")
	ruleConfirmOldData     = def("confirm.old_data_current", backend.Info, "Confirm: the data on record (address, phone, licence) are still current [#24]")
	ruleConfirmOneNumber   = def("confirm.one_filing_number", backend.Info, "Confirm: the entity holds only one filing number (the province wants others cancelled first)")
	ruleConfirmSMS         = def("confirm.sms_24h", backend.Info, "Reminder: complete the MIIT SMS verification within 24 hours [#26]")
	ruleConfirmServer      = def("confirm.server", backend.Info, "Confirm: a qualifying Tencent mainland server (≥ 3 months, public IP) or authorisation code")
	ruleChecklistTemplate  = def("checklist.template", backend.Info, "Use the checklist template for provinces other than Guangdong [#1]")
	ruleChecklistGDOrg     = def("checklist.template_gd_org", backend.Info, "Use the Guangdong organisation checklist template [#1]")
	ruleChecklistGDIndiv   = def("checklist.template_gd_individual", backend.Info, "Use the Guangdong individual checklist template [#1]")
	ruleChecklistSign      = def("checklist.sign_org", backend.Info, "Organisation: the website person signs the checklist in black ink and the official seal is added [#2]")
	ruleChecklistSignIndiv = def("checklist.sign_individual", backend.Info, "Individual: the website person signs the checklist in black ink, no seal [#2]")

	ruleProvReview      = def("province.review_time", backend.Info, "Bureau review time of the province")
	ruleProvFingerprint = def("province.checklist_fingerprint", backend.Info, "Individuals press a fingerprint beside the checklist signature [#4]")
	ruleProvStatement   = def("province.checklist_statement", backend.Info, "Individuals hand-copy the fixed statement below the checklist signature [#4]")
	ruleProvRegistrar   = def("province.checklist_registrar", backend.Info, "Write the registrar after each domain on the checklist [#4]")
	ruleProvDomainCert  = def("province.domain_certificate", backend.Info, "Upload a domain certificate for each domain")
	ruleProvEVerify     = def("province.electronic_verification", backend.Info, "Electronic verification (mini program) may replace the backdrop photo")
	ruleProvDocument    = def("province.document", backend.Info, "Extra document the province requires")
	ruleProvPhoto       = def("province.photo", backend.Info, "Photo requirement of the province")
	ruleProvChecklist   = def("province.checklist", backend.Info, "Checklist requirement of the province")
	ruleProvNote        = def("province.note", backend.Info, "Other requirement of the province")
)

func mustProvinces() []assets.Province { return assets.MustProvinces() }

func (c *ctx) checkConfirmations(app *backend.Application, nature *assets.Nature) {
	a := &app.Answers
	e := &app.Entity
	pc := c.province(e, nature != nil && nature.Individual)
	pr, prov, hasProv := pc.r, pc.p, pc.ok
	t := effectiveType(app)
	c.add(ruleConfirmServer, "websites")
	// Checks of a domain wait until a domain is typed, and checks of a phone
	// until a phone is: a blank application is not a wall of reminders about
	// things it does not have yet (issue 15).
	if anyDomain(app) {
		c.add(ruleConfirmHolder, "websites", "entity", strings.TrimSpace(e.Name))
		c.add(ruleConfirmRealName, "websites")
		c.add(ruleConfirmRegistrar, "websites")
		if hasProv && pr.DomainMinMonths > 0 {
			c.addProv(pc, "domain_min_months", ruleConfirmExpiry, "websites", "months", pr.DomainMinMonths)
		}
		if hasProv && pr.NoForeignRegistrar {
			c.addProv(pc, "no_foreign_registrar", ruleConfirmForeignReg, "websites")
		}
		if t == backend.TypeFirst || t == backend.TypeAddWebsiteTencent || t == backend.TypeAddWebsiteOther {
			c.add(ruleConfirmOffline, "websites")
		}
	}
	if isTrue(a.EntityFiled) {
		c.add(ruleConfirmFiledOnline, "answers.entityFiled")
		c.add(ruleConfirmRecord, "answers.entityFiled")
		c.add(ruleConfirmShell, "answers.entityFiled")
	}
	if t == backend.TypeAddWebsiteOther || transferLike(t) || t == backend.TypeAddWebsiteTencent {
		// A new website's type question already asked whether the record is
		// current (answers.dataChanged); only a transfer still needs the reminder.
		if a.DataChanged == nil {
			c.add(ruleConfirmOldData, "answers.entityFiled")
		}
		if hasProv && pr.OneFilingNumber {
			c.addProv(pc, "one_filing_number", ruleConfirmOneNumber, "answers.entityFiled")
		}
	}
	if strings.TrimSpace(e.Person.Mobile) != "" {
		if hasProv && pr.LocalPhone {
			c.addProv(pc, "local_phone", ruleConfirmLocalPhone, "entity.person.mobile")
		}
		c.add(ruleConfirmMobileUsed, "entity.person.mobile")
		c.add(ruleConfirmReachable, "entity.person.mobile")
	}
	c.add(ruleConfirmOpenOrder, "")
	c.add(ruleConfirmSMS, "")
	if hasProv && nature != nil {
		tmpl := ruleChecklistTemplate
		if prov.ChecklistVariant == "guangdong" {
			tmpl = ruleChecklistGDOrg
			if nature.Individual {
				tmpl = ruleChecklistGDIndiv
			}
		}
		c.add(tmpl, "", "province", prov.NameZh)
		if nature.Individual {
			c.add(ruleChecklistSignIndiv, "")
		} else {
			c.add(ruleChecklistSign, "")
		}
	}
}

// anyDomain reports whether any website has a domain typed.
func anyDomain(app *backend.Application) bool {
	for _, w := range app.Websites {
		for _, d := range w.Domains {
			if strings.TrimSpace(d) != "" {
				return true
			}
		}
	}
	return false
}

// ProvinceHints returns the province's extra documents, checklist and photo
// requirements and review time for this application, as Info findings whose
// "kind" param (document, checklist, photo, note) tells which step shows them.
func ProvinceHints(app backend.Application) []backend.Finding {
	c := &ctx{data: assets.MustRules()}
	c.provinceHints(&app)
	return c.fs
}

func (c *ctx) provinceHints(app *backend.Application) {
	e := &app.Entity
	prov, ok := assets.ProvinceByKey(e.Province)
	if !ok {
		return
	}
	n, _ := c.data.Nature(e.Nature)
	individual := n != nil && n.Individual
	pc := c.province(e, individual)
	pr := pc.r
	p := prov.NameZh
	if prov.BureauReviewWorkingDays > 0 {
		c.add(ruleProvReview, "", "kind", "note", "province", p, "days", prov.BureauReviewWorkingDays)
	}
	if individual && pr.Fingerprint {
		c.addProv(pc, "fingerprint", ruleProvFingerprint, "", "kind", "checklist")
	}
	if individual && prov.ChecklistVariant == "guangdong" {
		c.add(ruleProvStatement, "", "kind", "checklist", "province", p)
	}
	if pr.ChecklistRegistrarNote {
		c.addProv(pc, "checklist_registrar_note", ruleProvRegistrar, "", "kind", "checklist")
	}
	domains, maxPerSite := 0, 0
	for _, w := range app.Websites {
		k := 0
		for _, d := range w.Domains {
			if strings.TrimSpace(d) != "" {
				k++
			}
		}
		domains += k
		if k > maxPerSite {
			maxPerSite = k
		}
	}
	if pr.DomainCertificateFrom > 0 && domains >= pr.DomainCertificateFrom && domains > 0 {
		c.addProv(pc, "domain_certificate_from", ruleProvDomainCert, "", "kind", "document", "from", pr.DomainCertificateFrom)
	}
	if prov.ElectronicVerification {
		c.add(ruleProvEVerify, "", "kind", "photo", "province", p)
	}
	seen := map[string]bool{}
	for _, x := range pr.Extra {
		if seen[x.Key] || !extraApplies(x.When, app, n, len(app.Websites), maxPerSite, domains) {
			continue
		}
		seen[x.Key] = true
		rule := map[string]string{"document": ruleProvDocument, "photo": ruleProvPhoto, "checklist": ruleProvChecklist}[x.Kind]
		if rule == "" {
			rule = ruleProvNote
		}
		c.addProv(pc, "extra:"+x.Key, rule, "", "kind", x.Kind, "key", x.Key, "labelZh", x.Zh, "labelEn", x.En)
	}
}

// extraApplies evaluates a province extra's "when" condition.
func extraApplies(when string, app *backend.Application, n *assets.Nature, sites, maxDomains, domains int) bool {
	individual := n != nil && n.Individual
	key, arg, _ := strings.Cut(when, ":")
	switch key {
	case "always", "":
		return true
	case "individual":
		return individual
	case "organisation":
		return n != nil && !individual
	case "natures":
		return n != nil && contains(strings.Split(arg, ","), n.Key)
	case "first_filing":
		return effectiveType(app) == backend.TypeFirst
	case "site_name_differs":
		if individual || n == nil {
			return false
		}
		for _, w := range app.Websites {
			if strings.TrimSpace(w.Name) != "" && !strings.Contains(strings.TrimSpace(app.Entity.Name), strings.TrimSpace(w.Name)) {
				return true
			}
		}
		return false
	case "websites_gt":
		v, err := strconv.Atoi(arg)
		return err == nil && sites > v
	case "domains_per_site_gt":
		v, err := strconv.Atoi(arg)
		return err == nil && maxDomains > v
	case "domains_gt":
		v, err := strconv.Atoi(arg)
		return err == nil && domains > v
	}
	return false
}
