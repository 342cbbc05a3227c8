package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
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
	WebView2 webview2Text      `json:"webview2"`
	Wails    windows.Messages  `json:"wails"`
	Dialogs  map[string]string `json:"dialogs"` // the window title and file dialogs (app/native.go)
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
	for _, k := range nativeKeys {
		if strings.TrimSpace(t.Dialogs[k]) == "" {
			return nativeText{}, fmt.Errorf("native_messages.json %s: dialogs.%s is empty", lang, k)
		}
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

// webview2Probe is what requireWebView2 asks the system; tests fake it.
type webview2Probe struct {
	version func() (string, error) // the installed runtime's version, "" if none
	online  func() bool            // whether Windows has a network connection
	show    func(title, body string)
}

// checkWebView2 shows the missing-runtime box and returns an error when the
// runtime is missing or older than minWebView2. A version it cannot read
// (a failing probe, a channel build's odd string) lets the app go on: Wails
// checks again and explains in the same words (Messages).
func checkWebView2(t nativeText, p webview2Probe) error {
	v, err := p.version()
	if err != nil {
		return nil
	}
	if v != "" {
		if older, ok := versionOlder(v, minWebView2); !ok || !older {
			return nil
		}
	}
	title, body := t.webview2Missing(!p.online())
	p.show(title, body)
	return errWebView2Missing
}

var errWebView2Missing = errors.New("the Microsoft Edge WebView2 Runtime is missing or too old")

// versionOlder compares dotted versions ("120.0.2210.91", a channel name
// after a space ignored); ok is false when either is not numeric.
func versionOlder(v, than string) (older, ok bool) {
	parse := func(s string) ([]int, bool) {
		s, _, _ = strings.Cut(strings.TrimSpace(s), " ")
		var out []int
		for _, f := range strings.Split(s, ".") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 {
				return nil, false
			}
			out = append(out, n)
		}
		return out, true
	}
	a, ok1 := parse(v)
	b, ok2 := parse(than)
	if !ok1 || !ok2 {
		return false, false
	}
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return x < y, true
		}
	}
	return false, true
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
