package rules

import (
	"strings"

	"icpdesk/backend"
)

// Application-type rules (application-types.md §2-3).
var (
	ruleTypeUnanswered    = def("type.unanswered", backend.Info, "Answer the filing-type questions so the type can be identified")
	ruleTypeDomainFiled   = def("type.blocked.domain_filed", backend.Block, "New entity but the domain is already filed: the old record must be cancelled first")
	ruleTypeDomainOther   = def("type.blocked.domain_other_entity", backend.Block, "Domain is filed under a different entity: cancel or transfer that record first")
	ruleTypeNothing       = def("type.blocked.nothing_to_file", backend.Block, "Entity and domain are already filed at Tencent and nothing changed")
	ruleTypeMismatch      = def("type.mismatch", backend.Block, "The chosen application type differs from the one the answers lead to")
	ruleTypePassword      = def("type.transfer_password", backend.Info, "Transfer filing needs the MIIT filing password")
	ruleTypeNumberRecord  = def("type.number_on_record", backend.Info, "Enter the certificate number on record with MIIT, even if the licence was renewed")
	ruleTypeICPMissing    = def("type.existing_icp_missing", backend.Warn, "Entity already filed: enter its ICP filing number")
	ruleTypeICPProvince   = def("type.existing_icp_province", backend.Warn, "Existing ICP number belongs to another province than the filing province")
	ruleTypeTransferFirst = def("type.transfer_then_add", backend.Info, "Transfer and add-website cannot be combined: transfer first, then add")
)

// Blocked is a case the decision tree stops at, with what to do instead.
type Blocked struct {
	Rule    string `json:"rule"`    // rule id of the blocking finding
	Answer  string `json:"answer"`  // answers field that led here
	Instead string `json:"instead"` // action code: cancel_old_record, cancel_or_transfer_other_record, change_if_data_changed
}

// TypeResult is the outcome of IdentifyType.
type TypeResult struct {
	Type    backend.ApplicationType `json:"type"`              // TypeUnknown while answers are missing or a case is blocked
	Reason  string                  `json:"reason"`            // reason code for the UI
	Missing []string                `json:"missing,omitempty"` // answers fields still needed, in asking order
	Blocked []Blocked               `json:"blocked,omitempty"`
}

// IdentifyType walks the decision tree of application-types.md §2 on the clerk's answers.
func IdentifyType(a backend.Answers, e backend.Entity) TypeResult {
	var r TypeResult
	if isTrue(a.DomainOtherEntity) {
		r.Blocked = append(r.Blocked, Blocked{Rule: ruleTypeDomainOther, Answer: "domainOtherEntity", Instead: "cancel_or_transfer_other_record"})
	}
	missing := func(q string) TypeResult {
		r.Missing = append(r.Missing, q)
		r.Reason = "unanswered"
		return r
	}
	if a.EntityFiled == nil {
		return missing("entityFiled")
	}
	if !*a.EntityFiled {
		if a.DomainFiled == nil {
			return missing("domainFiled")
		}
		if *a.DomainFiled {
			r.Blocked = append(r.Blocked, Blocked{Rule: ruleTypeDomainFiled, Answer: "domainFiled", Instead: "cancel_old_record"})
			r.Reason = "domain_filed_elsewhere"
			return r
		}
		return r.with(backend.TypeFirst, "new_entity_new_domain")
	}
	if a.EntityAtTencent == nil {
		return missing("entityAtTencent")
	}
	if a.DomainUnderEntity == nil {
		return missing("domainUnderEntity")
	}
	if *a.EntityAtTencent {
		if !*a.DomainUnderEntity {
			return r.with(backend.TypeAddWebsiteTencent, "entity_at_tencent_new_domain")
		}
		if a.DataChanged == nil {
			return missing("dataChanged")
		}
		if *a.DataChanged {
			return r.with(backend.TypeChange, "filed_at_tencent_data_changed")
		}
		r.Blocked = append(r.Blocked, Blocked{Rule: ruleTypeNothing, Answer: "dataChanged", Instead: "change_if_data_changed"})
		r.Reason = "already_filed_at_tencent"
		return r
	}
	if *a.DomainUnderEntity {
		return r.with(backend.TypeTransfer, "entity_and_domain_filed_elsewhere")
	}
	return r.with(backend.TypeAddWebsiteOther, "entity_filed_elsewhere_new_domain")
}

// with sets the type unless a blocked case (Q6) already stops the tree.
func (r TypeResult) with(t backend.ApplicationType, reason string) TypeResult {
	r.Reason = reason
	if len(r.Blocked) == 0 {
		r.Type = t
	}
	return r
}

func isTrue(b *bool) bool { return b != nil && *b }

func (c *ctx) checkType(app *backend.Application) {
	a := &app.Answers
	res := IdentifyType(*a, app.Entity)
	if len(res.Missing) > 0 {
		c.add(ruleTypeUnanswered, "answers."+res.Missing[0], "question", res.Missing[0])
	}
	for _, b := range res.Blocked {
		c.add(b.Rule, "answers."+b.Answer, "instead", b.Instead)
	}
	t := app.Type
	if t == backend.TypeChangeWebsite && res.Type == backend.TypeChange {
		t = backend.TypeChange
	}
	if app.Type != backend.TypeUnknown && res.Type != backend.TypeUnknown && t != res.Type {
		c.add(ruleTypeMismatch, "type", "chosen", string(app.Type), "identified", string(res.Type))
	}
	effective := app.Type
	if effective == backend.TypeUnknown {
		effective = res.Type
	}
	switch effective {
	case backend.TypeTransfer:
		c.add(ruleTypePassword, "type")
		c.add(ruleTypeTransferFirst, "type")
	}
	if isTrue(a.EntityFiled) {
		if effective != backend.TypeFirst && app.Entity.Nature != "individual" && app.Entity.Nature != "" {
			c.add(ruleTypeNumberRecord, "entity.certNumber")
		}
		if strings.TrimSpace(a.ExistingICPNumber) == "" {
			c.add(ruleTypeICPMissing, "answers.existingIcpNumber")
		} else if info := c.checkICP(a.ExistingICPNumber, "answers.existingIcpNumber"); info.ok && app.Entity.Province != "" && info.province != app.Entity.Province {
			if p, ok := provinceName(info.province); ok {
				c.add(ruleTypeICPProvince, "answers.existingIcpNumber", "icpProvince", p)
			}
		}
	}
}

func provinceName(key string) (string, bool) {
	for _, p := range mustProvinces() {
		if p.Key == key {
			return p.NameZh, true
		}
	}
	return "", false
}
