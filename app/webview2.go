package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"icpdesk/assets"
	"icpdesk/backend/prefs"
)

// minWebView2 is the oldest WebView2 runtime Wails v2.16.0 runs on (its
// internal wv2installer.MinimumRuntimeVersion, which is not exported).
const minWebView2 = "94.0.992.31"

// webview2Text explains a missing WebView2 runtime, before any window exists.
type webview2Text struct {
	Title   string `json:"title"`
	Missing string `json:"missing"` // {min}: minWebView2
	Offline string `json:"offline"`
	Online  string `json:"online"`
	Steps   string `json:"steps"`
	Safe    string `json:"safe"`
}

// nativeText is what ICP Desk says in one language before its webview (and
// vue-i18n) runs: its own WebView2 check and Wails' Windows dialogs.
type nativeText struct {
	WebView2 webview2Text     `json:"webview2"`
	Wails    windows.Messages `json:"wails"`
}

// nativeMessages returns the texts in lang (the language preference; an
// unknown one gets the default, zh-CN) from assets/data/native_messages.json.
// A missing text is an error: Wails would show an empty dialog.
func nativeMessages(lang string) (nativeText, error) {
	b, err := assets.Read("data/native_messages.json")
	if err != nil {
		return nativeText{}, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nativeText{}, fmt.Errorf("native_messages.json: %w", err)
	}
	raw, ok := all[lang]
	if !ok {
		lang = prefs.Languages[0]
		raw = all[lang]
	}
	var t nativeText
	if err := json.Unmarshal(raw, &t); err != nil {
		return nativeText{}, fmt.Errorf("native_messages.json %s: %w", lang, err)
	}
	for _, s := range []any{t.WebView2, t.Wails} {
		v := reflect.ValueOf(s)
		for i := range v.NumField() {
			if strings.TrimSpace(v.Field(i).String()) == "" {
				return nativeText{}, fmt.Errorf("native_messages.json %s: %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
	return t, nil
}

// webview2Missing is the box shown when the runtime is missing or too old:
// what is missing, whether the machine seems offline, what to do (the
// offline Evergreen Standalone Installer) and that no data is lost.
func (t nativeText) webview2Missing(offline bool) (title, body string) {
	w := t.WebView2
	net := w.Online
	if offline {
		net = w.Offline
	}
	body = strings.Join([]string{strings.ReplaceAll(w.Missing, "{min}", minWebView2), net, w.Steps, w.Safe}, "\n\n")
	return w.Title, body
}
