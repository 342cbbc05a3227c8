//go:build windows

package backend

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On Windows itself: every name SafeFileName makes is written and listed back
// exactly (Windows would drop trailing dots, refuse <>:"|?* and turn CON or
// NUL.pdf into the device), also under a Chinese user name and beyond the old
// 260-character path limit.
func TestSafeFileNamesRoundTripOnWindows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Users", "张三", "AppData", "Roaming", "ICPDesk")
	for len(dir) < 300 { // a long path: Go adds the \\?\ prefix itself
		dir = filepath.Join(dir, "很长的文件夹名称_long_folder_name")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"CON", "con.txt", "NUL .pdf", "COM1.zip", "LPT9", "COM¹.pdf", "CONIN$", "AUX.tar.gz",
		"trailing. . ", `a<b>c:d"e|f?g*h`, "核验单_中文.中国.pdf", "tab\there",
		strings.Repeat("域", 300) + ".pdf", "提交材料_北京云帆科技有限公司_example.com.zip",
	}
	want := map[string]bool{}
	for _, in := range inputs {
		name := SafeFileName(in)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(in), 0o600); err != nil {
			t.Errorf("%q as %q: %v", in, name, err)
			continue
		}
		want[name] = true
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(b) != in {
			t.Errorf("%q read back as %q, %v", name, b, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Name()] = true
	}
	for name := range want {
		if !got[name] {
			t.Errorf("%q is not listed under its own name (listed: %v)", name, got)
		}
	}
}
