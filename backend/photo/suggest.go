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

// offerScoreMin is the confidence below which a detection is not even
// offered: text blocks, shadows, a pattern.
const offerScoreMin = 0.65

// document is the detector's result in the pixels of an analysis copy.
type document struct {
	found   bool
	q       quadFit
	bbox    image.Rectangle
	corners [4]Point
	touches [4]bool
}

func (d document) aspect() float64 { return d.q.aspect }

// knownDocument is the document at known corners (pixels of an image with
// bounds b), in a's pixels.
func knownDocument(a *analysis, c [4]Point, b image.Rectangle) document {
	var q quadFit
	for i, p := range c {
		q.corners[i] = Point{(p.X - float64(b.Min.X)) * a.scale, (p.Y - float64(b.Min.Y)) * a.scale}
	}
	cc := q.corners
	top, bottom := dist(cc[0], cc[1]), dist(cc[3], cc[2])
	left, right := dist(cc[0], cc[3]), dist(cc[1], cc[2])
	q.aspect = math.Max(top+bottom, left+right) / math.Max(1e-9, math.Min(top+bottom, left+right))
	q.areaShare = polyArea(cc[:]) / float64(a.w*a.h)
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range cc {
		x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	bb := image.Rect(int(x0), int(y0), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(image.Rect(0, 0, a.w, a.h))
	m := math.Max(1.5, 0.012*float64(max(a.w, a.h)))
	q.touches = [4]bool{y0 < m, x1 > float64(a.w)-m, y1 > float64(a.h)-m, x0 < m}
	q.bbox = bb
	return document{found: true, q: q, bbox: bb, corners: cc, touches: q.touches}
}

// DocumentIn gives the document's corners in the picture Render makes of adj
// at maxLong, when they follow from the suggestion without detecting again:
// straightened to the suggestion's own corners (the document is the
// rectangle inside the margin) or the whole picture kept, either turned by
// quarter turns or not. nil otherwise (a crop, a fine rotation, corners of
// the clerk's own).
func DocumentIn(b image.Rectangle, adj Adjust, sg Suggestion, maxLong int) *[4]Point {
	if !sg.Found || math.Abs(adj.FineRotateDeg) >= 0.05 || adj.Crop != nil {
		return nil
	}
	g, err := newGeometry(b, adj)
	if err != nil {
		return nil
	}
	s := 1.0
	if maxLong > 0 && max(g.wc, g.hc) > float64(maxLong) {
		s = float64(maxLong) / max(g.wc, g.hc)
	}
	W, H := math.Round(g.wc*s), math.Round(g.hc*s)
	sx, sy := W/g.wc, H/g.hc
	var inA [4]Point // the document in canvas A (= B: no fine rotation)
	switch {
	case adj.Corners == nil:
		for i, p := range sg.Corners {
			inA[i] = Point{p.X - float64(b.Min.X), p.Y - float64(b.Min.Y)}
		}
	case *adj.Corners == sg.Corners && sg.Auto:
		mx, my := (g.wa/(1+2*PerspectiveMargin))*PerspectiveMargin, (g.ha/(1+2*PerspectiveMargin))*PerspectiveMargin
		inA = [4]Point{{mx, my}, {g.wa - mx, my}, {g.wa - mx, g.ha - my}, {mx, g.ha - my}}
	default:
		return nil
	}
	var out [4]Point
	first := 0 // the corner that is top-left after the turn
	for i, p := range inA {
		x, y := p.X, p.Y // B → C, the inverse of toSource's C → B
		switch g.q {
		case 1:
			x, y = g.hb-p.Y, p.X
		case 2:
			x, y = g.wb-p.X, g.hb-p.Y
		case 3:
			x, y = p.Y, g.wb-p.X
		}
		out[i] = Point{x * sx, y * sy}
		if out[i].X+out[i].Y < out[first].X+out[first].Y {
			first = i
		}
	}
	// a turn keeps the order clockwise; start it at the new top-left
	out = [4]Point{out[first], out[(first+1)%4], out[(first+2)%4], out[(first+3)%4]}
	return &out
}

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
		small = colourOnly(fitLong(a.rgb, le, imaging.Linear), float64(a.w))
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
	if !SuggestsCrop(slot) {
		return suggestionFor(nil, img.Bounds(), slot)
	}
	le := analysisLongEdge(slot.Thresholds.AnalysisLongEdge)
	return suggestionFor(colourOnly(fitLong(img, le, imaging.Linear), float64(img.Bounds().Dx())), img.Bounds(), slot)
}

// SuggestCrop is SuggestCrop of the upright picture, from the analysis
// copy made while it was decoded (the same suggestion, sooner).
func (o *Original) SuggestCrop(slot assets.PhotoSlot) Suggestion {
	if !SuggestsCrop(slot) {
		return suggestionFor(nil, o.Image.Bounds(), slot)
	}
	return suggestionFor(analyzeOriginal(o, slot.Thresholds.AnalysisLongEdge), o.Image.Bounds(), slot)
}

// SuggestsCrop reports whether SuggestCrop looks for a document in the
// slot's photos (portraits keep their framing): whether decoding for it
// with ForSuggestion pays.
func SuggestsCrop(slot assets.PhotoSlot) bool {
	return !(slot.Kind == "portrait" || slot.Kind == "handheld" || slot.Face)
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
	if d.found && d.q.conf.Score < offerScoreMin {
		d.found = false // text blocks, shadows, a pattern: not a suggestion worth one click
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
	if q.offFrame || q.several {
		// A corner on the frame's edge: the document may go on beyond it, and
		// a crop there would keep part of it. Two documents: either could be
		// the one. Keep the original and say why; no suggestion to click.
		full.Reasons = []string{ReasonTouches}
		if q.several {
			full.Reasons = []string{ReasonSeveral}
		}
		full.Confidence, full.AreaShare, full.Aspect = q.conf, round(q.areaShare, 3), round(q.aspect, 3)
		return full
	}
	if !q.auto && ((has(q.reasons, ReasonSmall) && has(q.reasons, ReasonWeakEdge)) || q.peeled || q.patternDoubt) {
		// Unsure, and the corners themselves in doubt: a small region has
		// few pixels along each side, and with a side faint its corners are
		// a guess; with a hand peeled off a side's line may follow a finger;
		// on a patterned background without the pattern's measures the
		// pattern's own steps may have placed a side. Keep the original with
		// the detector's reasons; no suggestion to click.
		full.Reasons = q.reasons
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

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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
