package rules

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

// TestIdentifyType walks every branch of the decision tree: each case names
// the type (or the blocked or explained outcome), its reason, the question
// still missing and the questions asked, so no question appears that an
// earlier answer already settled.
func TestIdentifyType(t *testing.T) {
	T, F := bp(true), bp(false)
	file := func(a backend.Answers) backend.Answers { a.Goal = GoalFile; return a }
	cases := []struct {
		name    string
		a       backend.Answers
		want    backend.ApplicationType
		reason  string
		missing string
		blocked string
		guide   string
		asked   string
	}{
		{"nothing answered", backend.Answers{}, "", "unanswered", "goal", "", "", "goal"},
		{"unknown goal", backend.Answers{Goal: "register"}, "", "unanswered", "goal", "", "", "goal"},
		// Filing a website with Tencent.
		{"filing: entity unknown", file(backend.Answers{}), "", "unanswered", "entityFiled", "", "", "goal entityFiled"},
		{"new entity, domain unknown", file(backend.Answers{EntityFiled: F}), "", "unanswered", "domainFiled", "", "", "goal entityFiled domainFiled"},
		{"first filing", file(backend.Answers{EntityFiled: F, DomainFiled: F}), backend.TypeFirst, "new_entity_new_domain", "", "", "", "goal entityFiled domainFiled"},
		{"new entity, filed domain", file(backend.Answers{EntityFiled: F, DomainFiled: T}), "", "domain_filed_elsewhere", "", ruleTypeDomainFiled, "", "goal entityFiled domainFiled"},
		{"new entity ignores questions of filed entities", file(backend.Answers{EntityFiled: F, DomainFiled: F, DomainStatus: DomainOtherEntity, EntityAtTencent: T}), backend.TypeFirst, "new_entity_new_domain", "", "", "", "goal entityFiled domainFiled"},
		{"filed entity, provider unknown", file(backend.Answers{EntityFiled: T}), "", "unanswered", "entityAtTencent", "", "", "goal entityFiled entityAtTencent existingIcpNumber"},
		{"filed entity, domain unknown", file(backend.Answers{EntityFiled: T, EntityAtTencent: T}), "", "unanswered", "domainStatus", "", "", "goal entityFiled entityAtTencent domainStatus existingIcpNumber"},
		{"at Tencent, new domain, record unchecked", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainNone}), "", "unanswered", "dataChanged", "", "", "goal entityFiled entityAtTencent domainStatus dataChanged existingIcpNumber"},
		{"at Tencent, new domain", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainNone, DataChanged: F}), backend.TypeAddWebsiteTencent, "entity_at_tencent_new_domain", "", "", "", "goal entityFiled entityAtTencent domainStatus dataChanged existingIcpNumber"},
		{"at Tencent, new domain, outdated record", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainNone, DataChanged: T}), "", "filed_data_outdated", "", ruleTypeChangeFirst, "", ""},
		{"elsewhere, new domain", file(backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainStatus: DomainNone, DataChanged: F}), backend.TypeAddWebsiteOther, "entity_filed_elsewhere_new_domain", "", "", "", ""},
		{"elsewhere, new domain, outdated record", file(backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainStatus: DomainNone, DataChanged: T}), "", "filed_data_outdated", "", ruleTypeChangeFirst, "", ""},
		{"elsewhere, domain filed under the entity", file(backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainStatus: DomainThisEntity}), backend.TypeTransfer, "entity_and_domain_filed_elsewhere", "", "", "", "goal entityFiled entityAtTencent domainStatus existingIcpNumber"},
		{"at Tencent, domain under the entity, access unknown", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainThisEntity}), "", "unanswered", "domainAtTencent", "", "", "goal entityFiled entityAtTencent domainStatus domainAtTencent existingIcpNumber"},
		{"one-click transfer: at Tencent, website hosted elsewhere", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainThisEntity, DomainAtTencent: F}), backend.TypeTransferTencent, "entity_at_tencent_website_elsewhere", "", "", "", ""},
		{"already filed and accessed at Tencent", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainThisEntity, DomainAtTencent: T}), "", "already_filed_at_tencent", "", ruleTypeNothing, "", ""},
		{"domain of another entity", file(backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainStatus: DomainOtherEntity}), "", "domain_other_entity", "", ruleTypeDomainOther, "", "goal entityFiled entityAtTencent domainStatus existingIcpNumber"},
		// Drafts from before the goal and domain-status questions.
		{"older draft: first filing", backend.Answers{EntityFiled: F, DomainFiled: F}, backend.TypeFirst, "new_entity_new_domain", "", "", "", ""},
		{"older draft: transfer", backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainUnderEntity: T}, backend.TypeTransfer, "entity_and_domain_filed_elsewhere", "", "", "", ""},
		{"older draft: new website elsewhere", backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainUnderEntity: F, DataChanged: F}, backend.TypeAddWebsiteOther, "entity_filed_elsewhere_new_domain", "", "", "", ""},
		{"older draft: under another entity", backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainOtherEntity: T}, "", "domain_other_entity", "", ruleTypeDomainOther, "", ""},
		{"older draft at Tencent asks about access", backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainUnderEntity: T, DataChanged: F}, "", "unanswered", "domainAtTencent", "", "", ""},
		// Changing filed data.
		{"change: provider unknown", backend.Answers{Goal: GoalChange}, "", "unanswered", "entityAtTencent", "", "", "goal entityAtTencent existingIcpNumber"},
		{"change of a filing elsewhere", backend.Answers{Goal: GoalChange, EntityAtTencent: F}, "", "change_not_at_tencent", "", ruleTypeChangeElse, "", "goal entityAtTencent existingIcpNumber"},
		{"change: scope unknown", backend.Answers{Goal: GoalChange, EntityAtTencent: T}, "", "unanswered", "changeScope", "", "", "goal entityAtTencent changeScope existingIcpNumber"},
		{"change entity", backend.Answers{Goal: GoalChange, EntityAtTencent: T, ChangeScope: ScopeEntity}, backend.TypeChange, "change_entity", "", "", "", ""},
		{"change website", backend.Answers{Goal: GoalChange, EntityAtTencent: T, ChangeScope: ScopeWebsite}, backend.TypeChangeWebsite, "change_website", "", "", "", ""},
		{"change access (server within Tencent)", backend.Answers{Goal: GoalChange, EntityAtTencent: T, ChangeScope: ScopeAccess}, "", "change_access_only", "", ruleTypeAccessOnly, "", ""},
		{"change ignores filing questions", backend.Answers{Goal: GoalChange, EntityFiled: F, DomainFiled: T, EntityAtTencent: T, ChangeScope: ScopeEntity}, backend.TypeChange, "change_entity", "", "", "", "goal entityAtTencent changeScope existingIcpNumber"},
		// Cancellations: identified and explained, no form.
		{"cancel entity: provider unknown", backend.Answers{Goal: GoalCancelEntity}, "", "unanswered", "entityAtTencent", "", "", "goal entityAtTencent"},
		{"cancel entity at Tencent", backend.Answers{Goal: GoalCancelEntity, EntityAtTencent: T}, "", "cancel_entity", "", ruleTypeNoForm, "cancel_entity_console", "goal entityAtTencent"},
		{"cancel entity elsewhere or shell entity", backend.Answers{Goal: GoalCancelEntity, EntityAtTencent: F}, "", "cancel_entity", "", ruleTypeNoForm, "cancel_entity_elsewhere", ""},
		{"cancel website: last one unknown", backend.Answers{Goal: GoalCancelWebsite, EntityAtTencent: T}, "", "unanswered", "lastWebsite", "", "", "goal entityAtTencent lastWebsite"},
		{"cancel website at Tencent", backend.Answers{Goal: GoalCancelWebsite, EntityAtTencent: T, LastWebsite: F}, "", "cancel_website", "", ruleTypeNoForm, "cancel_website_console", ""},
		{"cancel the last website", backend.Answers{Goal: GoalCancelWebsite, EntityAtTencent: T, LastWebsite: T}, "", "cancel_website", "", ruleTypeNoForm, "cancel_last_website", ""},
		{"cancel website elsewhere", backend.Answers{Goal: GoalCancelWebsite, EntityAtTencent: F}, "", "cancel_website", "", ruleTypeNoForm, "cancel_at_provider", "goal entityAtTencent"},
		{"cancel access at Tencent", backend.Answers{Goal: GoalCancelAccess, EntityAtTencent: T}, "", "cancel_access", "", ruleTypeNoForm, "cancel_access_console", ""},
		{"cancel access not at Tencent", backend.Answers{Goal: GoalCancelAccess, EntityAtTencent: F}, "", "cancel_access", "", ruleTypeNoForm, "cancel_access_not_tencent", ""},
	}
	for _, tc := range cases {
		r := IdentifyType(tc.a, backend.Entity{})
		if r.Type != tc.want || r.Reason != tc.reason {
			t.Errorf("%s: got %q/%q, want %q/%q", tc.name, r.Type, r.Reason, tc.want, tc.reason)
		}
		if (tc.missing == "") != (len(r.Missing) == 0) || tc.missing != "" && r.Missing[0] != tc.missing {
			t.Errorf("%s: missing %v, want %q", tc.name, r.Missing, tc.missing)
		}
		if (tc.blocked == "") != (len(r.Blocked) == 0) || tc.blocked != "" && r.Blocked[0].Rule != tc.blocked {
			t.Errorf("%s: blocked %+v, want %q", tc.name, r.Blocked, tc.blocked)
		}
		if r.Guide != tc.guide {
			t.Errorf("%s: guide %q, want %q", tc.name, r.Guide, tc.guide)
		}
		if tc.asked != "" && strings.Join(r.Asked, " ") != tc.asked {
			t.Errorf("%s: asked %v, want %s", tc.name, r.Asked, tc.asked)
		}
		for _, m := range r.Missing {
			if !slices.Contains(r.Asked, m) {
				t.Errorf("%s: %s is missing but not asked", tc.name, m)
			}
		}
		for _, b := range r.Blocked {
			if b.Instead == "" {
				t.Errorf("%s: blocked case %s says nothing to do instead", tc.name, b.Rule)
			}
		}
		// Every outcome names the Tencent document it follows.
		if r.Reason != "unanswered" && r.Source == "" {
			t.Errorf("%s: no source document", tc.name)
		}
	}
}

// An answer that an earlier one made meaningless is ignored, so the clerk
// never meets a contradiction: a domain "filed by nobody" is not then held to
// be under another entity.
func TestTypeAnswersNeverContradict(t *testing.T) {
	app := loadExample(t)
	app.Type = backend.TypeUnknown
	app.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(false), DomainFiled: bp(false), DomainOtherEntity: bp(true), DomainStatus: DomainOtherEntity}
	fs := Check(app, testClock)
	if hasRule(fs, ruleTypeDomainOther) || hasRule(fs, ruleTypeMismatch) {
		t.Errorf("an answer the tree no longer asks still counts: %v", ruleIDs(fs))
	}
	if r := IdentifyType(app.Answers, app.Entity); r.Type != backend.TypeFirst {
		t.Errorf("type %q, want first", r.Type)
	}
}

// The age rule uses the injected clock: 18 on the birthday, 17 the day before.
func TestAgeOnCheckDate(t *testing.T) {
	app := loadExample(t)
	app.Entity.Province = "tianjin"
	app.Entity.Person.IDNumber = "120101200706160010" // born 2007-06-16
	if fs := Check(app, clockAt("2025-06-15")); !hasRule(fs, ruleAgeUnderMin) {
		t.Errorf("17-year-old accepted on 2025-06-15: %v", ruleIDs(fs))
	}
	if fs := Check(app, clockAt("2025-06-16")); hasRule(fs, ruleAgeUnderMin) {
		t.Errorf("18-year-old refused on 2025-06-16")
	}
	// Also at 00:30 Shanghai time, which is still the previous day in UTC.
	late := backend.FixedClock{T: mustShanghai(t, "2025-06-16T00:30:00")}
	if fs := Check(app, late); hasRule(fs, ruleAgeUnderMin) {
		t.Errorf("birthday not recognised at 00:30 Shanghai time")
	}
}

func TestFindingOrder(t *testing.T) {
	app := loadExample(t)
	app.Websites[1].Name = "12"                  // website 1 name
	app.Websites[0].Domains = []string{"a_b.cn"} // website 0 domain
	app.Entity.Person.Mobile = "123"             // entity person
	app.Entity.Name = ""                         // entity name
	app.Answers.DomainFiled = bp(true)           // answers
	fs := Check(app, testClock)
	var fields []string
	for _, f := range fs {
		if f.Severity != backend.Info {
			fields = append(fields, f.Field)
		}
	}
	want := []string{"answers.domainFiled", "entity.name", "entity.person.mobile", "websites.0.domains.0", "websites.1.name"}
	j := 0
	for _, f := range fields {
		if j < len(want) && f == want[j] {
			j++
		}
	}
	if j != len(want) {
		t.Errorf("findings not in form order: %v", fields)
	}
	last := fs[len(fs)-1]
	if last.Field != "" {
		t.Errorf("application-wide items should come last, got %+v", last)
	}
	// Within one field, blocking findings come first.
	for i := 1; i < len(fs); i++ {
		if fs[i].Field == fs[i-1].Field && severityRank(fs[i].Severity) < severityRank(fs[i-1].Severity) {
			t.Errorf("%s (%s) after %s (%s) on %s", fs[i].Rule, fs[i].Severity, fs[i-1].Rule, fs[i-1].Severity, fs[i].Field)
		}
	}
}

// Every application-type rule (and the other rules this file's sources list)
// has a source entry, and only confirmed ones block.
func TestTypeRuleSources(t *testing.T) {
	b, err := assets.Read("data/sources/apptype.json")
	if err != nil {
		t.Fatal(err)
	}
	var src map[string]struct{ Doc, Section, Checked, Confidence string }
	if err := json.Unmarshal(b, &src); err != nil {
		t.Fatal(err)
	}
	for _, r := range All() {
		if !strings.HasPrefix(r.ID, "type.") {
			continue
		}
		s, ok := src[r.ID]
		if !ok {
			t.Errorf("%s has no entry in sources/apptype.json", r.ID)
			continue
		}
		if !strings.HasPrefix(s.Doc, "product/域名与网站/网站备案/") || s.Section == "" || s.Checked == "" {
			t.Errorf("%s: incomplete source %+v", r.ID, s)
		}
		if r.Severity == backend.Block && s.Confidence != "confirmed" {
			t.Errorf("%s blocks without a confirmed source", r.ID)
		}
		delete(src, r.ID)
	}
	for id, s := range src {
		r, ok := Lookup(id)
		if !ok {
			t.Errorf("sources/apptype.json lists %s, which is no registered rule", id)
		} else if r.Severity == backend.Block && s.Confidence != "confirmed" {
			t.Errorf("%s blocks without a confirmed source", id)
		}
	}
}

// A cancellation is explained, not prepared: its application lists only the
// type findings, not the form's fields.
func TestCancellationChecksNoForm(t *testing.T) {
	app := backend.NewApplication()
	app.Answers = backend.Answers{Goal: GoalCancelAccess, EntityAtTencent: bp(true)}
	fs := Check(app, testClock)
	if len(fs) != 1 || fs[0].Rule != ruleTypeNoForm || fs[0].Params["instead"] != "cancel_access_console" {
		t.Errorf("findings %v, want only %s", ruleIDs(fs), ruleTypeNoForm)
	}
	app.Answers.EntityAtTencent = nil
	if fs := Check(app, testClock); len(fs) != 1 || fs[0].Rule != ruleTypeUnanswered {
		t.Errorf("unanswered cancellation: %v", ruleIDs(fs))
	}
}

// A type chosen by hand is held against the answers only where it cannot do
// the job: a plain transfer also brings a website filed under an entity at
// Tencent (the one-click case), and 变更备案 also changes website data.
func TestChosenTypeAgainstAnswers(t *testing.T) {
	oneClick := backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(true), DomainStatus: DomainThisEntity, DomainAtTencent: bp(false), ExistingICPNumber: "京ICP备12041916号"}
	transfer := backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(false), DomainStatus: DomainThisEntity, ExistingICPNumber: "京ICP备12041916号"}
	website := backend.Answers{Goal: GoalChange, EntityAtTencent: bp(true), ChangeScope: ScopeWebsite, ExistingICPNumber: "京ICP备12041916号"}
	entity := backend.Answers{Goal: GoalChange, EntityAtTencent: bp(true), ChangeScope: ScopeEntity, ExistingICPNumber: "京ICP备12041916号"}
	cases := []struct {
		name     string
		chosen   backend.ApplicationType
		a        backend.Answers
		mismatch bool
	}{
		{"transfer chosen for the one-click case", backend.TypeTransfer, oneClick, false},
		{"one-click chosen, entity not at Tencent", backend.TypeTransferTencent, transfer, true},
		{"change filing for website data", backend.TypeChange, website, false},
		{"website change for entity data", backend.TypeChangeWebsite, entity, true},
		{"first filing for a filed entity", backend.TypeFirst, oneClick, true},
	}
	for _, tc := range cases {
		app := loadExample(t)
		app.Type, app.Answers = tc.chosen, tc.a
		fs := Check(app, testClock)
		if hasRule(fs, ruleTypeMismatch) != tc.mismatch {
			t.Errorf("%s: mismatch %v, want %v", tc.name, hasRule(fs, ruleTypeMismatch), tc.mismatch)
		}
		if hasRule(fs, ruleTypeNothing) {
			t.Errorf("%s: told there is nothing to file", tc.name)
		}
	}
}
