package main

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// The built page the app embeds (and the e2e harness serves) carries a
// strict Content-Security-Policy: nothing from another origin, no inline or
// eval'd script; only styles may be inline (Naive UI injects them).
func TestBuiltPageHasStrictCSP(t *testing.T) {
	b, err := fs.ReadFile(dist, "frontend/dist/index.html")
	if err != nil {
		t.Fatalf("the built page is missing (make frontend/dist/index.html): %v", err)
	}
	m := regexp.MustCompile(`(?s)<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no Content-Security-Policy meta tag in the built index.html")
	}
	policy := map[string][]string{}
	for _, d := range strings.Split(string(m[1]), ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			policy[f[0]] = f[1:]
		}
	}
	want := map[string]string{"default-src": "'self'", "script-src": "'self'", "object-src": "'self'", "base-uri": "'none'", "connect-src": "'self'"}
	for d, v := range want {
		if strings.Join(policy[d], " ") != v {
			t.Errorf("%s = %q, want %q", d, strings.Join(policy[d], " "), v)
		}
	}
	for d, srcs := range policy {
		for _, s := range srcs {
			remote := strings.Contains(s, "://") || strings.Contains(s, "*") || s == "http:" || s == "https:" || s == "ws:" || s == "wss:"
			if remote || ((d == "script-src" || d == "default-src") && (s == "'unsafe-inline'" || s == "'unsafe-eval'")) {
				t.Errorf("%s allows %s", d, s)
			}
		}
	}
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).Match(b) {
		t.Error("the built page has an inline script, which the policy blocks")
	}
}
