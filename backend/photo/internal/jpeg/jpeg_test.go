package jpeg

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stdjpeg "image/jpeg"
	"image/png"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// scene is a noisy picture with flat areas, edges and colour, w×h.
func scene(w, h int, seed int64) *image.RGBA {
	rng := rand.New(rand.NewSource(seed))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := 50, 60, 55 // a dark table
			if x > w/5 && x < 4*w/5 && y > h/5 && y < 3*h/4 {
				r, g, b = 228, 232, 236 // the card
				if (y/9)%4 == 0 && x < w/2 {
					r, g, b = 30, 30, 35 // text lines
				}
			}
			if (x-2*w/3)*(x-2*w/3)+(y-h/2)*(y-h/2) < h*h/25 {
				r, g, b = 220, 170, 135 // a face
			}
			n := rng.Intn(41) - 20
			i := m.PixOffset(x, y)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = clamp(r+n), clamp(g+n), clamp(b+n), 255
		}
	}
	return m
}

func clamp(v int) uint8 { return uint8(min(255, max(0, v))) }

func toYCbCr420(m *image.RGBA) *image.YCbCr {
	b := m.Bounds()
	y := image.NewYCbCr(b, image.YCbCrSubsampleRatio420)
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			c := m.RGBAAt(px, py)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			y.Y[y.YOffset(px, py)] = yy
			ci := y.COffset(px, py)
			y.Cb[ci], y.Cr[ci] = cb, cr
		}
	}
	return y
}

func toGray(m *image.RGBA) *image.Gray {
	g := image.NewGray(m.Bounds())
	for i := 0; i < len(g.Pix); i++ {
		g.Pix[i] = m.Pix[4*i+1]
	}
	return g
}

// samePixels fails unless a and b have the same bounds and colours.
func samePixels(t *testing.T, what string, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s: bounds %v vs %v", what, a.Bounds(), b.Bounds())
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("%s: pixel (%d,%d) %v vs %v", what, x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
}

// The fork's encoder (restart intervals, bands in parallel) gives the same
// pixels as image/jpeg's at the same quality, for every input type, odd
// sizes and sub-images, on one core and on several.
func TestEncodeMatchesStdlib(t *testing.T) {
	big := scene(1203, 917, 1)
	inputs := map[string]image.Image{
		"rgba":       big,
		"ycbcr420":   toYCbCr420(big),
		"gray":       toGray(big),
		"nrgba":      (*image.NRGBA)(big), // opaque: same bytes, generic path
		"subimage":   big.SubImage(image.Rect(101, 37, 1003, 801)),
		"ycbcr sub":  toYCbCr420(big).SubImage(image.Rect(102, 36, 1004, 802)),
		"ycbcr odd":  toYCbCr420(big).SubImage(image.Rect(101, 37, 1003, 801)),
		"small":      scene(17, 9, 2),
		"two rows":   scene(400, 31, 3),
		"one column": scene(9, 500, 4),
	}
	defer func(p int) { minParallelPixels = p }(minParallelPixels)
	procs, qualities := []int{1, 2, 4}, []int{30, 75, 92, 100}
	if raceBuild {
		procs, qualities = []int{1, 3}, []int{75}
	}
	for _, procs := range procs {
		old := runtime.GOMAXPROCS(procs)
		minParallelPixels = 0 // bands even for the smallest pictures
		for name, m := range inputs {
			for _, q := range qualities {
				var ours, std bytes.Buffer
				if err := Encode(&ours, m, &Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				if err := stdjpeg.Encode(&std, m, &stdjpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				a, err := stdjpeg.Decode(bytes.NewReader(ours.Bytes()))
				if err != nil {
					t.Fatalf("%s q%d procs %d: image/jpeg cannot read ours: %v", name, q, procs, err)
				}
				b, _ := stdjpeg.Decode(bytes.NewReader(std.Bytes()))
				samePixels(t, fmt.Sprintf("%s q%d procs %d", name, q, procs), a, b)
				if procs == 1 && !bytes.Equal(ours.Bytes(), std.Bytes()) {
					// one interval: the very bytes of image/jpeg (its bit writer, ours word by word)
					t.Errorf("%s q%d: not image/jpeg's bytes on one core", name, q)
				}
				// restart markers cost a few bytes per row, nothing more
				if d := ours.Len() - std.Len(); d < 0 || d > 8*(m.Bounds().Dy()/8+2) {
					t.Errorf("%s q%d procs %d: %d bytes vs %d", name, q, procs, ours.Len(), std.Len())
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// MaxBytes stops an encode that cannot fit and changes nothing in one that does.
func TestEncodeMaxBytes(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	m := toYCbCr420(scene(1200, 900, 12))
	var plain bytes.Buffer
	if err := Encode(&plain, m, &Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	var fits bytes.Buffer
	if err := Encode(&fits, m, &Options{Quality: 92, MaxBytes: plain.Len()}); err != nil || !bytes.Equal(fits.Bytes(), plain.Bytes()) {
		t.Fatalf("at its own size: %v, %d vs %d bytes", err, fits.Len(), plain.Len())
	}
	for _, limit := range []int{1, plain.Len() / 2, plain.Len() - 700} {
		var over bytes.Buffer
		if err := Encode(&over, m, &Options{Quality: 92, MaxBytes: limit}); err != ErrTooLarge {
			t.Fatalf("limit %d of %d: %v", limit, plain.Len(), err)
		}
	}
}

// The restart markers are where they belong: one per MCU row but the last.
func TestEncodeRestartMarkers(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var buf bytes.Buffer
	m := scene(640, 480, 5) // 30 MCU rows of 40 MCUs
	if err := Encode(&buf, m, &Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.Contains(b, []byte{0xff, driMarker, 0, 4, 0, 40}) {
		t.Fatal("no DRI marker with a 40-MCU interval")
	}
	sos := bytes.Index(b, []byte{0xff, sosMarker})
	n := 0
	for i := sos; i+1 < len(b); i++ {
		if b[i] == 0xff && b[i+1] >= rst0Marker && b[i+1] <= rst7Marker {
			if want := rst0Marker + uint8(n%8); b[i+1] != want {
				t.Fatalf("restart marker %d is %#x, want %#x", n, b[i+1], want)
			}
			n++
		}
	}
	if n != 29 {
		t.Fatalf("%d restart markers, want 29", n)
	}
}

// The decoder gives image/jpeg's pixels for every kind of file Go's own
// tests use (subsamplings, progressive, restart intervals, grey, CMYK,
// RGB), with the parallel reconstruction forced on even for small images.
func TestDecodeMatchesStdlib(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "*.jpeg"))
	if len(files) == 0 {
		t.Skip("no GOROOT image/testdata")
	}
	defer func(m int) { minParallelMCUs = m }(minParallelMCUs)
	procs := []int{1, 2, 3}
	if raceBuild {
		procs = []int{3}
	}
	for _, procs := range procs {
		old := runtime.GOMAXPROCS(procs)
		for _, mcus := range []int{1, 1 << 30} {
			minParallelMCUs = mcus
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				want, werr := stdjpeg.Decode(bytes.NewReader(b))
				got, gerr := Decode(bytes.NewReader(b))
				if (werr != nil) != (gerr != nil) {
					t.Fatalf("%s: error %v vs image/jpeg's %v", f, gerr, werr)
				}
				if werr != nil {
					continue
				}
				samePixels(t, fmt.Sprintf("%s procs %d", filepath.Base(f), procs), got, want)
				cg, _ := DecodeConfig(bytes.NewReader(b))
				cw, _ := stdjpeg.DecodeConfig(bytes.NewReader(b))
				if cg != cw {
					t.Fatalf("%s: config %v vs %v", f, cg, cw)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// Large pictures (the parallel path without forcing it), from image/jpeg's
// encoder and from our own (restart intervals), decode as image/jpeg does.
func TestDecodeLargeMatchesStdlib(t *testing.T) {
	m := scene(2000, 1500, 6)
	var std, ours bytes.Buffer
	_ = stdjpeg.Encode(&std, m, &stdjpeg.Options{Quality: 92})
	_ = Encode(&ours, m, &Options{Quality: 92})
	for name, b := range map[string][]byte{"image/jpeg's": std.Bytes(), "ours": ours.Bytes()} {
		want, err := stdjpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		samePixels(t, name, got, want)
	}
}

// Damaged files fail as they do with image/jpeg, without a panic or a
// goroutine left behind: every truncation and some flipped bytes of a
// large file (parallel path).
func TestDecodeDamaged(t *testing.T) {
	var buf bytes.Buffer
	_ = stdjpeg.Encode(&buf, scene(800, 600, 7), &stdjpeg.Options{Quality: 80})
	good := buf.Bytes()
	before := runtime.NumGoroutine()
	rng := rand.New(rand.NewSource(8))
	cases := 60
	if raceBuild {
		cases = 12
	}
	for i := 0; i < cases; i++ {
		b := append([]byte(nil), good...)
		if i%2 == 0 {
			b = b[:rng.Intn(len(b))]
		} else {
			for k := 0; k < 5; k++ {
				b[600+rng.Intn(len(b)-600)] = byte(rng.Intn(256))
			}
		}
		_, werr := stdjpeg.Decode(bytes.NewReader(b))
		got, gerr := Decode(bytes.NewReader(b))
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("case %d: error %v vs image/jpeg's %v", i, gerr, werr)
		}
		if gerr == nil {
			want, _ := stdjpeg.Decode(bytes.NewReader(b))
			samePixels(t, fmt.Sprintf("case %d", i), got, want)
		}
	}
	for k := 0; k < 100 && runtime.NumGoroutine() > before; k++ {
		runtime.Gosched()
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left, %d before", n, before)
	}
}

// libvips (libjpeg) reads our restart-interval files and sees the same
// picture, within the IDCT's and upsampling's rounding; skipped without vips.
func TestEncodeReadByLibvips(t *testing.T) {
	vips, err := exec.LookPath("vips")
	if err != nil {
		t.Skip("vips not installed")
	}
	dir := t.TempDir()
	m := scene(1203, 917, 9)
	var buf bytes.Buffer
	if err := Encode(&buf, toYCbCr420(m), &Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(dir, "in.jpg"), filepath.Join(dir, "out.png")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	// fail on any libjpeg warning (a bad restart marker is one)
	if o, err := exec.Command(vips, "copy", in+"[fail]", out).CombinedOutput(); err != nil || strings.TrimSpace(string(o)) != "" {
		t.Fatalf("vips: %v %s", err, o)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	theirs, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	ours, _ := stdjpeg.Decode(bytes.NewReader(buf.Bytes()))
	var sum, n float64
	r := ours.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := ours.At(x, y).RGBA()
			r2, g2, b2, _ := theirs.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				sum += float64(max(d, -d))
				n++
			}
		}
	}
	if mean := sum / n; mean > 2 {
		t.Fatalf("libvips sees a different picture: mean difference %.2f", mean)
	}
}

// benchFile is the JPEG the decode benchmarks read: $JPEG_BENCH_FILE (e.g.
// the 4:4:4 12 MP picture scripts/bench_photo.sh makes) or a generated
// noisy 2000×1500 one.
func benchFile(b *testing.B) []byte {
	if f := os.Getenv("JPEG_BENCH_FILE"); f != "" {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	var buf bytes.Buffer
	_ = stdjpeg.Encode(&buf, scene(2000, 1500, 10), &stdjpeg.Options{Quality: 92})
	return buf.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	d := benchFile(b)
	b.SetBytes(int64(len(d)))
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		if _, err := Decode(bytes.NewReader(d)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeStdlib(b *testing.B) {
	d := benchFile(b)
	b.SetBytes(int64(len(d)))
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		if _, err := stdjpeg.Decode(bytes.NewReader(d)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	m := toYCbCr420(scene(2400, 1500, 11))
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		if err := Encode(io.Discard, m, &Options{Quality: 92}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeStdlib(b *testing.B) {
	m := toYCbCr420(scene(2400, 1500, 11))
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		if err := stdjpeg.Encode(io.Discard, m, &stdjpeg.Options{Quality: 92}); err != nil {
			b.Fatal(err)
		}
	}
}
