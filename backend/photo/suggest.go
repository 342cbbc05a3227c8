package photo

import (
	"image"
	"math"
	"sort"

	"icpdesk/assets"
)

// document is the region found as the card or page in an analysis image.
type document struct {
	found   bool
	comp    component
	labels  []int32  // 1 = the document
	corners [4]Point // analysis pixels, TL TR BR BL
	touches [4]bool  // top, right, bottom, left
}

// detectDocument takes the colour of the frame's border as the background and
// returns the largest region that differs from it (Otsu on the colour distance).
func detectDocument(a *analysis, th assets.PhotoThresholds) document {
	w, h := a.w, a.h
	ring := max(2, min(w, h)*3/100)
	var rs, gs, bs []int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x >= ring && x < w-ring && y >= ring && y < h-ring {
				x = w - ring - 1 // jump over the interior
				continue
			}
			r, g, b := a.px(x, y)
			rs, gs, bs = append(rs, int(r)), append(gs, int(g)), append(bs, int(b))
		}
	}
	br, bg, bb := median(rs), median(gs), median(bs)
	dist := make([]int, w*h)
	hist := make([]int, 766)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := a.px(x, y)
			d := abs(int(r)-br) + abs(int(g)-bg) + abs(int(b)-bb)
			dist[y*w+x] = d
			hist[d]++
		}
	}
	t := max(otsu(hist), 40) // below 40 the "document" would be noise
	mask := make([]bool, w*h)
	for i, d := range dist {
		mask[i] = d > t
	}
	comps, labels := components(mask, w, h, w*h/20)
	if len(comps) == 0 {
		return document{}
	}
	c := comps[0]
	doc := document{found: true, comp: c, labels: labels}
	for i, p := range c.ext {
		doc.corners[i] = Point{float64(p.X), float64(p.Y)}
	}
	m := max(1, int(math.Ceil(th.EdgeMarginShare*float64(max(w, h)))))
	var top, right, bottom, left int
	for x := 0; x < w; x++ {
		if anyLabel(labels, w, x, 0, x+1, m) {
			top++
		}
		if anyLabel(labels, w, x, h-m, x+1, h) {
			bottom++
		}
	}
	for y := 0; y < h; y++ {
		if anyLabel(labels, w, 0, y, m, y+1) {
			left++
		}
		if anyLabel(labels, w, w-m, y, w, y+1) {
			right++
		}
	}
	share := th.EdgeTouchShare
	doc.touches = [4]bool{float64(top) >= share*float64(w), float64(right) >= share*float64(h),
		float64(bottom) >= share*float64(w), float64(left) >= share*float64(h)}
	return doc
}

func anyLabel(labels []int32, w, x0, y0, x1, y1 int) bool {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if labels[y*w+x] == 1 {
				return true
			}
		}
	}
	return false
}

// aspect is the long over the short side of the quadrilateral.
func (d document) aspect() float64 {
	c := d.corners
	w := (dist(c[0], c[1]) + dist(c[3], c[2])) / 2
	h := (dist(c[0], c[3]) + dist(c[1], c[2])) / 2
	if w == 0 || h == 0 {
		return 0
	}
	return math.Max(w, h) / math.Min(w, h)
}

// Suggestion is a proposed crop for the crop dialog, in upright original pixels.
type Suggestion struct {
	Found   bool     `json:"found"`
	Crop    Rect     `json:"crop"`
	Corners [4]Point `json:"corners"` // TL, TR, BR, BL; feed to Adjust.Corners
	Aspect  float64  `json:"aspect"`  // long/short side of the detected quadrilateral
	Touches []string `json:"touches,omitempty"`
}

// SuggestCrop finds the card or page and proposes a crop with a 3 % margin and
// the four corners for perspective correction. Found is false when no region
// stands out from the background; the UI then keeps the whole image.
func SuggestCrop(img image.Image, slot assets.PhotoSlot) Suggestion {
	b := img.Bounds()
	full := Suggestion{Crop: Rect{b.Min.X, b.Min.Y, b.Dx(), b.Dy()}, Corners: [4]Point{
		{float64(b.Min.X), float64(b.Min.Y)}, {float64(b.Max.X), float64(b.Min.Y)},
		{float64(b.Max.X), float64(b.Max.Y)}, {float64(b.Min.X), float64(b.Max.Y)}}}
	if slot.Face {
		return full // a portrait keeps its framing
	}
	a := analyze(img, 600)
	d := detectDocument(a, slot.Thresholds)
	if !d.found {
		return full
	}
	s := Suggestion{Found: true, Aspect: d.aspect()}
	for i, p := range d.corners {
		// +0.5: a pixel's centre; the corner is its outer edge, so round outwards.
		s.Corners[i] = Point{float64(b.Min.X) + (p.X+0.5)/a.scale, float64(b.Min.Y) + (p.Y+0.5)/a.scale}
	}
	bb := d.comp.bbox
	mx, my := float64(bb.Dx())*PerspectiveMargin, float64(bb.Dy())*PerspectiveMargin
	r := image.Rect(int(float64(bb.Min.X)/a.scale-mx/a.scale), int(float64(bb.Min.Y)/a.scale-my/a.scale),
		int(math.Ceil(float64(bb.Max.X)/a.scale+mx/a.scale)), int(math.Ceil(float64(bb.Max.Y)/a.scale+my/a.scale)))
	r = r.Add(b.Min).Intersect(b)
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
