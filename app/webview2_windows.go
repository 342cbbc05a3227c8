//go:build windows

package app

import (
	"unsafe"

	"github.com/wailsapp/go-webview2/webviewloader"
	"golang.org/x/sys/windows"
)

// requireWebView2 looks for the WebView2 runtime before the window is made.
// Where it is missing or older than minWebView2, the clerk gets a box in the
// UI language saying what to do, and the app stops: it never downloads the
// runtime itself (no network at run time; the build uses Wails' "error"
// strategy, so Wails' own check, should it disagree, only explains too).
func requireWebView2(t nativeText) error {
	return checkWebView2(t, webview2Probe{
		version: func() (string, error) { return webviewloader.GetAvailableCoreWebView2BrowserVersionString("") },
		online:  internetConnected,
		show:    messageBox,
	})
}

// internetConnected asks Windows whether it has a network connection
// (wininet's InternetGetConnectedState: a local query, nothing is sent).
func internetConnected() bool {
	proc := windows.NewLazySystemDLL("wininet.dll").NewProc("InternetGetConnectedState")
	if proc.Find() != nil {
		return true // cannot tell: say nothing about being offline
	}
	var flags uint32
	ok, _, _ := proc.Call(uintptr(unsafe.Pointer(&flags)), 0)
	return ok != 0
}

func messageBox(title, body string) {
	t, err1 := windows.UTF16PtrFromString(title)
	b, err2 := windows.UTF16PtrFromString(body)
	if err1 != nil || err2 != nil {
		return
	}
	_, _ = windows.MessageBox(0, b, t, windows.MB_OK|windows.MB_ICONWARNING|windows.MB_SETFOREGROUND)
}
