package rules

import (
	"testing"

	"icpdesk/backend"
)

func TestWebsiteICPNumbers(t *testing.T) {
	cases := []struct {
		name, entity, site string
		want               string // rule expected on websites.0.icpNumber, "" for none
	}{
		{"matches the entity", "京ICP备12345678号", "京ICP备12345678号-2", ""},
		{"no entity number to compare", "", "京ICP备12345678号-2", ""},
		{"entity number without -n", "京ICP备12345678号", "京ICP备12345678号", ruleWebsiteICPSite},
		{"other serial", "京ICP备12345678号", "京ICP备87654321号-1", ruleWebsiteICPEntity},
		{"other province", "京ICP备12345678号", "沪ICP备12345678号-1", ruleWebsiteICPEntity},
		{"malformed", "京ICP备12345678号", "ICP-12345678", ruleICPFormat},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := backend.Application{Version: 1, Type: backend.TypeTransfer}
			app.Answers.ExistingICPNumber = tc.entity
			app.Websites = []backend.Website{{ID: "w1", ICPNumber: tc.site}}
			var got []string
			for _, f := range Check(app, nil) {
				if f.Field == "websites.0.icpNumber" {
					got = append(got, f.Rule)
				}
			}
			if tc.want != "" {
				cover(tc.want)
			}
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
				t.Fatalf("findings on websites.0.icpNumber = %v, want [%s]", got, tc.want)
			}
		})
	}
}
