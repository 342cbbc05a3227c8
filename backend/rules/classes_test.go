package rules

import (
	"strings"
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

// The classes of issue 13: each table puts real-shaped filings (valid check
// digits, real addresses) against Tencent's 各省管局要求 and FAQ pages.

// regNo15 is a 15-digit business registration number (工商注册号) with a valid
// GB/T 17710 MOD 11,10 check digit, still on record at MIIT for old filings.
const regNo15 = "110108000000016"

// permitNumber is a Hong Kong residence permit number (810000…) with its check character.
func permitNumber(t *testing.T) string {
	body := "81000019900101001"
	c, ok := IDCheckChar(body)
	if !ok {
		t.Fatal("check char")
	}
	return body + string(c)
}

func findRule(fs []backend.Finding, id string) (backend.Finding, bool) {
	for _, f := range fs {
		if f.Rule == id {
			return f, true
		}
	}
	return backend.Finding{}, false
}

// Class 2: a 15-digit registration number on record is not blocked where the
// bureau accepts it on a transfer or a new website (变更相关).
func TestClassIdentifiersAcrossTime(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	typed := func(ty backend.ApplicationType) func(a *backend.Application) {
		return func(a *backend.Application) { a.Type = ty; a.Entity.CertNumber = regNo15 }
	}
	runRuleCases(t, []ruleCase{
		{"beijing first filing with a registration number", bj, typed(backend.TypeFirst), []string{ruleCertNumUSCCOnly}, "entity.certNumber", []string{ruleCertNumOnRecord}},
		{"beijing transfer with the number on record", bj, typed(backend.TypeTransfer), []string{ruleCertNumOnRecord}, "entity.certNumber", []string{ruleCertNumUSCCOnly, ruleUSCCRegNo}},
		{"beijing new website elsewhere with the number on record", bj, typed(backend.TypeAddWebsiteOther), []string{ruleCertNumOnRecord}, "entity.certNumber", []string{ruleCertNumUSCCOnly}},
		{"beijing new website at Tencent with the number on record", bj, typed(backend.TypeAddWebsiteTencent), []string{ruleCertNumOnRecord}, "entity.certNumber", []string{ruleCertNumUSCCOnly}},
		{"henan transfer: change the record first", bj, func(a *backend.Application) {
			typed(backend.TypeTransfer)(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "henan", "河南省郑州市金水区花园路1号", "河南省郑州市金水区花园路1号3层"
		}, []string{ruleCertNumUSCCOnly}, "entity.certNumber", []string{ruleCertNumOnRecord}},
		{"beijing transfer identified from the answers", bj, func(a *backend.Application) {
			a.Type, a.Entity.CertNumber = backend.TypeUnknown, regNo15
			a.Answers = backend.Answers{EntityFiled: bp(true), EntityAtTencent: bp(false), DomainUnderEntity: bp(true), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleCertNumOnRecord}, "entity.certNumber", []string{ruleCertNumUSCCOnly}},
		{"beijing transfer: one filing number only", bj, typed(backend.TypeTransfer), []string{ruleConfirmOneNumber}, "answers.entityFiled", nil},
		{"shanxi accepts a registration number", bj, func(a *backend.Application) {
			typed(backend.TypeFirst)(a)
			a.Entity.Province = "shanxi"
		}, []string{ruleUSCCRegNo}, "entity.certNumber", []string{ruleCertNumUSCCOnly, ruleCertNumOnRecord}},
	})
	app := loadExample(t)
	typed(backend.TypeTransfer)(&app)
	app.Entity.Province = "henan"
	f, _ := findRule(Check(app, testClock), ruleCertNumUSCCOnly)
	if f.Source == nil || f.Source.Section != "河南 · 企事业单位 · 变更相关第 2 条" || !f.Source.Confirmed {
		t.Errorf("henan transfer source = %+v", f.Source)
	}
}

// Class 3: the certificate's address decides the province; the USCC region may warn, never block.
func TestClassProvinceByAddress(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	moved := func(a *backend.Application) {
		// A Beijing-registered company (USCC region 11) that moved to Shanghai.
		a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "shanghai", "上海市浦东新区世纪大道100号", "上海市浦东新区世纪大道100号15层"
		a.Entity.Person.Mobile = "13916001234"
	}
	runRuleCases(t, []ruleCase{
		{"moved company: USCC region only warns", bj, moved, []string{ruleCertProvince}, "entity.province", []string{ruleCertAddrProvince}},
		{"certificate address in another province blocks", bj, func(a *backend.Application) { a.Entity.Province = "shanghai"; a.Entity.Person.Mobile = "13916001234" }, []string{ruleCertAddrProvince}, "entity.certAddress", nil},
		{"communication address elsewhere only warns", bj, func(a *backend.Application) { a.Entity.Address = "天津市和平区南京路100号" }, []string{ruleAddrProvince}, "entity.address", nil},
	})
	app := loadExample(t)
	moved(&app)
	for _, f := range Check(app, testClock) {
		if f.Severity == backend.Block && strings.HasPrefix(f.Field, "entity.") {
			t.Errorf("moved company blocked by %s on %s", f.Rule, f.Field)
		}
	}
}

// Class 4: organisation-only items are not applied to individuals, and individual items not to organisations.
func TestClassNature(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	ind := func(*testing.T) backend.Application { return individualApp() }
	noOffice := func(prov string) func(a *backend.Application) {
		return func(a *backend.Application) { moveIndividual(a, prov); a.Entity.Person.OfficePhone = "" }
	}
	runRuleCases(t, []ruleCase{
		{"beijing individual needs no contact 2", ind, noOffice("beijing"), nil, "", []string{ruleRequired}},
		{"jiangsu individual needs contact 2", ind, noOffice("jiangsu"), []string{ruleRequired}, "entity.person.officePhone", nil},
		{"beijing organisation needs contact 2", bj, func(a *backend.Application) { a.Entity.Person.OfficePhone = "" }, []string{ruleRequired}, "entity.person.officePhone", nil},
		{"guangdong organisation person aged 17 is fine", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "guangdong", "广东省深圳市南山区科技园路1号", "广东省深圳市南山区科技园路1号2栋301室"
			a.Entity.Person.IDNumber = "44030520080101002X"
		}, nil, "", []string{ruleAgeUnderMin}},
		{"guangdong organisation person aged 15 is refused", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "guangdong", "广东省深圳市南山区科技园路1号", "广东省深圳市南山区科技园路1号2栋301室"
			a.Entity.Person.IDNumber = "410102201006010038"
		}, []string{ruleAgeUnderMin}, "entity.person.idNumber", nil},
		{"guangdong individual aged 15 needs proof, not refused", ind, func(a *backend.Application) { setPersonID(a, "440305201006010031") }, nil, "", []string{ruleAgeUnderMin}},
		{"gansu enterprise: legal representative or letter", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "gansu", "甘肃省兰州市城关区庆阳路1号", "甘肃省兰州市城关区庆阳路1号5层"
			a.Entity.LegalRep = "赵强"
		}, []string{rulePersonAuthLetter}, "entity.person.name", []string{rulePersonNotLegalRep}},
		{"heilongjiang: pages disagree on the legal representative", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.LegalRep = "heilongjiang", "赵强"
		}, []string{rulePersonLegalRepDis}, "entity.person.name", []string{rulePersonNotLegalRep}},
	})
	// The example in the issue: the source line names the province item.
	app := loadExample(t)
	app.Entity.Person.OfficePhone = ""
	for _, f := range Check(app, testClock) {
		if f.Rule == ruleRequired && f.Field == "entity.person.officePhone" {
			if f.Source == nil || f.Source.Title != "各省管局要求" || f.Source.Section != "北京 · 企事业单位第 5 条" {
				t.Errorf("source = %+v", f.Source)
			}
		}
	}
}

// Class 5: names and content individuals may not run, names needing approval:
// blocked only where the province text refuses them.
func TestClassNames(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	ind := func(*testing.T) backend.Application { return individualApp() }
	shanxiOrg := func(a *backend.Application) {
		a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "shanxi", "山西省太原市小店区长风街1号", "山西省太原市小店区长风街1号3层"
	}
	runRuleCases(t, []ruleCase{
		{"hainan individual place name refused", ind, func(a *backend.Application) { moveIndividual(a, "hainan"); a.Websites[0].Name = "海口美食日记" }, []string{ruleNamePlaceProvince}, "websites.0.name", []string{ruleNameIndivPlace}},
		{"guangdong individual place name warns", ind, func(a *backend.Application) { a.Websites[0].Name = "深圳美食日记" }, []string{ruleNameIndivPlace}, "websites.0.name", []string{ruleNamePlaceProvince}},
		{"yunnan organisation place name warns", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "yunnan", "云南省昆明市五华区东风西路1号", "云南省昆明市五华区东风西路1号2层"
			a.Websites[0].Name = "昆明旅游资讯网"
		}, []string{ruleNamePlaceOrg}, "websites.0.name", nil},
		{"hebei organisation forum without approval refused", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "hebei", "河北省石家庄市长安区中山东路1号", "河北省石家庄市长安区中山东路1号6层"
			a.Websites[0].Name = "云帆技术论坛"
		}, []string{rulePreKeywordProv}, "websites.0.name", []string{rulePreKeyword}},
		{"shanxi organisation forum warns", bj, func(a *backend.Application) { shanxiOrg(a); a.Websites[0].Name = "云帆技术论坛" }, []string{rulePreKeyword}, "websites.0.name", []string{rulePreKeywordProv}},
		{"henan individual navigation site refused", ind, func(a *backend.Application) { moveIndividual(a, "henan"); a.Websites[0].Name = "晓东网址导航" }, []string{ruleNameProvinceWord}, "websites.0.name", nil},
		{"henan organisation local portal warns", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "henan", "河南省郑州市金水区花园路1号", "河南省郑州市金水区花园路1号3层"
			a.Websites[0].Name = "云帆生活门户网"
		}, []string{ruleNameLocalPortal}, "websites.0.name", nil},
		{"yunnan individual forum refused", ind, func(a *backend.Application) { moveIndividual(a, "yunnan"); a.Websites[0].Name = "晓东摄影论坛" }, []string{ruleNameProvinceWord}, "websites.0.name", nil},
	})
	// An individual's own name in the site name has no Tencent text: it warns.
	app := individualApp()
	app.Websites[0].Name = "陈晓东的摄影主页"
	if f, ok := findRule(Check(app, testClock), ruleNameIndivOwnName); !ok || f.Severity != backend.Warn {
		t.Errorf("own name: %+v %v", f, ok)
	}
}

// Class 6: MIIT-approved suffixes such as .org are in the list; Beijing's refusal stays Beijing's.
func TestClassSuffixes(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	org := func(prov string) func(a *backend.Application) {
		return func(a *backend.Application) {
			if prov != "beijing" {
				a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = prov, "山西省太原市小店区长风街1号", "山西省太原市小店区长风街1号3层"
			}
			a.Websites[0].Domains, a.Websites[0].HomeURLs = []string{"yunfan-tech.org"}, []string{"www.yunfan-tech.org"}
		}
	}
	runRuleCases(t, []ruleCase{
		{".org in Shanxi", bj, org("shanxi"), nil, "", []string{ruleDomainTLD, ruleDomainProvTLD}},
		{".org in Beijing is refused", bj, org("beijing"), []string{ruleDomainProvTLD}, "websites.0.domains.0", []string{ruleDomainTLD}},
	})
}

// D: phone numbers have a home province.
func TestLocatePhone(t *testing.T) {
	for _, tc := range []struct{ number, place, province string }{
		{"13800138000", "北京市", "beijing"},
		{"15900001111", "广东省中山市", "guangdong"},
		{"09318123456", "甘肃省兰州市", "gansu"},
		{"0931-8123456", "甘肃省兰州市", "gansu"},
		{"+86 138 0013 8000", "北京市", "beijing"},
	} {
		loc := LocatePhone(tc.number)
		if !loc.Known || loc.Place != tc.place || loc.Province != tc.province {
			t.Errorf("%s: %+v", tc.number, loc)
		}
	}
	for _, unknown := range []string{"19212345678", "", "12345"} {
		if loc := LocatePhone(unknown); loc.Known {
			t.Errorf("%q: location guessed %+v", unknown, loc)
		}
	}
}

func TestClassPhones(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	ind := func(*testing.T) backend.Application { return individualApp() }
	gansuInd := func(mobile string) func(a *backend.Application) {
		return func(a *backend.Application) {
			moveIndividual(a, "gansu")
			a.Entity.CertAddress = "甘肃省兰州市城关区庆阳路1号"
			setPersonID(a, "620102199001010038")
			a.Entity.Person.Mobile = mobile
		}
	}
	runRuleCases(t, []ruleCase{
		{"gansu individual with a Beijing mobile", ind, gansuInd("13800138000"), []string{ruleMobileProvince}, "entity.person.mobile", nil},
		{"gansu individual with a Lanzhou mobile", ind, gansuInd("13909310000"), []string{rulePhoneLocation}, "entity.person.mobile", []string{ruleMobileProvince, ruleMobileProvUnk}},
		{"gansu individual with a new number range", ind, gansuInd("19212345678"), []string{ruleMobileProvUnk, rulePhoneLocUnknown}, "entity.person.mobile", []string{ruleMobileProvince}},
		{"guangdong individual with a Beijing mobile is fine", ind, func(a *backend.Application) { a.Entity.Person.Mobile = "13800138000" }, []string{rulePhoneLocation}, "entity.person.mobile", []string{ruleMobileProvince}},
		{"landline area code in another province", bj, func(a *backend.Application) { a.Entity.Person.OfficePhone = "0931-8123456" }, []string{ruleOfficeArea}, "entity.person.officePhone", nil},
		{"shanghai individual with a Beijing mobile", ind, func(a *backend.Application) {
			moveIndividual(a, "shanghai")
			a.Entity.Person.Mobile = "13800138000"
		}, []string{ruleMobileAppSH}, "entity.person.mobile", []string{ruleMobileProvince}},
	})
	app := individualApp()
	app.Entity.Person.Mobile = "13800138000"
	f, _ := findRule(Check(app, testClock), rulePhoneLocation)
	if f.Params["location"] != "北京市" || f.Severity != backend.Info {
		t.Errorf("location finding = %+v", f)
	}
}

// The other province items, one example each.
func TestProvinceItems(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	ind := func(*testing.T) backend.Application { return individualApp() }
	at := func(prov, addr string) func(a *backend.Application) {
		return func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = prov, addr, addr+"2层"
		}
	}
	runRuleCases(t, []ruleCase{
		{"gansu government with a USCC certificate", bj, func(a *backend.Application) {
			at("gansu", "甘肃省兰州市城关区庆阳路1号")(a)
			a.Entity.Nature, a.Entity.CertType, a.Entity.CertNumber = "government", "uscc_cert", "11620000013900000X"
		}, []string{ruleCertTypeOrgcode}, "entity.certType", []string{ruleCertTypeProvince}},
		{"shandong institution names itself as investor", bj, func(a *backend.Application) {
			at("shandong", "山东省济南市历下区泉城路1号")(a)
			a.Entity.Nature, a.Entity.CertType, a.Entity.CertNumber = "institution", "uscc_cert", "12370000495570000X"
			a.Entity.Investor = a.Entity.Name
		}, []string{ruleInvestorSuperior}, "entity.investor", nil},
		{"yunnan person with a foreign permanent residence card", bj, func(a *backend.Application) {
			at("yunnan", "云南省昆明市五华区东风西路1号")(a)
			a.Entity.Person.IDType, a.Entity.Person.IDNumber = "foreign_pr", "USA110090101001"
		}, []string{ruleIDTypeProvince}, "entity.person.idType", nil},
		{"shanghai residence permit valid 2 more months", ind, func(a *backend.Application) {
			moveIndividual(a, "shanghai")
			n := permitNumber(t)
			a.Entity.CertType, a.Entity.CertNumber = "hkmo_residence_permit", n
			a.Entity.Person.IDType, a.Entity.Person.IDNumber = "hkmo_residence_permit", n
			a.Entity.Person.IDValidity = backend.IDValidity{Start: "2020-08-15", End: "2025-08-15"}
		}, []string{rulePermitMinMonths}, "entity.person.idValidity.end", nil},
		{"anhui mobile as contact 2 without 企业无座机", bj, func(a *backend.Application) {
			at("anhui", "安徽省合肥市蜀山区长江西路1号")(a)
			a.Entity.Person.OfficePhone = "13912345678"
		}, []string{ruleNoLandlineRemark}, "entity.person.officePhone", nil},
		{"anhui mobile as contact 2 with 企业无座机", bj, func(a *backend.Application) {
			at("anhui", "安徽省合肥市蜀山区长江西路1号")(a)
			a.Entity.Person.OfficePhone = "13912345678"
			a.Entity.Remark = "企业无座机"
		}, nil, "", []string{ruleNoLandlineRemark}},
		{"guangdong hospital remark", bj, func(a *backend.Application) {
			at("guangdong", "广东省广州市越秀区中山二路1号")(a)
			a.Entity.Nature, a.Entity.CertType = "medical", "medical_licence"
		}, []string{ruleProvNote}, "", nil},
		{"henan individual 其他 without remark", ind, func(a *backend.Application) {
			moveIndividual(a, "henan")
			a.Websites[0].ServiceContent, a.Websites[0].Remark = []string{"other"}, ""
		}, []string{ruleServiceOtherProv}, "websites.0.remark", []string{ruleServiceOther}},
		{"shandong statement present", ind, func(a *backend.Application) {
			moveIndividual(a, "shandong")
			a.Websites[0].Remark = "记录个人摄影作品。" + PersonalStatement
		}, nil, "", []string{ruleRemarkStatement}},
	})
}

// Every registered rule has a source; only confirmed rules may block, and a
// rule whose source is unconfirmed never blocks at run time.
func TestRuleSources(t *testing.T) {
	for _, r := range All() {
		if !r.HasSource {
			t.Errorf("rule %s has no source in assets/data/sources", r.ID)
			continue
		}
		if r.Severity == backend.Block && !r.Source.Confirmed() {
			t.Errorf("rule %s blocks on an unconfirmed source %+v", r.ID, r.Source)
		}
	}
	r := Rule{ID: "x", Severity: backend.Block, HasSource: true, Source: assets.Source{Confidence: assets.Unconfirmed}}
	if r.Effective() != backend.Warn {
		t.Error("an unconfirmed blocking rule must only warn")
	}
	if (Rule{Severity: backend.Block}).Effective() != backend.Warn {
		t.Error("a rule without a source must only warn")
	}
	r.Source.Confidence = assets.Confirmed
	if r.Effective() != backend.Block {
		t.Error("a confirmed blocking rule blocks")
	}
	// Findings carry the source for the UI.
	for _, f := range Check(loadExample(t), testClock) {
		if f.Source == nil || f.Source.Doc == "" || f.Source.Section == "" {
			t.Errorf("finding %s without source", f.Rule)
		}
	}
}

// Every ref in the province tables names a flag that is set, a registered
// rule or an extra of that province.
func TestProvinceRefs(t *testing.T) {
	d := assets.MustRules()
	fields := map[string]bool{}
	for _, f := range provinceFlagNames() {
		fields[f] = true
	}
	for _, p := range mustProvinces() {
		for name, r := range map[string]assets.ProvinceRules{"individual": d.Province(p.Key, true), "organisation": d.Province(p.Key, false)} {
			for flag := range r.Refs {
				switch {
				case strings.HasPrefix(flag, "extra:"):
					ok := false
					for _, x := range r.Extra {
						ok = ok || x.Key == strings.TrimPrefix(flag, "extra:")
					}
					if !ok {
						t.Errorf("%s %s: ref %s names no extra", p.Key, name, flag)
					}
				case strings.Contains(flag, "."):
					if _, ok := Lookup(flag); !ok {
						t.Errorf("%s %s: ref %s is no rule", p.Key, name, flag)
					}
				case !fields[flag]:
					t.Errorf("%s %s: ref %s is no flag", p.Key, name, flag)
				}
			}
		}
	}
}

// assets/data/provinces.json (used by the photo slots and the checklist)
// keeps the same filing-rule fields as the per-nature province tables.
func TestProvincesJSONAgrees(t *testing.T) {
	d := assets.MustRules()
	for _, p := range mustProvinces() {
		i, o := d.Province(p.Key, true), d.Province(p.Key, false)
		person := map[string]string{"legal_rep": "legal_rep", "legal_rep_disputed": "legal_rep", "auth_letter": "auth_letter"}[o.EntityPerson]
		if person == "" {
			person = "any"
		}
		letter := o.EntityPerson == "auth_letter" || o.EntityPerson == "legal_rep_disputed"
		certFrom := max(i.DomainCertificateFrom, o.DomainCertificateFrom)
		if p.EntityPerson != person || p.EntityPersonAuthLetter != letter || p.WebsitePersonAuthLetter != o.WebsitePersonAuthLetter ||
			p.ResidenceProofIndividual != (i.LocalID == "residence_proof") || p.DomainCertificateFrom != certFrom ||
			p.FingerprintIndividual != i.Fingerprint || p.ChecklistRegistrarNote != (o.ChecklistRegistrarNote || i.ChecklistRegistrarNote) {
			t.Errorf("%s: provinces.json %+v disagrees with rules_provinces.json", p.Key, p)
		}
	}
}

func TestCheckIDPhoneLocation(t *testing.T) {
	fs := CheckID("mobile", "15900001111", testClock)
	if f, ok := findRule(fs, rulePhoneLocation); !ok || f.Params["location"] != "广东省中山市" {
		t.Errorf("mobile: %+v", fs)
	}
	fs = CheckID("landline", "0931-8123456", testClock)
	if f, ok := findRule(fs, rulePhoneLocation); !ok || f.Params["location"] != "甘肃省兰州市" {
		t.Errorf("landline: %+v", fs)
	}
	if _, ok := findRule(CheckID("mobile", "19212345678", testClock), rulePhoneLocUnknown); !ok {
		t.Error("unknown range not said")
	}
	if got := sourceTitle("GB 11643-1999 公民身份号码"); got != "GB 11643-1999 公民身份号码" {
		t.Errorf("title of a standard = %q", got)
	}
}
