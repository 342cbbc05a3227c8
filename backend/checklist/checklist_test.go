package checklist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"icpdesk/backend"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs under testdata/golden")

var testClock = backend.FixedClock{T: time.Date(2025, 3, 4, 10, 0, 0, 0, backend.Shanghai)}

func app(province, nature, name, person, site string, domains ...string) backend.Application {
	a := backend.NewApplication()
	a.Entity = backend.Entity{Province: province, Nature: nature, Name: name, Person: backend.Person{Name: person, Mobile: "13800138000"}}
	a.Websites[0].Name = site
	a.Websites[0].Domains = domains
	return a
}

func longApp() backend.Application {
	a := app("jiangsu", "enterprise",
		"南京市鼓楼区"+strings.Repeat("长名称", 40)+"网络科技服务部（个体工商户）",
		"欧阳娜娜", "长长的网站名称"+strings.Repeat("很长", 30)+"官网")
	for i := range 30 {
		a.Websites[0].Domains = append(a.Websites[0].Domains, fmt.Sprintf("very-long-domain-name-number-%02d.example.com", i))
	}
	return a
}

// goldenCases are the variants rendered and compared with committed PNGs.
var goldenCases = []struct {
	name string
	app  backend.Application
	opts Options
}{
	{"standard-org", app("shanghai", "enterprise", "上海示例信息技术有限公司", "李四", "示例信息官网", "example.com", "example.cn"), Options{}},
	{"guangdong-org", app("guangdong", "enterprise", "深圳市示例科技有限公司", "王五", "示例科技", "szexample.com"), Options{}},
	{"guangdong-individual", app("guangdong", "individual", "陈小明", "陈小明", "小明的博客", "xiaoming.cn"), Options{}},
	{"fingerprint-individual", app("xinjiang", "individual", "艾力", "艾力", "艾力的摄影作品集", "aili-photo.com"), Options{}},
	{"beijing-registrar", app("beijing", "enterprise", "北京示例网络有限公司", "赵六", "示例网络", "abc.com", "fwd.cn"),
		Options{Registrars: map[string]string{"abc.com": "新网数码"}}},
	{"long-values", longApp(), Options{Draft: true}},
}

func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	p := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// renderPages renders every page at 60 dpi and returns the PNG files.
func renderPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	needTool(t, "pdftoppm")
	dir := t.TempDir()
	p := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "60", "-png", p, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Strings(pages)
	if len(pages) == 0 {
		t.Fatal("pdftoppm rendered no page")
	}
	return pages
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// diffPixels counts pixels whose any channel differs by more than 48/255.
func diffPixels(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 48<<8 || absDiff(g1, g2) > 48<<8 || absDiff(b1, b2) > 48<<8 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// inkPixels counts dark pixels, to tell a drawn form from an empty page.
func inkPixels(img image.Image) int {
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Clock = testClock
			pdf, _, err := Generate(tc.app, "w1", tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			pages := renderPages(t, pdf)
			var want []string
			for i := range pages {
				want = append(want, filepath.Join("testdata", "golden", fmt.Sprintf("%s-%d.png", tc.name, i+1)))
			}
			if *update {
				old, _ := filepath.Glob(filepath.Join("testdata", "golden", tc.name+"-*.png"))
				for _, o := range old {
					os.Remove(o)
				}
				for i, p := range pages {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(want[i], b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			committed, _ := filepath.Glob(filepath.Join("testdata", "golden", tc.name+"-*.png"))
			if len(committed) != len(pages) {
				t.Fatalf("rendered %d pages, golden has %d (run go test -run TestGolden -update to accept)", len(pages), len(committed))
			}
			for i, p := range pages {
				got, ref := decodePNG(t, p), decodePNG(t, want[i])
				if inkPixels(got) < 2000 {
					t.Errorf("page %d looks empty", i+1)
				}
				total := got.Bounds().Dx() * got.Bounds().Dy()
				if n := diffPixels(got, ref); n > total/200 {
					t.Errorf("page %d: %d of %d pixels differ from %s (limit 0.5%%)", i+1, n, total, want[i])
				}
			}
		})
	}
}

func TestFilledValuesInOrder(t *testing.T) {
	for _, tc := range goldenCases[:5] {
		t.Run(tc.name, func(t *testing.T) {
			pdf, _, err := Generate(tc.app, "w1", tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			w := tc.app.Websites[0]
			values := []string{titleText, tc.app.Entity.Name, tc.app.Entity.Person.Name, w.Name}
			values = append(values, w.Domains...)
			values = append(values, sec2Title, sec3Title, signOwner, signVerifier)
			pos := 0
			for _, v := range values {
				i := strings.Index(text[pos:], v)
				if i < 0 {
					t.Fatalf("%q missing or out of order after byte %d in:\n%s", v, pos, text)
				}
				pos += i + len(v)
			}
			if strings.Contains(text, "承认网站备案信息和核验记录真实有效") {
				t.Error("the hand-copied statement is printed; it must stay handwritten")
			}
			if strings.Contains(text, "☑") || strings.Contains(text, "✓") {
				t.Error("something is pre-ticked")
			}
		})
	}
}

func TestVariantExtras(t *testing.T) {
	tests := []struct {
		name     string
		idx      int
		want     []string
		wantNot  []string
		variant  Variant
		rules    []string
		notRules []string
	}{
		{"standard org", 0, []string{"签字：单位盖章", sealIS}, []string{"广东省", fingerprintLabel, "注册商"}, Standard,
			[]string{RuleSeal, RuleSign, RuleUnverifiedLayout}, []string{RuleHandCopy, RuleFingerprint}},
		{"guangdong org", 1, []string{"（广东省单位）", "签字：单位盖章"}, []string{handCopyTitle}, GuangdongOrg,
			[]string{RuleSeal}, []string{RuleHandCopy}},
		{"guangdong individual", 2, []string{"（广东省个人）", "网站负责人手写抄录承诺内容", noSealText}, []string{"签字：单位盖章"}, GuangdongIndividual,
			[]string{RuleHandCopy, RuleNoSeal}, []string{RuleSeal, RuleFingerprint}},
		{"fingerprint province", 3, []string{fingerprintLabel}, []string{"签字：单位盖章", handCopyTitle}, Standard,
			[]string{RuleFingerprint}, []string{RuleSeal}},
		{"beijing registrar", 4, []string{"abc.com（注册商：新网数码）", "fwd.cn（注册商：______）"}, nil, Standard,
			[]string{RuleRegistrarUnknown}, nil},
		{"self-employed jiangsu", 5, []string{"欧阳娜娜（个体工商户）", "第1页，共2页"}, nil, Standard,
			[]string{RuleSelfEmployed, RuleTooLong, RuleTooManyDomains}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goldenCases[tt.idx]
			if got := VariantFor(c.app); got != tt.variant {
				t.Errorf("VariantFor = %q, want %q", got, tt.variant)
			}
			pdf, fs, err := Generate(c.app, "w1", c.opts)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(pdfText(t, pdf)), "")
			for _, s := range tt.want {
				if !strings.Contains(flat, strings.Join(strings.Fields(s), "")) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(flat, strings.Join(strings.Fields(s), "")) {
					t.Errorf("unexpected %q", s)
				}
			}
			for _, r := range tt.rules {
				if !hasRule(fs, r) {
					t.Errorf("no finding %s in %v", r, fs)
				}
			}
			for _, r := range tt.notRules {
				if hasRule(fs, r) {
					t.Errorf("unexpected finding %s", r)
				}
			}
		})
	}
}

func hasRule(fs []backend.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func findingOf(fs []backend.Finding, rule string) (backend.Finding, bool) {
	for _, f := range fs {
		if f.Rule == rule {
			return f, true
		}
	}
	return backend.Finding{}, false
}

func TestBadDataGivesFindingsAndAGoodPDF(t *testing.T) {
	huge := strings.Repeat("很", 5000)
	tests := []struct {
		name     string
		edit     func(a *backend.Application)
		rule     string
		field    string
		severity backend.Severity
		printed  string // must appear in the text (placeholders included)
	}{
		{"missing entity name", func(a *backend.Application) { a.Entity.Name = "  " }, RuleMissingField, "entity.name", backend.Block, "网站主办者名称"},
		{"missing website name", func(a *backend.Application) { a.Websites[0].Name = "" }, RuleMissingField, "websites.0.name", backend.Block, "网站名称"},
		{"no domains", func(a *backend.Application) { a.Websites[0].Domains = []string{"", " "} }, RuleMissingField, "websites.0.domains", backend.Block, "网站域名"},
		{"own person missing", func(a *backend.Application) { a.Websites[0].SameAsEntity = false }, RuleMissingField, "websites.0.person.name", backend.Block, ""},
		{"char outside the font", func(a *backend.Application) { a.Entity.Name = "𠀀记😀小店\u0378" }, RuleGlyphMissing, "entity.name", backend.Block, "〓记〓小店〓"},
		{"huge string", func(a *backend.Application) { a.Entity.Name = huge }, RuleTruncated, "entity.name", backend.Block, "很很很"},
		{"invalid utf-8 and controls", func(a *backend.Application) { a.Websites[0].Name = "好\xff站\t名\n称" }, RuleGlyphMissing, "websites.0.name", backend.Block, "好〓站 名 称"},
		{"unknown province", func(a *backend.Application) { a.Entity.Province = "atlantis" }, RuleProvinceUnknown, "entity.province", backend.Warn, "上海示例信息技术有限公司"},
		{"too many domains", func(a *backend.Application) {
			for i := range 12 {
				a.Websites[0].Domains = append(a.Websites[0].Domains, fmt.Sprintf("d%d.com", i))
			}
		}, RuleTooManyDomains, "websites.0.domains", backend.Warn, "d11.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := app("shanghai", "enterprise", "上海示例信息技术有限公司", "李四", "示例信息官网", "example.com")
			tt.edit(&a)
			pdf, fs, err := Generate(a, "w1", Options{})
			if err != nil {
				t.Fatal(err)
			}
			f, ok := findingOf(fs, tt.rule)
			if !ok || f.Field != tt.field || f.Severity != tt.severity {
				t.Fatalf("want %s on %s (%s), got %+v", tt.rule, tt.field, tt.severity, fs)
			}
			if !backend.Blocking(fs) && tt.severity == backend.Block {
				t.Error("Blocking() false")
			}
			text := pdfText(t, pdf)
			if !strings.Contains(text, titleText) {
				t.Fatal("PDF text lacks the title: broken PDF")
			}
			if tt.printed != "" && !strings.Contains(strings.Join(strings.Fields(text), " "), tt.printed) {
				t.Errorf("text lacks %q:\n%s", tt.printed, text)
			}
			for _, p := range renderPages(t, pdf) {
				if inkPixels(decodePNG(t, p)) < 2000 {
					t.Errorf("%s renders empty", p)
				}
			}
		})
	}
}

func TestRowContinuesOnNextPage(t *testing.T) {
	a := longApp()
	a.Websites[0].Domains = nil
	for i := range 150 {
		a.Websites[0].Domains = append(a.Websites[0].Domains, fmt.Sprintf("site-%03d.example.com", i))
	}
	pdf, _, err := Generate(a, "w1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "网站域名（续）") {
		t.Error("no continued domain row")
	}
	for _, d := range a.Websites[0].Domains {
		if !strings.Contains(text, d) {
			t.Errorf("%s lost", d)
		}
	}
	if pages := bytes.Count(pdf, []byte("/Type /Page\n")); pages < 2 {
		t.Errorf("%d pages", pages)
	}
}

func TestGlyphFindingNamesTheCharacters(t *testing.T) {
	a := app("shanghai", "enterprise", "A😀B", "李四", "站", "a.com")
	_, fs, err := Generate(a, "w1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := findingOf(fs, RuleGlyphMissing)
	if f.Params["chars"] != "U+1F600" {
		t.Errorf("chars = %v", f.Params["chars"])
	}
}

func TestUnknownWebsite(t *testing.T) {
	_, _, err := Generate(goldenCases[0].app, "nope", Options{})
	if backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Fatalf("err = %v", err)
	}
}

func TestSizeAndPages(t *testing.T) {
	for _, tc := range goldenCases {
		pdf, _, err := Generate(tc.app, "w1", tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) > 300<<10 {
			t.Errorf("%s: %d bytes, want a PDF under 300 KB", tc.name, len(pdf))
		}
		pages := bytes.Count(pdf, []byte("/Type /Page\n"))
		want := 1
		if tc.name == "long-values" {
			want = 2
		}
		if pages != want {
			t.Errorf("%s: %d pages, want %d", tc.name, pages, want)
		}
	}
}

func TestBlank(t *testing.T) {
	for _, v := range Variants() {
		t.Run(string(v), func(t *testing.T) {
			pdf, err := Blank(v)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, pdf)
			for _, s := range []string{titleText, "网站主办者名称", "网站域名", signOwner, signVerifier} {
				if !strings.Contains(text, s) {
					t.Errorf("blank lacks %q", s)
				}
			}
			if (v == GuangdongIndividual) != strings.Contains(text, "网站负责人手写抄录承诺内容") {
				t.Error("hand-copy area on the wrong variant")
			}
			if strings.Contains(text, "注册商") {
				t.Error("blank has filled-in data")
			}
		})
	}
	if _, err := Blank("nope"); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Errorf("Blank(nope) err = %v", err)
	}
}

func TestVariantFor(t *testing.T) {
	tests := []struct {
		province, nature string
		want             Variant
	}{
		{"guangdong", "individual", GuangdongIndividual},
		{"guangdong", "enterprise", GuangdongOrg},
		{"guangdong", "", GuangdongOrg},
		{"beijing", "individual", Standard},
		{"", "enterprise", Standard},
	}
	for _, tt := range tests {
		a := app(tt.province, tt.nature, "x", "y", "z", "a.com")
		if got := VariantFor(a); got != tt.want {
			t.Errorf("%s/%s: %q, want %q", tt.province, tt.nature, got, tt.want)
		}
	}
}

func TestHandCopiedStatement(t *testing.T) {
	if HandCopiedStatement(GuangdongIndividual) != GuangdongIndividualStatement || !strings.HasPrefix(GuangdongIndividualStatement, "本人已履行网站备案信息当面核验手续") {
		t.Error("Guangdong individual statement")
	}
	if HandCopiedStatement(Standard) != "" || HandCopiedStatement(GuangdongOrg) != "" {
		t.Error("other variants have no statement")
	}
}

func TestGenerateAll(t *testing.T) {
	a := goldenCases[0].app
	a.Websites = append(a.Websites, backend.Website{ID: "w2", Name: "第二个网站", Domains: []string{"second.com"}, SameAsEntity: true})
	files, err := GenerateAll(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[1].Name != "核验单_second.com.pdf" || !strings.Contains(pdfText(t, files[1].PDF), "第二个网站") {
		t.Fatalf("files = %+v", files)
	}
}

func TestCombine(t *testing.T) {
	var apps []backend.Application
	for _, c := range goldenCases {
		apps = append(apps, c.app)
	}
	var calls []int
	pdf, fs, err := Combine(context.Background(), apps, Options{}, func(done, total int) {
		if total != len(apps) {
			t.Errorf("total = %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(calls) != "[1 2 3 4 5 6]" {
		t.Errorf("progress calls %v", calls)
	}
	text := pdfText(t, pdf)
	for _, a := range apps {
		name := []rune(a.Entity.Name)
		if !strings.Contains(strings.Join(strings.Fields(text), ""), string(name[:min(6, len(name))])) {
			t.Errorf("combined PDF lacks %s", a.Entity.Name)
		}
	}
	if pages := bytes.Count(pdf, []byte("/Type /Page\n")); pages != 7 {
		t.Errorf("%d pages, want 7", pages)
	}
	f, ok := findingOf(fs, RuleRegistrarUnknown)
	if !ok || f.Params["application"] != 4 {
		t.Errorf("registrar finding %+v", f)
	}

	ctx, cancel := context.WithCancel(context.Background())
	_, _, err = Combine(ctx, apps, Options{}, func(done, total int) {
		if done == 2 {
			cancel()
		}
	})
	var be *backend.Error
	if !errors.As(err, &be) || be.Code != backend.ECodeCancelled {
		t.Errorf("cancelled Combine err = %v", err)
	}
	if _, _, err := Combine(context.Background(), nil, Options{}, nil); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Errorf("empty Combine err = %v", err)
	}
}

func TestLabelsHaveGlyphs(t *testing.T) {
	f, err := loadFont()
	if err != nil {
		t.Fatal(err)
	}
	all := []string{titleText, contTitleText, sec1Title, sec1Note, sec2Title, sec2Note, sec3Title, ownerPromiseHead, ownerPromise,
		isPromiseHead, isPromise, signOwner, signVerifier, sealOwner, sealIS, fingerprintLabel, noSealText, dateText, handCopyTitle,
		watermarkText, "第 1 页，共 2 页", "（注册商：______）", "（续）", "（个体工商户）"}
	for _, g := range checkGroups {
		all = append(all, g.category)
		for _, r := range g.rows {
			all = append(all, r.item, r.answer)
		}
	}
	for _, s := range variantSubtitle {
		all = append(all, s)
	}
	for _, s := range all {
		for _, r := range s {
			if r != ' ' && r != checkBox && !f.has(r) {
				t.Errorf("font lacks %q (U+%04X) in %q", r, r, s)
			}
		}
	}
}

func TestSubsetIsAValidFont(t *testing.T) {
	f, err := loadFont()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("网站备案Ab9（）：〓")
	b, err := f.subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(b)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	if n := sf.NumGlyphs(); n < len(runes)+1 || n > 3*len(runes) { // composites bring their parts
		t.Errorf("%d glyphs for %d runes", n, len(runes))
	}
	sub, err := parseTTF(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		g := sub.glyph(r)
		if g == 0 || len(sub.glyphData(g)) == 0 && r != ' ' {
			t.Errorf("%q lost in the subset", r)
		}
		if sub.advance(g) != f.advance(f.glyph(r)) {
			t.Errorf("%q width changed", r)
		}
	}
	if sub.has('字') {
		t.Error("subset keeps glyphs it was not asked for")
	}
	if len(b) > 64<<10 {
		t.Errorf("subset is %d bytes", len(b))
	}
}

func TestWrapNeverOverflows(t *testing.T) {
	f, _ := loadFont()
	d := newDocument(f, Options{})
	for _, s := range []string{
		strings.Repeat("a", 500),
		"abc.com（注册商：______）；" + strings.Repeat("def-ghi.example.com；", 20),
		strings.Repeat("中文，标点。", 40),
		"line one\nline two",
	} {
		lines := d.wrap(s, 60, 10)
		if strings.Join(strings.Fields(strings.Join(lines, "")), "") != strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "")), "") {
			t.Errorf("wrap lost text of %.20q", s)
		}
		for _, l := range lines {
			if w := d.width(l, 10); w > 60.001 {
				t.Errorf("line %q is %.1f mm wide", l, w)
			}
			if r := []rune(l); len(r) > 0 && noLineStart(r[0]) {
				t.Errorf("line starts with %q", r[0])
			}
		}
	}
}

func TestEveryRuleHasMessages(t *testing.T) {
	rules := []string{RuleMissingField, RuleGlyphMissing, RuleTooLong, RuleTruncated, RuleTooManyDomains, RuleRegistrarUnknown,
		RuleProvinceUnknown, RuleSign, RuleSeal, RuleNoSeal, RuleFingerprint, RuleHandCopy, RuleSelfEmployed, RuleUnverifiedLayout}
	for _, lang := range []string{"zh-CN", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "checklist."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for _, r := range rules {
			if strings.TrimSpace(msgs[r]) == "" {
				t.Errorf("%s: no message for %s", lang, r)
			}
		}
		if len(msgs) != len(rules) {
			t.Errorf("%s: %d messages for %d rules", lang, len(msgs), len(rules))
		}
	}
}

// The app generates checklists from several goroutines (batch and preview).
func TestConcurrentGenerate(t *testing.T) {
	want, _, err := Generate(goldenCases[0].app, "w1", Options{Clock: testClock})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, _, err := Generate(goldenCases[0].app, "w1", Options{Clock: testClock})
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("output differs between runs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// The embedded font carries a subset name (six capital letters, "+", the
// PostScript name; PDF 32000-1 §9.6.4), so validators and pdffonts see a subset.
func TestFontIsNamedAsSubset(t *testing.T) {
	reName := regexp.MustCompile(`/(?:BaseFont|FontName) /([^\s/>]+)`)
	reSubset := regexp.MustCompile(`^[A-Z]{6}\+WenQuanYiMicroHei$`)
	tags := map[string]string{}
	for _, tc := range goldenCases[:3] {
		pdf, _, err := Generate(tc.app, "w1", tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		names := reName.FindAllSubmatch(pdf, -1)
		if len(names) != 3 { // Type0 font, its CIDFont, the font descriptor
			t.Fatalf("%s: %d font names, want 3", tc.name, len(names))
		}
		for _, m := range names {
			if !reSubset.Match(m[1]) {
				t.Errorf("%s: font named %q, want ABCDEF+WenQuanYiMicroHei", tc.name, m[1])
			}
			if string(m[1]) != string(names[0][1]) {
				t.Errorf("%s: font names differ: %q and %q", tc.name, m[1], names[0][1])
			}
		}
		tags[tc.name] = string(names[0][1])
		again, _, _ := Generate(tc.app, "w1", tc.opts)
		if m := reName.FindSubmatch(again); m == nil || string(m[1]) != tags[tc.name] {
			t.Errorf("%s: the same subset got another tag", tc.name)
		}
	}
	if tags["standard-org"] == tags["guangdong-individual"] {
		t.Errorf("different subsets share the tag %s", tags["standard-org"])
	}

	// pdffonts reads the file through its cross-reference table: the renamed
	// file must still parse, and the font must show as an embedded subset.
	needTool(t, "pdffonts")
	pdf, _, err := Generate(goldenCases[0].app, "w1", goldenCases[0].opts)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("pdffonts", p)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdffonts: %v %s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("pdffonts lists %d fonts:\n%s", len(lines)-2, out)
	}
	// name type encoding emb sub uni object ID
	f := strings.Fields(lines[2])
	if len(f) < 8 || !reSubset.MatchString(f[0]) || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
		t.Errorf("pdffonts does not show an embedded subset:\n%s", out)
	}
}

// Two websites with one ID (a hand-written file): each checklist must show
// its own website, and looking the ID up must refuse instead of guessing.
func TestDuplicateWebsiteIDs(t *testing.T) {
	a := app("shanghai", "enterprise", "上海示例信息技术有限公司", "李四", "第一个网站", "first.cn")
	a.Websites = append(a.Websites, backend.Website{ID: a.Websites[0].ID, Name: "第二个网站", Domains: []string{"second.cn"}, SameAsEntity: true, Languages: []string{"zh-CN"}})
	files, err := GenerateAll(a, Options{Clock: testClock})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Name == files[1].Name || bytes.Equal(files[0].PDF, files[1].PDF) {
		t.Fatalf("both checklists drawn from one website: %q %q", files[0].Name, files[1].Name)
	}
	only := a
	only.Websites = a.Websites[1:]
	want, _, err := Generate(only, only.Websites[0].ID, Options{Clock: testClock})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[1].PDF, want) {
		t.Fatal("the second website's checklist is not drawn from the second website")
	}
	if _, _, err := Generate(a, a.Websites[0].ID, Options{Clock: testClock}); backend.ErrorCode(err) != backend.ECodeConflict {
		t.Fatalf("ambiguous id: err = %v, want conflict", err)
	}
}

func TestCombineWatermarksPerApplication(t *testing.T) {
	apps := []backend.Application{goldenCases[0].app, goldenCases[0].app}
	count := func(o Options) int {
		pdf, _, err := Combine(context.Background(), apps, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The diagonal watermark comes out of pdftotext one glyph at a time.
		return strings.Count(pdfText(t, pdf), "稿")
	}
	pages := len(goldenCases[0].app.Websites) // one page per website in this case
	if n := count(Options{Drafts: []bool{false, true}}); n != pages {
		t.Errorf("approved + draft: %d watermarks, want %d (the draft's pages only)", n, pages)
	}
	if n := count(Options{Drafts: []bool{false, false}, Draft: true}); n != 0 {
		t.Errorf("Drafts overrides Draft: %d watermarks", n)
	}
	if n := count(Options{Draft: true}); n != 2*pages {
		t.Errorf("all drafts: %d watermarks, want %d", n, 2*pages)
	}
}

func TestIsDraft(t *testing.T) {
	block := []backend.Finding{{Rule: "x", Field: "entity.name", Severity: backend.Block}}
	warn := []backend.Finding{{Rule: "y", Field: "entity.name", Severity: backend.Warn}}
	for _, tc := range []struct {
		status   backend.Status
		findings []backend.Finding
		want     bool
	}{
		{backend.StatusDraft, block, true},
		{backend.StatusReady, block, true},
		{backend.StatusDraft, warn, false},
		{backend.StatusDraft, nil, false},
		{backend.StatusReturned, block, false}, // reopened to draft before editing
		{backend.StatusSubmitted, block, false},
		{backend.StatusApproved, block, false},
	} {
		ran := false
		check := func(backend.Application) []backend.Finding { ran = true; return tc.findings }
		got := IsDraft(backend.ApplicationRecord{Status: tc.status}, check)
		if got != tc.want {
			t.Errorf("%s with %v: draft %v, want %v", tc.status, tc.findings, got, tc.want)
		}
		if ran != backend.Editable(tc.status) {
			t.Errorf("%s: rules ran %v", tc.status, ran)
		}
	}
}
