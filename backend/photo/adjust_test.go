package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"github.com/disintegration/imaging"

	"icpdesk/backend"
)

func TestApplyCropAndRotate(t *testing.T) {
	o := &Original{Image: halves(), Width: 40, Height: 20}
	img, err := Apply(o, Adjust{Crop: &Rect{X: 10, Y: 0, W: 20, H: 20}, Rotate90: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Crop keeps 10 red + 10 blue columns; a clockwise turn puts red on top.
	if b := img.Bounds(); b.Dx() != 20 || b.Dy() != 20 || !isRed(img.At(b.Min.X+10, b.Min.Y+2)) || isRed(img.At(b.Min.X+10, b.Min.Y+17)) {
		t.Fatalf("bounds %v top %v bottom %v", img.Bounds(), img.At(10, 2), img.At(10, 17))
	}
	img, err = Apply(o, Adjust{Rotate90: -1}) // counter-clockwise: red at the bottom
	if err != nil || img.Bounds().Dx() != 20 || !isRed(img.At(10, 37)) {
		t.Fatalf("ccw: %v %v", err, img.Bounds())
	}
	img, err = Apply(o, Adjust{FineRotateDeg: 10})
	if err != nil || img.Bounds().Dx() <= 40 {
		t.Fatalf("fine rotate: %v %v", err, img.Bounds())
	}
	for name, a := range map[string]Adjust{
		"crop outside": {Crop: &Rect{X: 100, Y: 100, W: 10, H: 10}},
		"angle":        {FineRotateDeg: 60},
		"corners":      {Corners: &[4]Point{{0, 0}, {40, 0}, {0, 20}, {40, 20}}}, // self-intersecting
		"corner far":   {Corners: &[4]Point{{0, 0}, {400, 0}, {40, 20}, {0, 20}}},
	} {
		if _, err := Apply(o, a); backend.ErrorCode(err) != backend.ECodeInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A card photographed at an angle comes out as an upright ID-1 rectangle.
func TestPerspectiveFromSuggestedCorners(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 1400, 1000))
	fill(img, tableColour)
	truth := [4]Point{{260, 210}, {1150, 150}, {1210, 760}, {210, 820}}
	quad(img, truth, cardColour)
	// a dark stripe along the card's top edge tells up from down after warping
	quad(img, [4]Point{{300, 250}, {1110, 195}, {1113, 225}, {302, 282}}, inkColour)
	noise(img, 4, 7)
	s := SuggestCrop(img, slot(t, "person_id_front"))
	if !s.Found {
		t.Fatal("card not found")
	}
	for i := range truth {
		if dist(s.Corners[i], truth[i]) > 2 {
			t.Errorf("corner %d: %v, want %v", i, s.Corners[i], truth[i])
		}
	}
	out, err := Apply(&Original{Image: img}, Adjust{Corners: &s.Corners})
	if err != nil {
		t.Fatal(err)
	}
	b := out.Bounds()
	inner := float64(b.Dx()) / float64(b.Dy())
	if inner < 1.50 || inner > 1.60 { // side lengths average 946 × 612 plus the margin
		t.Errorf("warped aspect %.3f", inner)
	}
	// the margin shows the table, the centre the card, the top band the ink stripe
	if c := out.At(3, 3).(color.NRGBA); c.G > 100 {
		t.Errorf("margin %v is not table", c)
	}
	if c := out.At(b.Dx()/2, b.Dy()/2).(color.NRGBA); c.G < 200 {
		t.Errorf("centre %v is not card", c)
	}
	// the stripe lies 52–83 px below the card's top edge (its side is 612 px), plus the margin
	if c := out.At(b.Dx()/2, b.Dy()*13/100).(color.NRGBA); c.G > 100 {
		t.Errorf("top band %v is not the stripe", c)
	}
	// After correction, the checks see a whole, undistorted card with a margin.
	fs := rules(Check(out, slot(t, "person_id_front"), CheckOptions{}))
	if _, ok := fs[RuleEdgesCut]; ok {
		t.Errorf("corrected card: %v", keys(fs))
	}
	if _, ok := fs[RuleBlur]; ok {
		t.Errorf("corrected card: %v", keys(fs))
	}
}

func TestSuggestCropNothingFound(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	fill(img, tableColour)
	noise(img, 4, 9)
	if s := SuggestCrop(img, slot(t, "person_id_front")); s.Found || s.Crop != (Rect{0, 0, 300, 200}) {
		t.Fatalf("%+v", s)
	}
}

func TestPreview(t *testing.T) {
	b, err := Preview(idCard(defaultCard()), 320)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 320 || cfg.Height != 240 {
		t.Fatalf("%v %+v", err, cfg)
	}
}

// A JPEG's preview (resampled from its planes) has the size and shows the
// picture the RGB path shows.
func TestPreviewYCbCr(t *testing.T) {
	card := idCard(defaultCard())
	src := jpegDecode(t, jpegBytes(t, card, 92)).(*image.YCbCr)
	for _, side := range []int{320, 4000} {
		fast, err := Preview(src, side)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := Preview(imaging.Clone(src), side)
		if err != nil {
			t.Fatal(err)
		}
		a, b := jpegDecode(t, fast), jpegDecode(t, slow)
		if a.Bounds() != b.Bounds() {
			t.Fatalf("side %d: %v vs %v", side, a.Bounds(), b.Bounds())
		}
		var sum, n float64
		for y := 0; y < a.Bounds().Dy(); y++ {
			for x := 0; x < a.Bounds().Dx(); x++ {
				r1, g1, b1, _ := a.At(x, y).RGBA()
				r2, g2, b2, _ := b.At(x, y).RGBA()
				for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
					sum += float64(max(d, -d))
					n++
				}
			}
		}
		if m := sum / n; m > 4 {
			t.Fatalf("side %d: mean difference %.2f", side, m)
		}
	}
}

// The YCbCr fast path of Warp matches the generic path.
func TestWarpYCbCrMatchesGeneric(t *testing.T) {
	o, err := DecodeBytes(jpegBytes(t, idCard(defaultCard()), 90), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := o.Image.(*image.YCbCr); !ok {
		t.Fatalf("decoded as %T", o.Image)
	}
	c := [4]Point{{120, 127}, {680, 123}, {683, 477}, {117, 473}}
	fast, err := Warp(o.Image, c, PerspectiveMargin)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := Warp(toNRGBA(o.Image), c, PerspectiveMargin)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Rect != slow.Rect {
		t.Fatalf("%v vs %v", fast.Rect, slow.Rect)
	}
	var diff int
	for i := range fast.Pix {
		diff += abs(int(fast.Pix[i]) - int(slow.Pix[i]))
	}
	if mean := float64(diff) / float64(len(fast.Pix)); mean > 2 {
		t.Fatalf("mean difference %.2f", mean)
	}
}

// The crop dialog's preview and the export come from one geometry: a small
// render is the full render made small, turns and straightening included.
func TestRenderSizesAgree(t *testing.T) {
	s := scene{name: "render", kind: "card", bg: "wood", light: "side", w: 1200, h: 900, truth: placeDoc(600, 450, 700, 442, 8, 0.05)}
	src := makeScene(s)
	yc := jpegDecode(t, jpegBytes(t, src, 92)) // the decoder's YCbCr path
	for _, a := range []Adjust{
		{Corners: &s.truth, FineRotateDeg: 3.5, Rotate90: 1},
		{Crop: &Rect{100, 80, 900, 700}, FineRotateDeg: -12},
		{Rotate90: 2},
	} {
		for _, img := range []image.Image{src, yc} {
			full, err := Render(img, a, 0)
			if err != nil {
				t.Fatal(err)
			}
			small, err := Render(img, a, 300)
			if err != nil {
				t.Fatal(err)
			}
			if d := small.Rect.Size().Sub(fitLong(full, 300, imaging.Box).Rect.Size()); abs(d.X) > 1 || abs(d.Y) > 1 {
				t.Fatalf("%+v: sizes %v vs %v", a, small.Rect, full.Rect)
			}
			ref := imaging.Resize(full, small.Rect.Dx(), small.Rect.Dy(), imaging.Box)
			var diff float64
			for i := range small.Pix {
				diff += math.Abs(float64(small.Pix[i]) - float64(ref.Pix[i]))
			}
			if m := diff / float64(len(small.Pix)); m > 4 {
				t.Errorf("%+v: mean difference %.2f between the small and the reduced full render", a, m)
			}
		}
	}
}

func jpegDecode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Checking with the corners the suggestion gives (no second detection)
// reaches the verdicts the detector does.
func TestKnownCornersAgreeWithDetection(t *testing.T) {
	sl := slot(t, "person_id_front")
	for _, s := range []scene{
		{name: "k1", kind: "card", bg: "wood", light: "even", w: 1200, h: 900, truth: placeDoc(600, 450, 700, 442, 5, 0.04)},
		{name: "k2", kind: "card", bg: "dark", light: "side", w: 1200, h: 900, truth: placeDoc(600, 450, 620, 391, -9, 0)},
	} {
		img := makeScene(s)
		sg := SuggestCrop(img, sl)
		if !sg.Auto {
			t.Fatalf("%s: not confident: %+v", s.name, sg)
		}
		for _, adj := range []Adjust{{Corners: &sg.Corners}, {}, {Corners: &sg.Corners, Rotate90: 1}, {Rotate90: 2},
			{Corners: &sg.Corners, Rotate90: 3}, {Rotate90: 1}} {
			out, err := Render(img, adj, sl.ExportMaxLongEdge)
			if err != nil {
				t.Fatal(err)
			}
			c := DocumentIn(img.Bounds(), adj, sg, sl.ExportMaxLongEdge)
			if c == nil {
				t.Fatalf("%s: no known corners for %+v", s.name, adj)
			}
			// the known corners are where detection on the result finds them
			a := analyze(out, sl.Thresholds.AnalysisLongEdge)
			kd, fd := knownDocument(a, *c, out.Bounds()), findDocument(a, sl)
			if !fd.found {
				t.Fatalf("%s %+v: detection finds nothing", s.name, adj)
			}
			for i := range kd.corners {
				if d := dist(kd.corners[i], fd.corners[i]); d > 0.03*float64(max(a.w, a.h)) {
					t.Fatalf("%s %+v: corner %d known %v, found %v", s.name, adj, i, kd.corners, fd.corners)
				}
			}
			known := rules(Check(out, sl, CheckOptions{Corners: c}))
			found := rules(Check(out, sl, CheckOptions{}))
			for _, r := range []string{RuleEdgesCut, RuleAspect, RuleTooDark, RuleTooBright, RuleGlare, RuleUpsideDown} {
				if _, a := known[r]; a != (func() bool { _, b := found[r]; return b })() {
					t.Errorf("%s %+v: %s known=%v found=%v", s.name, adj, r, keys(known), keys(found))
				}
			}
		}
	}
}

// The planar shrink (4:2:0, 4:4:4, 4:2:2 …) averages the same samples as the
// general one.
func TestBoxShrinkPlanar(t *testing.T) {
	base := jpegDecode(t, jpegBytes(t, makeScene(scene{name: "b", kind: "card", bg: "wood", light: "side", w: 800, h: 600,
		truth: placeDoc(400, 300, 500, 315, 7, 0)}), 90)).(*image.YCbCr)
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444,
		image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411} {
		// the same picture in this ratio: chroma taken at each block's first sample
		src := image.NewYCbCr(base.Rect, ratio)
		for y := 0; y < src.Rect.Dy(); y++ {
			for x := 0; x < src.Rect.Dx(); x++ {
				c := base.YCbCrAt(x, y)
				src.Y[src.YOffset(x, y)] = c.Y
				ci := src.COffset(x, y)
				src.Cb[ci], src.Cr[ci] = c.Cb+uint8(x%3), c.Cr-uint8(y%2)
			}
		}
		for _, f := range []int{2, 4} {
			fast := boxShrink(src, f)
			n := f * f
			for y := 0; y < fast.Rect.Dy(); y++ {
				for x := 0; x < fast.Rect.Dx(); x++ {
					var sy, sb, sr int
					for dy := 0; dy < f; dy++ {
						for dx := 0; dx < f; dx++ {
							c := src.YCbCrAt(x*f+dx, y*f+dy)
							sy, sb, sr = sy+int(c.Y), sb+int(c.Cb), sr+int(c.Cr)
						}
					}
					r, g, b := color.YCbCrToRGB(uint8(sy/n), uint8(sb/n), uint8(sr/n))
					got := fast.NRGBAAt(x, y)
					for k, d := range []int{int(got.R) - int(r), int(got.G) - int(g), int(got.B) - int(b)} {
						if d > 2 || d < -2 {
							t.Fatalf("ratio %v, factor %d, (%d,%d) channel %d: %v vs %d %d %d", ratio, f, x, y, k, got, r, g, b)
						}
					}
				}
			}
		}
	}
}

// The stepped row loop samples where toSource and bilerp8 do, for every
// kind of adjustment, a subsampled and a full-chroma source, at full size
// and shrunk (one tap per pixel).
func TestRenderRowsMatchToSource(t *testing.T) {
	s := scene{name: "rows", kind: "card", bg: "wood", light: "side", w: 1200, h: 900, truth: placeDoc(600, 450, 700, 441, 8, 0.06)}
	yc := jpegDecode(t, jpegBytes(t, makeScene(s), 92)).(*image.YCbCr)
	full := image.NewYCbCr(yc.Rect, image.YCbCrSubsampleRatio444)
	for y := 0; y < yc.Rect.Dy(); y++ {
		for x := 0; x < yc.Rect.Dx(); x++ {
			c := yc.YCbCrAt(x, y)
			full.Y[full.YOffset(x, y)], full.Cb[full.COffset(x, y)], full.Cr[full.COffset(x, y)] = c.Y, c.Cb, c.Cr
		}
	}
	crop := Rect{100, 80, 900, 700}
	adjs := []Adjust{{}, {Crop: &crop}, {Crop: &crop, Rotate90: 1, FineRotateDeg: 7}, {FineRotateDeg: -12}}
	for q := 0; q < 4; q++ {
		adjs = append(adjs, Adjust{Corners: &s.truth, Rotate90: q}, Adjust{Corners: &s.truth, Rotate90: q, FineRotateDeg: 3.5})
	}
	defer func() { slowRender = false }()
	for _, src := range []*image.YCbCr{yc, full, yc.SubImage(image.Rect(0, 0, 1100, 850)).(*image.YCbCr)} {
		for _, a := range adjs {
			for _, long := range []int{0, 1000, 500, 350} { // one, one, 2×2 and 3×3 taps
				slowRender = false
				fast, err := RenderForExport(src, a, long)
				if err != nil {
					t.Fatal(err)
				}
				slowRender = true
				slow, _ := RenderForExport(src, a, long)
				f, sl := fast.(*image.YCbCr), slow.(*image.YCbCr)
				for _, pl := range [][2][]uint8{{f.Y, sl.Y}, {f.Cb, sl.Cb}, {f.Cr, sl.Cr}} {
					bad := 0
					for i := range pl[0] {
						if d := int(pl[0][i]) - int(pl[1][i]); d > 1 || d < -1 {
							bad++
						}
					}
					// rounding may move a sample across a pixel boundary on a
					// few edge pixels, never more
					if bad > len(pl[0])/2000 {
						t.Fatalf("%v %+v long %d: %d of %d samples differ", src.SubsampleRatio, a, long, bad, len(pl[0]))
					}
				}
			}
		}
	}
}

// The export's 4:2:0 render shows what the RGB render shows, and exports
// within the slot's limits.
func TestRenderForExportMatchesRender(t *testing.T) {
	s := scene{name: "rfe", kind: "card", bg: "wood", light: "side", w: 1600, h: 1200, truth: placeDoc(800, 600, 900, 568, 6, 0.05)}
	yc := jpegDecode(t, jpegBytes(t, makeScene(s), 92))
	sl := slot(t, "person_id_front")
	for _, a := range []Adjust{{Corners: &s.truth}, {Corners: &s.truth, FineRotateDeg: -4, Rotate90: 3}, {}} {
		rgb, err := Render(yc, a, 700)
		if err != nil {
			t.Fatal(err)
		}
		img, err := RenderForExport(yc, a, 700)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := img.(*image.YCbCr); !ok || img.Bounds() != rgb.Bounds() {
			t.Fatalf("%+v: %T %v vs %v", a, img, img.Bounds(), rgb.Bounds())
		}
		conv := toNRGBA(img)
		var diff float64
		for i := range conv.Pix {
			diff += math.Abs(float64(conv.Pix[i]) - float64(rgb.Pix[i]))
		}
		if m := diff / float64(len(conv.Pix)); m > 4 {
			t.Errorf("%+v: mean difference %.2f", a, m)
		}
		data, _, err := ExportForSlot(img, sl)
		if err != nil || len(data) == 0 || int64(len(data)) > sl.MaxBytes {
			t.Fatalf("%+v: export %d bytes, %v", a, len(data), err)
		}
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != img.Bounds().Dx() {
			t.Fatalf("%+v: %v %+v", a, err, cfg)
		}
	}
}

// meanSaturation's shortcut gives what hsv gives, pixel by pixel.
func TestMeanSaturationMatchesHSV(t *testing.T) {
	img := makeScene(scene{name: "sat", kind: "card", bg: "gingham", light: "side", w: 400, h: 300, truth: placeDoc(200, 150, 250, 158, 5, 0)})
	a := analyze(img, 400)
	r := image.Rect(13, 7, 391, 288)
	var want float64
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			_, s, v := hsv(a.px(x, y))
			if v >= 0.1 {
				want += s
				n++
			}
		}
	}
	if got := a.meanSaturation(r); got != want/float64(n) {
		t.Fatalf("%v vs %v", got, want/float64(n))
	}
}
