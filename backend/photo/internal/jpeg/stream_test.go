package jpeg

import (
	"bytes"
	"fmt"
	"image"
	stdjpeg "image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// rowLog records DecodeWith's Rows calls and a copy of the rows given in
// each, as they were at the time of the call.
type rowLog struct {
	calls  [][2]int
	copies []image.Image // each call's rows, copied
	img    image.Image
}

func (l *rowLog) rows(m image.Image, y0, y1 int) {
	l.calls = append(l.calls, [2]int{y0, y1})
	if l.img != nil && m != l.img {
		panic("Rows given two different images")
	}
	l.img = m
	b := m.Bounds()
	r := image.Rect(b.Min.X, b.Min.Y+y0, b.Max.X, b.Min.Y+y1)
	c := image.NewRGBA64(r) // 16 bits: keeps every colour exactly
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c.Set(x, y, m.At(x, y))
		}
	}
	l.copies = append(l.copies, c)
}

// check fails unless the calls cover [0, height) in order, each call's rows
// were then what the decoded picture has, and the calls gave got.
func (l *rowLog) check(t *testing.T, what string, got image.Image) {
	t.Helper()
	if l.img != got {
		t.Fatalf("%s: Rows was given another image than DecodeWith returned", what)
	}
	last := 0
	for _, c := range l.calls {
		if c[0] == 0 {
			last = 0 // starts over
		}
		if c[0] != last || c[1] <= c[0] {
			t.Fatalf("%s: calls %v not consecutive", what, l.calls)
		}
		last = c[1]
	}
	if last != got.Bounds().Dy() {
		t.Fatalf("%s: calls %v end at %d, not at the height %d", what, l.calls, last, got.Bounds().Dy())
	}
	for i, c := range l.copies {
		samePixels(t, fmt.Sprintf("%s: rows %v", what, l.calls[i]), c, got.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(c.Bounds()))
	}
}

// DecodeWith gives a large sequential YCbCr picture's rows while it is
// decoded, in order, each row final when given (4:2:0 and 4:4:4, odd
// sizes, from image/jpeg's encoder and from ours with restart intervals);
// it decodes the same picture as Decode.
func TestDecodeWithRows(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	defer func(m int) { minParallelMCUs = m }(minParallelMCUs)
	minParallelMCUs = 16
	files := map[string][]byte{}
	for _, sz := range [][2]int{{640, 480}, {333, 517}} {
		m := scene(sz[0], sz[1], int64(sz[0]))
		var std, ours bytes.Buffer
		_ = stdjpeg.Encode(&std, m, &stdjpeg.Options{Quality: 90})
		_ = Encode(&ours, m, &Options{Quality: 90})
		files[fmt.Sprintf("image/jpeg %v", sz)], files[fmt.Sprintf("ours %v", sz)] = std.Bytes(), ours.Bytes()
	}
	// 4:4:4 from libvips-like encoders: GOROOT's testdata has one
	if b, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "video-001.q50.444.jpeg")); err == nil {
		files["444"] = b
	}
	// Rows come in pieces unless a worker is held up until the others have
	// done every other row (a loaded machine): a few tries to see pieces.
	pieces := false
	for try := 0; try < 5 && !pieces; try++ {
		for name, b := range files {
			var l rowLog
			got, err := DecodeWith(bytes.NewReader(b), DecodeOptions{Rows: l.rows})
			if err != nil {
				t.Fatal(name, err)
			}
			want, _ := Decode(bytes.NewReader(b))
			samePixels(t, name, got, want)
			l.check(t, name, got)
			pieces = pieces || len(l.calls) > 1
		}
	}
	if !pieces {
		t.Fatal("every picture's rows were given in one call, none while it was decoded")
	}
}

// The stream gives the rows in order, as soon as the rows before them are
// done, whatever order the workers finish them in; a row that is not
// whole (a scan of some components) stops it.
func TestRowStreamOrder(t *testing.T) {
	var calls [][2]int
	s := &rowStream{fn: func(_ image.Image, y0, y1 int) { calls = append(calls, [2]int{y0, y1}) }}
	d := &decoder{nComp: 3, height: 70, img3: image.NewYCbCr(image.Rect(0, 0, 8, 80), image.YCbCrSubsampleRatio420)}
	d.comp[0].v = 2
	s.begin(d) // 16 rows per MCU row: 5 MCU rows
	for _, my := range []int{1, 2, 0, 4, 3} {
		s.done(my, true)
	}
	if want := [][2]int{{0, 48}, {48, 70}}; fmt.Sprint(calls) != fmt.Sprint(want) || !s.complete(d.img3) {
		t.Fatalf("calls %v, want %v", calls, want)
	}
	calls = nil
	s = &rowStream{fn: s.fn}
	s.begin(d)
	s.done(0, true)
	s.done(1, false)
	s.done(2, true)
	if fmt.Sprint(calls) != "[[0 16]]" || s.complete(d.img3) {
		t.Fatalf("calls %v after a row that is not whole", calls)
	}
}

// Every other picture (progressive, grey, CMYK, small, one core) is given
// whole, once, after it is decoded; a damaged file gives no call after the
// damage and its error.
func TestDecodeWithWhole(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "*.jpeg"))
	if len(files) == 0 {
		t.Skip("no GOROOT image/testdata")
	}
	defer func(m int) { minParallelMCUs = m }(minParallelMCUs)
	for _, procs := range []int{1, 2} {
		old := runtime.GOMAXPROCS(procs)
		minParallelMCUs = 1
		for _, f := range files {
			b, _ := os.ReadFile(f)
			var l rowLog
			got, err := DecodeWith(bytes.NewReader(b), DecodeOptions{Rows: l.rows})
			want, werr := Decode(bytes.NewReader(b))
			if (err != nil) != (werr != nil) {
				t.Fatalf("%s: error %v vs Decode's %v", f, err, werr)
			}
			if err != nil {
				continue
			}
			samePixels(t, f, got, want)
			l.check(t, f, got)
			streamed := procs > 1
			for _, k := range []string{"progressive", "gray", "cmyk", "rgb", "separate"} {
				streamed = streamed && !strings.Contains(f, k)
			}
			if !streamed && len(l.calls) != 1 {
				t.Fatalf("%s procs %d: %d calls, want the whole picture once", f, procs, len(l.calls))
			}
		}
		runtime.GOMAXPROCS(old)
	}
	// damaged: the rows before the damage at most, never the whole picture
	var buf bytes.Buffer
	_ = stdjpeg.Encode(&buf, scene(800, 600, 7), &stdjpeg.Options{Quality: 80})
	b := buf.Bytes()[:buf.Len()*2/3]
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var l rowLog
	if _, err := DecodeWith(bytes.NewReader(b), DecodeOptions{Rows: l.rows}); err == nil {
		t.Fatal("a truncated file decoded")
	}
	if n := len(l.calls); n > 0 && l.calls[n-1][1] >= 600 {
		t.Fatalf("rows %v given, the whole picture of a damaged file", l.calls)
	}
}

// A panic in Rows, which runs on the decoder's workers, comes out of
// DecodeWith in the caller's goroutine (where photo's safeDecode recovers).
func TestDecodeWithRowsPanic(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var buf bytes.Buffer
	_ = stdjpeg.Encode(&buf, scene(800, 600, 9), &stdjpeg.Options{Quality: 80})
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want the Rows panic", r)
		}
	}()
	_, _ = DecodeWith(bytes.NewReader(buf.Bytes()), DecodeOptions{Rows: func(image.Image, int, int) { panic("boom") }})
	t.Fatal("no panic")
}
