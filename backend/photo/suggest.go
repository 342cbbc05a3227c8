package photo

import (
	"image"
	"math"
	"sort"

	"github.com/disintegration/imaging"

	"icpdesk/assets"
)

// Suggestion is a proposed crop for the crop dialog, in upright original
// pixels. It is applied on import only when Auto; otherwise the original is
// kept and the clerk sees the suggestion with the Reasons it was not applied.
type Suggestion struct {
	Found      bool       `json:"found"` // a card or page was found: a suggestion to show
	Auto       bool       `json:"auto"`  // confident: applied on import
	Kind       string     `json:"kind"`  // the slot kind the detector looked for
	Crop       Rect       `json:"crop"`
	Corners    [4]Point   `json:"corners"` // TL, TR, BR, BL; feed to Adjust.Corners
	Aspect     float64    `json:"aspect"`  // long/short side of the detected quadrilateral
	AreaShare  float64    `json:"areaShare"`
	Confidence Confidence `json:"confidence"`
	Reasons    []string   `json:"reasons,omitempty"` // why it is not applied automatically
	Touches    []string   `json:"touches,omitempty"`
}

// document is the detector's result in the pixels of an analysis copy.
type document struct {
	found   bool
	q       quadFit
	bbox    image.Rectangle
	corners [4]Point
	touches [4]bool
}

func (d document) aspect() float64 { return d.q.aspect }

// detectorAspect is the shape the slot's detector expects: the slot's own,
// or A4 for pages, ID-1 for cards.
func detectorAspect(slot assets.PhotoSlot) *assets.PhotoAspect {
	d, err := assets.Photos()
	if err != nil {
		return nil
	}
	key := slot.Aspect
	if key == "" {
		switch slot.Kind {
		case "page":
			key = "a4"
		case "card":
			return nil // residence permits and other cards come in many shapes
		}
	}
	if a, ok := d.Aspects[key]; ok {
		return &a
	}
	return nil
}

// findDocument runs the slot kind's detector on a reduced copy of a (made
// from a, never from the full image again) and maps the result back to a's pixels.
func findDocument(a *analysis, slot assets.PhotoSlot) document {
	th := slot.Thresholds
	small := a
	if le := th.DetectLongEdge; le > 0 && max(a.w, a.h) > le {
		small = analyzeNRGBA(fitLong(a.rgb, le, imaging.Linear), float64(a.w))
	}
	q, ok := detect(small, th, detectorAspect(slot))
	if !ok {
		return document{q: q}
	}
	k := float64(a.w) / float64(small.w)
	doc := document{found: true, q: q, touches: q.touches}
	for i, p := range q.corners {
		doc.corners[i] = Point{p.X * k, p.Y * k}
	}
	doc.bbox = image.Rect(int(float64(q.bbox.Min.X)*k), int(float64(q.bbox.Min.Y)*k),
		int(math.Ceil(float64(q.bbox.Max.X)*k)), int(math.Ceil(float64(q.bbox.Max.Y)*k))).Intersect(image.Rect(0, 0, a.w, a.h))
	return doc
}

// SuggestCrop finds the card or page and proposes its four corners for
// perspective correction (a 3 % margin is added by the warp). Portraits keep
// their framing. A frame that already is the document (a tight scan) gets no
// suggestion: there is nothing to cut.
func SuggestCrop(img image.Image, slot assets.PhotoSlot) Suggestion {
	if slot.Kind == "portrait" || slot.Kind == "handheld" || slot.Face {
		return suggestionFor(nil, img.Bounds(), slot)
	}
	return suggestionFor(analyze(img, slot.Thresholds.AnalysisLongEdge), img.Bounds(), slot)
}

// suggestionFor makes the suggestion from an analysis copy of an image with bounds b.
func suggestionFor(a *analysis, b image.Rectangle, slot assets.PhotoSlot) Suggestion {
	full := Suggestion{Kind: slot.Kind, Crop: Rect{b.Min.X, b.Min.Y, b.Dx(), b.Dy()}, Corners: [4]Point{
		{float64(b.Min.X), float64(b.Min.Y)}, {float64(b.Max.X), float64(b.Min.Y)},
		{float64(b.Max.X), float64(b.Max.Y)}, {float64(b.Min.X), float64(b.Max.Y)}}}
	if a == nil {
		full.Reasons = []string{ReasonPortraitKind}
		return full
	}
	d := findDocument(a, slot)
	frameFits := false
	if asp := detectorAspect(slot); asp != nil {
		r := float64(max(b.Dx(), b.Dy())) / float64(max(1, min(b.Dx(), b.Dy())))
		frameFits = r >= asp.Min && r <= asp.Max
	}
	if d.found && d.q.conf.Score < 0.45 {
		d.found = false // text blocks, shadows: nothing like the document
	}
	// A tight scan: the frame has the document's shape and its border is
	// one even colour (paper, the card's ground), not a desk or a cloth.
	tight := frameFits && d.q.bgSpread <= 30
	if !d.found {
		full.Reasons = []string{ReasonNotFound}
		if tight {
			full.Reasons = []string{ReasonFillsFrame}
		}
		return full
	}
	q := d.q
	if q.areaShare > slot.Thresholds.DetectAreaMax || (tight && !q.auto && q.areaShare > 0.6) {
		// The document is (nearly) the whole picture: keep it as it is.
		full.Reasons = []string{ReasonFillsFrame}
		full.Confidence, full.AreaShare, full.Aspect = q.conf, round(q.areaShare, 3), round(q.aspect, 3)
		return full
	}
	s := Suggestion{Found: true, Auto: q.auto, Kind: slot.Kind, Aspect: round(q.aspect, 3), AreaShare: round(q.areaShare, 3),
		Confidence: q.conf, Reasons: q.reasons}
	for i, p := range d.corners {
		x := float64(b.Min.X) + p.X/a.scale
		y := float64(b.Min.Y) + p.Y/a.scale
		s.Corners[i] = Point{round(math.Min(math.Max(x, float64(b.Min.X)), float64(b.Max.X)), 2),
			round(math.Min(math.Max(y, float64(b.Min.Y)), float64(b.Max.Y)), 2)}
	}
	xs := []float64{s.Corners[0].X, s.Corners[1].X, s.Corners[2].X, s.Corners[3].X}
	ys := []float64{s.Corners[0].Y, s.Corners[1].Y, s.Corners[2].Y, s.Corners[3].Y}
	sort.Float64s(xs)
	sort.Float64s(ys)
	mx, my := (xs[3]-xs[0])*PerspectiveMargin, (ys[3]-ys[0])*PerspectiveMargin
	r := image.Rect(int(xs[0]-mx), int(ys[0]-my), int(math.Ceil(xs[3]+mx)), int(math.Ceil(ys[3]+my))).Intersect(b)
	s.Crop = Rect{r.Min.X, r.Min.Y, r.Dx(), r.Dy()}
	for i, name := range []string{"top", "right", "bottom", "left"} {
		if d.touches[i] {
			s.Touches = append(s.Touches, name)
		}
	}
	return s
}

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	sort.Ints(v)
	return v[len(v)/2]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
