package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/draw"
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

// The Linux window's icon is the app icon made small (128 px, 8-bit: GTK
// decodes it before the page loads): after a new logo in build/appicon.png,
// build/linux/window-icon.png must be made again, e.g.
// convert build/appicon.png -strip -filter Lanczos -resize 128x128 -depth 8 PNG32:build/linux/window-icon.png
func TestWindowIconIsTheAppIcon(t *testing.T) {
	big, err := png.Decode(bytes.NewReader(icon))
	if err != nil {
		t.Fatal(err)
	}
	small, err := png.Decode(bytes.NewReader(windowIcon))
	if err != nil {
		t.Fatal(err)
	}
	if b := small.Bounds(); b.Dx() != 128 || b.Dy() != 128 {
		t.Fatalf("window icon is %v, want 128×128", b.Size())
	}
	if _, ok := small.(*image.NRGBA); !ok {
		t.Errorf("window icon is %T, want 8-bit RGBA (*image.NRGBA)", small)
	}
	// Compared premultiplied: the colour of a transparent pixel is arbitrary.
	want := image.NewRGBA(image.Rect(0, 0, 128, 128))
	draw.CatmullRom.Scale(want, want.Bounds(), big, big.Bounds(), draw.Src, nil)
	var diff, n float64
	for y := 0; y < 128; y++ {
		for x := 0; x < 128; x++ {
			a := color.RGBAModel.Convert(small.At(x, y)).(color.RGBA)
			b := want.RGBAAt(x, y)
			for _, d := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B), int(a.A) - int(b.A)} {
				diff += math.Abs(float64(d))
				n++
			}
		}
	}
	if mean := diff / n; mean > 4 {
		t.Errorf("window icon differs from build/appicon.png made small by %.1f per channel on average: make it again", mean)
	}
}
