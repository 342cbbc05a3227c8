package app

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestNativeMessagesPerLanguage(t *testing.T) {
	zh, err := nativeMessages("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err := nativeMessages("en")
	if err != nil {
		t.Fatal(err)
	}
	// The default language, for a first start or a preference this build does not know.
	for _, lang := range []string{"", "fr", "zh-TW"} {
		if got, err := nativeMessages(lang); err != nil || !reflect.DeepEqual(got, zh) {
			t.Errorf("language %q: %v, not zh-CN", lang, err)
		}
	}
	if zh.Wails.Error != "错误" || en.Wails.Error != "Error" {
		t.Errorf("dialog titles %q / %q", zh.Wails.Error, en.Wails.Error)
	}
	// Every Wails message is translated, none left as the other language's.
	zv, ev := reflect.ValueOf(zh.Wails), reflect.ValueOf(en.Wails)
	for i := range zv.NumField() {
		name := zv.Type().Field(i).Name
		if zv.Field(i).String() == ev.Field(i).String() {
			t.Errorf("Wails message %s is the same in both languages", name)
		}
		if !strings.ContainsFunc(zv.Field(i).String(), func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("zh-CN Wails message %s has no Chinese: %q", name, zv.Field(i).String())
		}
	}
	for _, m := range []string{zh.Wails.ContactAdmin, en.Wails.ContactAdmin, zh.Wails.FailedToInstall, en.Wails.FailedToInstall} {
		if !strings.Contains(m, "Evergreen Standalone Installer") {
			t.Errorf("does not name the offline installer: %q", m)
		}
	}
}

func TestWebView2MissingMessage(t *testing.T) {
	zh, err := nativeMessages("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	en, err := nativeMessages("en")
	if err != nil {
		t.Fatal(err)
	}
	title, off := zh.webview2Missing(true)
	_, on := zh.webview2Missing(false)
	for _, want := range []string{"WebView2", "运行时", minWebView2, "似乎没有连接互联网", "Evergreen Standalone Installer", "常青版独立安装程序", "IT 部门", "不需要管理员权限", "重新打开 ICP备案助手", "不会丢失"} {
		if !strings.Contains(off, want) {
			t.Errorf("zh-CN offline message lacks %q:\n%s", want, off)
		}
	}
	if !strings.Contains(title, "WebView2") || strings.Contains(off, "{min}") {
		t.Errorf("title %q, body %q", title, off)
	}
	if strings.Contains(on, "似乎没有连接互联网") || !strings.Contains(on, "Evergreen Standalone Installer") {
		t.Errorf("zh-CN message for a connected machine:\n%s", on)
	}
	title, off = en.webview2Missing(true)
	for _, want := range []string{"WebView2 Runtime", minWebView2, "seems to be offline", "Evergreen Standalone Installer", "IT department", "open ICP Desk again"} {
		if !strings.Contains(off, want) {
			t.Errorf("en offline message lacks %q:\n%s", want, off)
		}
	}
	if strings.ContainsFunc(off, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) || !strings.Contains(title, "ICP Desk") {
		t.Errorf("en message has Chinese or a wrong title: %q\n%s", title, off)
	}
}

func TestCheckWebView2(t *testing.T) {
	zh, err := nativeMessages("zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	probe := func(version string, verr error, online bool, shown *[]string) webview2Probe {
		return webview2Probe{
			version: func() (string, error) { return version, verr },
			online:  func() bool { return online },
			show:    func(title, body string) { *shown = append(*shown, title+"\n"+body) },
		}
	}
	tests := []struct {
		name    string
		version string
		verr    error
		online  bool
		missing bool
		offline bool
	}{
		{"none, offline", "", nil, false, true, true},
		{"none, online", "", nil, true, true, false},
		{"too old", "86.0.616.0", nil, false, true, true},
		{"the minimum", minWebView2, nil, false, false, false},
		{"current", "131.0.2903.70", nil, false, false, false},
		{"a beta channel", "132.0.2957.11 beta", nil, false, false, false},
		{"unreadable version", "abc", nil, false, false, false},
		{"probe failed", "", errors.New("registry"), false, false, false},
	}
	for _, tt := range tests {
		var shown []string
		err := checkWebView2(zh, probe(tt.version, tt.verr, tt.online, &shown))
		if tt.missing != (err != nil) || tt.missing != (len(shown) == 1) {
			t.Errorf("%s: err %v, %d boxes", tt.name, err, len(shown))
			continue
		}
		if tt.missing && strings.Contains(shown[0], "似乎没有连接互联网") != tt.offline {
			t.Errorf("%s: offline %v, box:\n%s", tt.name, tt.offline, shown[0])
		}
	}
}

func TestVersionOlder(t *testing.T) {
	for _, c := range []struct {
		a, b      string
		older, ok bool
	}{
		{"94.0.992.30", "94.0.992.31", true, true},
		{"94.0.992.31", "94.0.992.31", false, true},
		{"100.0.0.0", "94.0.992.31", false, true},
		{"94.1", "94.0.992.31", false, true},
		{"94", "94.0.992.31", true, true},
		{"120.0.1.2 dev", "94.0.992.31", false, true},
		{"x.1", "94.0.992.31", false, false},
	} {
		if older, ok := versionOlder(c.a, c.b); older != c.older || ok != c.ok {
			t.Errorf("versionOlder(%q, %q) = %v, %v", c.a, c.b, older, ok)
		}
	}
}

// The window title and file dialogs follow the language setting.
func TestNativeStringFollowsLanguage(t *testing.T) {
	t.Cleanup(func() { nativeCurrent.Store(nil) })
	if _, err := setNativeLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if got := nativeString(textOpenWorkspace); got != "Open workspace" {
		t.Errorf("en: %q", got)
	}
	if _, err := setNativeLanguage("zh-CN"); err != nil {
		t.Fatal(err)
	}
	if got := nativeString(textOpenWorkspace); got != "打开工作区" {
		t.Errorf("zh-CN: %q", got)
	}
}
