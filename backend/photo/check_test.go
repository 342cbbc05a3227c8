package photo

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"

	"icpdesk/backend"
)

func rules(fs []backend.Finding) map[string]backend.Finding {
	m := map[string]backend.Finding{}
	for _, f := range fs {
		m[f.Rule] = f
	}
	return m
}

// Every check has a scene that passes and one that fails it; each failing
// scene must trigger its rule and the passing scene must not.
func TestChecksPassAndFail(t *testing.T) {
	skipSceneTableInShort(t)
	baseCard, basePerson := idCard(defaultCard()), portrait(defaultPortrait())
	card := func(mod func(*cardOpts)) image.Image {
		if mod == nil {
			return baseCard // drawn once: Check never writes to its input
		}
		o := defaultCard()
		mod(&o)
		return idCard(o)
	}
	glare := func() image.Image {
		img := idCard(defaultCard())
		ellipse(img, 333, 267, 73, 47, color.NRGBA{255, 255, 255, 255}) // ~5 % of the card
		return img
	}
	person := func(mod func(*portraitOpts)) image.Image {
		if mod == nil {
			return basePerson
		}
		o := defaultPortrait()
		mod(&o)
		return portrait(o)
	}
	a4 := page(1000, 1300, image.Rect(100, 70, 100+750, 70+1060))
	a4cut := page(1000, 1300, image.Rect(100, 70, 100+750, 70+640))
	cases := []struct {
		rule, slot string
		pass, fail image.Image
	}{
		{RuleResolutionLow, "person_id_front", card(nil), imaging.Resize(card(nil), 560, 0, imaging.Lanczos)},
		{RuleBlur, "person_id_front", card(nil), imaging.Blur(card(nil), 5)},
		{RuleTooDark, "person_id_front", card(nil), imaging.AdjustBrightness(card(nil), -60)},
		{RuleTooBright, "person_id_front", card(nil), imaging.AdjustBrightness(card(nil), 60)},
		{RuleGlare, "person_id_front", card(nil), glare()},
		{RuleGreyscale, "person_id_front", card(nil), imaging.Grayscale(card(nil))},
		{RuleEdgesCut, "person_id_front", card(nil), card(func(o *cardOpts) { o.card = o.card.Add(image.Pt(200, 0)) })},
		{RuleAspect, "person_id_front", card(nil), card(func(o *cardOpts) { o.card.Max.Y = o.card.Min.Y + 453 })},
		{RuleUpsideDown, "person_id_front", card(nil), card(func(o *cardOpts) { o.upsideDown = true })},
		{RuleUpsideDown, "person_id_back", card(func(o *cardOpts) { o.back = true }), card(func(o *cardOpts) { o.back, o.upsideDown = true, true })},
		{RulePageIncomplete, "checklist_scan", a4, a4cut},
		{RulePageEdgesCut, "checklist_scan", a4, page(1000, 1300, image.Rect(100, -35, 100+750, -35+1060))},
		{RuleFaceCount, "backdrop", person(nil), person(func(o *portraitOpts) { o.noPerson = true })},
		{RuleFaceCount, "backdrop", person(nil), person(func(o *portraitOpts) { o.faces, o.faceH = 2, 0.15 })},
		{RuleFaceSize, "backdrop", person(nil), person(func(o *portraitOpts) { o.faceH, o.faceCY = 0.5, 0.4 })},
		{RuleFacePosition, "backdrop", person(nil), person(func(o *portraitOpts) { o.faceCX = 0.22 })},
		{RuleFacePosition, "backdrop", person(nil), person(func(o *portraitOpts) { o.faceCY = 0.13 })},
		{RuleBackdropMissing, "backdrop", person(nil), person(func(o *portraitOpts) { o.backdrop = color.NRGBA{190, 185, 175, 255} })},
	}
	type key struct {
		img  image.Image
		slot string
	}
	passed := map[key]map[string]backend.Finding{} // the same passing scene is checked once
	for _, c := range cases {
		s := slot(t, c.slot)
		pass, ok := passed[key{c.pass, c.slot}]
		if !ok {
			pass = rules(Check(c.pass, s, CheckOptions{Field: "f"}))
			passed[key{c.pass, c.slot}] = pass
		}
		fail := rules(Check(c.fail, s, CheckOptions{Field: "f"}))
		if f, ok := pass[c.rule]; ok {
			t.Errorf("%s/%s: passing scene flagged: %+v (all: %v)", c.rule, c.slot, f, keys(pass))
		}
		if f, ok := fail[c.rule]; !ok {
			t.Errorf("%s/%s: failing scene not flagged (got %v)", c.rule, c.slot, keys(fail))
		} else if f.Field != "f" || f.Severity != backend.Warn {
			t.Errorf("%s: finding %+v", c.rule, f)
		}
	}
}

// The good scenes are clean: no finding at all, so a clerk is not nagged.
func TestCleanScenesHaveNoFindings(t *testing.T) {
	for name, c := range map[string]struct {
		img  image.Image
		slot string
	}{
		"front":     {idCard(defaultCard()), "person_id_front"},
		"back":      {idCard(cardOpts{w: 800, h: 600, card: image.Rect(115, 120, 686, 480), back: true}), "person_id_back"},
		"licence":   {idCard(cardOpts{w: 1100, h: 820, card: image.Rect(150, 150, 950, 650)}), "entity_cert"},
		"checklist": {page(1000, 1300, image.Rect(100, 70, 850, 1130)), "checklist_scan"},
		"backdrop":  {portrait(defaultPortrait()), "backdrop"},
	} {
		if fs := Check(c.img, slot(t, c.slot), CheckOptions{}); len(fs) > 0 {
			t.Errorf("%s: %+v", name, fs)
		}
	}
}

// A file over the upload limit asks nothing of the clerk (the export
// re-encodes it to fit), so the checks say nothing about it.
func TestLargeFileIsNoFinding(t *testing.T) {
	s := slot(t, "person_id_front")
	if fs := Check(idCard(defaultCard()), s, CheckOptions{FileBytes: 3 * s.MaxBytes / 2}); len(fs) > 0 {
		t.Fatalf("got %+v", fs)
	}
}

func keys(m map[string]backend.Finding) []string {
	var k []string
	for r, f := range m {
		k = append(k, fmt.Sprint(r, f.Params))
	}
	return k
}
