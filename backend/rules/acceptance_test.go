package rules

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"icpdesk/backend"
)

// Acceptance cases: real-shaped applications (check digits computed, real
// addresses in the filing province, phones whose home province fits) built
// from Tencent's filing documents. Each file carries, next to the application:
//
//	comment: the document (and item) that accepts or rejects it
//	expect:  reject/ only, the rule ids that must block, and nothing else
//	warn:    accept/ only, the warnings the documents justify, and nothing else
//
// testdata/accept holds filings the documents accept: none may block, and no
// warning may appear that the file does not list. testdata/reject holds filings
// that violate exactly one documented 不予通过/驳回 requirement: exactly the
// expected rules block, each with a confirmed source naming its document.
type acceptanceCase struct {
	backend.Application
	Comment string   `json:"comment"`
	Expect  []string `json:"expect"`
	Warn    []string `json:"warn"`
}

// acceptanceToday is the date the cases are checked at (ages, ID validity).
var acceptanceToday = clockAt("2026-11-30")

func loadAcceptanceCases(t *testing.T, dir string) map[string]acceptanceCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/%s (%v)", dir, err)
	}
	out := map[string]acceptanceCase{}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var c acceptanceCase
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !strings.Contains(c.Comment, ".md") && !strings.Contains(c.Comment, "各省管局要求") {
			t.Fatalf("%s: the comment must name the Tencent document that decides the case", path)
		}
		out[filepath.Base(path)] = c
	}
	return out
}

func idsOf(fs []backend.Finding, sev backend.Severity) []string {
	set := map[string]bool{}
	for _, f := range fs {
		if f.Severity == sev {
			set[f.Rule] = true
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func TestAcceptanceDocumentedFilingsPass(t *testing.T) {
	cases := loadAcceptanceCases(t, "accept")
	provinces := map[string]bool{}
	types := map[backend.ApplicationType]bool{}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fs := Check(c.Application, acceptanceToday)
			for _, f := range fs {
				if f.Severity == backend.Block {
					t.Errorf("blocked by %s on %s %v (%s)", f.Rule, f.Field, f.Params, c.Comment)
				}
			}
			// The same filing with the type left for the answers to identify.
			untyped := c.Application
			untyped.Type = backend.TypeUnknown
			for _, f := range Check(untyped, acceptanceToday) {
				if f.Severity == backend.Block {
					t.Errorf("type from the answers: blocked by %s on %s %v", f.Rule, f.Field, f.Params)
				}
			}
			want := append([]string(nil), c.Warn...)
			sort.Strings(want)
			if got := idsOf(fs, backend.Warn); !sameSet(got, want) {
				t.Errorf("warnings %v, want %v (%s)", got, want, c.Comment)
			}
		})
		provinces[c.Entity.Province] = true
		types[c.Type] = true
	}
	for _, p := range []string{"beijing", "shanghai", "guangdong", "jiangsu", "zhejiang", "henan", "hainan", "sichuan", "fujian", "hubei", "tianjin", "gansu", "xinjiang", "yunnan", "hebei"} {
		if !provinces[p] {
			t.Errorf("no accepted case in %s", p)
		}
	}
	for _, ty := range []backend.ApplicationType{backend.TypeFirst, backend.TypeAddWebsiteTencent, backend.TypeAddWebsiteOther, backend.TypeTransfer, backend.TypeChange} {
		if !types[ty] {
			t.Errorf("no accepted case of type %q", ty)
		}
	}
}

func TestAcceptanceDocumentedRejectionsBlock(t *testing.T) {
	for name, c := range loadAcceptanceCases(t, "reject") {
		t.Run(name, func(t *testing.T) {
			if len(c.Expect) == 0 {
				t.Fatal("a reject case names the rules it expects to block")
			}
			fs := Check(c.Application, acceptanceToday)
			want := append([]string(nil), c.Expect...)
			sort.Strings(want)
			if got := idsOf(fs, backend.Block); !sameSet(got, want) {
				t.Fatalf("blocking %v, want %v (%s)", got, want, c.Comment)
			}
			for _, f := range fs {
				if f.Severity != backend.Block {
					continue
				}
				if f.Source == nil || !f.Source.Confirmed || f.Source.Doc == "" || f.Source.Section == "" {
					t.Errorf("%s blocks without a confirmed source naming its section: %+v", f.Rule, f.Source)
				}
			}
			cover(c.Expect...)
		})
	}
}

// Findings found by the acceptance cases, as table tests on the example.
func TestAcceptanceFindings(t *testing.T) {
	ex := func(t *testing.T) backend.Application { return loadExample(t) }
	individual := func(a *backend.Application) {
		a.Entity.Nature, a.Entity.CertType, a.Entity.Name = "individual", "idcard", a.Entity.Person.Name
		a.Entity.CertNumber = a.Entity.Person.IDNumber
		a.Entity.Investor, a.Entity.LegalRep = "", ""
		a.Websites = a.Websites[:1]
		a.Websites[0].Name, a.Websites[0].ServiceContent = "光影摄影作品分享", []string{"other"}
	}
	remark := func(r string) func(a *backend.Application) {
		return func(a *backend.Application) { individual(a); a.Websites[0].Remark = r }
	}
	foreignRep := func(province, addr string) func(a *backend.Application) {
		return func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = province, addr, addr+"5层502室"
			a.Entity.LegalRep, a.Entity.Investor = "DAVID BROWN", "DAVID BROWN"
		}
	}
	runRuleCases(t, []ruleCase{
		// 网站信息.md asks individuals to say the site has no forum: a negated mention is no sign of one.
		{"remark saying there is no forum", ex, remark("本网站用于展示本人的摄影作品，不含企业信息，无论坛、评论等交互功能。"), nil, "", []string{rulePreRemarkKeyword, rulePreIndivKeyword, rulePreKeyword}},
		{"remark announcing a forum", ex, remark("本网站用于展示本人的摄影作品，并开设摄影论坛供网友交流。"), []string{rulePreRemarkKeyword}, "websites.0.remark", []string{rulePreIndivKeyword}},
		{"name with a forum", ex, func(a *backend.Application) { individual(a); a.Websites[0].Name = "摄影爱好者论坛" }, []string{rulePreIndivKeyword}, "websites.0.name", []string{rulePreRemarkKeyword}},
		// 各省管局要求 河北/山东 企事业单位: a foreign legal representative authorises a Chinese citizen.
		{"hebei foreign legal rep authorises", ex, foreignRep("hebei", "河北省石家庄市长安区中山东路39号"), []string{rulePersonForeignAuth}, "entity.person.name", []string{rulePersonNotLegalRep}},
		{"shandong foreign legal rep authorises", ex, foreignRep("shandong", "山东省济南市历下区泉城路180号"), []string{rulePersonForeignAuth}, "entity.person.name", []string{rulePersonNotLegalRep}},
		{"hebei chinese legal rep still required", ex, func(a *backend.Application) {
			foreignRep("hebei", "河北省石家庄市长安区中山东路39号")(a)
			a.Entity.LegalRep = "王刚"
		}, []string{rulePersonNotLegalRep}, "entity.person.name", []string{rulePersonForeignAuth}},
		// 常见驳回原因 · 网站命名规范: 不得直接以网站域名命名 — a version number is no domain.
		{"name with a version number", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆科技官网2.0" }, []string{ruleNameSymbols}, "websites.0.name", []string{ruleNameIsDomain}},
		{"name is the site's IDN domain", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆科技.com" }, []string{ruleNameIsDomain}, "websites.0.name", []string{ruleNameSymbols}},
		{"name is another domain", ex, func(a *backend.Application) { a.Websites[0].Name = "yunfan.net" }, []string{ruleNameIsDomain}, "websites.0.name", []string{ruleNameLatin}},
		// 主体信息 · 通信地址没有门牌号: note it in the remark.
		{"address without a house number", ex, func(a *backend.Application) { a.Entity.Address = "北京市海淀区中关村大街" }, []string{ruleAddrHouseNumber}, "entity.address", nil},
		{"address without a house number, noted in the remark", ex, func(a *backend.Application) {
			a.Entity.Address, a.Entity.Remark = "北京市海淀区中关村大街", "通信地址已为最详细地址。"
		}, nil, "", []string{ruleAddrHouseNumber}},
		// 北京 企事业单位第 8 条 blocks names that name a pre-approval category; 前置审批相关.md:
		// the 教育/医疗保健 pre-approvals are abolished, and 视频 alone names no category.
		{"beijing news name", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆新闻资讯网" }, []string{rulePreKeywordProv}, "websites.0.name", nil},
		{"beijing school name", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆学校官方网站" }, []string{rulePreKeyword}, "websites.0.name", []string{rulePreKeywordProv}},
		{"beijing clinic name", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆口腔诊所官网" }, []string{rulePreKeyword}, "websites.0.name", []string{rulePreKeywordProv}},
		{"beijing video conferencing", ex, func(a *backend.Application) { a.Websites[0].Name = "云帆视频会议系统" }, []string{rulePreKeyword}, "websites.0.name", []string{rulePreKeywordProv}},
		{"hebei forum still needs its approval", ex, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "hebei", "河北省石家庄市长安区中山东路39号", "河北省石家庄市长安区中山东路39号5层502室"
			a.Websites[0].Name = "云帆技术论坛"
		}, []string{rulePreKeywordProv}, "websites.0.name", nil},
		// 河南 个人第 5 条: 不允许以…人名命名; 四川 个人第 3 条: 网站名称不能是…姓名.
		{"henan name with the owner's name", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "henan", "河南省郑州市金水区花园路39号", "河南省郑州市金水区花园路39号3单元502室"
			a.Websites[0].Name = a.Entity.Person.Name + "摄影作品分享"
		}, []string{ruleNamePersonName}, "websites.0.name", []string{ruleNameIndivOwnName}},
		{"henan company name with the legal rep's name", ex, func(a *backend.Application) {
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "henan", "河南省郑州市金水区花园路39号", "河南省郑州市金水区花园路39号5层502室"
			a.Websites[0].Name = a.Entity.LegalRep + "工作室官网"
		}, []string{ruleNamePersonName}, "websites.0.name", nil},
		{"sichuan name is the owner's name", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "sichuan", "四川省成都市武侯区人民南路四段11号", "四川省成都市武侯区人民南路四段11号3单元502室"
			a.Websites[0].Name = a.Entity.Person.Name
		}, []string{ruleNamePersonName}, "websites.0.name", nil},
		{"sichuan name containing the owner's name only warns", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "sichuan", "四川省成都市武侯区人民南路四段11号", "四川省成都市武侯区人民南路四段11号3单元502室"
			a.Websites[0].Name = a.Entity.Person.Name + "摄影作品分享"
		}, []string{ruleNameIndivOwnName}, "websites.0.name", []string{ruleNamePersonName}},
		// 甘肃 个人第 1 条 (非本省个人证件不予办理) vs 云南 个人第 2 条 (外籍人士使用护照，港澳台使用港澳通行证、台胞证).
		{"gansu individual with a HK travel permit", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "gansu", "香港特别行政区九龙弥敦道100号", "甘肃省兰州市城关区东岗西路555号3单元502室"
			a.Entity.Person.IDType, a.Entity.CertType = "hkmo_permit", "hkmo_permit"
			a.Entity.Person.IDNumber, a.Entity.CertNumber = "H60123457", "H60123457"
		}, []string{rulePersonLocalDoc}, "entity.person.idType", nil},
		{"yunnan individual with a HK travel permit", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "yunnan", "香港特别行政区九龙弥敦道100号", "云南省昆明市五华区东风西路123号3单元502室"
			a.Entity.Person.IDType, a.Entity.CertType = "hkmo_permit", "hkmo_permit"
			a.Entity.Person.IDNumber, a.Entity.CertNumber = "H60123457", "H60123457"
		}, nil, "", []string{rulePersonLocalDoc, rulePersonIDProvince}},
		// 网站命名要求_intl.md: personal website names cannot be a person's name.
		{"individual site named after the owner", ex, func(a *backend.Application) { individual(a); a.Websites[0].Name = a.Entity.Person.Name }, []string{ruleNameIndivIsOwner}, "websites.0.name", []string{ruleNameIndivOwnName}},
		// 海南 个人第 4 条 (个人首次备案只允许备案一个域名) holds when the answers, not a chosen type, say 首次备案.
		{"hainan first filing identified from the answers", ex, func(a *backend.Application) {
			individual(a)
			a.Type = backend.TypeUnknown
			a.Entity.Province, a.Entity.CertAddress, a.Entity.Address = "hainan", "海南省海口市龙华区滨海大道77号", "海南省海口市龙华区滨海大道77号3单元502室"
			a.Websites[0].Domains, a.Websites[0].HomeURLs = []string{"guangying-a.cn", "guangying-b.cn"}, nil
		}, []string{ruleDomainsOrderMax}, "websites", nil},
		// A passport name is written with spaces.
		{"foreign individual's name has spaces", ex, func(a *backend.Application) {
			individual(a)
			a.Entity.Person.IDType, a.Entity.CertType = "passport", "passport"
			a.Entity.Person.IDNumber, a.Entity.CertNumber = "X4512378", "X4512378"
			a.Entity.Person.Name, a.Entity.Name = "ALEXANDER SMITH", "ALEXANDER SMITH"
		}, nil, "", []string{ruleNameSpaces}},
	})
}

func TestMentionsAny(t *testing.T) {
	words := []string{"论坛", "视频"}
	for _, tc := range []struct{ s, want string }{
		{"无论坛、评论等交互功能", ""},
		{"不含企业信息，无论坛、视频等内容", ""},
		{"本站不提供视频；开设论坛", "论坛"},
		{"分享视频教程", "视频"},
		{"没有广告。提供论坛", "论坛"},
		{"", ""},
	} {
		if got := mentionsAny(tc.s, words); got != tc.want {
			t.Errorf("mentionsAny(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
