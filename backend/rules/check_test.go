package rules

import (
	"slices"
	"strings"
	"testing"

	"icpdesk/backend"
)

func bp(b bool) *bool { return &b }

// individualApp is a Guangdong individual filing one personal site, clean on its own.
func individualApp() backend.Application {
	p := backend.Person{
		Name: "陈晓东", IDType: "idcard", IDNumber: "44030519920815211X",
		IDValidity: backend.IDValidity{Start: "2015-08-01", End: "2035-08-01"},
		Mobile:     "13712345678", Email: "chenxd@example.com",
	}
	return backend.Application{
		Version: 1, Type: backend.TypeFirst,
		Answers: backend.Answers{EntityFiled: bp(false), DomainFiled: bp(false), DomainOtherEntity: bp(false)},
		Entity: backend.Entity{
			Province: "guangdong", City: "深圳市", District: "南山区", Nature: "individual",
			CertType: "idcard", CertNumber: "44030519920815211X", Name: "陈晓东",
			CertAddress: "广东省深圳市南山区科技园路1号", Address: "广东省深圳市南山区科技园路1号2栋301室",
			Person: p,
		},
		Websites: []backend.Website{{
			ID: "w1", Name: "晓东摄影笔记", Domains: []string{"xiaodongfoto.cn"}, HomeURLs: []string{"www.xiaodongfoto.cn"},
			CloudService: "lighthouse", IP: "43.138.20.5", ServiceContent: []string{"blog"}, Languages: []string{"zh-CN"},
			NoPreApproval: true, SameAsEntity: true, Remark: "记录个人摄影作品与拍摄心得，不涉及经营性内容。",
		}},
	}
}

func TestIndividualApplicationClean(t *testing.T) {
	for _, f := range Check(individualApp(), testClock) {
		if f.Severity != backend.Info {
			t.Errorf("individual example: unexpected %s %s on %s %v", f.Severity, f.Rule, f.Field, f.Params)
		}
	}
}

// moveIndividual sets the province and, for local-ID provinces, leaves the Guangdong ID.
func moveIndividual(a *backend.Application, prov string) {
	a.Entity.Province = prov
	if p, ok := provinceName(prov); ok {
		short := provinceShort(p)
		a.Entity.Address = strings.Replace(a.Entity.Address, "广东", short, 1)
	}
}

func setPersonID(a *backend.Application, id string) {
	a.Entity.Person.IDNumber = id
	a.Entity.CertNumber = id
}

func TestCheckRules(t *testing.T) {
	bj := func(t *testing.T) backend.Application { return loadExample(t) }
	ind := func(*testing.T) backend.Application { return individualApp() }
	long := strings.Repeat("很长的地址", 30)
	cases := []ruleCase{
		// Entity
		{"entity name empty", bj, func(a *backend.Application) { a.Entity.Name = " " }, []string{ruleRequired}, "entity.name", nil},
		{"address too long", bj, func(a *backend.Application) { a.Entity.Address = "北京市" + long + "1号" }, []string{ruleTooLong}, "entity.address", nil},
		{"unknown province", bj, func(a *backend.Application) { a.Entity.Province = "hongkong" }, []string{ruleProvinceUnknown}, "entity.province", nil},
		{"unknown nature", bj, func(a *backend.Application) { a.Entity.Nature = "company" }, []string{ruleNatureUnknown}, "entity.nature", nil},
		{"unknown cert type", bj, func(a *backend.Application) { a.Entity.CertType = "licence" }, []string{ruleCertTypeUnknown}, "entity.certType", nil},
		{"enterprise with org-code certificate", bj, func(a *backend.Application) { a.Entity.CertType = "orgcode_cert" }, []string{ruleCertTypeNature}, "entity.certType", nil},
		{"gansu enterprise must use business licence", bj, func(a *backend.Application) { a.Entity.Province = "gansu"; a.Entity.CertType = "uscc_cert" }, []string{ruleCertTypeProvince}, "entity.certType", nil},
		{"beijing refuses 15-digit registration number", bj, func(a *backend.Application) { a.Entity.CertNumber = "110108000000016" }, []string{ruleCertNumUSCCOnly, ruleUSCCRegNo}, "entity.certNumber", nil},
		{"hebei accepts 15-digit registration number", bj, func(a *backend.Application) { a.Entity.Province = "hebei"; a.Entity.CertNumber = "110108000000016" }, []string{ruleUSCCRegNo}, "entity.certNumber", []string{ruleCertNumUSCCOnly}},
		{"USCC typed for an org-code certificate", bj, func(a *backend.Application) { a.Entity.Nature = "government"; a.Entity.CertType = "orgcode_cert" }, []string{ruleCertNumIsUSCC}, "entity.certNumber", nil},
		{"org code certificate, real org code", bj, func(a *backend.Application) {
			a.Entity.Nature = "government"
			a.Entity.CertType = "orgcode_cert"
			a.Entity.CertNumber = "60003734-1"
		}, nil, "", []string{ruleCertNumIsUSCC, ruleOrgCheck, ruleOrgFormat}},
		{"USCC typo before the certificate type is chosen", bj, func(a *backend.Application) {
			a.Entity.CertType, a.Entity.CertNumber = "", "91110000600037341M"
		}, []string{ruleUSCCCheck}, "entity.certNumber", nil},
		{"resident ID before the certificate type is chosen", bj, func(a *backend.Application) {
			a.Entity.Nature, a.Entity.CertType, a.Entity.CertNumber = "", "", "110105198511204021"
		}, nil, "", []string{ruleUSCCCheck, ruleUSCCLength, ruleIDCheck}},
		{"resident ID with a wrong check digit before nature and type", bj, func(a *backend.Application) {
			a.Entity.Nature, a.Entity.CertType, a.Entity.CertNumber = "", "", "110105198511204022"
		}, []string{ruleIDCheck}, "entity.certNumber", []string{ruleUSCCCheck, ruleUSCCOrgCode, ruleUSCCCategory, ruleUSCCAuth}},
		{"resident ID typed for an enterprise", bj, func(a *backend.Application) {
			a.Entity.CertType, a.Entity.CertNumber = "", "110105198511204022"
		}, []string{ruleCertNumPersonID}, "entity.certNumber", []string{ruleUSCCCheck, ruleUSCCOrgCode, ruleUSCCCategory, ruleUSCCAuth}},
		{"individual: wrong check digit in the entity certificate", ind, func(a *backend.Application) {
			a.Entity.CertNumber = "44030519920815211Y"
		}, []string{ruleIDFormat}, "entity.certNumber", nil},
		{"individual: the entity certificate is checked like the person's", ind, func(a *backend.Application) {
			a.Entity.CertNumber, a.Entity.Person.IDNumber = "440305199208152112", "440305199208152112"
		}, []string{ruleIDCheck}, "entity.certNumber", []string{ruleUSCCCheck}},
		{"social organisation with a company USCC", bj, func(a *backend.Application) { a.Entity.Nature = "social_org"; a.Entity.CertType = "uscc_cert" }, []string{ruleCertNumNature}, "entity.certNumber", nil},
		{"Beijing USCC filed in Shanghai", bj, func(a *backend.Application) { a.Entity.Province = "shanghai" }, []string{ruleCertProvince}, "entity.province", nil},
		{"individual entity name differs", ind, func(a *backend.Application) { a.Entity.Name = "陈晓东工作室" }, []string{ruleNamePerson}, "entity.name", nil},
		{"half-width brackets", bj, func(a *backend.Application) { a.Entity.Name = "北京云帆科技有限公司(海淀)" }, []string{ruleNameBrackets}, "entity.name", nil},
		{"full-width brackets fine", bj, func(a *backend.Application) { a.Entity.Name = "北京云帆科技有限公司（海淀）" }, nil, "", []string{ruleNameBrackets}},
		{"spaces in name", bj, func(a *backend.Application) { a.Entity.Name = "北京云帆 科技有限公司" }, []string{ruleNameSpaces}, "entity.name", nil},
		{"latin organisation name", bj, func(a *backend.Application) { a.Entity.Name = "Yunfan Tech Co., Ltd." }, []string{ruleNameNotChinese}, "entity.name", nil},
		{"certificate address in Shanghai", bj, func(a *backend.Application) { a.Entity.CertAddress = "上海市浦东新区世纪大道100号" }, []string{ruleCertAddrProvince}, "entity.certAddress", nil},
		{"address in Tianjin", bj, func(a *backend.Application) { a.Entity.Address = "天津市和平区南京路100号" }, []string{ruleAddrProvince}, "entity.address", nil},
		{"address without province", bj, func(a *backend.Application) { a.Entity.Address = "海淀区中关村大街27号1101室" }, []string{ruleAddrNoProvince}, "entity.address", nil},
		{"address without house number", bj, func(a *backend.Application) { a.Entity.Address = "北京市海淀区中关村大街" }, []string{ruleAddrHouseNumber}, "entity.address", nil},
		{"beijing refuses 1-2-3 shorthand", bj, func(a *backend.Application) { a.Entity.Address = "北京市海淀区中关村大街27号院1-2-3" }, []string{ruleAddrShorthandProv}, "entity.address", []string{ruleAddrShorthand}},
		{"address 1-2-3 shorthand elsewhere", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "shanxi", "山西省太原市小店区长风街1号", "山西省太原市小店区长风街1号院1-2-3"
		}, []string{ruleAddrShorthand}, "entity.address", []string{ruleAddrShorthandProv}},
		{"jilin investor must be the entity", bj, func(a *backend.Application) { a.Entity.Province = "jilin" }, []string{ruleInvestorProvince}, "entity.investor", nil},
		{"jilin investor is the entity", bj, func(a *backend.Application) { a.Entity.Province = "jilin"; a.Entity.Investor = a.Entity.Name }, nil, "", []string{ruleInvestorProvince}},
		{"tianjin person must be legal rep", bj, func(a *backend.Application) { a.Entity.Province = "tianjin"; a.Entity.LegalRep = "赵强" }, []string{rulePersonNotLegalRep}, "entity.person.name", nil},
		{"beijing person may be someone else", bj, func(a *backend.Application) { a.Entity.LegalRep = "赵强" }, nil, "", []string{rulePersonNotLegalRep, rulePersonAuthLetter}},
		{"jilin person needs authorisation letter", bj, func(a *backend.Application) { a.Entity.Province = "jilin"; a.Entity.LegalRep = "赵强" }, []string{rulePersonAuthLetter}, "entity.person.name", nil},
		{"individual cert is not own ID", ind, func(a *backend.Application) { a.Entity.CertNumber = "110105198511204021" }, []string{rulePersonIDMismatch}, "entity.certNumber", nil},
		{"hebei foreign legal rep in charge himself", bj, func(a *backend.Application) {
			a.Entity.Province = "hebei"
			a.Entity.Person.IDType = "passport"
			a.Entity.Person.IDNumber = "X4512378"
		}, []string{rulePersonForeignInCharge}, "entity.person.idType", nil},
		{"hebei person with a Chinese passport", bj, func(a *backend.Application) {
			a.Entity.Province = "hebei"
			a.Entity.Person.IDType = "passport"
			a.Entity.Person.IDNumber = "E12345678"
		}, nil, "", []string{rulePersonForeignInCharge, rulePersonForeignAuth}},
		{"henan individual with Guangdong ID", ind, func(a *backend.Application) { moveIndividual(a, "henan") }, []string{rulePersonIDProvince}, "entity.certAddress", nil},
		{"henan individual with Henan ID", ind, func(a *backend.Application) {
			moveIndividual(a, "henan")
			setPersonID(a, "410102199001010055")
			a.Entity.CertAddress = "河南省郑州市中原区建设路1号"
		}, nil, "", []string{rulePersonIDProvince, rulePersonIDNumberOther}},
		{"zhejiang individual with Guangdong ID", ind, func(a *backend.Application) { moveIndividual(a, "zhejiang") }, []string{rulePersonResidence}, "entity.certAddress", nil},
		{"guangdong individual with a Beijing certificate address", ind, func(a *backend.Application) { a.Entity.CertAddress = "北京市朝阳区建国路1号" }, []string{rulePersonIDOther}, "entity.certAddress", nil},
		{"guangdong individual, Beijing-born ID, Guangdong address", ind, func(a *backend.Application) { setPersonID(a, "110105198511204021") }, nil, "", []string{rulePersonIDOther, rulePersonIDNumberOther, rulePersonIDProvince}},
		{"individual ID from elsewhere, address without province", ind, func(a *backend.Application) {
			setPersonID(a, "110105198511204021")
			a.Entity.CertAddress = "深圳市南山区科技园路1号"
		}, []string{rulePersonIDNumberOther}, "entity.person.idNumber", nil},
		// Persons
		{"unknown ID type", bj, func(a *backend.Application) { a.Entity.Person.IDType = "driving_licence" }, []string{ruleIDTypeUnknown}, "entity.person.idType", nil},
		{"officer card for entity person", bj, func(a *backend.Application) { a.Entity.Person.IDType = "officer_card" }, []string{ruleIDTypeNotAllowed}, "entity.person.idType", nil},
		{"officer card for website person", bj, func(a *backend.Application) {
			a.Websites[1].Person.IDType = "officer_card"
			a.Websites[1].Person.IDNumber = "军字第2018001号"
		}, nil, "", []string{ruleIDTypeNotAllowed}},
		{"invalid ID number on person", bj, func(a *backend.Application) { a.Entity.Person.IDNumber = "110105198511204022" }, []string{ruleIDCheck}, "entity.person.idNumber", nil},
		{"tianjin person aged 15", bj, func(a *backend.Application) {
			a.Entity.Province, a.Entity.Person.IDNumber = "tianjin", "410102201006010038"
		}, []string{ruleAgeUnderMin}, "entity.person.idNumber", nil},
		{"guangdong individual aged 17", ind, func(a *backend.Application) { setPersonID(a, "44030520080101002X") }, []string{ruleAgeProof}, "entity.person.idNumber", []string{ruleAgeUnderMin}},
		{"beijing person aged 15", bj, func(a *backend.Application) { a.Entity.Person.IDNumber = "410102201006010038" }, []string{ruleAgeMinor}, "entity.person.idNumber", nil},
		{"validity end missing", bj, func(a *backend.Application) { a.Entity.Person.IDValidity.End = "" }, []string{ruleValidityMissing}, "entity.person.idValidity.end", nil},
		{"validity long-term", bj, func(a *backend.Application) {
			a.Entity.Person.IDValidity = backend.IDValidity{Start: "2010-01-01", LongTerm: true}
		}, nil, "", []string{ruleValidityMissing}},
		{"validity bad date", bj, func(a *backend.Application) { a.Entity.Person.IDValidity.End = "2030-02-30" }, []string{ruleValidityFormat}, "entity.person.idValidity.end", nil},
		{"validity ends before start", bj, func(a *backend.Application) {
			a.Entity.Person.IDValidity = backend.IDValidity{Start: "2020-01-01", End: "2019-01-01"}
		}, []string{ruleValidityOrder}, "entity.person.idValidity.end", nil},
		{"validity starts later", bj, func(a *backend.Application) {
			a.Entity.Person.IDValidity = backend.IDValidity{Start: "2026-01-01", End: "2046-01-01"}
		}, []string{ruleValidityNotStart}, "entity.person.idValidity.start", nil},
		{"ID expired", bj, func(a *backend.Application) { a.Entity.Person.IDValidity.End = "2025-01-01" }, []string{ruleValidityExpired}, "entity.person.idValidity.end", nil},
		{"ID expires in 6 weeks", bj, func(a *backend.Application) { a.Entity.Person.IDValidity.End = "2025-08-01" }, []string{ruleValidityExpiring}, "entity.person.idValidity.end", nil},
		{"ID expires in 4 months", bj, func(a *backend.Application) { a.Entity.Person.IDValidity.End = "2025-10-16" }, nil, "", []string{ruleValidityExpiring}},
		{"bad mobile", bj, func(a *backend.Application) { a.Entity.Person.Mobile = "1380013800" }, []string{ruleMobile}, "entity.person.mobile", nil},
		{"bad e-mail", bj, func(a *backend.Application) { a.Entity.Person.Email = "liming@" }, []string{ruleEmail}, "entity.person.email", nil},
		{"office phone without area code", bj, func(a *backend.Application) { a.Entity.Person.OfficePhone = "62345678" }, []string{ruleLandlineArea}, "entity.person.officePhone", nil},
		{"office phone missing for organisation", bj, func(a *backend.Application) { a.Entity.Person.OfficePhone = "" }, []string{ruleRequired}, "entity.person.officePhone", nil},
		{"beijing office phone = mobile", bj, func(a *backend.Application) { a.Entity.Person.OfficePhone = "138 0013 8000" }, []string{ruleOfficeSameProv}, "entity.person.officePhone", []string{ruleOfficeSameMobile}},
		{"shanxi office phone = mobile", bj, func(a *backend.Application) {
			a.Entity.Province = "shanxi"
			a.Entity.Person.OfficePhone = "138 0013 8000"
		}, []string{ruleOfficeSameMobile}, "entity.person.officePhone", []string{ruleOfficeSameProv}},
		{"jiangsu organisation with a mobile as contact 2", bj, func(a *backend.Application) {
			a.Entity.Province = "jiangsu"
			a.Entity.Person.OfficePhone = "13912345678"
		}, []string{ruleOfficeLandline}, "entity.person.officePhone", nil},
		{"gansu mobile as contact 2 needs remark", bj, func(a *backend.Application) { a.Entity.Province = "gansu"; a.Entity.Person.OfficePhone = "13912345678" }, []string{ruleOfficeRemark}, "entity.person.officePhone", nil},
		{"emergency = mobile", bj, func(a *backend.Application) { a.Entity.Person.EmergencyPhone = "13800138000" }, []string{ruleEmergencyDup}, "entity.person.emergencyPhone", nil},
		{"emergency distinct", bj, func(a *backend.Application) { a.Entity.Person.EmergencyPhone = "13600001111" }, nil, "", []string{ruleEmergencyDup}},
		{"heilongjiang needs emergency phone", bj, func(a *backend.Application) { a.Entity.Province = "heilongjiang" }, []string{ruleRequired}, "entity.person.emergencyPhone", nil},
		{"website person shares entity mobile", bj, func(a *backend.Application) { a.Websites[1].Person.Mobile = "13800138000" }, []string{ruleSharedContact}, "websites.1.person", nil},
		{"beijing website person shares entity e-mail", bj, func(a *backend.Application) { a.Websites[1].Person.Email = "LiMing@yunfan-tech.cn" }, []string{ruleSharedEmail}, "websites.1.person.email", []string{ruleSharedContact}},
		{"shanxi website person shares entity e-mail", bj, func(a *backend.Application) {
			a.Entity.Province = "shanxi"
			a.Websites[1].Person.Email = "LiMing@yunfan-tech.cn"
		}, []string{ruleSharedContact}, "websites.1.person", []string{ruleSharedEmail}},
		// Websites
		{"no website", bj, func(a *backend.Application) { a.Websites = nil }, []string{ruleWebsitesNone}, "websites", nil},
		{"individual with two websites", ind, func(a *backend.Application) {
			w := a.Websites[0]
			w.ID, w.Name, w.Domains, w.HomeURLs = "w2", "晓东旅行随笔", []string{"xiaodongtrip.cn"}, nil
			a.Websites = append(a.Websites, w)
		}, []string{ruleWebsitesTooMany}, "websites", nil},
		{"hubei one website per order", bj, func(a *backend.Application) { a.Entity.Province = "hubei" }, []string{ruleWebsitesTooMany}, "websites", nil},
		{"henan organisation with 6 domains", bj, func(a *backend.Application) {
			a.Entity.Province = "henan"
			for i, d := range []string{"yf1.cn", "yf2.cn", "yf3.cn", "yf4.cn"} {
				w := a.Websites[1]
				w.ID, w.Name, w.Domains, w.HomeURLs = "w"+d, "云帆文档镜像站"+[]string{"一", "二", "三", "四"}[i], []string{d}, nil
				a.Websites = append(a.Websites, w)
			}
		}, []string{ruleDomainsOrderMax}, "websites", nil},
		{"name two Chinese characters", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆" }, []string{ruleNameFewChinese}, "websites.0.name", nil},
		{"name digits", bj, func(a *backend.Application) { a.Websites[0].Name = "12345" }, []string{ruleNameDigits}, "websites.0.name", nil},
		{"name latin", bj, func(a *backend.Application) { a.Websites[0].Name = "Yunfan Docs" }, []string{ruleNameLatin}, "websites.0.name", nil},
		{"name symbol", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆科技★官网" }, []string{ruleNameSymbols}, "websites.0.name", nil},
		{"name is the domain", bj, func(a *backend.Application) { a.Websites[0].Name = "yunfan-tech.cn" }, []string{ruleNameIsDomain}, "websites.0.name", nil},
		{"name leading 中国", bj, func(a *backend.Application) { a.Websites[0].Name = "中国云帆科技网" }, []string{ruleNameLeading}, "websites.0.name", nil},
		{"government name leading 国家", bj, func(a *backend.Application) {
			a.Entity.Nature, a.Entity.CertType, a.Entity.CertNumber = "government", "orgcode_cert", "60003734-1"
			a.Websites[0].Name = "国家标准信息公开网"
		}, []string{ruleNameLeadingGov}, "websites.0.name", []string{ruleNameLeading}},
		{"name contains 中国", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆中国科技网" }, []string{ruleNameContains}, "websites.0.name", nil},
		{"name sensitive", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆赌博游戏网" }, []string{ruleNameSensitive}, "websites.0.name", nil},
		{"name sensitive heuristic", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆游戏外挂站" }, []string{ruleNameSensitiveHeur}, "websites.0.name", nil},
		{"henan refuses 中华", bj, func(a *backend.Application) {
			a.Entity.Province = "henan"
			a.Websites[0].Name = "云帆中华文化网"
		}, []string{ruleNameProvinceWord}, "websites.0.name", nil},
		{"individual company word", ind, func(a *backend.Application) { a.Websites[0].Name = "晓东摄影公司" }, []string{ruleNameIndivWord}, "websites.0.name", nil},
		{"individual commercial word", ind, func(a *backend.Application) { a.Websites[0].Name = "二手相机买卖站" }, []string{ruleNameIndivCommerce}, "websites.0.name", nil},
		{"individual studio word", ind, func(a *backend.Application) { a.Websites[0].Name = "晓东摄影工作室" }, []string{ruleNameIndivHeur}, "websites.0.name", nil},
		{"individual bare personal blog", ind, func(a *backend.Application) { a.Websites[0].Name = "个人博客" }, []string{ruleNameIndivBare}, "websites.0.name", nil},
		{"individual own name", ind, func(a *backend.Application) { a.Websites[0].Name = "陈晓东的主页" }, []string{ruleNameIndivOwnName}, "websites.0.name", nil},
		{"individual place name", ind, func(a *backend.Application) { a.Websites[0].Name = "深圳美食日记" }, []string{ruleNameIndivPlace}, "websites.0.name", nil},
		{"duplicate site names", bj, func(a *backend.Application) { a.Websites[1].Name = a.Websites[0].Name }, []string{ruleNameDuplicate}, "websites.1.name", nil},
		{"beijing refuses a news keyword without approval", bj, func(a *backend.Application) { a.Websites[0].Name = "云帆行业新闻资讯网" }, []string{rulePreKeywordProv}, "websites.0.name", []string{rulePreKeyword}},
		{"news keyword elsewhere only warns", bj, func(a *backend.Application) {
			a.Entity.Province = "shanxi"
			a.Websites[0].Name = "云帆行业新闻资讯网"
		}, []string{rulePreKeyword}, "websites.0.name", []string{rulePreKeywordProv}},
		{"news keyword with approval", bj, func(a *backend.Application) {
			a.Websites[0].Name = "云帆行业新闻资讯网"
			a.Websites[0].NoPreApproval = false
			a.Websites[0].PreApprovals = []backend.PreApproval{{Kind: "news", Number: "京新闻许字2025001号"}}
		}, []string{rulePreDocument}, "websites.0.preApprovals.0", []string{rulePreKeyword, rulePreNumber}},
		{"individual with pre-approval", ind, func(a *backend.Application) {
			a.Websites[0].NoPreApproval = false
			a.Websites[0].PreApprovals = []backend.PreApproval{{Kind: "news", Number: "x"}}
		}, []string{rulePreIndividual}, "websites.0.preApprovals.0.kind", nil},
		{"individual film keyword", ind, func(a *backend.Application) { a.Websites[0].Name = "晓东电影评论随笔" }, []string{rulePreIndivKeyword}, "websites.0.name", nil},
		{"pre-approval unanswered", bj, func(a *backend.Application) { a.Websites[0].NoPreApproval = false }, []string{rulePreUnanswered}, "websites.0.preApprovals", nil},
		{"pre-approval conflict", bj, func(a *backend.Application) {
			a.Websites[0].PreApprovals = []backend.PreApproval{{Kind: "news", Number: "1"}}
		}, []string{rulePreConflict}, "websites.0.preApprovals", nil},
		{"pre-approval unknown kind", bj, func(a *backend.Application) {
			a.Websites[0].NoPreApproval = false
			a.Websites[0].PreApprovals = []backend.PreApproval{{Kind: "weapons", Number: "1"}}
		}, []string{rulePreKindUnknown}, "websites.0.preApprovals.0.kind", nil},
		{"pre-approval without number", bj, func(a *backend.Application) {
			a.Websites[0].NoPreApproval = false
			a.Websites[0].PreApprovals = []backend.PreApproval{{Kind: "finance"}}
		}, []string{rulePreNumber}, "websites.0.preApprovals.0.number", nil},
		{"domain twice across websites", bj, func(a *backend.Application) { a.Websites[1].Domains = []string{"www.yunfan-tech.cn"} }, []string{ruleDomainDuplicate}, "websites.1.domains.0", nil},
		{"bad domain on website", bj, func(a *backend.Application) { a.Websites[0].Domains = []string{"http://yunfan-tech.cn/"} }, []string{ruleDomainURL}, "websites.0.domains.0", nil},
		{"empty domain list", bj, func(a *backend.Application) { a.Websites[0].Domains = []string{""} }, []string{ruleRequired}, "websites.0.domains.0", nil},
		{"henan two domains on a site", bj, func(a *backend.Application) {
			a.Entity.Province = "henan"
			a.Websites[0].Domains = []string{"yunfan-tech.cn", "yunfantech.com"}
		}, []string{ruleDomainsPerSite}, "websites.0.domains", nil},
		{"beijing two domains on a site", bj, func(a *backend.Application) { a.Websites[0].Domains = []string{"yunfan-tech.cn", "yunfantech.com"} }, []string{ruleDomainsStrict}, "websites.0.domains", []string{ruleDomainsPerSite}},
		{"beijing refuses .io", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"yunfan.io"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainProvTLD}, "websites.0.domains.0", nil},
		// 各省管局要求 refuses .co and ccTLDs; 省管局要求相关 (北京用户可以备案什么域名？) accepts .co/.cc/.tv.
		{"beijing .co: pages disagree", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"yunfan.co"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainTLDDisputed}, "websites.0.domains.0", []string{ruleDomainProvTLD}},
		{"beijing .tv: pages disagree", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"yunfan.tv"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainTLDDisputed}, "websites.0.domains.0", []string{ruleDomainProvTLD}},
		{"beijing .info: pages disagree", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"yunfan.info"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainTLDDisputed}, "websites.0.domains.0", []string{ruleDomainProvTLD}},
		{"beijing domain with 中国", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"中国云帆.com"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainLabelWord}, "websites.0.domains.0", nil},
		{"beijing .中国 suffix is no 中国 prefix", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"云帆科技.中国"}
			a.Websites[0].HomeURLs = nil
		}, nil, "", []string{ruleDomainLabelWord, ruleDomainProvTLD}},
		{"beijing national body may use 国家", bj, func(a *backend.Application) {
			a.Entity.Nature, a.Entity.CertType = "government", "orgcode_cert"
			a.Websites[0].Domains = []string{"国家数据.cn"}
			a.Websites[0].HomeURLs = nil
		}, nil, "", []string{ruleDomainLabelWord}},
		{"beijing refuses ccTLD .de", bj, func(a *backend.Application) {
			a.Websites[0].Domains = []string{"yunfan.de"}
			a.Websites[0].HomeURLs = nil
		}, []string{ruleDomainProvTLD}, "websites.0.domains.0", nil},
		{"shanghai individual .tv", ind, func(a *backend.Application) {
			moveIndividual(a, "shanghai")
			a.Websites[0].Domains, a.Websites[0].HomeURLs = []string{"xiaodong.tv"}, nil
		}, []string{ruleDomainProvTLD}, "websites.0.domains.0", nil},
		{"tianjin one home URL", bj, func(a *backend.Application) {
			a.Entity.Province = "tianjin"
			a.Websites[0].Domains = []string{"yunfan-tech.cn", "yunfantech.com"}
			a.Websites[0].HomeURLs = []string{"www.yunfan-tech.cn", "www.yunfantech.com"}
		}, []string{ruleHomeURLCount}, "websites.0.homeUrls", nil},
		{"home URL on another domain", bj, func(a *backend.Application) { a.Websites[0].HomeURLs = []string{"https://www.other-site.com/"} }, []string{ruleHomeURLDomain}, "websites.0.homeUrls.0", nil},
		{"unknown service content", bj, func(a *backend.Application) { a.Websites[0].ServiceContent = []string{"shopping"} }, []string{ruleServiceUnknown}, "websites.0.serviceContent.0", nil},
		{"service content missing", bj, func(a *backend.Application) { a.Websites[0].ServiceContent = nil }, []string{ruleRequired}, "websites.0.serviceContent", nil},
		{"其他 without remark", bj, func(a *backend.Application) { a.Websites[1].Remark = "" }, []string{ruleServiceOther}, "websites.1.remark", nil},
		{"zhejiang individual blog", ind, func(a *backend.Application) { moveIndividual(a, "zhejiang") }, []string{ruleServiceBlogNo}, "websites.0.serviceContent", nil},
		{"heilongjiang individual must pick blog", ind, func(a *backend.Application) {
			moveIndividual(a, "heilongjiang")
			a.Websites[0].ServiceContent = []string{"other"}
		}, []string{ruleServiceBlogReq}, "websites.0.serviceContent", nil},
		{"unknown language", bj, func(a *backend.Application) { a.Websites[0].Languages = []string{"klingon"} }, []string{ruleLanguageUnknown}, "websites.0.languages.0", nil},
		{"unknown cloud service", bj, func(a *backend.Application) { a.Websites[0].CloudService = "ecs" }, []string{ruleCloudUnknown}, "websites.0.cloudService", nil},
		{"bad IP", bj, func(a *backend.Application) { a.Websites[0].IP = "49.232.10" }, []string{ruleIPFormat}, "websites.0.ip", nil},
		// 通过控制台进行首次备案 asks for a public IP (公网IP), not for IPv4.
		{"public IPv6", bj, func(a *backend.Application) { a.Websites[0].IP = "2402:4e00:1013:e500::1" }, []string{ruleIPv6}, "websites.0.ip", []string{ruleIPFormat, ruleIPPrivate}},
		{"private IPv6", bj, func(a *backend.Application) { a.Websites[0].IP = "fd00::1" }, []string{ruleIPPrivate}, "websites.0.ip", []string{ruleIPFormat, ruleIPv6}},
		{"private IP", bj, func(a *backend.Application) { a.Websites[0].IP = "192.168.1.10" }, []string{ruleIPPrivate}, "websites.0.ip", nil},
		{"authorisation code instead of IP", bj, func(a *backend.Application) { a.Websites[0].CloudService, a.Websites[0].IP = "auth_code", "AB12CD34" }, nil, "", []string{ruleIPFormat}},
		{"beijing individual without remark", ind, func(a *backend.Application) { moveIndividual(a, "beijing"); a.Websites[0].Remark = "" }, []string{ruleRemarkRequired}, "websites.0.remark", nil},
		{"heilongjiang individual short remark", ind, func(a *backend.Application) {
			moveIndividual(a, "heilongjiang")
			a.Websites[0].Remark = "个人摄影作品展示"
		}, []string{ruleRemarkTooShort}, "websites.0.remark", nil},
		{"shandong individual statement", ind, func(a *backend.Application) { moveIndividual(a, "shandong") }, []string{ruleRemarkStatement}, "websites.0.remark", nil},
		{"guangdong several domains need remark", bj, func(a *backend.Application) {
			a.Entity.Province = "guangdong"
			a.Websites[0].Domains = []string{"yunfan-tech.cn", "yunfantech.com"}
		}, []string{ruleRemarkSameSite}, "websites.0.remark", nil},
		{"guangdong several domains with remark", bj, func(a *backend.Application) {
			a.Entity.Province = "guangdong"
			a.Websites[0].Domains = []string{"yunfan-tech.cn", "yunfantech.com"}
			a.Websites[0].Remark = "所有域名指向同一网站"
		}, nil, "", []string{ruleRemarkSameSite}},
		{"individual with another website person", ind, func(a *backend.Application) {
			a.Websites[0].SameAsEntity = false
			a.Websites[0].Person = loadExample(t).Websites[1].Person
		}, []string{ruleWebPersonIndiv}, "websites.0.person.name", nil},
		{"heilongjiang website person must equal entity person", bj, func(a *backend.Application) {
			a.Entity.Province = "heilongjiang"
			a.Entity.LegalRep = "赵强"
		}, []string{ruleWebPersonEqual}, "websites.1.person.name", nil},
		{"tianjin website person needs authorisation", bj, func(a *backend.Application) { a.Entity.Province = "tianjin" }, []string{ruleWebPersonAuth}, "websites.1.person.name", nil},
		// Application type
		{"type questions unanswered", bj, func(a *backend.Application) { a.Answers = backend.Answers{} }, []string{ruleTypeUnanswered}, "answers.goal", nil},
		{"filing questions unanswered", bj, func(a *backend.Application) { a.Answers = backend.Answers{Goal: GoalFile} }, []string{ruleTypeUnanswered}, "answers.entityFiled", nil},
		{"domain already filed", bj, func(a *backend.Application) { a.Answers.DomainFiled = bp(true) }, []string{ruleTypeDomainFiled}, "answers.domainFiled", nil},
		{"domain under another entity", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(false), DomainStatus: DomainOtherEntity, ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeDomainOther}, "answers.domainStatus", nil},
		{"nothing to file", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(true), DomainStatus: DomainThisEntity, DomainAtTencent: bp(true), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeNothing}, "answers.domainAtTencent", nil},
		{"one-click transfer", bj, func(a *backend.Application) {
			a.Type = backend.TypeTransferTencent
			a.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(true), DomainStatus: DomainThisEntity, DomainAtTencent: bp(false), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeTransferFirst, ruleTypeTransferSame, ruleConfirmOldData}, "type", []string{ruleTypeMismatch, ruleTypeNothing, ruleTypePassword}},
		{"new website on a record answered current", bj, func(a *backend.Application) {
			a.Type = backend.TypeAddWebsiteTencent
			a.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(true), DomainStatus: DomainNone, DataChanged: bp(false), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleConfirmRecord}, "answers.entityFiled", []string{ruleConfirmOldData, ruleTypeMismatch, ruleTypeChangeFirst}},
		{"outdated record before a new website", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalFile, EntityFiled: bp(true), EntityAtTencent: bp(true), DomainStatus: DomainNone, DataChanged: bp(true), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeChangeFirst}, "answers.dataChanged", nil},
		{"change of a filing elsewhere", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalChange, EntityAtTencent: bp(false), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeChangeElse}, "answers.entityAtTencent", nil},
		{"server change only", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalChange, EntityAtTencent: bp(true), ChangeScope: ScopeAccess, ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypeAccessOnly}, "answers.changeScope", nil},
		{"cancel a website", bj, func(a *backend.Application) {
			a.Type = backend.TypeUnknown
			a.Answers = backend.Answers{Goal: GoalCancelWebsite, EntityAtTencent: bp(true), LastWebsite: bp(false)}
		}, []string{ruleTypeNoForm}, "answers.goal", []string{ruleTypeICPMissing}},
		{"individual changes a website", ind, func(a *backend.Application) {
			a.Type = backend.TypeChangeWebsite
			a.Answers = backend.Answers{Goal: GoalChange, EntityAtTencent: bp(true), ChangeScope: ScopeWebsite, ExistingICPNumber: "粤ICP备12041916号"}
		}, []string{ruleTypeChangeWebsiteI}, "type", []string{ruleTypeMismatch}},
		{"chosen type differs", bj, func(a *backend.Application) { a.Type = backend.TypeTransfer }, []string{ruleTypeMismatch}, "type", nil},
		{"transfer", bj, func(a *backend.Application) {
			a.Type = backend.TypeTransfer
			a.Answers = backend.Answers{EntityFiled: bp(true), EntityAtTencent: bp(false), DomainUnderEntity: bp(true), ExistingICPNumber: "京ICP备12041916号"}
		}, []string{ruleTypePassword, ruleTypeTransferFirst, ruleTypeTransferSame, ruleTypeNumberRecord, ruleConfirmFiledOnline, ruleConfirmRecord, ruleConfirmShell, ruleConfirmOldData}, "type", []string{ruleTypeMismatch, ruleConfirmOffline}},
		{"filed entity without ICP number", bj, func(a *backend.Application) {
			a.Type = backend.TypeAddWebsiteOther
			a.Answers = backend.Answers{EntityFiled: bp(true), EntityAtTencent: bp(false), DomainUnderEntity: bp(false), DataChanged: bp(false)}
		}, []string{ruleTypeICPMissing}, "answers.existingIcpNumber", nil},
		{"existing ICP number from Shanghai", bj, func(a *backend.Application) {
			a.Type = backend.TypeAddWebsiteOther
			a.Answers = backend.Answers{EntityFiled: bp(true), EntityAtTencent: bp(false), DomainUnderEntity: bp(false), DataChanged: bp(false), ExistingICPNumber: "沪ICP备12345678号"}
		}, []string{ruleTypeICPProvince}, "answers.existingIcpNumber", nil},
		// Confirmations and province hints
		{"anhui domain validity", bj, func(a *backend.Application) { a.Entity.Province = "anhui" }, []string{ruleConfirmExpiry}, "websites", []string{ruleConfirmForeignReg}},
		{"tianjin local phones", bj, func(a *backend.Application) { a.Entity.Province = "tianjin" }, []string{ruleConfirmLocalPhone}, "entity.person.mobile", nil},
		{"xinjiang individual fingerprint", ind, func(a *backend.Application) { moveIndividual(a, "xinjiang"); setPersonID(a, "650102199001010033") }, []string{ruleProvFingerprint, ruleProvDocument}, "", nil},
		{"guangdong individual statement", ind, nil, []string{ruleProvStatement, ruleProvEVerify, ruleChecklistGDIndiv, ruleChecklistSignIndiv}, "", []string{ruleProvFingerprint, ruleProvRegistrar}},
		{"jiangsu domain certificate", bj, func(a *backend.Application) { a.Entity.Province = "jiangsu" }, []string{ruleProvDomainCert}, "", nil},
		{"guangdong organisation template", bj, func(a *backend.Application) { a.Entity.Province = "guangdong" }, []string{ruleChecklistGDOrg}, "", []string{ruleChecklistTemplate}},
		{"henan checklist red seal", bj, func(a *backend.Application) { a.Entity.Province = "henan" }, []string{ruleProvChecklist}, "", nil},
		{"tianjin new backdrop photo", bj, func(a *backend.Application) { a.Entity.Province = "tianjin" }, []string{ruleProvPhoto}, "", nil},
		{"beijing registrar note", bj, nil, []string{ruleProvRegistrar, ruleProvReview, ruleChecklistTemplate, ruleChecklistSign, ruleConfirmForeignReg,
			ruleConfirmHolder, ruleConfirmRealName, ruleConfirmRegistrar, ruleConfirmOffline, ruleConfirmReachable, ruleConfirmMobileUsed, ruleConfirmOpenOrder, ruleConfirmSMS, ruleConfirmServer}, "", []string{ruleProvDomainCert, ruleConfirmLocalPhone}},
	}
	runRuleCases(t, cases)
}

// ruleCase is one table test: an application (base, then mut) and the rule
// ids its findings must and must not contain.
type ruleCase struct {
	name   string
	base   func(*testing.T) backend.Application
	mut    func(a *backend.Application)
	want   []string // rule ids that must be present
	field  string   // field of want[0], when checked
	absent []string // rule ids that must not be present
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := tc.base(t)
			if tc.mut != nil {
				tc.mut(&app)
			}
			fs := Check(app, testClock)
			for i, id := range tc.want {
				if !hasRule(fs, id) {
					t.Errorf("want %s, got %v", id, ruleIDs(fs))
					continue
				}
				if i == 0 && tc.field != "" {
					ok := false
					for _, f := range fs {
						ok = ok || f.Rule == id && f.Field == tc.field
					}
					if !ok {
						t.Errorf("%s not on field %s: %+v", id, tc.field, fs)
					}
				}
			}
			for _, id := range tc.absent {
				if hasRule(fs, id) {
					t.Errorf("did not want %s", id)
				}
			}
			cover(tc.want...)
		})
	}
}

// SortFindings follows the form as assets/data/form_order.json describes it:
// the entity's remark sits above the 主体负责人 card, a website's person
// above its remark, each website after the one before, tasks last.
func TestSortFindingsFollowsTheFormOrderData(t *testing.T) {
	fields := []string{
		"", "websites.1.name", "websites.0.remark", "websites.0.person.idValidity.end", "websites.0.person.idValidity.start",
		"websites.0.preApprovals.0.number", "websites.0.icpNumber", "entity.person.name", "entity.remark", "entity.province",
		"answers.existingIcpNumber", "answers.goal", "type", "photos.x",
	}
	fs := make([]backend.Finding, len(fields))
	for i, f := range fields {
		fs[i] = backend.Finding{Field: f, Severity: backend.Warn}
	}
	SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Field)
	}
	want := []string{
		"type", "answers.goal", "answers.existingIcpNumber", "entity.province", "entity.remark", "entity.person.name",
		"websites.0.icpNumber", "websites.0.preApprovals.0.number", "websites.0.person.idValidity.start",
		"websites.0.person.idValidity.end", "websites.0.remark", "websites.1.name", "", "photos.x",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order\n got %v\nwant %v", got, want)
	}
}

// Within a field, blocking findings come first.
func TestSortFindingsBlockingFirstWithinAField(t *testing.T) {
	fs := []backend.Finding{
		{Field: "entity.name", Rule: "b", Severity: backend.Info},
		{Field: "entity.name", Rule: "a", Severity: backend.Warn},
		{Field: "entity.name", Rule: "c", Severity: backend.Block},
	}
	SortFindings(fs)
	if fs[0].Rule != "c" || fs[1].Rule != "a" || fs[2].Rule != "b" {
		t.Errorf("%+v", fs)
	}
}
