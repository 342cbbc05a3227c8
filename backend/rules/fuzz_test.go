package rules

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"icpdesk/backend"
)

// Fuzz tests for every parser of user input. Under plain `go test` they run
// their seed corpus; `go test -fuzz=FuzzX` explores further.

func blocks(fs []backend.Finding) bool { return backend.Blocking(fs) }

func FuzzUSCC(f *testing.F) {
	for _, s := range []string{"91110000600037341L", "91110000600037341M", "110105600037341", "９１１１００００６０００３７３４１Ｌ", "", "9111000060003734IL"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := CheckID("uscc", s, testClock)
		if len(fs) == 0 {
			n := normalizeID(s)
			if want, ok := USCCCheckChar(n[:17]); len(n) != 18 || !ok || want != n[17] {
				t.Fatalf("%q accepted without a valid check character", s)
			}
		}
	})
}

func FuzzOrgCode(f *testing.F) {
	for _, s := range []string{"60003734-1", "00000014-X", "600037342", "6000373", "ＡＢＣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fs := CheckID("orgcode", s, testClock); len(fs) == 0 {
			n := strings.ReplaceAll(normalizeID(s), "-", "")
			if want, ok := OrgCodeCheckChar(n[:8]); !ok || want != n[8] {
				t.Fatalf("%q accepted without a valid check character", s)
			}
		}
	})
}

func FuzzIDCard(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "360426199101010071", "360426199102300070", "110105491231002", "810000199408230021", "1101052030010100 1X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []string{"idcard", "residence_permit"} {
			fs := CheckID(kind, s, testClock)
			if len(fs) > 0 {
				continue
			}
			n := normalizeID(s)
			birth, ok := parseBirth(n[6:14])
			if want, _ := IDCheckChar(n[:17]); len(n) != 18 || want != n[17] || !ok || birth.After(testClock.Now()) {
				t.Fatalf("%s %q accepted", kind, s)
			}
		}
	})
}

func FuzzPersonDocuments(f *testing.F) {
	for _, s := range []string{"E12345678", "H1234567801", "12345678", "USA110012345678", "", "护照"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []string{"passport", "hkmo_permit", "tw_permit", "foreign_pr"} {
			for _, x := range CheckID(kind, s, testClock) {
				if x.Severity == backend.Block && x.Rule != ruleRequired {
					t.Fatalf("%s %q: format of an unspecified document must never block (%s)", kind, s, x.Rule)
				}
			}
		}
	})
}

func FuzzPhone(f *testing.F) {
	for _, s := range []string{"13800138000", "+86 138-0013-8000", "010-62345678", "(021)61234567-801", "62345678", "１３８００１３８０００"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(CheckID("mobile", s, testClock)) == 0 {
			d := strings.ReplaceAll(normalizePhone(s), "-", "")
			if len(d) != 11 || d[0] != '1' {
				t.Fatalf("mobile %q accepted as %q", s, d)
			}
		}
		if len(CheckID("landline", s, testClock)) == 0 && !strings.HasPrefix(normalizePhone(s), "0") {
			t.Fatalf("landline %q accepted without area code", s)
		}
	})
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"zhang.san@example.com.cn", "a@b", "张三 <zs@example.com>", "用户@例子.中国"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(CheckID("email", s, testClock)) == 0 && strings.Count(s, "@") == 0 {
			t.Fatalf("%q accepted without @", s)
		}
	})
}

func FuzzDomain(f *testing.F) {
	for _, s := range []string{"example.com", "www.example.com.cn", "例子.中国", "xn--fsqu00a.xn--fiqs8s", "https://a.com/x", "com.cn", "a..b", "例子。中国"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := CheckID("domain", s, testClock)
		if !blocks(fs) {
			n := NormalizeDomain(s)
			if n == "" || NormalizeDomain(n) != n || !strings.Contains(n, ".") {
				t.Fatalf("%q accepted but normalises to %q", s, n)
			}
		}
	})
}

func FuzzICP(f *testing.F) {
	for _, s := range []string{"京ICP备12041916号-4", "黔ICP备2021008357号", "滇ICP备09010050-5号", "川ICP备10200063号-1", "港ICP备19026949号-1", "京ICP备 12041916号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fs := CheckID("icp", s, testClock); !blocks(fs) && !strings.Contains(normalizeID(s), "ICP备") {
			t.Fatalf("%q accepted", s)
		}
	})
}

func FuzzPSB(f *testing.F) {
	for _, s := range []string{"京公网安备 11010802020877号", "川公网安备 51010702001250号", "京公网安备 1101080202087号", "沪公网安备11010802020877号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fs := CheckID("psb", s, testClock); !blocks(fs) && !strings.Contains(s, "公网安备") {
			t.Fatalf("%q accepted", s)
		}
	})
}

// FuzzCheckApplication feeds arbitrary JSON documents through Check: it must
// never panic, emit only registered rules, and keep its ordering contract.
func FuzzCheckApplication(f *testing.F) {
	if b, err := os.ReadFile("../../docs/examples/application.json"); err == nil {
		f.Add(b)
	}
	ind, _ := json.Marshal(individualApp())
	f.Add(ind)
	f.Add([]byte(`{"entity":{"province":"henan","nature":"individual"},"websites":[{"domains":["","例子.中国"],"preApprovals":[{"kind":"news"}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var app backend.Application
		if json.Unmarshal(b, &app) != nil {
			return
		}
		fs := Check(app, testClock)
		seenWide := false
		for _, x := range fs {
			r, ok := Lookup(x.Rule)
			if !ok || r.Severity != x.Severity {
				t.Fatalf("unregistered or mis-severed finding %+v", x)
			}
			if seenWide && x.Field != "" {
				t.Fatalf("field finding %+v after application-wide ones", x)
			}
			seenWide = seenWide || x.Field == ""
		}
	})
}
