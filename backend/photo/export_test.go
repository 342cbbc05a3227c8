package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand"
	"testing"

	"icpdesk/backend"
)

// jpegMarkers lists the segment markers of a JPEG up to the first scan.
func jpegMarkers(t *testing.T, b []byte) []byte {
	t.Helper()
	var ms []byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			t.Fatalf("no marker at %d", i)
		}
		m := b[i+1]
		ms = append(ms, m)
		if m == 0xDA {
			return ms
		}
		i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
	}
	return ms
}

func TestExportFitsSlotAndStripsMetadata(t *testing.T) {
	skipSceneTableInShort(t)
	s := slot(t, "person_id_front")
	// A noisy 2600×1950 photo (over 2 MB at any quality ≥ 92 once resized) with
	// EXIF (orientation, make) and a GPS-like payload.
	big := image.NewNRGBA(image.Rect(0, 0, 2600, 1950))
	r := rand.New(rand.NewSource(5))
	for i := range big.Pix {
		big.Pix[i] = uint8(r.Intn(256))
		if i%4 == 3 {
			big.Pix[i] = 255
		}
	}
	src := withOrientation(jpegBytes(t, big, 95), 1, false)
	src = append(src[:2], append([]byte{0xFF, 0xE1, 0, 12, 'G', 'P', 'S', 'I', 'n', 'f', 'o', 0, 1, 2}, src[2:]...)...)
	o, err := DecodeBytes(src, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	data, fs, err := ExportForSlot(o.Image, s)
	if err != nil || backend.Blocking(fs) {
		t.Fatalf("%v %+v", err, fs)
	}
	if int64(len(data)) > s.MaxBytes {
		t.Fatalf("%d bytes > %d", len(data), s.MaxBytes)
	}
	for _, m := range jpegMarkers(t, data) {
		if m >= 0xE0 && m <= 0xEF || m == 0xFE { // APPn (EXIF, GPS, ICC, XMP) or comment
			t.Fatalf("metadata marker FF%02X in output", m)
		}
	}
	if bytes.Contains(data, []byte("Exif")) || bytes.Contains(data, []byte("GPS")) || bytes.Contains(data, []byte("ACME")) {
		t.Fatal("metadata bytes in output")
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || max(cfg.Width, cfg.Height) != s.ExportMaxLongEdge || cfg.ColorModel != color.YCbCrModel {
		t.Fatalf("%v %+v", err, cfg)
	}
}

func TestExportConvertsToRGB(t *testing.T) {
	s := slot(t, "entity_cert")
	gray := image.NewGray16(image.Rect(0, 0, 1300, 900))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7)
	}
	cmyk := image.NewCMYK(image.Rect(0, 0, 1300, 900))
	for i := 0; i < len(cmyk.Pix); i += 4 {
		cmyk.Pix[i], cmyk.Pix[i+1] = 200, 10 // cyan
	}
	alpha := image.NewNRGBA(image.Rect(0, 0, 1300, 900)) // fully transparent → white, not black
	for name, img := range map[string]image.Image{"gray16": gray, "cmyk": cmyk, "alpha": alpha} {
		data, _, err := ExportForSlot(img, s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := out.(*image.YCbCr); !ok {
			t.Errorf("%s: decoded as %T, want 3-component YCbCr", name, out)
		}
		r, g, b, _ := out.At(650, 450).RGBA()
		switch name {
		case "alpha":
			if r>>8 < 250 || g>>8 < 250 || b>>8 < 250 {
				t.Errorf("transparent became %d,%d,%d", r>>8, g>>8, b>>8)
			}
		case "cmyk":
			if r>>8 > 100 || b>>8 < 200 {
				t.Errorf("cyan became %d,%d,%d", r>>8, g>>8, b>>8)
			}
		}
	}
}

func TestExportSmallAndTooSmall(t *testing.T) {
	s := slot(t, "domain_cert") // ≥ 200 KB wanted; a flat small image cannot get there
	img := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	fill(img, color.NRGBA{250, 250, 250, 255})
	_, fs, err := ExportForSlot(img, s)
	if err != nil {
		t.Fatal(err)
	}
	got := rules(fs)
	if _, ok := got[RuleFileTooSmall]; !ok {
		t.Errorf("no file_too_small: %v", keys(got))
	}
	if _, ok := got[RuleResolutionLow]; !ok {
		t.Errorf("no resolution_low: %v", keys(got))
	}
	if _, fs, _ := ExportForSlot(idCard(cardOpts{w: 1700, h: 1200, card: image.Rect(100, 100, 1600, 1050)}), s); len(fs) != 0 {
		t.Errorf("big noisy card: %v", keys(rules(fs)))
	}
}

func TestWatermarkAvoidsContent(t *testing.T) {
	s := slot(t, "person_id_front")
	img := idCard(defaultCard())
	plain, _, err := Export(img, s, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	marked, _, err := Export(img, s, ExportOptions{Watermark: true})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := jpeg.Decode(bytes.NewReader(plain))
	b, _ := jpeg.Decode(bytes.NewReader(marked))
	// Where do the two differ? The text must land somewhere, and not on the card.
	changed, onCard := 0, 0
	card := defaultCard().card
	for y := 0; y < 600; y += 2 {
		for x := 0; x < 800; x += 2 {
			ar, _, _, _ := a.At(x, y).RGBA()
			br, _, _, _ := b.At(x, y).RGBA()
			if d := int(ar>>8) - int(br>>8); d > 30 || d < -30 {
				changed++
				if image.Pt(x, y).In(card) {
					onCard++
				}
			}
		}
	}
	if changed < 50 || onCard > changed/10 {
		t.Fatalf("changed %d pixels, %d on the card", changed, onCard)
	}
}

// encodeToFit keeps the highest quality that fits: 92 in one encode when it
// fits, near the best by brute force when it does not, nothing when even
// the lowest is too big; what it returns always fits.
func TestEncodeToFit(t *testing.T) {
	s := scene{name: "fit", kind: "card", bg: "wood", light: "side", w: 900, h: 680, truth: placeDoc(450, 340, 500, 315, 6, 0.05)}
	img, err := RenderForExport(jpegDecode(t, jpegBytes(t, makeScene(s), 92)), Adjust{}, 900)
	if err != nil {
		t.Fatal(err)
	}
	size := map[int]int{}
	for q := 30; q <= 92; q++ {
		d, err := encode(img, q)
		if err != nil {
			t.Fatal(err)
		}
		size[q] = len(d)
	}
	for _, limit := range []int{size[92], size[92] * 3, size[92] - 1, size[80], (size[60] + size[61]) / 2, size[35], size[30] - 1} {
		d, q, err := encodeToFit(img, int64(limit))
		if err != nil {
			t.Fatal(err)
		}
		best := 0
		for k := 92; k >= 30; k-- {
			if size[k] <= limit {
				best = k
				break
			}
		}
		if best == 0 {
			if d != nil {
				t.Fatalf("limit %d: %d bytes at q%d, but nothing fits", limit, len(d), q)
			}
			continue
		}
		if d == nil || len(d) > limit || len(d) != size[q] {
			t.Fatalf("limit %d: %d bytes at q%d (that quality gives %d)", limit, len(d), q, size[q])
		}
		if best == 92 && q != 92 || q > best || q < best-8 {
			t.Fatalf("limit %d: q%d, best that fits q%d", limit, q, best)
		}
	}
}
