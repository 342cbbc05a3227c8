package rules

import (
	"testing"

	"icpdesk/backend"
)

func rulesOf(fs []backend.Finding) map[string]bool {
	out := map[string]bool{}
	for _, f := range fs {
		out[f.Rule] = true
	}
	return out
}

// A blank application is not a wall of reminders about a domain and a phone
// it does not have yet; they come with the domain and the phone.
func TestHandChecksFollowWhatWasTyped(t *testing.T) {
	app := backend.NewApplication()
	app.Entity.Province = "guangdong"
	blank := rulesOf(Check(app, testClock))
	for _, r := range []string{ruleConfirmHolder, ruleConfirmRealName, ruleConfirmRegistrar, ruleConfirmMobileUsed, ruleConfirmReachable} {
		if blank[r] {
			t.Errorf("%s on a blank application", r)
		}
	}
	if !blank[ruleConfirmServer] {
		t.Error("the server check is a preparation task and shows from the start")
	}
	app.Websites[0].Domains = []string{"example.cn"}
	app.Entity.Person.Mobile = "13800138000"
	typed := rulesOf(Check(app, testClock))
	for _, r := range []string{ruleConfirmHolder, ruleConfirmRealName, ruleConfirmRegistrar, ruleConfirmMobileUsed, ruleConfirmReachable} {
		if !typed[r] {
			t.Errorf("%s missing once a domain and a mobile are typed", r)
		}
	}
}

func TestForStatusKeepsWhatStillApplies(t *testing.T) {
	fs := []backend.Finding{
		{Rule: "form.required", Severity: backend.Block},
		{Rule: ruleChecklistSign, Severity: backend.Info},
		{Rule: ruleConfirmSMS, Severity: backend.Info},
	}
	if got := ForStatus(fs, backend.StatusDraft); len(got) != 3 {
		t.Fatalf("draft: %v", got)
	}
	if got := ForStatus(fs, backend.StatusReturned); len(got) != 3 {
		t.Fatalf("returned: %v", got)
	}
	if got := ForStatus(fs, backend.StatusSMSPending); len(got) != 1 || got[0].Rule != ruleConfirmSMS {
		t.Fatalf("in review: %v", got)
	}
	if got := ForStatus(fs, backend.StatusApproved); len(got) != 0 {
		t.Fatalf("approved: %v", got)
	}
}

func TestConfirmable(t *testing.T) {
	for _, c := range []struct {
		f    backend.Finding
		want bool
	}{
		{backend.Finding{Rule: ruleConfirmServer, Severity: backend.Info}, true},
		{backend.Finding{Rule: ruleTypeUnanswered, Severity: backend.Info}, false},
		{backend.Finding{Rule: rulePhoneLocation, Severity: backend.Info}, false},
		{backend.Finding{Rule: "form.required", Severity: backend.Block}, false},
	} {
		if Confirmable(c.f) != c.want {
			t.Errorf("%s: %v", c.f.Rule, !c.want)
		}
	}
}
