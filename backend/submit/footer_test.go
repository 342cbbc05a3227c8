package submit

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"icpdesk/backend"
)

// fakeValidate stands in for rules.CheckID: the strict shapes of identifiers.md §7–8.
func fakeValidate(kind, v string) []backend.Finding {
	re := map[string]*regexp.Regexp{
		"icp": regexp.MustCompile(`^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀川黔贵滇云藏陕陇甘青宁新]ICP备(\d{8}|\d{10})号(-\d{1,3})?$`),
		"psb": regexp.MustCompile(`^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀川黔贵滇云藏陕陇甘青宁新]公网安备\s?\d{14}号$`),
	}[kind]
	if re.MatchString(v) {
		return nil
	}
	return []backend.Finding{{Rule: "id." + kind + ".format", Severity: backend.Block}}
}

var voids = map[atom.Atom]bool{atom.Img: true, atom.Br: true, atom.Meta: true, atom.Link: true, atom.Hr: true, atom.Input: true}

// wellFormed reports whether s tokenises cleanly with every non-void element closed in order.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) != 0 {
				t.Fatalf("unclosed %v in\n%s", stack, s)
			}
			return
		case html.StartTagToken:
			tok := z.Token()
			if !voids[tok.DataAtom] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Fatalf("</%s> does not close %v in\n%s", tok.Data, stack, s)
			}
			stack = stack[:len(stack)-1]
		case html.SelfClosingTagToken:
			t.Fatalf("self-closing tag in HTML: %s", z.Token())
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func find(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.DataAtom == a {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, find(c, a)...)
	}
	return out
}

func parseFooter(t *testing.T, s string) *html.Node {
	t.Helper()
	wellFormed(t, s)
	ctxNode := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctxNode)
	if err != nil {
		t.Fatal(err)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

func rules(fs []backend.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestFooter(t *testing.T) {
	tests := []struct {
		name      string
		in        FooterInput
		shown     string // ICP link text
		psbHref   string
		copyright string
		findings  []string
	}{
		{"website number with PSB", FooterInput{ICPNumber: "京ICP备12345678号", WebsiteNumber: "京ICP备12345678号-1", EntityName: "某某科技有限公司", Year: 2024,
			PSBNumber: "京公网安备 11010802012345号"},
			"京ICP备12345678号-1", PSBRecordURL + "11010802012345", "© 2024 某某科技有限公司 版权所有", []string{FooterPSBIcon, FooterPSBSnippet}},
		{"guangdong shows the entity number", FooterInput{ICPNumber: "粤ICP备2021008357号", WebsiteNumber: "粤ICP备2021008357号-3", Province: "guangdong", EntityName: "广州某某有限公司"},
			"粤ICP备2021008357号", "", "© 广州某某有限公司 版权所有", []string{FooterGuangdongEntity, FooterPSBMissing}},
		{"entity number derived from a pasted website number with spaces", FooterInput{WebsiteNumber: " 浙ICP备 12345678号-2 ", EntityName: "x", Year: 2025},
			"浙ICP备12345678号-2", "", "© 2025 x 版权所有", []string{FooterPSBMissing}},
		{"no website number outside guangdong", FooterInput{ICPNumber: "京ICP备12345678号", EntityName: "x"},
			"京ICP备12345678号", "", "© x 版权所有", []string{FooterWebsiteMissing, FooterPSBMissing}},
		{"website number of another entity", FooterInput{ICPNumber: "京ICP备12345678号", WebsiteNumber: "京ICP备87654321号-1", EntityName: "x"},
			"京ICP备87654321号-1", "", "© x 版权所有", []string{FooterWebsiteMismatch, FooterPSBMissing}},
		{"malformed numbers are reported by the validator", FooterInput{WebsiteNumber: "京ICP备123号-1", PSBNumber: "京公网安备11010802012345", EntityName: "x"},
			"京ICP备123号-1", PSBRecordURL + "11010802012345", "© x 版权所有", []string{"id.icp.format", "id.psb.format", FooterPSBIcon, FooterPSBSnippet}},
		{"psb without a record code", FooterInput{WebsiteNumber: "京ICP备12345678号-1", PSBNumber: "京公网安备 123号", EntityName: "x"},
			"京ICP备12345678号-1", "", "© x 版权所有", []string{FooterPSBFormat}},
		{"nothing", FooterInput{}, "", "", "", []string{FooterICPMissing, FooterCopyright, FooterPSBMissing}},
		{"hostile entity name is text", FooterInput{WebsiteNumber: "京ICP备12345678号-1", EntityName: `<script>alert("x")</script> & "Co"`, Year: 2024},
			"京ICP备12345678号-1", "", `© 2024 <script>alert("x")</script> & "Co" 版权所有`, []string{FooterPSBMissing}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Validate = fakeValidate
			out, fs := Footer(tc.in)
			root := parseFooter(t, out)
			if got := rules(fs); !reflect.DeepEqual(got, tc.findings) {
				t.Errorf("findings %v, want %v", got, tc.findings)
			}
			footers := find(root, atom.Footer)
			if len(footers) != 1 || !strings.Contains(attr(footers[0], "style"), "text-align:center") {
				t.Fatalf("no centred footer in\n%s", out)
			}
			if len(find(root, atom.Script)) != 0 {
				t.Fatalf("script element in\n%s", out)
			}
			var icp, psb *html.Node
			for _, a := range find(root, atom.A) {
				if attr(a, "target") != "_blank" || attr(a, "rel") != "noopener" {
					t.Errorf("link %q: target %q rel %q", text(a), attr(a, "target"), attr(a, "rel"))
				}
				switch {
				case attr(a, "href") == "https://beian.miit.gov.cn/":
					icp = a
				case strings.HasPrefix(attr(a, "href"), PSBRecordURL):
					psb = a
				default:
					t.Errorf("unexpected link %s", attr(a, "href"))
				}
			}
			if (icp == nil) != (tc.shown == "") || (icp != nil && text(icp) != tc.shown) {
				t.Errorf("ICP link %v, want %q in\n%s", icp, tc.shown, out)
			}
			if tc.psbHref == "" {
				if psb != nil || len(find(root, atom.Img)) != 0 {
					t.Errorf("unexpected PSB link or icon in\n%s", out)
				}
			} else {
				imgs := find(root, atom.Img)
				if psb == nil || attr(psb, "href") != tc.psbHref || len(imgs) != 1 || attr(imgs[0], "src") != DefaultPSBIcon {
					t.Errorf("PSB link/icon wrong in\n%s", out)
				}
				// The icon sits left of the number.
				if psb != nil && len(imgs) == 1 && !strings.Contains(text(psb), "公网安备") {
					t.Errorf("PSB link text %q", text(psb))
				}
			}
			ps := find(root, atom.P)
			got := ""
			if len(ps) == 2 {
				got = text(ps[0])
			}
			if got != tc.copyright {
				t.Errorf("copyright %q, want %q", got, tc.copyright)
			}
		})
	}
}

func TestApprove(t *testing.T) {
	f := newFake()
	id := f.add(sampleApp(), backend.StatusBureauReview)
	at := time.Date(2024, 4, 20, 15, 0, 0, 0, backend.Shanghai)
	// Website numbers of another entity block; nothing changes.
	_, fs, err := Approve(ctx, f, id, "浙ICP备12345678号", map[string]string{"w1": "浙ICP备87654321号-1"}, fakeValidate, at)
	if backend.ErrorCode(err) != backend.ECodeInvalid || f.status(id) != backend.StatusBureauReview ||
		!reflect.DeepEqual(rules(fs), []string{ApproveWebsiteMismatch, ApproveWebsiteNumberMiss}) {
		t.Fatalf("mismatch: %v %v", err, rules(fs))
	}
	if _, _, err := Approve(ctx, f, id, "浙ICP备123号", nil, fakeValidate, at); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("bad entity number: %v", err)
	}
	if _, _, err := Approve(ctx, f, id, "浙ICP备12345678号", map[string]string{"w9": "浙ICP备12345678号-9"}, fakeValidate, at); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("unknown website: %v", err)
	}
	a, fs, err := Approve(ctx, f, id, " 浙ICP备 12345678号 ", map[string]string{"w1": "浙ICP备12345678号-1", "w2": "浙ICP备12345678号-2"}, fakeValidate, at)
	if err != nil || len(fs) != 0 {
		t.Fatalf("approve: %v %v", err, fs)
	}
	if f.status(id) != backend.StatusApproved || f.icp[id] != "浙ICP备12345678号" || !a.ApprovedAt.Equal(at) || a.WebsiteNumbers["w2"] != "浙ICP备12345678号-2" {
		t.Fatalf("approval %+v, status %s, icp %q", a, f.status(id), f.icp[id])
	}
	got, err := GetApproval(ctx, f, id)
	if err != nil || got == nil || got.ICPNumber != a.ICPNumber {
		t.Fatalf("stored approval %+v %v", got, err)
	}
	if _, _, err := Approve(ctx, f, id, "浙ICP备12345678号", nil, fakeValidate, at); backend.ErrorCode(err) != backend.ECodeIllegalChange {
		t.Errorf("second approval: %v", err)
	}

	// PSB steps: nothing done, then filed and approved.
	steps := PSBSteps(sampleApp(), *got, at.AddDate(0, 0, 31))
	if len(steps) != 8 || steps[1].Code != PSBStepFile || !steps[1].Overdue || steps[3].Due != nil {
		t.Fatalf("steps %+v", steps)
	}
	if _, _, err := RecordPSB(ctx, f, id, "w1", PSBRecord{Number: "浙公网安备 123号"}, fakeValidate); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Errorf("bad PSB number: %v", err)
	}
	psbAt := at.AddDate(0, 0, 10)
	a, _, err = RecordPSB(ctx, f, id, "w1", PSBRecord{Number: "浙公网安备 33010602012345号", FiledAt: &psbAt, ApprovedAt: &psbAt}, fakeValidate)
	if err != nil {
		t.Fatal(err)
	}
	steps = PSBSteps(sampleApp(), a, at.AddDate(0, 0, 31))
	if !steps[0].Done || !steps[1].Done || steps[1].Overdue || !steps[2].Done || steps[3].Done || steps[3].Due == nil || steps[3].Overdue {
		t.Errorf("w1 steps after filing %+v", steps[:4])
	}
	if a, err = SetFooterDone(ctx, f, id, true); err != nil || !a.FooterDone || a.PSB["w1"].Number == "" {
		t.Errorf("footer done: %+v %v", a, err)
	}
	other := f.add(sampleApp(), backend.StatusDraft)
	if _, err := SetFooterDone(ctx, f, other, true); backend.ErrorCode(err) != backend.ECodeConflict {
		t.Errorf("footer on an unapproved application: %v", err)
	}
}

func TestApproveProvinceMismatch(t *testing.T) {
	app := sampleApp()
	tests := []struct {
		province, number string
		warn             bool
	}{
		{"guangdong", "粤ICP备2026012345号", false},
		{"guangdong", "京ICP备2026012345号", true},
		{"sichuan", "蜀ICP备2026012345号", false},
		{"sichuan", "川ICP备2026012345号", false}, // the province's other abbreviation
		{"gansu", "陇ICP备2026012345号", false},
		{"yunnan", "云ICP备2026012345号", false},
		{"yunnan", "黔ICP备2026012345号", true},
		{"", "京ICP备2026012345号", false}, // no province chosen: nothing to compare
	}
	for _, tc := range tests {
		app.Entity.Province = tc.province
		fs, err := checkNumbers(app, tc.number, nil, nil)
		got := slices.Contains(rules(fs), ApproveProvinceMismatch)
		if err != nil || got != tc.warn {
			t.Errorf("%s %s: warning %v (%v), want %v", tc.province, tc.number, got, err, tc.warn)
		}
	}
}

func TestPSBExample(t *testing.T) {
	for prov, want := range map[string]string{
		"guangdong": "粤公网安备 44010602000001号", "sichuan": "川公网安备 51010602000001号", "": "京公网安备 11010602000001号",
	} {
		if got := PSBExample(prov); got != want {
			t.Errorf("%q: %s, want %s", prov, got, want)
		}
		if !psbCode.MatchString(PSBExample(prov)) {
			t.Errorf("%q: the example has no 14-digit code", prov)
		}
	}
}

// The approval form's live check gives Approve's findings and records nothing;
// it proposes the website numbers only once the entity number is accepted.
func TestCheckApproval(t *testing.T) {
	f := newFake()
	id := f.add(sampleApp(), backend.StatusBureauReview)
	c, err := CheckApproval(ctx, f, id, "浙ICP备123号", nil, fakeValidate)
	if err != nil || !slices.Contains(rules(c.Findings), "id.icp.format") || len(c.Proposed) != 0 {
		t.Fatalf("malformed: %+v %v", c, err)
	}
	c, err = CheckApproval(ctx, f, id, " 浙ICP备 12345678号-1", map[string]string{"w1": "浙ICP备87654321号-1"}, fakeValidate)
	if err != nil || !slices.Contains(rules(c.Findings), ApproveEntityHasSuffix) || !slices.Contains(rules(c.Findings), ApproveWebsiteMismatch) {
		t.Fatalf("suffix and mismatch: %+v %v", c, err)
	}
	if c.Proposed["w1"] != "浙ICP备12345678号-1" || c.Proposed["w2"] != "浙ICP备12345678号-2" {
		t.Errorf("proposed %v", c.Proposed)
	}
	if f.status(id) != backend.StatusBureauReview {
		t.Errorf("a check recorded the approval: %s", f.status(id))
	}
	if a, _ := GetApproval(ctx, f, id); a != nil {
		t.Errorf("a check stored %+v", a)
	}
	if _, err := CheckApproval(ctx, f, 999, "浙ICP备12345678号", nil, fakeValidate); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Errorf("unknown application: %v", err)
	}
}
