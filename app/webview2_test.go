package app

import (
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
