package rules

import (
	"testing"
)

func TestCheckDigits(t *testing.T) {
	// Worked examples from identifiers.md / check.py.
	if c, _ := USCCCheckChar("91110000600037341"); c != 'L' {
		t.Errorf("USCC check of 91110000600037341 = %c, want L", c)
	}
	for body, want := range map[string]byte{"60003734": '1', "12345678": '8', "00000014": 'X', "20000008": '0'} {
		if c, _ := OrgCodeCheckChar(body); c != want {
			t.Errorf("org check of %s = %c, want %c", body, c, want)
		}
	}
	if c, _ := IDCheckChar("11010519491231002"); c != 'X' {
		t.Errorf("ID check of 11010519491231002 = %c, want X", c)
	}
	if _, ok := USCCCheckChar("9111000060003734I"); ok {
		t.Error("USCC body with I accepted")
	}
}

func TestCheckID(t *testing.T) {
	cases := []struct {
		kind, value string
		want        []string
	}{
		// USCC
		{"uscc", "91110000600037341L", nil},
		{"uscc", " 91110000600037341l ", nil},
		{"uscc", "91110000600037341M", []string{ruleUSCCCheck}},
		{"uscc", "9111000060003734IL", []string{ruleUSCCCharset}},
		{"uscc", "9111000060003734", []string{ruleUSCCLength}},
		{"uscc", "911A0000600037341L", []string{ruleUSCCRegion}},
		{"uscc", "110105600037341", []string{ruleUSCCRegNo}},
		{"uscc", "B1110000600037341" + "X", []string{ruleUSCCAuth, ruleUSCCCheck}},
		{"uscc", "95110000600037341" + "X", []string{ruleUSCCCategory, ruleUSCCCheck}},
		{"uscc", "91110000600037342" + "X", []string{ruleUSCCOrgCode, ruleUSCCCheck}},
		// organisation code
		{"orgcode", "60003734-1", nil},
		{"orgcode", "00000014-X", nil},
		{"orgcode", "600037342", []string{ruleOrgCheck}},
		{"orgcode", "60003734", []string{ruleOrgFormat}},
		// resident ID
		{"idcard", "11010519491231002X", nil},
		{"idcard", "11010519491231002x", nil},
		{"idcard", "360426199101010071", nil},
		{"idcard", "360426199101010072", []string{ruleIDCheck}},
		{"idcard", "360426199102300070", []string{ruleIDBirth}},
		{"idcard", "110105491231002", []string{ruleIDOld15}},
		{"idcard", "11010519491231002Y", []string{ruleIDFormat}},
		{"idcard", "11010520300101001X", []string{ruleIDBirthFut}},
		{"idcard", "110105189912310015", []string{ruleIDBirthYear}},
		{"idcard", "990105199001010014", []string{ruleIDRegion}},
		{"idcard", "810000199408230021", []string{ruleIDIsResPermt}},
		// residence permits
		{"residence_permit", "810000199408230021", nil},
		{"tw_residence_permit", "830000199201300022", nil},
		{"hkmo_residence_permit", "830000199201300022", []string{rulePermitPrefix}},
		{"residence_permit", "360426199101010071", []string{rulePermitPrefix}},
		{"residence_permit", "810000199408230022", []string{rulePermitCheck}},
		{"residence_permit", "81000019940823002", []string{rulePermitFormat}},
		{"residence_permit", "810000199402300017", []string{rulePermitBirth}},
		// other documents: format only, warn
		{"passport", "E12345678", nil},
		{"passport", "EA1234567", nil},
		{"passport", "E-1234", []string{rulePassport}},
		{"hkmo_permit", "H12345678", nil},
		{"hkmo_permit", "M1234567801", nil},
		{"hkmo_permit", "K12345678", []string{ruleHKMOPermit}},
		{"tw_permit", "12345678", nil},
		{"tw_permit", "1234567", []string{ruleTWPermit}},
		{"foreign_pr", "USA110012345678", nil},
		{"foreign_pr", "US1234", []string{ruleForeignPR}},
		{"foreign_pr", "944276198604120176", nil},
		{"foreign_pr", "911840197501010015", nil},
		{"foreign_pr", "944276198604120170", []string{ruleForeignPRCheck}},
		{"foreign_pr", "94427619861340017X", []string{ruleForeignPRBirth}},
		{"foreign_pr", "9ABCDEFGHIJKLMNOPQ", []string{ruleForeignPR}},
		// phones and e-mail
		{"mobile", "13800138000", nil},
		{"mobile", "+86 138-0013-8000", nil},
		{"mobile", "12800138000", []string{ruleMobile}},
		{"mobile", "1380013800", []string{ruleMobile}},
		{"email", "zhang.san@example.com.cn", nil},
		{"email", "zhang.san@example", []string{ruleEmail}},
		{"email", "张三 <zs@example.com>", []string{ruleEmail}},
		{"landline", "010-62345678", nil},
		{"landline", "0755 86013388", nil},
		{"landline", "(021)61234567-801", nil},
		{"landline", "62345678", []string{ruleLandlineArea}},
		{"landline", "010-623", []string{ruleLandline}},
		// domains
		{"domain", "example.com", nil},
		{"domain", "Example.COM.", nil},
		{"domain", "example.com.cn", nil},
		{"domain", "例子.中国", nil},
		{"domain", "xn--fsqu00a.xn--fiqs8s", nil},
		{"domain", "www.example.com", []string{ruleDomainSubdom}},
		{"domain", "https://www.example.com/index.html", []string{ruleDomainURL}},
		{"domain", "exa_mple.com", []string{ruleDomainSyntax}},
		{"domain", "-example.com", []string{ruleDomainSyntax}},
		{"domain", "localhost", []string{ruleDomainSyntax}},
		{"domain", "例子\u200d.中国", []string{ruleDomainIDN}},
		{"domain", "com.cn", []string{ruleDomainSuffix}},
		{"domain", "example.dev", []string{ruleDomainTLD}},
		// ICP numbers
		{"icp", "京ICP备12041916号-4", nil},
		{"icp", "黔ICP备2021008357号", nil},
		{"icp", "蜀ICP备19026949号-1", nil},
		{"icp", "川ICP备10200063号-1", []string{ruleICPAltAbbr}},
		{"icp", "甘ICP备16003251号-1", []string{ruleICPAltAbbr}},
		{"icp", "港ICP备19026949号-1", []string{ruleICPFormat}},
		{"icp", "京ICP12041916号", []string{ruleICPFormat}},
		{"icp", "滇ICP备09010050-5号", []string{ruleICPIrregular}},
		{"icp", "京ICP备 12041916号-4", []string{ruleICPIrregular}},
		{"icp", "吉ICP备07500273X号", []string{ruleICPIrregular}},
		// PSB numbers
		{"psb", "京公网安备 11010802020877号", nil},
		{"psb", "川公网安备 51010702001250号", nil},
		{"psb", "甘公网安备62010302000249号", nil},
		{"psb", "京公网安备 1101080202087号", []string{rulePSBFormat}},
		{"psb", "沪公网安备 11010802020877号", []string{rulePSBRegion}},
		// generic
		{"mobile", "  ", []string{ruleRequired}},
		{"vin", "LSVAA4182E2184847", []string{ruleKindUnknown}},
	}
	for _, tc := range cases {
		var got []string
		for _, id := range ruleIDs(CheckID(tc.kind, tc.value, testClock)) {
			if id != rulePhoneLocation && id != rulePhoneLocUnknown { // a phone's location is told apart (TestCheckIDPhoneLocation)
				got = append(got, id)
			}
		}
		if !sameSet(got, tc.want) {
			t.Errorf("CheckID(%s, %q) = %v, want %v", tc.kind, tc.value, got, tc.want)
		}
		cover(tc.want...)
	}
}

func TestCheckIDKinds(t *testing.T) {
	want := []string{"email", "domain", "icp", "idcard", "landline", "mobile", "orgcode", "passport", "psb", "uscc", "hkmo_permit", "tw_permit", "residence_permit"}
	for _, k := range want {
		if _, ok := idKinds[k]; !ok {
			t.Errorf("CheckID kind %q missing", k)
		}
	}
}
