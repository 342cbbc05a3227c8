package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/backend/submit"
)

func TestExportPackageCommand(t *testing.T) {
	for _, out := range []string{"pkg.zip", "pkg-dir"} {
		t.Run(out, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), out)
			var stdout, stderr bytes.Buffer
			code := runExport([]string{"package", "--today", "2025-06-15", exampleApp, path}, &stdout, &stderr)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			m, problems, err := submit.VerifyPackage(path)
			if err != nil || len(problems) != 0 {
				t.Fatalf("verify: %v %v", err, problems)
			}
			if m.Photos != 0 || m.PhotosMissing != submit.PhotosNotInJSON {
				t.Errorf("manifest photos %d %q", m.Photos, m.PhotosMissing)
			}
			names := map[string]bool{}
			for _, f := range m.Files {
				names[f.Name] = true
				if f.Kind == "checklist" && f.Size < 1000 {
					t.Errorf("%s is only %d bytes", f.Name, f.Size)
				}
			}
			for _, n := range []string{"fields.txt", "fields.html", "核验单_yunfan-tech.cn.pdf", "核验单_yunfandocs.com.pdf"} {
				if !names[n] {
					t.Errorf("package lacks %s (has %v)", n, names)
				}
			}
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			var summary map[string]any
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &summary); err != nil || summary["photosMissing"] != submit.PhotosNotInJSON {
				t.Errorf("summary line %q: %v", lines[len(lines)-1], err)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := runExport([]string{"package", "/nonexistent.json", filepath.Join(t.TempDir(), "x.zip")}, &stdout, &stderr); code != 2 || stderr.Len() == 0 {
		t.Errorf("missing input: exit %d, stderr %q", code, stderr.String())
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("x"), 0o600)
	stderr.Reset()
	if code := runExport([]string{"package", "--today", "2025-06-15", exampleApp, full}, &stdout, &stderr); code != 2 {
		t.Errorf("non-empty out-dir: exit %d", code)
	}
	if b, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(b) != "x" {
		t.Error("existing file touched")
	}
}

func TestFooterCommand(t *testing.T) {
	tests := []struct {
		args []string
		code int
		html []string
		say  string
	}{
		{[]string{"京ICP备12345678号-1", "--psb", "京公网安备 11010802012345号", "--entity", "示例公司", "--year", "2024"}, 0,
			[]string{`<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">京ICP备12345678号-1</a>`, "© 2024 示例公司 版权所有", "recordcode=11010802012345"}, ""},
		{[]string{"--province", "guangdong", "粤ICP备2021008357号", "--entity", "x"}, 0, []string{">粤ICP备2021008357号</a>"}, submit.FooterGuangdongEntity},
		{[]string{"京ICP备12345678号"}, 1, nil, submit.FooterWebsiteMissing},
		{[]string{"京ICP备123号-1", "--entity", "x"}, 1, nil, "id.icp"},
		{nil, 2, nil, ""},
		{[]string{"--bogus", "x"}, 2, nil, ""},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		code := runFooter(tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %s)", tc.args, code, tc.code, stderr.String())
		}
		for _, h := range tc.html {
			if !strings.Contains(stdout.String(), h) {
				t.Errorf("%v: HTML lacks %s:\n%s", tc.args, h, stdout.String())
			}
		}
		if tc.say != "" && !strings.Contains(stderr.String(), tc.say) {
			t.Errorf("%v: stderr lacks %s:\n%s", tc.args, tc.say, stderr.String())
		}
	}
}

// Like the app's readiness gate: a blocking finding refuses the export (exit
// 1, nothing written, the reasons readable on stderr) unless --force.
func TestExportPackageRefusesBlockingUnlessForced(t *testing.T) {
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	noName := filepath.Join(t.TempDir(), "noname.json")
	os.WriteFile(noName, bytes.Replace(b, []byte(`"name": "北京示例网络科技有限公司"`), []byte(`"name": ""`), 1), 0o600)
	for _, out := range []string{"pkg.zip", "pkg-dir"} {
		dir := t.TempDir()
		path := filepath.Join(dir, out)
		var stdout, stderr bytes.Buffer
		if code := runExport([]string{"package", noName, path}, &stdout, &stderr); code != 1 {
			t.Fatalf("%s: exit %d, want 1; stderr %s", out, code, stderr.String())
		}
		msg := stderr.String()
		if !strings.Contains(msg, "not exported") || !strings.Contains(msg, "--force") || !strings.Contains(msg, "  entity.name: ") {
			t.Errorf("stderr does not say why: %q", msg)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: a refused export wrote %d files", out, len(entries))
		}
		stdout.Reset()
		stderr.Reset()
		if code := runExport([]string{"package", "--force", noName, path}, &stdout, &stderr); code != 1 {
			t.Fatalf("--force: exit %d; stderr %s", code, stderr.String())
		}
		if _, problems, err := submit.VerifyPackage(path); err != nil || len(problems) != 0 {
			t.Fatalf("--force: package not written: %v %v", err, problems)
		}
	}
}
