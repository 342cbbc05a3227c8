package submit

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

var update = flag.Bool("update", false, "rewrite the golden files of the console fields")

// consoleCase is an application of one type as a clerk would have it.
func consoleCase(typ backend.ApplicationType, individual bool) backend.Application {
	a := sampleApp()
	a.Type = typ
	a.Websites[0].PreApprovals = nil
	a.Websites[1].NoPreApproval = false
	a.Websites[1].PreApprovals = []backend.PreApproval{{Kind: "news", Number: "浙新闻审〔2026〕1号"}}
	a.Websites[0].ICPNumber = "浙ICP备2020012345号-1"
	a.Websites[1].ICPNumber = "浙ICP备2020012345号-2"
	if individual {
		a.Entity.Nature, a.Entity.CertType, a.Entity.Name = "individual", "idcard", "张三"
		a.Entity.CertNumber, a.Entity.Investor, a.Entity.LegalRep = "330106199001011234", "", ""
		a.Entity.Person.OfficePhone = ""
		a.Websites = a.Websites[:1]
	}
	return a
}

func TestConsoleFieldsGolden(t *testing.T) {
	cases := []struct {
		file       string
		typ        backend.ApplicationType
		individual bool
	}{
		{"first_org", backend.TypeFirst, false},
		{"first_individual", backend.TypeFirst, true},
		{"add_website_tencent_org", backend.TypeAddWebsiteTencent, false},
		{"add_website_other_org", backend.TypeAddWebsiteOther, false},
		{"transfer_org", backend.TypeTransfer, false},
		{"transfer_individual", backend.TypeTransfer, true},
		{"transfer_tencent_org", backend.TypeTransferTencent, false},
		{"change_org", backend.TypeChange, false},
		{"change_website_org", backend.TypeChangeWebsite, false},
		{"unknown_type_org", backend.TypeUnknown, false},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			var b strings.Builder
			for _, f := range ConsoleFields(consoleCase(tc.typ, tc.individual)) {
				b.WriteString(f.Section + " | " + f.Label + " | " + f.Value + " | " + f.Path + "\n")
			}
			path := filepath.Join("testdata", "console", tc.file+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update once and read the file)", err)
			}
			if b.String() != string(want) {
				t.Errorf("console fields of %s differ from %s:\n%s", tc.file, path, b.String())
			}
		})
	}
}

// The rules a golden file could hide: each stated as the guides say it.
func TestConsoleFieldsFollowTheGuides(t *testing.T) {
	labels := func(fs []ConsoleField, section string) []string {
		var out []string
		for _, f := range fs {
			if section == "" || f.Section == section {
				out = append(out, f.Label)
			}
		}
		return out
	}
	index := func(list []string, s string) int {
		for i, x := range list {
			if x == s {
				return i
			}
		}
		return -1
	}
	org := ConsoleFields(consoleCase(backend.TypeFirst, false))
	for _, f := range org {
		if f.Source == "" {
			t.Errorf("%s / %s names no source", f.Section, f.Label)
		}
	}
	if f := findField(org, "主办单位信息", "证件住址"); !strings.HasSuffix(f.Source, "快速备案/首次备案/通过控制台进行首次备案.md") {
		t.Errorf("证件住址 source %q", f.Source)
	}
	entity := labels(org, "主办单位信息")
	// 通过控制台进行首次备案.md: 备案地域, 单位名称, 证件住址, 投资人或主管单位, 通信地址, 主体信息备注.
	order := []string{"备案地域", "单位名称", "证件住址", "投资人或主管单位", "通信地址", "主体信息备注"}
	for i := 1; i < len(order); i++ {
		if a, b := index(entity, order[i-1]), index(entity, order[i]); a < 0 || b < 0 || a > b {
			t.Errorf("主办单位信息 %v: %s should come before %s", entity, order[i-1], order[i])
		}
	}
	for _, old := range []string{"证件住所", "备案云服务", "主办单位名称"} {
		if index(labels(org, ""), old) >= 0 {
			t.Errorf("the console no longer says %s", old)
		}
	}
	if index(labels(org, "网站信息（1）"), "对应云服务") < 0 {
		t.Error("no 对应云服务")
	}

	// An individual is not asked for the same person twice.
	ind := ConsoleFields(consoleCase(backend.TypeFirst, true))
	for _, f := range ind {
		if f.Value == "张三" && f.Path != "entity.name" {
			t.Errorf("individual asked for the name again: %+v", f)
		}
		if f.Value == "330106199001011234" && f.Path != "entity.certNumber" {
			t.Errorf("individual asked for the ID number again: %+v", f)
		}
		if f.Label == "投资人或主管单位" || f.Label == "单位名称" || f.Label == "同主体负责人" || f.Label == "前置或专项审批内容类型" {
			t.Errorf("individual filing lists %s", f.Label)
		}
	}

	// A transfer names each website's existing filing number first.
	tr := ConsoleFields(consoleCase(backend.TypeTransfer, false))
	for i, want := range map[int]string{1: "浙ICP备2020012345号-1", 2: "浙ICP备2020012345号-2"} {
		ls := labels(tr, WebsiteSection(i))
		if len(ls) == 0 || ls[0] != "网站备案号" {
			t.Errorf("transfer website %d starts with %v", i, ls)
		}
		for _, f := range tr {
			if f.Section == WebsiteSection(i) && f.Label == "网站备案号" && f.Value != want {
				t.Errorf("website %d number %q", i, f.Value)
			}
		}
	}
	// 一键接入备案: the entity is on file at Tencent; each website names its filing number first.
	for _, f := range ConsoleFields(consoleCase(backend.TypeTransferTencent, false)) {
		if !strings.HasPrefix(f.Section, "网站信息") {
			t.Errorf("one-click transfer lists %s / %s", f.Section, f.Label)
		}
	}
	if ls := labels(ConsoleFields(consoleCase(backend.TypeTransferTencent, false)), WebsiteSection(1)); len(ls) == 0 || ls[0] != "网站备案号" {
		t.Errorf("one-click transfer website 1 starts with %v", ls)
	}
	if index(labels(org, ""), "网站备案号") >= 0 {
		t.Error("a first filing asks for a website filing number")
	}

	// Same as the entity person: the console does not ask the website person's fields.
	for _, f := range org {
		if f.Section == WebsiteSection(1) && strings.HasPrefix(f.Path, "websites.0.person") {
			t.Errorf("website 1 (同主体负责人) lists %s", f.Label)
		}
	}
	if f := findField(org, WebsiteSection(2), "负责人姓名"); f.Value != "李四" || f.Path != "websites.1.person.name" {
		t.Errorf("website 2 person %+v", f)
	}
	// New website at Tencent: the entity is on file, only websites are asked.
	for _, f := range ConsoleFields(consoleCase(backend.TypeAddWebsiteTencent, false)) {
		if !strings.HasPrefix(f.Section, "网站信息") {
			t.Errorf("add website (Tencent) lists %s / %s", f.Section, f.Label)
		}
	}
}

func findField(fs []ConsoleField, section, label string) ConsoleField {
	for _, f := range fs {
		if f.Section == section && f.Label == label {
			return f
		}
	}
	return ConsoleField{}
}

// Every value name in the data file resolves to something in this package.
func TestConsoleValueNamesResolve(t *testing.T) {
	cd, err := assets.Console()
	if err != nil {
		t.Fatal(err)
	}
	a := consoleCase(backend.TypeFirst, false)
	c := consoleCtx{d: assets.MustRules(), app: a, w: &a.Websites[1], wi: 1}
	special := map[string]bool{"website.domains": true, "website.homeUrls": true, "website.preApprovals": true}
	for _, s := range cd.Sections {
		for _, f := range s.Fields {
			if special[f.Value] {
				continue
			}
			if _, ok := c.scalar(f.Value); !ok {
				t.Errorf("%s/%s: value %q resolves to nothing", s.Key, f.Label, f.Value)
			}
		}
	}
}

// The console names a person's ID type as the rule data does, for every type
// a person may use (the names live in rules_entity.json only).
func TestConsoleNamesEveryPersonIDType(t *testing.T) {
	d := assets.MustRules()
	a := consoleCase(backend.TypeFirst, false)
	c := consoleCtx{d: d, app: a}
	for _, pt := range d.PersonIDTypes {
		ct, ok := d.CertType(pt.Key)
		if !ok || ct.Zh == "" {
			t.Fatalf("person ID type %q has no name in the rule data", pt.Key)
		}
		v, ok := c.person(backend.Person{IDType: pt.Key}, "entity.person", "idType")
		if !ok || v.value != ct.Zh {
			t.Errorf("%s: console value %q, want %q", pt.Key, v.value, ct.Zh)
		}
	}
}
