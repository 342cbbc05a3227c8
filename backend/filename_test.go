package backend

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeFileName(t *testing.T) {
	tests := map[string]string{
		"核验单_example.com.pdf":              "核验单_example.com.pdf",
		"北京云帆科技有限公司.icpclient":             "北京云帆科技有限公司.icpclient",
		`a<b>c:d"e/f\g|h?i*j`:              "a_b_c_d_e_f_g_h_i_j",
		"name. . ":                         "name",
		"  leading":                        "leading",
		"tab\there\x00":                    "tab_here_",
		"del\x7fend":                       "del_end",
		"line\u0085next":                   "line_next", // NEL, a C1 control
		"CON":                              "_CON",
		"con.txt":                          "_con.txt",
		"Nul .pdf":                         "_Nul .pdf",
		"aux.tar.gz":                       "_aux.tar.gz",
		"PRN":                              "_PRN",
		"LPT9.pdf":                         "_LPT9.pdf",
		"COM1":                             "_COM1",
		"com0.zip":                         "_com0.zip",
		"COM¹.txt":                         "_COM¹.txt",
		"CONIN$":                           "_CONIN$",
		"conout$.log":                      "_conout$.log",
		"COM10":                            "COM10",
		"CONSOLE.txt":                      "CONSOLE.txt",
		"LPT":                              "LPT",
		"my.con":                           "my.con",
		"":                                 "file",
		"..":                               "file",
		" . ":                              "file",
		".pdf":                             "file.pdf",
		"..pdf":                            "file.pdf",
		"\xff\xfe":                         "_",
		"核验单_张三\xff.pdf":                   "核验单_张三_.pdf",
		"C:\\Users\\张三\\AppData\\x.pdf":    "C__Users_张三_AppData_x.pdf",
		"提交材料_云帆科技_example.com":            "提交材料_云帆科技_example.com",
		"trailing.dot.":                    "trailing.dot",
		"CON.":                             "_CON",
		"a" + strings.Repeat(" ", 3) + ".": "a",
	}
	for in, want := range tests {
		if got := SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
		if got := SafeFileName(want); got != want {
			t.Errorf("SafeFileName is not idempotent on %q: %q", want, got)
		}
	}
}

func TestSafeFileNameCapsBytesAtRuneBoundaries(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("域", 300) + ".pdf",        // 3 bytes a character
		"a" + strings.Repeat("域", 300) + ".pdf",  // the cut falls inside a character unless handled
		"ab" + strings.Repeat("😀", 100) + ".zip", // 4 bytes a character
		strings.Repeat("x", 300),
		strings.Repeat("域", 300) + "." + strings.Repeat("e", 40), // too long to be an extension
	} {
		got := SafeFileName(in)
		if len(got) > MaxFileNameBytes {
			t.Errorf("%d bytes > %d: %q", len(got), MaxFileNameBytes, got)
		}
		if !utf8.ValidString(got) {
			t.Errorf("cut splits a character: %q", got)
		}
		if ext := fileExt(in); ext != "" && !strings.HasSuffix(got, ext) {
			t.Errorf("extension %q lost: %q", ext, got)
		}
		if len(got) < MaxFileNameBytes-3 {
			t.Errorf("cut more than a character short: %d bytes", len(got))
		}
	}
	// A cut that leaves a trailing dot or space drops it.
	in := strings.Repeat("a", MaxFileNameBytes-5) + ".   " + strings.Repeat("b", 20) + ".pdf"
	if got := SafeFileName(in); strings.HasSuffix(strings.TrimSuffix(got, ".pdf"), " ") || strings.HasSuffix(strings.TrimSuffix(got, ".pdf"), ".") {
		t.Errorf("trailing dot/space after the cut: %q", got)
	}
	// A device name stays protected when the name is at the cap.
	if got := SafeFileName("CON." + strings.Repeat("x", 300)); !strings.HasPrefix(got, "_CON") || len(got) > MaxFileNameBytes {
		t.Errorf("device name at the cap: %q (%d bytes)", got, len(got))
	}
}

func TestChecklistFileName(t *testing.T) {
	tests := []struct {
		domains []string
		id      string
		want    string
	}{
		{[]string{"example.com", "b.cn"}, "w1", "核验单_example.com.pdf"},
		{[]string{"", " 中文.中国 "}, "w1", "核验单_中文.中国.pdf"},
		{[]string{`a:b*c?d"e<f>g|h/i\j.com`}, "w1", "核验单_a_b_c_d_e_f_g_h_i_j.com.pdf"},
		{[]string{"trailing.dot."}, "w1", "核验单_trailing.dot.pdf"},
		{nil, "w2", "核验单_w2.pdf"},
		{nil, "", "核验单_website.pdf"},
	}
	for _, tt := range tests {
		if got := ChecklistFileName(Website{ID: tt.id, Domains: tt.domains}); got != tt.want {
			t.Errorf("ChecklistFileName(%q) = %q, want %q", tt.domains, got, tt.want)
		}
	}
	long := ChecklistFileName(Website{Domains: []string{strings.Repeat("长", 300) + ".中国"}})
	if len(long) > MaxFileNameBytes || !strings.HasPrefix(long, "核验单_长") || !strings.HasSuffix(long, ".pdf") || !utf8.ValidString(long) {
		t.Errorf("long domain: %q", long)
	}
}

func TestFileNamesTake(t *testing.T) {
	u := FileNames{}
	got := []string{u.Take("x.pdf"), u.Take("X.pdf"), u.Take("x.pdf"), u.Take("y.pdf"), u.Take("CON.pdf"), u.Take("con.pdf")}
	want := []string{"x.pdf", "X_2.pdf", "x_3.pdf", "y.pdf", "_CON.pdf", "_con_2.pdf"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("take %d = %q, want %q", i, got[i], want[i])
		}
	}
	// Numbered variants of a name at the cap stay within it.
	long := strings.Repeat("域", 100) + ".pdf"
	a, b := u.Take(long), u.Take(long)
	if a == b || len(b) > MaxFileNameBytes || !strings.HasSuffix(b, "_2.pdf") || !utf8.ValidString(b) {
		t.Errorf("long names %q / %q", a, b)
	}
	// Reserved names stay taken.
	pre := FileNames{"manifest.json": true}
	if n := pre.Take("MANIFEST.json"); n != "MANIFEST_2.json" {
		t.Errorf("pre-taken name: %q", n)
	}
}
