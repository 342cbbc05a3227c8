package rules

import (
	"testing"

	"icpdesk/backend"
)

func TestIdentifyType(t *testing.T) {
	T, F := bp(true), bp(false)
	cases := []struct {
		name    string
		a       backend.Answers
		want    backend.ApplicationType
		reason  string
		missing string
		blocked string
	}{
		{"nothing answered", backend.Answers{}, backend.TypeUnknown, "unanswered", "entityFiled", ""},
		{"new entity, domain unknown", backend.Answers{EntityFiled: F}, backend.TypeUnknown, "unanswered", "domainFiled", ""},
		{"first filing", backend.Answers{EntityFiled: F, DomainFiled: F}, backend.TypeFirst, "new_entity_new_domain", "", ""},
		{"new entity, filed domain", backend.Answers{EntityFiled: F, DomainFiled: T}, backend.TypeUnknown, "domain_filed_elsewhere", "", ruleTypeDomainFiled},
		{"filed entity, provider unknown", backend.Answers{EntityFiled: T}, backend.TypeUnknown, "unanswered", "entityAtTencent", ""},
		{"filed at Tencent, new domain", backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainUnderEntity: F}, backend.TypeAddWebsiteTencent, "entity_at_tencent_new_domain", "", ""},
		{"filed at Tencent, data changed", backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainUnderEntity: T, DataChanged: T}, backend.TypeChange, "filed_at_tencent_data_changed", "", ""},
		{"filed at Tencent, nothing changed", backend.Answers{EntityFiled: T, EntityAtTencent: T, DomainUnderEntity: T, DataChanged: F}, backend.TypeUnknown, "already_filed_at_tencent", "", ruleTypeNothing},
		{"filed elsewhere with domain", backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainUnderEntity: T}, backend.TypeTransfer, "entity_and_domain_filed_elsewhere", "", ""},
		{"filed elsewhere, new domain", backend.Answers{EntityFiled: T, EntityAtTencent: F, DomainUnderEntity: F}, backend.TypeAddWebsiteOther, "entity_filed_elsewhere_new_domain", "", ""},
		{"domain of another entity", backend.Answers{EntityFiled: F, DomainFiled: F, DomainOtherEntity: T}, backend.TypeUnknown, "new_entity_new_domain", "", ruleTypeDomainOther},
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
		for _, b := range r.Blocked {
			if b.Instead == "" {
				t.Errorf("%s: blocked case %s says nothing to do instead", tc.name, b.Rule)
			}
		}
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
