package rules

import (
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

func TestSuggest(t *testing.T) {
	uscc := func(body string) string { c, _ := USCCCheckChar(body); return body + string(c) }
	gd := uscc("9144030071526726X")      // an enterprise registered in Shenzhen
	inst := uscc("1244000045585006X")    // a public institution (机构编制, category 2 事业单位)
	union := uscc("81440300MA5F12345")   // a trade union (工会): several MIIT natures, no suggestion
	central := uscc("91110108710928413") // registered in Beijing (Haidian)
	cases := []struct {
		name string
		e    backend.Entity
		want Suggestion
	}{
		{"nothing typed", backend.Entity{}, Suggestion{}},
		{"enterprise USCC from Guangdong", backend.Entity{CertNumber: gd}, Suggestion{Kind: "uscc", Nature: "enterprise", CertType: "business_licence", Province: "guangdong", ProvinceFrom: "number"}},
		{"lower case with spaces", backend.Entity{CertNumber: " " + gd[:9] + " " + gd[9:] + " "}, Suggestion{Kind: "uscc", Nature: "enterprise", CertType: "business_licence", Province: "guangdong", ProvinceFrom: "number"}},
		{"the certificate address decides the province", backend.Entity{CertNumber: gd, CertAddress: "上海市浦东新区世纪大道100号"}, Suggestion{Kind: "uscc", Nature: "enterprise", CertType: "business_licence", Province: "shanghai", ProvinceFrom: "address"}},
		{"USCC with a wrong check character suggests nothing", backend.Entity{CertNumber: gd[:17] + "0"}, Suggestion{Kind: "uscc"}},
		{"public institution", backend.Entity{CertNumber: inst}, Suggestion{Kind: "uscc", Nature: "institution", Province: "guangdong", ProvinceFrom: "number"}},
		{"code shared by several natures", backend.Entity{CertNumber: union}, Suggestion{Kind: "uscc", Province: "guangdong", ProvinceFrom: "number"}},
		{"Beijing USCC", backend.Entity{CertNumber: central}, Suggestion{Kind: "uscc", Nature: "enterprise", CertType: "business_licence", Province: "beijing", ProvinceFrom: "number"}},
		{"resident ID", backend.Entity{CertNumber: "44030519920815211X"}, Suggestion{Kind: "idcard", Nature: "individual", CertType: "idcard", Province: "guangdong", ProvinceFrom: "number"}},
		{"resident ID with a wrong check digit", backend.Entity{CertNumber: "440305199208152112"}, Suggestion{Kind: "idcard"}},
		{"the chosen nature decides the kind", backend.Entity{Nature: "enterprise", CertNumber: "44030519920815211X"}, Suggestion{Kind: "uscc", Province: ""}},
	}
	for _, tc := range cases {
		if got := Suggest(tc.e); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestNumberKind(t *testing.T) {
	cases := []struct {
		v                 string
		known, individual bool
		want              string
	}{
		{"440305199208152112", false, false, "idcard"}, // wrong check digit: still a resident ID
		{"44030519920815211X", true, true, "idcard"},
		{"440305199208152112", true, false, "uscc"}, // an organisation's number
		{"9144030071526726XG", false, false, "uscc"},
		{"9144030071526726XG", true, true, "idcard"}, // an individual's number is an ID, however it looks
		{"440305920815211", true, true, "idcard"},    // 15-digit first-generation ID
		{"71526726X", false, false, "orgcode"},
		{"99030519920815211X", false, false, "uscc"}, // no province 99
		{"440305189913452112", false, false, "uscc"}, // no real birth date
		{"12345", false, false, ""},
	}
	for _, tc := range cases {
		if got := NumberKind(tc.v, tc.known, tc.individual); got != tc.want {
			t.Errorf("NumberKind(%s, %v, %v) = %q, want %q", tc.v, tc.known, tc.individual, got, tc.want)
		}
	}
}

// Every nature the USCC table suggests is a nature of the MIIT list whose
// USCCs that authority issues.
func TestUSCCNatureTable(t *testing.T) {
	data := assets.MustRules()
	for code, key := range usccNature() {
		n, ok := data.Nature(key)
		if !ok {
			t.Errorf("%s suggests unknown nature %s", code, key)
			continue
		}
		if !contains(n.USCCAuthorities, code[:1]) {
			t.Errorf("%s suggests %s, whose USCCs authority %s does not issue", code, key, code[:1])
		}
	}
}
