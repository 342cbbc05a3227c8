package rules

import (
	"strings"

	"icpdesk/backend"
)

// Application-type rules. The decision tree follows Tencent's 快速备案 guides
// and FAQ (tencentyun/qcloud-documents, product/域名与网站/网站备案/); every rule's
// document and section is listed in assets/data/sources/apptype.json.
var (
	ruleTypeUnanswered     = def("type.unanswered", backend.Info, "Answer the filing-type questions so the type can be identified")
	ruleTypeDomainFiled    = def("type.blocked.domain_filed", backend.Block, "New entity but the domain is already filed: the old record must be cancelled first")
	ruleTypeDomainOther    = def("type.blocked.domain_other_entity", backend.Block, "Domain is filed under a different entity: that entity must cancel the website first")
	ruleTypeNothing        = def("type.blocked.nothing_to_file", backend.Block, "The website is already filed and accessed at Tencent: there is nothing to file")
	ruleTypeChangeFirst    = def("type.blocked.change_first", backend.Block, "The filed data are outdated: a change filing must pass before a new website is added")
	ruleTypeChangeElse     = def("type.blocked.change_elsewhere", backend.Block, "The filing is not accessed at Tencent: change it at the provider it is accessed with")
	ruleTypeAccessOnly     = def("type.access_change_only", backend.Block, "Only the server within Tencent changed: no filing needed (a commercial licence needs a change for the IP)")
	ruleTypeNoForm         = def("type.no_form", backend.Block, "Cancellations are done in the console; ICP Desk prepares no form for them")
	ruleTypeMismatch       = def("type.mismatch", backend.Block, "The chosen application type differs from the one the answers lead to")
	ruleTypePassword       = def("type.transfer_password", backend.Info, "Transfer filing needs the MIIT filing password")
	ruleTypeNumberRecord   = def("type.number_on_record", backend.Info, "Enter the certificate number on record with MIIT, even if the licence was renewed")
	ruleTypeICPMissing     = def("type.existing_icp_missing", backend.Warn, "Entity already filed: enter its ICP filing number")
	ruleTypeICPProvince    = def("type.existing_icp_province", backend.Warn, "Existing ICP number belongs to another province than the filing province")
	ruleTypeTransferFirst  = def("type.transfer_then_add", backend.Info, "Transfer and add-website cannot be combined: transfer first, then add")
	ruleTypeTransferSame   = def("type.transfer_same_data", backend.Info, "A transfer adds Tencent as provider: enter the data exactly as on record, change them before or after")
	ruleTypeChangeWebsiteI = def("type.change_website_individual", backend.Info, "Individual filing: a new website person needs a change filing (变更备案), not 变更网站")
)

// Goals: what the clerk wants to do (the first question).
const (
	GoalFile          = "file"           // file a website with Tencent: first, new website, transfer
	GoalChange        = "change"         // change filed data
	GoalCancelEntity  = "cancel_entity"  // 注销主体
	GoalCancelWebsite = "cancel_website" // 注销网站
	GoalCancelAccess  = "cancel_access"  // 取消接入
)

// Domain status answers (answers.domainStatus) once the entity is filed.
const (
	DomainNone        = "none"
	DomainThisEntity  = "this_entity"
	DomainOtherEntity = "other_entity"
)

// Change scopes (answers.changeScope).
const (
	ScopeEntity  = "entity"
	ScopeWebsite = "website"
	ScopeAccess  = "access"
)

// Blocked is a case the decision tree stops at, with what to do instead.
type Blocked struct {
	Rule    string `json:"rule"`    // rule id of the blocking finding
	Answer  string `json:"answer"`  // answers field that led here
	Instead string `json:"instead"` // action code (i18n typeStep.insteadCodes.*)
}

// TypeResult is the outcome of IdentifyType.
type TypeResult struct {
	Goal    string                  `json:"goal"`              // the goal answered or implied by older answers ("" while unknown)
	Type    backend.ApplicationType `json:"type"`              // TypeUnknown while answers are missing, a case is blocked or no form applies
	Reason  string                  `json:"reason"`            // reason code for the UI
	Guide   string                  `json:"guide,omitempty"`   // what to do where ICP Desk prepares no form (cancellations), i18n typeStep.guides.*
	Source  string                  `json:"source,omitempty"`  // Tencent document describing the identified case
	Missing []string                `json:"missing,omitempty"` // answers fields still needed, in asking order
	Asked   []string                `json:"asked"`             // answers fields that follow from the answers so far, in asking order
	Blocked []Blocked               `json:"blocked,omitempty"`
}

// Tencent documents (qcloud-documents, product/域名与网站/网站备案/) per outcome.
const (
	docFirst         = "快速备案/首次备案/通过控制台进行首次备案.md"
	docAddTencent    = "快速备案/新增网站（原备案在腾讯云）.md"
	docAddOther      = "快速备案/新增网站（原备案不在腾讯云）.md"
	docTransfer      = "快速备案/接入备案.md"
	docTransferFAQ   = "常见问题/接入备案类.md"
	docChange        = "快速备案/变更备案.md"
	docChangeWebsite = "快速备案/变更网站.md"
	docChangeFAQ     = "常见问题/变更信息.md"
	docAddFAQ        = "常见问题/新增网站.md"
	docVerifyFAQ     = "常见问题/备案流程/验证备案信息.md"
	docCancelEntity  = "快速备案/注销主体.md"
	docCancelWebsite = "快速备案/注销网站.md"
	docCancelAccess  = "快速备案/取消接入网站.md"
	docCancelFAQ     = "常见问题/注销备案.md"
)

// goalOf is the clerk's goal; drafts from before the goal question imply
// "file" once the first filing question is answered.
func goalOf(a backend.Answers) string {
	if a.Goal != "" {
		return a.Goal
	}
	if a.EntityFiled != nil {
		return GoalFile
	}
	return ""
}

// domainStatusOf reads answers.domainStatus, or the two yes/no questions of
// older drafts it replaced.
func domainStatusOf(a backend.Answers) string {
	switch {
	case a.DomainStatus != "":
		return a.DomainStatus
	case isTrue(a.DomainOtherEntity):
		return DomainOtherEntity
	case a.DomainUnderEntity != nil && *a.DomainUnderEntity:
		return DomainThisEntity
	case a.DomainUnderEntity != nil:
		return DomainNone
	}
	return ""
}

// IdentifyType walks the decision tree on the clerk's answers. Each question
// is asked only when the answers before it make it meaningful, so no two
// answers can contradict each other (a question that no longer follows is
// ignored, not held against the clerk).
func IdentifyType(a backend.Answers, e backend.Entity) TypeResult {
	r := identify(a)
	// The filing number of an entity on record is asked once the entity is
	// known to be filed (the console needs it for all but first filings).
	if r.Goal == GoalFile && isTrue(a.EntityFiled) || r.Goal == GoalChange {
		r.Asked = append(r.Asked, "existingIcpNumber")
	}
	return r
}

func identify(a backend.Answers) TypeResult {
	r := TypeResult{Asked: []string{"goal"}}
	ask := func(q string) { r.Asked = append(r.Asked, q) }
	missing := func(q string) TypeResult {
		r.Missing = append(r.Missing, q)
		r.Reason = "unanswered"
		return r
	}
	block := func(rule, answer, instead, reason, source string) TypeResult {
		r.Blocked = append(r.Blocked, Blocked{Rule: rule, Answer: answer, Instead: instead})
		r.Reason, r.Source = reason, source
		return r
	}
	r.Goal = goalOf(a)
	switch r.Goal {
	case "":
		return missing("goal")
	case GoalChange:
		ask("entityAtTencent")
		if a.EntityAtTencent == nil {
			return missing("entityAtTencent")
		}
		if !*a.EntityAtTencent {
			return block(ruleTypeChangeElse, "entityAtTencent", "change_at_original_provider", "change_not_at_tencent", docChangeFAQ)
		}
		ask("changeScope")
		switch a.ChangeScope {
		case ScopeEntity:
			return r.with(backend.TypeChange, "change_entity", docChange)
		case ScopeWebsite:
			return r.with(backend.TypeChangeWebsite, "change_website", docChangeWebsite)
		case ScopeAccess:
			return block(ruleTypeAccessOnly, "changeScope", "access_change_optional", "change_access_only", docChangeFAQ)
		}
		return missing("changeScope")
	case GoalCancelEntity, GoalCancelWebsite, GoalCancelAccess:
		return r.cancel(a)
	case GoalFile:
	default:
		return missing("goal")
	}

	ask("entityFiled")
	if a.EntityFiled == nil {
		return missing("entityFiled")
	}
	if !*a.EntityFiled {
		ask("domainFiled")
		if a.DomainFiled == nil {
			return missing("domainFiled")
		}
		if *a.DomainFiled {
			return block(ruleTypeDomainFiled, "domainFiled", "cancel_old_record", "domain_filed_elsewhere", docVerifyFAQ)
		}
		return r.with(backend.TypeFirst, "new_entity_new_domain", docFirst)
	}
	ask("entityAtTencent")
	if a.EntityAtTencent == nil {
		return missing("entityAtTencent")
	}
	atTencent := *a.EntityAtTencent
	ask("domainStatus")
	switch domainStatusOf(a) {
	case DomainOtherEntity:
		return block(ruleTypeDomainOther, "domainStatus", "cancel_or_transfer_other_record", "domain_other_entity", docVerifyFAQ)
	case DomainNone:
		// A new website is reviewed together with the filed data: outdated
		// data must be changed first.
		ask("dataChanged")
		if a.DataChanged == nil {
			return missing("dataChanged")
		}
		if *a.DataChanged {
			instead := "change_first_at_tencent"
			if !atTencent {
				instead = "change_first_at_original_provider"
			}
			return block(ruleTypeChangeFirst, "dataChanged", instead, "filed_data_outdated", docAddFAQ)
		}
		if atTencent {
			return r.with(backend.TypeAddWebsiteTencent, "entity_at_tencent_new_domain", docAddTencent)
		}
		return r.with(backend.TypeAddWebsiteOther, "entity_filed_elsewhere_new_domain", docAddOther)
	case DomainThisEntity:
		if !atTencent {
			return r.with(backend.TypeTransfer, "entity_and_domain_filed_elsewhere", docTransfer)
		}
		ask("domainAtTencent")
		if a.DomainAtTencent == nil {
			return missing("domainAtTencent")
		}
		if !*a.DomainAtTencent {
			return r.with(backend.TypeTransferTencent, "entity_at_tencent_website_elsewhere", docTransferFAQ)
		}
		return block(ruleTypeNothing, "domainAtTencent", "change_if_data_changed", "already_filed_at_tencent", docChangeFAQ)
	}
	return missing("domainStatus")
}

// cancel explains the three cancellations: where they are done, and what to
// know first. ICP Desk prepares no form for them.
func (r TypeResult) cancel(a backend.Answers) TypeResult {
	r.Asked = append(r.Asked, "entityAtTencent")
	if a.EntityAtTencent == nil {
		r.Missing = append(r.Missing, "entityAtTencent")
		r.Reason = "unanswered"
		return r
	}
	at := *a.EntityAtTencent
	switch r.Goal {
	case GoalCancelEntity:
		r.Reason, r.Source, r.Guide = "cancel_entity", docCancelEntity, "cancel_entity_console"
		if !at {
			r.Source, r.Guide = docCancelFAQ, "cancel_entity_elsewhere"
		}
	case GoalCancelWebsite:
		r.Reason, r.Source, r.Guide = "cancel_website", docCancelWebsite, "cancel_website_console"
		if !at {
			r.Guide = "cancel_at_provider"
			break
		}
		r.Asked = append(r.Asked, "lastWebsite")
		if a.LastWebsite == nil {
			r.Missing = append(r.Missing, "lastWebsite")
			r.Reason, r.Source, r.Guide = "unanswered", "", ""
			return r
		}
		if *a.LastWebsite {
			// The entity would be left a shell (空壳主体): cancel the entity instead.
			r.Guide = "cancel_last_website"
		}
	case GoalCancelAccess:
		r.Reason, r.Source, r.Guide = "cancel_access", docCancelAccess, "cancel_access_console"
		if !at {
			r.Guide = "cancel_access_not_tencent"
		}
	}
	r.Blocked = append(r.Blocked, Blocked{Rule: ruleTypeNoForm, Answer: "goal", Instead: r.Guide})
	return r
}

// with sets the identified type, its reason and source document.
func (r TypeResult) with(t backend.ApplicationType, reason, source string) TypeResult {
	r.Reason, r.Source = reason, source
	if len(r.Blocked) == 0 {
		r.Type = t
	}
	return r
}

func isTrue(b *bool) bool { return b != nil && *b }

// compatible reports whether a type chosen by hand does what the identified
// one does: a plain transfer (接入备案) also serves a website that one-click
// transfer would bring to Tencent, and a change filing (变更备案) also
// changes website data. Anything else must match.
func compatible(chosen, identified backend.ApplicationType) bool {
	switch {
	case chosen == identified:
		return true
	case chosen == backend.TypeTransfer && identified == backend.TypeTransferTencent:
		return true
	case chosen == backend.TypeChange && identified == backend.TypeChangeWebsite:
		return true
	}
	return false
}

// transferLike reports whether t adds Tencent as provider of a filed website.
func transferLike(t backend.ApplicationType) bool {
	return t == backend.TypeTransfer || t == backend.TypeTransferTencent
}

// checkType adds the type findings and reports whether the application is
// one ICP Desk prepares a form for (not a cancellation).
func (c *ctx) checkType(app *backend.Application) bool {
	a := &app.Answers
	res := IdentifyType(*a, app.Entity)
	switch res.Goal {
	case GoalCancelEntity, GoalCancelWebsite, GoalCancelAccess:
		if len(res.Missing) > 0 {
			c.add(ruleTypeUnanswered, "answers."+res.Missing[0], "question", res.Missing[0])
		}
		for _, b := range res.Blocked {
			c.add(b.Rule, "answers."+b.Answer, "instead", b.Instead)
		}
		return false
	}
	if len(res.Missing) > 0 {
		c.add(ruleTypeUnanswered, "answers."+res.Missing[0], "question", res.Missing[0])
	}
	for _, b := range res.Blocked {
		c.add(b.Rule, "answers."+b.Answer, "instead", b.Instead)
	}
	if app.Type != backend.TypeUnknown && res.Type != backend.TypeUnknown && !compatible(app.Type, res.Type) {
		c.add(ruleTypeMismatch, "type", "chosen", string(app.Type), "identified", string(res.Type))
	}
	effective := app.Type
	if effective == backend.TypeUnknown {
		effective = res.Type
	}
	switch {
	case effective == backend.TypeTransfer:
		c.add(ruleTypePassword, "type")
		fallthrough
	case effective == backend.TypeTransferTencent:
		c.add(ruleTypeTransferFirst, "type")
		c.add(ruleTypeTransferSame, "type")
	case effective == backend.TypeChangeWebsite && app.Entity.Nature == "individual":
		c.add(ruleTypeChangeWebsiteI, "type")
	}
	if res.Goal == GoalFile && isTrue(a.EntityFiled) || res.Goal == GoalChange {
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
	return true
}

func provinceName(key string) (string, bool) {
	for _, p := range mustProvinces() {
		if p.Key == key {
			return p.NameZh, true
		}
	}
	return "", false
}
