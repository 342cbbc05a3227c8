package photo

import (
	"bytes"
	"image"
	"image/color"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/disintegration/imaging"

	"icpdesk/backend/photo/internal/jpeg"
)

// The shrinker fed a picture's rows in pieces (as the decoder gives them,
// and starting over) makes boxShrink's copy exactly; for a factor the
// chroma step does not divide it makes none (fitLong's other path).
func TestShrinkerMatchesBoxShrink(t *testing.T) {
	card := idCard(cardOpts{w: 1300, h: 980, card: image.Rect(100, 90, 900, 700)})
	dec := func(b []byte) *image.YCbCr {
		m, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return m.(*image.YCbCr)
	}
	pics := map[string]*image.YCbCr{"420": dec(jpegBytes(t, card, 90))}
	// 4:4:4 (what ImageMagick writes at quality ≥ 90): GOROOT's test file
	if b, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "video-001.q50.444.jpeg")); err == nil {
		pics["444"] = dec(b)
	}
	for name, m := range pics {
		long := max(m.Rect.Dx(), m.Rect.Dy())
		for _, f := range []int{2, 3, 4} {
			s := &shrinker{maxLong: long / f}
			s.rows(m, 0, 40) // a start that is given up
			for y0 := 0; y0 < m.Rect.Dy(); y0 += 16 {
				s.rows(m, y0, min(y0+16, m.Rect.Dy()))
			}
			got := s.result()
			csx, _ := chromaStep(m.SubsampleRatio)
			if f%csx != 0 {
				if got != nil {
					t.Fatalf("%s f %d: a copy where the chroma step does not divide the factor", name, f)
				}
				continue
			}
			if got == nil {
				t.Fatalf("%s f %d: no copy", name, f)
			}
			want := boxShrink(m, f)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s f %d: the copy made from the rows is not boxShrink's", name, f)
			}
			whole := &shrinker{maxLong: long / f} // given at once (a progressive JPEG): in bands
			whole.rows(m, 0, m.Rect.Dy())
			if !reflect.DeepEqual(whole.result(), want) {
				t.Fatalf("%s f %d: the copy made from the whole picture is not boxShrink's", name, f)
			}
		}
	}
}

// A 12-megapixel-like JPEG decoded by DecodeBytes carries the analysis copy
// made while it was decoded, and the suggestion from it is the suggestion
// from the picture; a turned photo (EXIF orientation) carries none and
// still gets the same suggestion.
func TestSuggestFromDecodedCopy(t *testing.T) {
	old := runtime.GOMAXPROCS(2) // the parallel decoder, which gives rows early
	defer runtime.GOMAXPROCS(old)
	s := slot(t, "person_id_front")
	src := jpegBytes(t, idCard(cardOpts{w: 2400, h: 1800, card: image.Rect(420, 360, 1980, 1344)}), 90)
	for _, orientation := range []uint16{1, 6} {
		b := src
		if orientation != 1 {
			b = withOrientation(src, orientation, false)
		}
		if o, _ := DecodeBytes(b, DefaultLimits()); o.analysis != nil {
			t.Fatal("an analysis copy made when no suggestion follows")
		}
		o, err := DecodeBytes(b, DefaultLimits(), ForSuggestion)
		if err != nil {
			t.Fatal(err)
		}
		if (o.analysis != nil) != (orientation == 1) {
			t.Fatalf("orientation %d: analysis copy %v", orientation, o.analysis != nil)
		}
		if o.analysis != nil && !reflect.DeepEqual(o.analysis, boxShrink(o.Image, 2)) {
			t.Fatal("the copy made while decoding is not boxShrink's")
		}
		got, want := o.SuggestCrop(s), SuggestCrop(o.Image, s)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("orientation %d: suggestion %+v, from the picture %+v", orientation, got, want)
		}
		if orientation == 1 && !got.Found {
			t.Fatalf("no card found: %+v", got)
		}
	}
}

// resize gives imaging.Resize's bytes exactly, for the analysis copies'
// shrinks and other sizes, both filters fitLong uses, one pass or two, and
// hands a picture with transparency to imaging.
func TestResizeMatchesImaging(t *testing.T) {
	card := idCard(cardOpts{w: 1203, h: 757, card: image.Rect(100, 90, 900, 600)})
	cases := [][2]int{{1000, 629}, {480, 302}, {1203, 500}, {700, 757}, {1500, 900}, {17, 11}}
	for _, filter := range []imaging.ResampleFilter{imaging.Linear, imaging.CatmullRom} {
		for _, c := range cases {
			if got, want := resize(card, c[0], c[1], filter), imaging.Resize(card, c[0], c[1], filter); !reflect.DeepEqual(got, want) {
				t.Fatalf("%v: not imaging's bytes", c)
			}
		}
	}
	card.Pix[3] = 128 // one translucent pixel
	if got, want := resize(card, 480, 302, imaging.Linear), imaging.Resize(card, 480, 302, imaging.Linear); !reflect.DeepEqual(got, want) {
		t.Fatal("translucent: not imaging's bytes")
	}
}

// boxBlurByColumns is boxBlur as it was, the vertical pass down each column.
func boxBlurByColumns(p []int32, w, h, r int) {
	tmp := make([]int32, max(w, h))
	n := int32(2*r + 1)
	for y := 0; y < h; y++ {
		row := p[y*w : y*w+w]
		var s int32
		for k := -r; k <= r; k++ {
			s += row[min(max(k, 0), w-1)]
		}
		for x := 0; x < w; x++ {
			tmp[x] = s / n
			s += row[min(x+r+1, w-1)] - row[max(x-r, 0)]
		}
		copy(row, tmp[:w])
	}
	for x := 0; x < w; x++ {
		var s int32
		for k := -r; k <= r; k++ {
			s += p[min(max(k, 0), h-1)*w+x]
		}
		for y := 0; y < h; y++ {
			tmp[y] = s / n
			s += p[min(y+r+1, h-1)*w+x] - p[max(y-r, 0)*w+x]
		}
		for y := 0; y < h; y++ {
			p[y*w+x] = tmp[y]
		}
	}
}

// boxBlur along the rows gives the values of the blur down the columns, for
// radii up to past the picture's size.
func TestBoxBlurRows(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, sz := range [][2]int{{480, 360}, {37, 5}, {1, 9}, {9, 1}} {
		w, h := sz[0], sz[1]
		for _, r := range []int{1, 2, 12, 40} {
			p := make([]int32, w*h)
			for i := range p {
				p[i] = int32(rng.Intn(256))
			}
			want := append([]int32(nil), p...)
			boxBlurByColumns(want, w, h, r)
			boxBlur(p, make([]int32, w*h), w, h, r)
			if !reflect.DeepEqual(p, want) {
				t.Fatalf("%dx%d r %d: not the column blur's values", w, h, r)
			}
		}
	}
}

// shrinkRows averages each f×f block as the plain definition does, for
// every subsampling and factor the planar path takes (the usual factors
// have their own loops).
func TestShrinkRowsByDefinition(t *testing.T) {
	card := idCard(cardOpts{w: 331, h: 250, card: image.Rect(40, 30, 280, 190)})
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411} {
		m := image.NewYCbCr(card.Rect, ratio)
		for y := 0; y < card.Rect.Dy(); y++ {
			for x := 0; x < card.Rect.Dx(); x++ {
				c := card.NRGBAAt(x, y)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				m.Y[m.YOffset(x, y)] = yy
				ci := m.COffset(x, y)
				m.Cb[ci], m.Cr[ci] = cb, cr // the last pixel of a chroma block wins
			}
		}
		csx, csy := chromaStep(ratio)
		for f := 1; f <= 8; f++ {
			if f%csx != 0 || f%csy != 0 {
				continue
			}
			w, h := m.Rect.Dx()/f, m.Rect.Dy()/f
			got := image.NewNRGBA(image.Rect(0, 0, w, h))
			shrinkRows(m, got, f, csx, csy, 0, h, nil)
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					var sy, scb, scr int
					for dy := 0; dy < f; dy++ {
						for dx := 0; dx < f; dx++ {
							sy += int(m.Y[m.YOffset(x*f+dx, y*f+dy)])
						}
					}
					for dy := 0; dy < f/csy; dy++ {
						for dx := 0; dx < f/csx; dx++ {
							ci := (y*f/csy+dy)*m.CStride + x*f/csx + dx
							scb += int(m.Cb[ci])
							scr += int(m.Cr[ci])
						}
					}
					cn := (f / csx) * (f / csy)
					r, g, b := color.YCbCrToRGB(uint8(sy/(f*f)), uint8(scb/cn), uint8(scr/cn))
					if want := (color.NRGBA{r, g, b, 255}); got.NRGBAAt(x, y) != want {
						t.Fatalf("%v f %d (%d,%d): %v, want %v", ratio, f, x, y, got.NRGBAAt(x, y), want)
					}
				}
			}
		}
	}
}

// A quarter turn's row tables give the general loop's very samples, with a
// crop or without, at full size and shrunk (1, 2×2 and 3×3 taps).
func TestRenderQuarterTurnRows(t *testing.T) {
	card := idCard(cardOpts{w: 1201, h: 803, card: image.Rect(150, 100, 1000, 640)})
	yc := jpegDecode(t, jpegBytes(t, card, 90)).(*image.YCbCr)
	crop := Rect{37, 21, 1001, 700}
	defer func() { noQuarterTurnPath = false }()
	for _, a := range []Adjust{{Rotate90: 1}, {Rotate90: 3}, {Rotate90: -1, Crop: &crop}, {Rotate90: 1, Crop: &crop}} {
		for _, long := range []int{0, 1000, 500, 350} {
			noQuarterTurnPath = false
			fast, err := RenderForExport(yc, a, long)
			if err != nil {
				t.Fatal(err)
			}
			noQuarterTurnPath = true
			slow, _ := RenderForExport(yc, a, long)
			if !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%+v long %d: the row tables' render is not the general loop's", a, long)
			}
		}
	}
}

// Halving an NRGBA (the detector's copy) gives the general loop's values,
// at the origin and in a sub-image, with translucent pixels.
func TestBoxShrinkNRGBAHalf(t *testing.T) {
	m := idCard(cardOpts{w: 1001, h: 751, card: image.Rect(100, 90, 800, 600)})
	for i := 3; i < len(m.Pix); i += 37 * 4 {
		m.Pix[i] = uint8(i)
	}
	for _, img := range []*image.NRGBA{m, m.SubImage(image.Rect(3, 5, 901, 700)).(*image.NRGBA)} {
		got := boxShrink(img, 2)
		b := img.Bounds()
		want := image.NewNRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		for y := 0; y < b.Dy()/2; y++ {
			for x := 0; x < b.Dx()/2; x++ {
				var acc [4]uint32
				for dy := 0; dy < 2; dy++ {
					for dx := 0; dx < 2; dx++ {
						c := img.NRGBAAt(b.Min.X+2*x+dx, b.Min.Y+2*y+dy)
						acc[0], acc[1], acc[2], acc[3] = acc[0]+uint32(c.R), acc[1]+uint32(c.G), acc[2]+uint32(c.B), acc[3]+uint32(c.A)
					}
				}
				want.SetNRGBA(x, y, color.NRGBA{uint8(acc[0] / 4), uint8(acc[1] / 4), uint8(acc[2] / 4), uint8(acc[3] / 4)})
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%v: not the 2×2 means", b)
		}
	}
}
