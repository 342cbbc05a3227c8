package photo

import (
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"
)

// scanPage is a flatbed scan cut to the page: white paper filling the frame,
// a title, text and (sealed) a red seal ring.
func scanPage(sealed bool) *image.NRGBA {
	s := scene{name: "scan", kind: "page", bg: "scan", light: "even", w: 827, h: 1169,
		truth: [4]Point{{0, 0}, {827, 0}, {827, 1169}, {0, 1169}}}
	img := makeScene(s)
	if !sealed {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if c := img.NRGBAAt(x, y); c.R > 150 && c.G < 100 {
					img.SetNRGBA(x, y, color.NRGBA{246, 245, 241, 255})
				}
			}
		}
	}
	return img
}

// handheld draws the website person holding an ID card at the chest.
func handheld(withCard bool, faces int) *image.NRGBA {
	o := defaultPortrait()
	o.faces = faces
	o.backdrop = color.NRGBA{236, 236, 232, 255} // a plain wall: no backdrop is needed
	img := portrait(o)
	if withCard {
		c := placeDoc(450, 970, 370, 233, -4, 0)
		hm, _ := homography(c, [4]Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				u, v := apply(hm, float64(x)+0.5, float64(y)+0.5)
				if u >= 0 && u <= 1 && v >= 0 && v <= 1 {
					r, g, bl := docColour("card", u, v)
					img.SetNRGBA(x, y, color.NRGBA{uint8(r), uint8(g), uint8(bl), 255})
				}
			}
		}
	}
	return img
}

// Pass/fail pairs per slot kind: each failing scene triggers the rule worded
// for its material, the passing one does not.
func TestChecksPerKind(t *testing.T) {
	skipSceneTableInShort(t)
	cardOnDesk := makeScene(scene{name: "card-desk", kind: "card", bg: "dark", light: "even", w: 1000, h: 750,
		truth: placeDoc(500, 375, 520, 328, 3, 0)})
	deskPage := makeScene(scene{name: "page-desk", kind: "page", bg: "wood", light: "even", w: 750, h: 1000,
		truth: placeDoc(375, 500, 560, 792, 1, 0)})
	sealed, unsealed := scanPage(true), scanPage(false)
	org := CheckOptions{Field: "f", Organisation: true}
	cases := []struct {
		name, rule, slot string
		opt              CheckOptions
		pass, fail       image.Image
	}{
		// cards: judged on the card, so a dark desk is not a dark photo
		{"card dark", RuleTooDark, "person_id_front", CheckOptions{}, cardOnDesk, imaging.AdjustBrightness(cardOnDesk, -55)},
		{"card bright", RuleTooBright, "person_id_front", CheckOptions{}, cardOnDesk, imaging.AdjustBrightness(cardOnDesk, 45)},
		// pages: bright by nature, unsaturated by nature
		{"page greyscale scan", RulePageGreyscale, "checklist_scan", org, sealed, imaging.Grayscale(sealed)},
		{"page seal", RulePageSealMissing, "checklist_scan", org, sealed, unsealed},
		{"page header", RulePageHeaderMissing, "checklist_scan", org, sealed, noTitle(sealed)},
		{"page text blur", RulePageBlur, "checklist_scan", org, sealed, imaging.Blur(sealed, 3.5)},
		{"page dark", RulePageTooDark, "checklist_scan", org, sealed, imaging.AdjustBrightness(sealed, -75)},
		{"page overexposed", RulePageTooBright, "checklist_scan", org, sealed, imaging.AdjustGamma(imaging.AdjustBrightness(sealed, 40), 3)},
		{"page corners", RulePageEdgesCut, "checklist_scan", org, deskPage, imaging.Crop(deskPage, image.Rect(0, 200, 750, 1000))},
		// people
		{"person dark", RulePersonTooDark, "backdrop", CheckOptions{}, portrait(defaultPortrait()), imaging.AdjustBrightness(portrait(defaultPortrait()), -70)},
		{"handheld card", RuleHandheldCard, "handheld_id", CheckOptions{}, handheld(true, 1), handheld(false, 1)},
		{"handheld faces", RuleHandheldFaceCount, "handheld_id", CheckOptions{}, handheld(true, 1), handheld(true, 2)},
		{"handheld covered", RuleHandheldCard, "handheld_id", CheckOptions{}, handheld(true, 1), fingers(handheld(true, 1))},
	}
	for _, c := range cases {
		s := slot(t, c.slot)
		pass := rules(Check(c.pass, s, c.opt))
		fail := rules(Check(c.fail, s, c.opt))
		if f, ok := pass[c.rule]; ok {
			t.Errorf("%s: passing scene flagged: %+v (all: %v)", c.name, f, keys(pass))
		}
		if _, ok := fail[c.rule]; !ok {
			t.Errorf("%s: failing scene not flagged with %s (got %v)", c.name, c.rule, keys(fail))
		}
	}
}

// The cases the issue reported: a white sealed scan is neither too bright nor
// black and white; a card on a dark desk with a mean brightness around 125 is
// not dark; a clean page and a clean card have no finding at all.
func TestGoodMaterialHasNoFinding(t *testing.T) {
	cardOnDesk := makeScene(scene{name: "card-desk", kind: "card", bg: "dark", light: "even", w: 1000, h: 750,
		truth: placeDoc(500, 375, 720, 454, 2, 0)})
	a := analyze(cardOnDesk, 1000)
	if m, _, _ := a.exposureIn(image.Rect(0, 0, a.w, a.h)); m < 100 || m > 150 {
		t.Fatalf("scene mean %.1f: not the reported case", m)
	}
	for name, c := range map[string]struct {
		img  image.Image
		slot string
		opt  CheckOptions
	}{
		"sealed white scan": {scanPage(true), "checklist_scan", CheckOptions{Organisation: true}},
		"individual's scan": {scanPage(false), "checklist_scan", CheckOptions{}},
		"card on dark desk": {cardOnDesk, "person_id_front", CheckOptions{}},
		"licence scan":      {scanPage(false), "entity_cert", CheckOptions{Organisation: true}},
		"hand-held photo":   {handheld(true, 1), "handheld_id", CheckOptions{}},
	} {
		if fs := Check(c.img, slot(t, c.slot), c.opt); len(fs) > 0 {
			t.Errorf("%s: %+v", name, fs)
		}
	}
}

// noTitle whitens the page's top band (a scan that lost its header).
func noTitle(img *image.NRGBA) *image.NRGBA {
	out := imaging.Clone(img)
	for y := 0; y < img.Rect.Dy()*12/100; y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			out.SetNRGBA(x, y, color.NRGBA{246, 245, 241, 255})
		}
	}
	return out
}

// fingers lays a hand over the held card's left and bottom edges.
func fingers(img *image.NRGBA) *image.NRGBA {
	for i := 0; i < 4; i++ {
		y := 880 + float64(i)*55
		ellipse(img, 268, y, 60, 22, skinColour)
	}
	ellipse(img, 450, 1090, 150, 40, skinColour)
	return img
}
