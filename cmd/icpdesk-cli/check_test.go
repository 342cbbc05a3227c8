package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/backend"
)

const exampleApp = "../../docs/examples/application.json"

func decodeLines(t *testing.T, out string) []backend.Finding {
	t.Helper()
	var fs []backend.Finding
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var f backend.Finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("not a JSON finding line: %q", line)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	example, err := os.ReadFile(exampleApp)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(example), `"13800138000"`, `"1380013800"`, 1)
	cases := []struct {
		name     string
		args     []string
		code     int
		rule     string // a rule that must be in stdout
		stderrIn string // text that must be in stderr
	}{
		{"valid USCC", []string{"id", "uscc", "91110000600037341L"}, 0, "", ""},
		{"USCC check char warns", []string{"id", "uscc", "91110000600037341M"}, 0, "id.uscc.check_char", ""},
		{"ID card check char blocks", []string{"id", "idcard", "360426199101010072"}, 1, "id.idcard.check_char", ""},
		{"ICP alt abbreviation", []string{"id", "icp", "川ICP备10200063号-1"}, 0, "id.icp.abbr_alt", ""},
		{"unknown kind", []string{"id", "vin", "LSVAA4182E2184847"}, 2, "", "unknown kind"},
		{"id without value", []string{"id", "mobile"}, 2, "", "want <kind> <value>"},
		{"example application", []string{"application", "--today", "2025-06-15", exampleApp}, 0, "confirm.domain_holder", ""},
		{"blocking application", []string{"application", "--today", "2025-06-15", write("bad.json", bad)}, 1, "id.mobile.format", ""},
		{"record with doc", []string{"application", write("rec.json", `{"id":1,"status":"draft","doc":`+string(example)+`}`)}, 0, "confirm.server", ""},
		{"not JSON", []string{"application", write("x.json", "hello")}, 2, "", "not an application JSON document"},
		{"missing file", []string{"application", filepath.Join(dir, "nope.json")}, 2, "", "nope.json"},
		{"newer format", []string{"application", write("new.json", `{"version":99}`)}, 2, "", "newer ICP Desk"},
		{"bad --today", []string{"application", "--today", "15.06.2025", exampleApp}, 2, "", "--today"},
		{"nothing to check", nil, 2, "", "id, application or photo"},
		{"unknown target", []string{"domainz"}, 2, "", "unknown target"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := commands["check"].run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			fs := decodeLines(t, stdout.String())
			if tc.rule != "" {
				found := false
				for _, f := range fs {
					found = found || f.Rule == tc.rule
				}
				if !found {
					t.Errorf("rule %s not in output %s", tc.rule, stdout.String())
				}
			}
			if tc.code == 2 {
				msg := stderr.String()
				if !strings.Contains(msg, tc.stderrIn) || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
					t.Errorf("stderr should be one clear line containing %q, got %q", tc.stderrIn, msg)
				}
				if stdout.Len() != 0 {
					t.Errorf("unusable input wrote to stdout: %s", stdout.String())
				}
			}
		})
	}
}

// TestCheckBinary builds the real binary and runs it as a user would.
func TestCheckBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "icpdesk-cli")
	if out, err := exec.Command("go", "build", "-ldflags", "-X icpdesk/backend.Version=1.2.3-4-gabc", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(args ...string) (string, string, int) {
		cmd := exec.Command(bin, args...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		code := 0
		if x, ok := err.(*exec.ExitError); ok {
			code = x.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return o.String(), e.String(), code
	}
	out, _, code := run("help")
	if code != 0 || !strings.Contains(out, "check id <kind> <value>") || !strings.Contains(out, "help") {
		t.Errorf("help: exit %d, %q", code, out)
	}
	// The version make writes in at build time (git describe).
	for _, v := range []string{"--version", "version"} {
		if out, _, code := run(v); code != 0 || out != "icpdesk-cli 1.2.3-4-gabc\n" {
			t.Errorf("%s: exit %d, %q", v, code, out)
		}
	}
	out, _, code = run("check", "id", "idcard", "11010519491231002X")
	if code != 0 || out != "" {
		t.Errorf("valid ID: exit %d, output %q", code, out)
	}
	out, _, code = run("check", "id", "domain", "https://www.example.com/")
	if code != 1 || !strings.Contains(out, `"rule":"id.domain.url"`) || !strings.Contains(out, `"host":"www.example.com"`) {
		t.Errorf("URL as domain: exit %d, output %q", code, out)
	}
	out, _, code = run("check", "application", "--today", "2025-06-15", exampleApp)
	if code != 0 || len(decodeLines(t, out)) == 0 {
		t.Errorf("example application: exit %d, output %q", code, out)
	}
	_, errOut, code := run("check", "application", "/nonexistent/app.json")
	if code != 2 || errOut == "" {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

// Every command reads application files the same way: a UTF-8 BOM is fine,
// a missing, null, zero or negative version and a bare null are refused with
// the same clear line.
func TestApplicationFileAcceptanceIsTheSameEverywhere(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile(exampleApp)
	if err != nil {
		t.Fatal(err)
	}
	withVersion := func(v string) string {
		return strings.Replace(string(example), `"version": 1`, `"version": `+v, 1)
	}
	if !strings.Contains(string(example), `"version": 1`) {
		t.Fatal("example has no version 1")
	}
	noVersion := strings.Replace(string(example), `"version": 1,`, ``, 1)
	files := []struct {
		name, body string
		ok         bool
		stderrIn   string
	}{
		{"bom.json", "\ufeff" + string(example), true, ""},
		{"v0.json", withVersion("0"), false, `"version" is 0`},
		{"vneg.json", withVersion("-1"), false, `"version" is -1`},
		{"vfrac.json", withVersion("1.5"), false, `"version" is 1.5`},
		{"vnull.json", withVersion("null"), false, `no "version"`},
		{"vmissing.json", noVersion, false, `no "version"`},
		{"null.json", "null", false, "no JSON object"},
		{"list.json", "[]", false, "no JSON object"},
		{"empty.json", " \n", false, "empty"},
		{"utf16.json", "\xff\xfe{\x00}\x00", false, "UTF-16"},
		{"newer.json", withVersion("2"), false, "newer ICP Desk"},
	}
	commandsFor := map[string]func(in, out string) []string{
		"check":     func(in, out string) []string { return []string{"application", "--today", "2025-06-15", in} },
		"checklist": func(in, out string) []string { return []string{in, out} },
		"export":    func(in, out string) []string { return []string{"package", "--force", in, filepath.Join(out, "p.zip")} },
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte(f.body), 0o600); err != nil {
			t.Fatal(err)
		}
		for name, args := range commandsFor {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				code := commands[name].run(args(p, t.TempDir()), &stdout, &stderr)
				if f.ok {
					if code == 2 {
						t.Fatalf("refused: %s", stderr.String())
					}
					return
				}
				msg := stderr.String()
				if code != 2 || !strings.Contains(msg, f.stderrIn) || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
					t.Fatalf("exit %d, stderr %q; want 2 and one line with %q", code, msg, f.stderrIn)
				}
			})
		}
	}
}

// 100,000 websites in one application: refused at once by every command,
// with Tencent's per-order limit in the message.
func TestHugeApplicationRefusedEarly(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"version":1,"entity":{"name":"x"},"websites":[`)
	for i := range 100000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"w%d"}`, i+1)
	}
	b.WriteString(`]}`)
	p := filepath.Join(t.TempDir(), "huge.json")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	long := filepath.Join(t.TempDir(), "long.json")
	os.WriteFile(long, []byte(`{"version":1,"entity":{"name":"`+strings.Repeat("长", 1<<20)+`"}}`), 0o600)
	for _, args := range [][]string{
		{"check", "application", p}, {"checklist", p, t.TempDir()}, {"export", "package", p, filepath.Join(t.TempDir(), "x.zip")},
	} {
		var stdout, stderr bytes.Buffer
		code := commands[args[0]].run(args[1:], &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "websites holds 100000 entries") || !strings.Contains(stderr.String(), "at most 10") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := commands["check"].run([]string{"application", long}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "entity.name is 1048576 characters long") {
		t.Errorf("long name: exit %d, stderr %q", code, stderr.String())
	}
}
