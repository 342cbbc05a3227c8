//go:build !windows

package app

// requireWebView2 has nothing to check where the webview is the system's
// (WebKitGTK on Linux, WKWebView on macOS).
func requireWebView2(nativeText) error { return nil }
