package photo

import (
	"image"
	"math"
	"sort"
	"sync"

	"icpdesk/assets"
)

// The document detector finds the card or page as the region that differs
// from the colour of the frame's border, fits a straight line to each of its
// four sides and then measures, in the picture itself, how much of each side
// is a real edge. A crop is applied automatically only when every measure
// holds (see Confidence); otherwise the original stays and the clerk is told
// why. Cards and pages share the machinery with their own expected shape,
// size and confidence thresholds from assets/data/photo_slots.json (kinds).

// Confidence is how sure the detector is of a quadrilateral, part by part,
// each 0–1; Score is the weakest part.
type Confidence struct {
	Score       float64    `json:"score"`
	EdgeSupport [4]float64 `json:"edgeSupport"` // share of each side (top, right, bottom, left) with a visible edge
	Aspect      float64    `json:"aspect"`      // 1 inside the slot's aspect range
	Area        float64    `json:"area"`        // 1 inside the expected share of the frame
	Angles      float64    `json:"angles"`      // 1 for right angles, 0.5 at the allowed deviation
}

// Reasons the detector gives for not applying its quadrilateral; each is an
// i18n key suffix (photoUi.suggest.<reason>).
const (
	ReasonNotFound     = "not_found"     // nothing stands out from the background
	ReasonFillsFrame   = "fills_frame"   // a tight scan or close-up: nothing to cut
	ReasonTouches      = "touches_frame" // a side runs along the picture's edge: part may be cut off
	ReasonWeakEdge     = "weak_edge"     // a side has too little visible edge (low contrast, clutter)
	ReasonAspect       = "aspect"        // the shape is not the slot's (a card is 1.585, A4 1.414)
	ReasonSmall        = "small"         // the region is too small to be the document
	ReasonAngles       = "angles"        // the corners are far from right angles
	ReasonLowScore     = "low_score"     // the parts hold, together still not sure enough
	ReasonPortraitKind = "portrait"      // portraits keep the photographer's framing
	ReasonSeveral      = "several"       // two documents of the slot's shape: which one is not for the detector to guess
)

// quadFit is a detected quadrilateral in analysis pixels (continuous
// coordinates: pixel (x, y) spans [x, x+1) × [y, y+1)).
type quadFit struct {
	corners   [4]Point // TL, TR, BR, BL
	conf      Confidence
	areaShare float64
	aspect    float64 // long/short of the mean opposite sides
	angleDev  float64 // the largest deviation from 90°, degrees
	touches   [4]bool // top, right, bottom, left run along the frame
	bgSpread  int     // how much the frame's border varies (set even when nothing is found)
	reasons   []string
	auto      bool
	bbox      image.Rectangle
	// offFrame: a corner lies on the frame's edge or beyond it, so the
	// document may go on outside the picture; several: another document of
	// the slot's shape is in the picture. Neither is offered as a suggestion.
	offFrame, several bool
	// peeled: fitted to the region's broad part, a hand peeled off (see
	// peel); where the hand covers a side, its line is less sure.
	peeled bool
	// patternDoubt: not sure, found without the pattern's measures on a
	// background patterned enough to need them.
	patternDoubt bool
}

// detector holds the blurred colour planes the detector measures on.
type detector struct {
	w, h    int
	r, g, b []int32 // box-blurred channels
	radius  int
}

func newDetector(a *analysis, radius int) *detector {
	w, h := a.w, a.h
	d := &detector{w: w, h: h, r: make([]int32, w*h), g: make([]int32, w*h), b: make([]int32, w*h), radius: radius}
	for y := 0; y < h; y++ {
		i := a.rgb.PixOffset(0, y)
		for x := 0; x < w; x++ {
			j := y*w + x
			d.r[j], d.g[j], d.b[j] = int32(a.rgb.Pix[i]), int32(a.rgb.Pix[i+1]), int32(a.rgb.Pix[i+2])
			i += 4
		}
	}
	// Two box passes (a tent) take out sensor noise, wood grain and the
	// weave of cloth while keeping a straight edge where it is; the three
	// channels side by side.
	var wg sync.WaitGroup
	for _, p := range [][]int32{d.r, d.g, d.b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tmp := make([]int32, w*h)
			for k := 0; k < 2; k++ {
				boxBlur(p, tmp, w, h, radius)
			}
		}()
	}
	wg.Wait()
	return d
}

// background is a plane per channel fitted to the frame's border ring, so
// light falling off across a table is background too, and the ring's spread
// around it (90th percentile of the L1 distance).
//
// A shadow across the table (a hand, a lamp arm) makes the ring two-toned:
// the same surface darker on one side. The ring's darker part then gets its
// own plane, when it is the brighter part's colour scaled (the same hue in
// less light), and a pixel is background when it is near either or between
// them (the shadow's soft edge). A document running off the frame puts its
// own colour in the ring, and that is not a scaled desk: it stays off the
// background.
type background struct {
	coef   [3][3]float64 // per channel: c0 + c1·x + c2·y
	spread int
	shade  *[3][3]float64 // the second plane, in or out of the shadow
}

func (d *detector) background(ring int) background {
	// The blur clamps at the frame's edge: the ring starts inside that band.
	in := min(d.radius, min(d.w, d.h)/8)
	w, h := d.w, d.h
	// normal equations of the least-squares plane, shared by the channels
	var m [3][3]float64
	var rhs [3][3]float64
	ch := [3][]int32{d.r, d.g, d.b}
	each := func(fn func(x, y, i int)) {
		for y := in; y < h-in; y++ {
			for x := in; x < w-in; x++ {
				if x >= in+ring && x < w-in-ring && y >= in+ring && y < h-in-ring {
					x = w - in - ring - 1
					continue
				}
				fn(x, y, y*w+x)
			}
		}
	}
	// Start from the median colour (a document running off the frame puts
	// its own pixels in the ring), then fit the plane to the pixels that
	// agree with the current model, twice.
	var bg background
	var rs, gs, bs []int
	each(func(x, y, i int) {
		rs, gs, bs = append(rs, int(d.r[i])), append(gs, int(d.g[i])), append(bs, int(d.b[i]))
	})
	bg.coef = [3][3]float64{{float64(median(rs))}, {float64(median(gs))}, {float64(median(bs))}}
	for pass := 0; pass < 2; pass++ {
		var ds []int
		each(func(x, y, i int) { ds = append(ds, bg.dist(d, x, y, i)) })
		sort.Ints(ds)
		limit := max(12, 3*ds[len(ds)/2])
		m, rhs = [3][3]float64{}, [3][3]float64{}
		each(func(x, y, i int) {
			if bg.dist(d, x, y, i) > limit {
				return
			}
			v := [3]float64{1, float64(x), float64(y)}
			for r := 0; r < 3; r++ {
				for c := 0; c < 3; c++ {
					m[r][c] += v[r] * v[c]
				}
				for k := 0; k < 3; k++ {
					rhs[k][r] += v[r] * float64(ch[k][i])
				}
			}
		})
		if m[0][0] < 16 {
			break
		}
		for k := 0; k < 3; k++ {
			bg.coef[k] = solve3(m, rhs[k])
		}
	}
	// Two-toned only when one plane does not explain the ring: much of it
	// lies off the plane, or the plane took the shadow in and varies as
	// much as a pattern (light falling off across a table is a plane; a
	// shadow's edge is not).
	spread := func(dist func(x, y, i int) int) (int, int) {
		var ds []int
		each(func(x, y, i int) { ds = append(ds, dist(x, y, i)) })
		if len(ds) == 0 {
			return 0, 0
		}
		sort.Ints(ds)
		// The spread of the background itself: among the ring's pixels that
		// belong to it (a shirt or a document crossing the border does not).
		limit := max(12, 3*ds[len(ds)/2])
		n := sort.SearchInts(ds, limit+1)
		return ds[max(0, n*9/10-1)], len(ds) - n
	}
	one := func(x, y, i int) int { return planeDist(&bg.coef, d, x, y, i) }
	sp, off := spread(one)
	bg.spread = sp
	if off >= ringPixels(each)/10 || sp > 60 {
		if lit, shade, ok := d.shadePlanes(each); ok {
			bg.coef, bg.shade = lit, &shade
			// the spread about either plane (the surface's own grain), not
			// about the colours between them
			bg.spread, _ = spread(func(x, y, i int) int {
				return min(planeDist(&lit, d, x, y, i), planeDist(&shade, d, x, y, i))
			})
		}
	}
	return bg
}

func (bg background) dist(d *detector, x, y, i int) int {
	if bg.shade == nil {
		return planeDist(&bg.coef, d, x, y, i)
	}
	// Two-toned: the distance to the nearest colour between the planes' (the
	// shadow's soft edge mixes them).
	fx, fy := float64(x), float64(y)
	var p, c1, v [3]float64
	var vv, pv float64
	for k, ch := range [3][]int32{d.r, d.g, d.b} {
		a, b := bg.coef[k], bg.shade[k]
		c1[k] = a[0] + a[1]*fx + a[2]*fy
		v[k] = b[0] + b[1]*fx + b[2]*fy - c1[k]
		p[k] = float64(ch[i])
		vv += v[k] * v[k]
		pv += (p[k] - c1[k]) * v[k]
	}
	al := 0.0
	if vv > 0 {
		al = math.Max(0, math.Min(1, pv/vv))
	}
	s := 0.0
	for k := 0; k < 3; k++ {
		s += math.Abs(p[k] - c1[k] - al*v[k])
	}
	return int(s)
}

func planeDist(coef *[3][3]float64, d *detector, x, y, i int) int {
	fx, fy := float64(x), float64(y)
	s := 0
	for k, p := range [3][]int32{d.r, d.g, d.b} {
		c := coef[k]
		s += abs(int(p[i]) - int(c[0]+c[1]*fx+c[2]*fy))
	}
	return s
}

// shadePlanes splits a two-toned ring (see background) by brightness and
// fits a plane to each part: the lit and the shaded surface. ok is false when
// the ring is one surface, or its darker part is not the brighter part's
// colour scaled (a document running off the frame, wood's own grain).
func (d *detector) shadePlanes(each func(fn func(x, y, i int))) (lit, shade [3][3]float64, ok bool) {
	hist := make([]int, 256)
	n := 0
	luma := func(i int) int { return int((299*d.r[i] + 587*d.g[i] + 114*d.b[i]) / 1000) }
	each(func(x, y, i int) { hist[min(max(luma(i), 0), 255)]++; n++ })
	if n == 0 {
		return lit, shade, false
	}
	cut := otsu(hist)
	var parts [2][3][]int // bright, dark
	each(func(x, y, i int) {
		p := &parts[0]
		if luma(i) <= cut {
			p = &parts[1]
		}
		p[0], p[1], p[2] = append(p[0], int(d.r[i])), append(p[1], int(d.g[i])), append(p[2], int(d.b[i]))
	})
	if len(parts[0][0]) < n/10 || len(parts[1][0]) < n/10 {
		return lit, shade, false
	}
	// the same hue in less light: every channel scaled alike, by a shadow's
	// depth (wood's grain varies by less, a document differs in hue or more)
	var ratio [3]float64
	for k := 0; k < 3; k++ {
		ratio[k] = float64(max(median(parts[1][k]), 1)) / float64(max(median(parts[0][k]), 1))
	}
	lo, hi := math.Min(ratio[0], math.Min(ratio[1], ratio[2])), math.Max(ratio[0], math.Max(ratio[1], ratio[2]))
	if mean := (ratio[0] + ratio[1] + ratio[2]) / 3; hi/lo > 1.25 || mean < 0.3 || mean > 0.75 {
		return lit, shade, false
	}
	ch := [3][]int32{d.r, d.g, d.b}
	for part, out := range []*[3][3]float64{&lit, &shade} {
		var m [3][3]float64
		var rhs [3][3]float64
		each(func(x, y, i int) {
			if (luma(i) <= cut) != (part == 1) {
				return
			}
			v := [3]float64{1, float64(x), float64(y)}
			for r := 0; r < 3; r++ {
				for c := 0; c < 3; c++ {
					m[r][c] += v[r] * v[c]
				}
				for k := 0; k < 3; k++ {
					rhs[k][r] += v[r] * float64(ch[k][i])
				}
			}
		})
		for k := 0; k < 3; k++ {
			out[k] = solve3(m, rhs[k])
		}
	}
	return lit, shade, true
}

func ringPixels(each func(fn func(x, y, i int))) int {
	n := 0
	each(func(x, y, i int) { n++ })
	return n
}

// solve3 solves the 3×3 system m·x = v (Cramer's rule; zero when singular).
func solve3(m [3][3]float64, v [3]float64) [3]float64 {
	det := func(a [3][3]float64) float64 {
		return a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	}
	D := det(m)
	if math.Abs(D) < 1e-9 {
		return [3]float64{}
	}
	var out [3]float64
	for c := 0; c < 3; c++ {
		a := m
		for r := 0; r < 3; r++ {
			a[r][c] = v[r]
		}
		out[c] = det(a) / D
	}
	return out
}

// boxBlur blurs p in place with a (2r+1)² box, separably, clamping at the
// borders; tmp is scratch space of p's size. Both passes go along the rows
// (the vertical one keeps a running sum per column), in integers: the same
// values as a pass down each column.
func boxBlur(p, tmp []int32, w, h, r int) {
	n := int32(2*r + 1)
	for y := 0; y < h; y++ {
		row, out := p[y*w:y*w+w], tmp[y*w:y*w+w]
		var s int32
		for k := -r; k <= r; k++ {
			s += row[min(max(k, 0), w-1)]
		}
		for x := 0; x < w; x++ {
			out[x] = s / n
			s += row[min(x+r+1, w-1)] - row[max(x-r, 0)]
		}
	}
	// tmp holds the horizontal pass; the vertical one writes p
	sums := make([]int32, w)
	for k := -r; k <= r; k++ {
		row := tmp[min(max(k, 0), h-1)*w:]
		for x := range sums {
			sums[x] += row[x]
		}
	}
	for y := 0; y < h; y++ {
		out := p[y*w : y*w+w]
		in, gone := tmp[min(y+r+1, h-1)*w:], tmp[max(y-r, 0)*w:]
		for x, s := range sums {
			out[x] = s / n
			sums[x] = s + in[x] - gone[x]
		}
	}
}

// at returns the blurred colour at a continuous position (nearest pixel,
// clamped to the frame).
func (d *detector) at(x, y float64) (int32, int32, int32) {
	xi := min(max(int(x), 0), d.w-1)
	yi := min(max(int(y), 0), d.h-1)
	i := yi*d.w + xi
	return d.r[i], d.g[i], d.b[i]
}

// detect finds the document in a. aspect is the slot's expected shape (nil = any).
//
// inverted looks for regions like the border instead: a pale card held in
// front of a dark shirt, against a pale wall.
func detect(a *analysis, th assets.PhotoThresholds, asp *assets.PhotoAspect, inverted ...bool) (quadFit, bool) {
	w, h := a.w, a.h
	ring := max(2, min(w, h)*3/200) // inside the 3 % margin a straightened export keeps
	d := newDetector(a, max(1, int(math.Round(float64(max(w, h))/200))))
	bg := d.background(ring)
	texture := bg.spread // before any pattern blur: how even the border really is
	inv := len(inverted) > 0 && inverted[0]
	if bg.spread > 60 {
		// A strongly patterned background (gingham, a check): blur over the
		// pattern's period so it becomes one colour.
		pd, pbg := patterned(a, ring)
		return detectOn(a, th, asp, pd, pbg, texture, inv)
	}
	q, ok := detectOn(a, th, asp, d, bg, texture, inv)
	if texture > 30 && !inv && (!ok || !q.auto) {
		// A busy print varies less across the border than a gingham does,
		// and as much as wood: the document's even rim tells it on the
		// pattern's own terms too. Whichever is sure of its document counts.
		pd, pbg := patterned(a, ring)
		if qp, okp := detectOn(a, th, asp, pd, pbg, texture, inv); okp && (!ok || (qp.auto && !q.auto) || (qp.auto == q.auto && qp.conf.Score > q.conf.Score)) {
			return qp, true
		}
		// Unsure on a patterned background: the pattern's own steps may
		// have placed the sides and supported them. Not a suggestion.
		q.patternDoubt = ok && !q.auto
	}
	return q, ok
}

// patterned is the heavy blur over a pattern's period, with its background.
func patterned(a *analysis, ring int) (*detector, background) {
	d := newDetector(a, max(2, max(a.w, a.h)/40))
	return d, d.background(ring)
}

// detectOn finds the document on the blurred planes d against bg.
func detectOn(a *analysis, th assets.PhotoThresholds, asp *assets.PhotoAspect, d *detector, bg background, texture int, inv bool) (quadFit, bool) {
	w, h := a.w, a.h
	spread := bg.spread
	dist := make([]int, w*h)
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			for x := 0; x < w; x++ {
				i := y*w + x
				dist[i] = bg.dist(d, x, y, i)
			}
		}
	})
	// The threshold follows the background's own variation, not a split of
	// the histogram: on a pale table Otsu would separate the card's text
	// from everything else and lose the card.
	t := max(spread+spread/2+8, int(th.DetectContrastMin*0.6))
	if inv {
		// "like the background" is looser than "unlike it": a white card
		// and a pale wall differ a little, a dark shirt a lot
		t = max(3*t, 60)
		for i, v := range dist {
			dist[i] = max(0, 2*t-v)
		}
	}
	mask := make([]bool, w*h)
	for i, v := range dist {
		mask[i] = v > t
	}
	// Opening cuts thin bridges (a grain streak, a cable) between the
	// document and clutter; the document's outline barely moves.
	mask = dilate(erode(mask, w, h, 2), w, h, 2)
	minArea := max(16, int(th.DetectAreaMin*float64(w*h)*0.5))
	fine, sharp := d, (*detector)(nil)
	if d.radius > 3 {
		fine = newDetector(a, max(1, int(math.Round(float64(max(w, h))/200))))
		sharp = newDetector(a, 1) // the pattern's own steps, a pixel or two wide
	}
	comps, labels := components(mask, w, h, minArea)
	best := quadFit{bgSpread: texture}
	found := false
	var fits []quadFit
	for ci := 0; ci < len(comps) && ci < 3; ci++ {
		q, ok := fitQuad(d, fine, sharp, labels, dist, t, inv, int32(ci+1), comps[ci], th, asp, nil)
		if b := comps[ci].bbox; (!ok || !q.auto) && (b.Min.X == 0 || b.Min.Y == 0 || b.Max.X == w || b.Max.Y == h) {
			// The region runs into the frame: a hand holding the document,
			// or the document itself running off. Fit its broad part too.
			if pl, pb, peeled, solid := peel(labels, w, h, int32(ci+1), b); peeled {
				c := comps[ci]
				c.bbox = pb
				id := int32(ci + 1)
				hand := func(x, y int) bool {
					if x < 0 || y < 0 || x >= w || y >= h {
						return false
					}
					return labels[y*w+x] == id && pl[y*w+x] != id
				}
				qp, okp := fitQuad(d, fine, sharp, pl, dist, t, inv, id, c, th, asp, hand)
				qp.peeled = true
				// The quadrilateral must be the region's: a document is solid
				// up to its sides (a page whose text block reaches the frame
				// leaves a U of margins, and a line across its text is no side).
				if okp && solid(qp.corners) < 0.95 {
					okp = false
				}
				if okp && (!ok || (qp.auto && !q.auto) || (qp.auto == q.auto && qp.conf.Score > q.conf.Score)) {
					q, ok = qp, true
				}
			}
		}
		if !ok {
			continue
		}
		fits = append(fits, q)
		if !found || q.conf.Score > best.conf.Score+1e-9 {
			q.bgSpread = texture
			best, found = q, true
		}
	}
	// Two documents of the slot's shape and of about the same size side by
	// side (an ID card's two sides, two people's cards): which one the slot
	// wants is not for the detector to guess. Neither is applied nor
	// offered. (A receipt or a slip beside a card is smaller.)
	if found {
		for _, q := range fits {
			if q.corners != best.corners && q.plausible(th) && q.areaShare >= 0.6*best.areaShare && !best.contains(q.centre()) {
				best.several, best.auto = true, false
				best.reasons = append(best.reasons, ReasonSeveral)
				break
			}
		}
	}
	return best, found
}

// plausible: the quadrilateral could be another document like the one the
// slot wants: roughly its shape, its size (not the whole picture), near
// right angles. (Its edges may be faint, its fit rough, part of it beyond
// the frame: a second card in the shade, on a pattern or half in the
// picture is still a second card, and a sheet running off the picture may
// be one too.)
func (q quadFit) plausible(th assets.PhotoThresholds) bool {
	// the part in the picture of one running off it may have any shape
	shape := q.conf.Aspect >= 0.5 || q.offFrame
	return shape && q.areaShare >= th.DetectAreaMin && q.areaShare <= th.DetectAreaMax && q.angleDev <= th.DetectAngleDevMax
}

func (q quadFit) centre() Point {
	c := q.corners
	return Point{(c[0].X + c[1].X + c[2].X + c[3].X) / 4, (c[0].Y + c[1].Y + c[2].Y + c[3].Y) / 4}
}

// contains tells whether p lies inside the (convex) quadrilateral.
func (q quadFit) contains(p Point) bool { return insideQuad(q.corners, p) }

// erode keeps a pixel when the whole (2r+1)² window around it is set.
func erode(m []bool, w, h, r int) []bool { return morph(m, w, h, r, true) }

// dilate sets a pixel when any pixel of the (2r+1)² window is set.
func dilate(m []bool, w, h, r int) []bool { return morph(m, w, h, r, false) }

func morph(m []bool, w, h, r int, all bool) []bool {
	// integral image of the mask
	in := make([]int32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row int32
		for x := 0; x < w; x++ {
			if m[y*w+x] {
				row++
			}
			in[(y+1)*(w+1)+x+1] = in[y*(w+1)+x+1] + row
		}
	}
	out := make([]bool, w*h)
	parallelRows(h, func(ya, yb int) {
		for y := ya; y < yb; y++ {
			y0, y1 := max(y-r, 0), min(y+r+1, h)
			for x := 0; x < w; x++ {
				x0, x1 := max(x-r, 0), min(x+r+1, w)
				s := in[y1*(w+1)+x1] - in[y0*(w+1)+x1] - in[y1*(w+1)+x0] + in[y0*(w+1)+x0]
				if all {
					out[y*w+x] = int(s) == (x1-x0)*(y1-y0)
				} else {
					out[y*w+x] = s > 0
				}
			}
		}
	})
	return out
}

// fitQuad fits four lines to the outline of region id and measures them.
// sharp is set on a patterned background (d is then the heavy blur over the
// pattern): the sides are placed by patternEdges on it.
//
// hand is set for a peeled region (see peel): it tells the hand's pixels.
// The region's corners are then rounded, and the first guess is its smallest
// enclosing rectangle, whose sides touch the straight parts of the outline;
// the sides are placed only where no hand is near.
func fitQuad(d, fine, sharp *detector, labels []int32, dist []int, t int, inverted bool, id int32, c component, th assets.PhotoThresholds, asp *assets.PhotoAspect, hand func(x, y int) bool) (quadFit, bool) {
	w, h := d.w, d.h
	// The low threshold found the region; its outline goes where the blurred
	// step is half way between the background and the document's own typical
	// difference from it, so blur does not widen the document.
	var ds []int
	for y := c.bbox.Min.Y; y < c.bbox.Max.Y; y++ {
		for x := c.bbox.Min.X; x < c.bbox.Max.X; x++ {
			if labels[y*w+x] == id {
				ds = append(ds, dist[y*w+x])
			}
		}
	}
	// The step height is the document's lower typical difference (a fifth
	// of its pixels differ less): a shadow across it halves the difference
	// where it falls, and that part is the document too. After the heavy
	// blur over a pattern the median's half keeps the blurred outline tight.
	sort.Ints(ds)
	t2 := max(t, ds[len(ds)/5]/2)
	if sharp != nil {
		t2 = max(t, ds[len(ds)/2]/2)
	}
	if inverted {
		t2 = t // the region is the background's colour: no step height to halve
	}
	// The region with its holes filled (dark text or a photo inside a card
	// may match the background): only the outer outline counts.
	bb := c.bbox.Inset(-1).Intersect(image.Rect(0, 0, w, h))
	bw, bh := bb.Dx(), bb.Dy()
	outside := fillFromBorder(bw, bh, func(x, y int) bool {
		j := (bb.Min.Y+y)*w + bb.Min.X + x
		return labels[j] == id && dist[j] > t2
	})
	in := func(x, y int) bool {
		if x < bb.Min.X || y < bb.Min.Y || x >= bb.Max.X || y >= bb.Max.Y {
			return false
		}
		return !outside[(y-bb.Min.Y)*bw+x-bb.Min.X]
	}
	var pts []Point
	for y := c.bbox.Min.Y; y < c.bbox.Max.Y; y++ {
		for x := c.bbox.Min.X; x < c.bbox.Max.X; x++ {
			if !in(x, y) {
				continue
			}
			if x == 0 || y == 0 || x == w-1 || y == h-1 || !in(x-1, y) || !in(x+1, y) || !in(x, y-1) || !in(x, y+1) {
				pts = append(pts, Point{float64(x) + 0.5, float64(y) + 0.5})
			}
		}
	}
	if len(pts) < 16 {
		return quadFit{}, false
	}
	hull := convexHull(pts)
	if len(hull) < 4 {
		return quadFit{}, false
	}
	// Two first guesses: the extremes along the diagonals (right for any
	// turn but 45°) and along the axes (right for any turn but 0°).
	ext := func(f func(p Point) float64) Point {
		b, bv := hull[0], f(hull[0])
		for _, p := range hull[1:] {
			if v := f(p); v > bv {
				b, bv = p, v
			}
		}
		return b
	}
	diag := [4]Point{ext(func(p Point) float64 { return -p.X - p.Y }), ext(func(p Point) float64 { return p.X - p.Y }),
		ext(func(p Point) float64 { return p.X + p.Y }), ext(func(p Point) float64 { return -p.X + p.Y })}
	axes := orderCorners([4]Point{ext(func(p Point) float64 { return -p.Y }), ext(func(p Point) float64 { return p.X }),
		ext(func(p Point) float64 { return p.Y }), ext(func(p Point) float64 { return -p.X })})
	guess := diag
	if polyArea(axes[:]) > polyArea(diag[:])*1.02 {
		guess = axes
	}
	if hand != nil {
		guess = minAreaRect(hull)
	}
	corners, straight, ok := refineCorners(guess, pts, max(w, h))
	if !ok {
		return quadFit{}, false
	}
	// Put each side where the picture's strongest step is, on the finely
	// blurred copy: the outline of a thresholded region sits a little off
	// the true edge, more so after a heavy blur over a patterned background.
	var ev *patternEvidence
	if sharp != nil {
		// After the heavy blur the outline sits off the edge; without the
		// document's own edge found along every side, the sides are not to
		// be trusted.
		rc, e, ok := patternEdges(sharp, d, dist, t2, corners, float64(2*d.radius+3), th)
		if ok {
			corners = rc
		} else {
			e = patternEvidence{}
		}
		ev = &e
	} else if rc, rs, ok := snapToEdges(fine, corners, float64(2*d.radius+3), th.DetectContrastMin, hand); ok {
		corners, straight = rc, rs
	}
	q := quadFit{corners: corners, bbox: c.bbox}
	q.measure(fine, th, asp, straight, ev)
	// The region itself runs into the frame's edge along a side: the
	// document goes on beyond the picture, whatever the fitted lines say.
	m := 3
	var run [4]int
	for x := c.bbox.Min.X; x < c.bbox.Max.X; x++ {
		if hasLabel(labels, w, id, x, 0, x+1, min(m, h)) {
			run[0]++
		}
		if hasLabel(labels, w, id, x, max(h-m, 0), x+1, h) {
			run[2]++
		}
	}
	for y := c.bbox.Min.Y; y < c.bbox.Max.Y; y++ {
		if hasLabel(labels, w, id, max(w-m, 0), y, w, y+1) {
			run[1]++
		}
		if hasLabel(labels, w, id, 0, y, min(m, w), y+1) {
			run[3]++
		}
	}
	cut := false
	for sd, n := range run {
		side := w
		if sd%2 == 1 {
			side = h
		}
		if float64(n) < th.EdgeTouchShare*float64(side) {
			continue
		}
		if !q.touches[sd] {
			q.touches[sd], cut = true, true
		}
		// The fitted side lies by that frame edge (the side search may have
		// stopped short of it): the document runs off the picture there. A
		// thumb or a hand running in from the frame leaves the side far off.
		var gap float64
		switch sd {
		case 0:
			gap = math.Min(math.Min(q.corners[0].Y, q.corners[1].Y), math.Min(q.corners[2].Y, q.corners[3].Y))
		case 1:
			gap = float64(w) - math.Max(math.Max(q.corners[0].X, q.corners[1].X), math.Max(q.corners[2].X, q.corners[3].X))
		case 2:
			gap = float64(h) - math.Max(math.Max(q.corners[0].Y, q.corners[1].Y), math.Max(q.corners[2].Y, q.corners[3].Y))
		case 3:
			gap = math.Min(math.Min(q.corners[0].X, q.corners[1].X), math.Min(q.corners[2].X, q.corners[3].X))
		}
		if gap <= math.Max(1.5, 0.012*float64(max(w, h)))+float64(2*d.radius+3) {
			q.offFrame = true
		}
	}
	if cut {
		q.reasons = append(q.reasons, ReasonTouches)
		q.auto = false
	}
	return q, true
}

// snapToEdges moves each side of c to the strongest colour step within
// ±reach along its normal, sampled along the side, refits the lines (dropping
// samples off the line) and intersects them. straight is the share of samples
// that agree with the refitted line. (On a patterned background the strongest
// step may be the pattern's: patternEdges places the sides there.)
//
// hand (nil: none) tells pixels of a hand on the document: samples whose
// search reaches one are left out (the step there is a finger's).
func snapToEdges(d *detector, c [4]Point, reach, contrast float64, hand func(x, y int) bool) ([4]Point, [4]float64, bool) {
	var straight [4]float64
	var lines [4][3]float64
	const k = 48
	gap := float64(d.radius + 1)
	for s := 0; s < 4; s++ {
		a, b, L, _, _, nx, ny := outwardSide(c, s)
		if L < 8 {
			return c, straight, false
		}
		var pts []Point
		for i := 0; i < k; i++ {
			t := 0.12 + 0.76*float64(i)/float64(k-1)
			px, py := a.X+(b.X-a.X)*t, a.Y+(b.Y-a.Y)*t
			if hand != nil && nearHand(hand, px, py, nx, ny, reach+gap+2) {
				continue
			}
			best, bo := 0.0, 0.0
			for o := -reach; o <= reach; o += 0.5 {
				qx, qy := px+nx*o, py+ny*o
				if qx-gap < 0 || qy-gap < 0 || qx+gap >= float64(d.w) || qy+gap >= float64(d.h) {
					continue
				}
				r1, g1, b1 := d.at(qx+nx*gap, qy+ny*gap)
				r2, g2, b2 := d.at(qx-nx*gap, qy-ny*gap)
				if v := float64(abs(int(r1-r2)) + abs(int(g1-g2)) + abs(int(b1-b2))); v > best {
					best, bo = v, o
				}
			}
			if best >= contrast {
				pts = append(pts, Point{px + nx*bo, py + ny*bo})
			}
		}
		if len(pts) < k/3 {
			return c, straight, false
		}
		var ln [3]float64
		sel := pts
		for pass := 0; pass < 3; pass++ {
			l, ok := fitLine(sel)
			if !ok {
				return c, straight, false
			}
			ln = l
			var keep []Point
			for _, p := range pts {
				if math.Abs(ln[0]*p.X+ln[1]*p.Y-ln[2]) <= 1.5 {
					keep = append(keep, p)
				}
			}
			if len(keep) < k/3 {
				return c, straight, false
			}
			sel = keep
		}
		if ln[0]*nx+ln[1]*ny < 0 {
			ln = [3]float64{-ln[0], -ln[1], -ln[2]}
		}
		straight[s] = float64(len(sel)) / k
		// the step's middle is between the two samples: the edge itself
		lines[s] = ln
	}
	out, ok := cornersOf(lines, c, reach)
	if !ok {
		return c, straight, false
	}
	return out, straight, true
}

// nearHand tells whether a hand pixel lies within r of the segment through
// (px, py) along the normal (nx, ny), ±r long.
func nearHand(hand func(x, y int) bool, px, py, nx, ny, r float64) bool {
	for o := -r; o <= r; o += 1 {
		for side := -r; side <= r; side += 1 {
			if hand(int(px+nx*o-ny*side), int(py+ny*o+nx*side)) {
				return true
			}
		}
	}
	return false
}

func hasLabel(labels []int32, w int, id int32, x0, y0, x1, y1 int) bool {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if labels[y*w+x] == id {
				return true
			}
		}
	}
	return false
}

// orderCorners puts four points in TL, TR, BR, BL order around their centroid.
func orderCorners(p [4]Point) [4]Point {
	cx, cy := (p[0].X+p[1].X+p[2].X+p[3].X)/4, (p[0].Y+p[1].Y+p[2].Y+p[3].Y)/4
	s := p[:]
	sort.Slice(s, func(i, j int) bool {
		return math.Atan2(s[i].Y-cy, s[i].X-cx) < math.Atan2(s[j].Y-cy, s[j].X-cx)
	})
	// atan2 order from −π: starts at the upper-left quadrant going clockwise in image coordinates
	var out [4]Point
	best := 0
	for i := range s {
		if s[i].X+s[i].Y < s[best].X+s[best].Y {
			best = i
		}
	}
	for i := 0; i < 4; i++ {
		out[i] = s[(best+i)%4]
	}
	return out
}

// refineCorners fits a line to the outline points near each side of the first
// guess (leaving out the ends, where cards have rounded corners), moves it
// half a pixel outwards (outline points are pixel centres) and intersects
// neighbouring sides.
//
// straight[s] is the share of the side's outline within 1.5 pixels of its
// line: a document's edge is straight, a region that leaked into a pattern is not.
func refineCorners(g [4]Point, pts []Point, long int) (out [4]Point, straight [4]float64, ok bool) {
	var lines [4][3]float64 // a·x + b·y = c with (a, b) the outward unit normal
	for s := 0; s < 4; s++ {
		a, _, L, ux, uy, nx, ny := outwardSide(g, s)
		if L < 4 {
			return g, straight, false
		}
		tol := math.Max(3, 0.03*float64(long))
		var sel []Point
		for _, p := range pts {
			t := (p.X-a.X)*ux + (p.Y-a.Y)*uy
			if t < 0.1*L || t > 0.9*L {
				continue
			}
			if dd := (p.X-a.X)*nx + (p.Y-a.Y)*ny; math.Abs(dd) <= tol {
				sel = append(sel, p)
			}
		}
		if len(sel) < 4 {
			lines[s] = [3]float64{nx, ny, a.X*nx + a.Y*ny}
			continue
		}
		// Fit twice: the second pass drops points far from the first line
		// (a thumb on the edge, a notch, a shadow).
		all := len(sel)
		for pass := 0; pass < 2; pass++ {
			ln, ok := fitLine(sel)
			if !ok {
				break
			}
			if ln[0]*nx+ln[1]*ny < 0 {
				ln = [3]float64{-ln[0], -ln[1], -ln[2]}
			}
			lines[s] = ln
			if pass == 0 {
				var keep []Point
				for _, p := range sel {
					if math.Abs(ln[0]*p.X+ln[1]*p.Y-ln[2]) <= math.Max(1.5, tol/3) {
						keep = append(keep, p)
					}
				}
				if len(keep) < 4 {
					break
				}
				sel = keep
			}
		}
		near := 0
		for _, p := range sel {
			if math.Abs(lines[s][0]*p.X+lines[s][1]*p.Y-lines[s][2]) <= 1.5 {
				near++
			}
		}
		straight[s] = float64(near) / float64(max(all, 1))
		lines[s][2] += 0.5
	}
	for i := 0; i < 4; i++ {
		l1, l2 := lines[(i+3)%4], lines[i] // the side before corner i and the one after
		det := l1[0]*l2[1] - l1[1]*l2[0]
		if math.Abs(det) < 1e-6 {
			return g, straight, false
		}
		out[i] = Point{(l1[2]*l2[1] - l1[1]*l2[2]) / det, (l1[0]*l2[2] - l1[2]*l2[0]) / det}
		if dist(out[i], g[i]) > 0.25*float64(long) {
			return g, straight, false // the fit ran away: a side was not a line
		}
	}
	if !convex(out) {
		return g, straight, false
	}
	return out, straight, true
}

// fitLine is the total-least-squares line through pts as a·x + b·y = c, (a, b) unit.
func fitLine(pts []Point) ([3]float64, bool) {
	var mx, my float64
	for _, p := range pts {
		mx += p.X
		my += p.Y
	}
	n := float64(len(pts))
	mx, my = mx/n, my/n
	var sxx, sxy, syy float64
	for _, p := range pts {
		dx, dy := p.X-mx, p.Y-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	// direction of the largest eigenvector
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	ux, uy := math.Cos(theta), math.Sin(theta)
	a, b := -uy, ux
	if math.IsNaN(a) {
		return [3]float64{}, false
	}
	return [3]float64{a, b, a*mx + b*my}, true
}

// measure fills the confidence parts, the touches and the verdict. ev is set
// on a patterned background: what patternEdges saw of each side.
func (q *quadFit) measure(d *detector, th assets.PhotoThresholds, asp *assets.PhotoAspect, straight [4]float64, ev *patternEvidence) {
	c := q.corners
	w, h := float64(d.w), float64(d.h)
	q.areaShare = polyArea(c[:]) / (w * h)
	top, bottom := dist(c[0], c[1]), dist(c[3], c[2])
	left, right := dist(c[0], c[3]), dist(c[1], c[2])
	q.aspect = math.Max(top+bottom, left+right) / math.Max(1e-9, math.Min(top+bottom, left+right))
	for i := 0; i < 4; i++ {
		p, a, b := c[i], c[(i+3)%4], c[(i+1)%4]
		v1x, v1y, v2x, v2y := a.X-p.X, a.Y-p.Y, b.X-p.X, b.Y-p.Y
		cos := (v1x*v2x + v1y*v2y) / math.Max(1e-9, math.Hypot(v1x, v1y)*math.Hypot(v2x, v2y))
		ang := math.Acos(math.Max(-1, math.Min(1, cos))) * 180 / math.Pi
		q.angleDev = math.Max(q.angleDev, math.Abs(ang-90))
	}
	margin := math.Max(1.5, 0.012*math.Max(w, h))
	cx, cy := (c[0].X+c[1].X+c[2].X+c[3].X)/4, (c[0].Y+c[1].Y+c[2].Y+c[3].Y)/4
	for s := 0; s < 4; s++ {
		a, b := c[s], c[(s+1)%4]
		// a side touches when it runs along the frame, or a corner lies outside
		onEdge := func(p Point) bool {
			return p.X < margin || p.Y < margin || p.X > w-margin || p.Y > h-margin
		}
		// a corner at the frame's edge: the document probably goes on beyond it
		mid := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
		if onEdge(mid) || onEdge(a) || onEdge(b) {
			q.touches[sideIndex(a, b, cx, cy)] = true
		}
		q.offFrame = q.offFrame || onEdge(a)
	}
	// Edge support: just inside each side the document's rim, just outside
	// something clearly different from that rim. Sampling both against the
	// rim's typical colour (not only against each other) keeps a patterned
	// background from faking an edge where the pattern matches the document.
	off := float64(d.radius + 2)
	const k = 40
	type sample struct {
		in, out    [3]int32
		ok         bool
		side, best int
	}
	var samples [4][k][3]sample // per side, position, shift
	// deeper inside than the rim: with it a shadow's band along the side
	// is told from the document's rim (see band below)
	var deep [4][k][3]int32
	var rims [3][]int
	for ch := range rims {
		rims[ch] = make([]int, 4*k)
	}
	for s := 0; s < 4; s++ {
		a, b, _, _, _, nx, ny := outwardSide(c, s)
		for i := 0; i < k; i++ {
			t := 0.08 + 0.84*float64(i)/float64(k-1)
			px, py := a.X+(b.X-a.X)*t, a.Y+(b.Y-a.Y)*t
			for j, sh := range [3]float64{0, -2, 2} {
				ox, oy := px+nx*(off+sh), py+ny*(off+sh)
				ix, iy := px-nx*(off-sh), py-ny*(off-sh)
				if ox < 0 || oy < 0 || ox >= w || oy >= h {
					continue // the outside is not in the picture: no edge seen
				}
				sm := &samples[s][i][j]
				sm.ok = true
				sm.out[0], sm.out[1], sm.out[2] = d.at(ox, oy)
				sm.in[0], sm.in[1], sm.in[2] = d.at(ix, iy)
				if j == 0 {
					for ch := 0; ch < 3; ch++ {
						rims[ch][s*k+i] = int(sm.in[ch])
					}
					deep[s][i][0], deep[s][i][1], deep[s][i][2] = d.at(px-nx*3*off, py-ny*3*off)
				}
			}
		}
	}
	l1 := func(p, q [3]int32) float64 {
		return float64(abs(int(p[0]-q[0])) + abs(int(p[1]-q[1])) + abs(int(p[2]-q[2])))
	}
	for s := 0; s < 4; s++ {
		// the rim's typical colour on this side (light may differ per side)
		hit := 0
		for i := 0; i < k; i++ {
			// the rim's colour around this place (light changes along a side)
			lo, hi := s*k+max(0, i-6), s*k+min(k, i+7)
			rim := [3]int32{int32(median(append([]int(nil), rims[0][lo:hi]...))),
				int32(median(append([]int(nil), rims[1][lo:hi]...))), int32(median(append([]int(nil), rims[2][lo:hi]...)))}
			// A shadow the document casts on the table: a band darker than
			// the table outside and than the document further in. The
			// region takes it in, and its outer edge is no side of the
			// document.
			if sm := samples[s][i][0]; sm.ok {
				sum := func(p [3]int32) float64 { return float64(p[0] + p[1] + p[2]) }
				if sum(sm.in)+th.DetectContrastMin <= sum(sm.out) && sum(sm.in)+th.DetectContrastMin <= sum(deep[s][i]) {
					continue
				}
			}
			for j := 0; j < 3; j++ {
				sm := samples[s][i][j]
				if sm.ok && l1(sm.out, sm.in) >= th.DetectContrastMin && l1(sm.out, rim) >= l1(sm.in, rim)+th.DetectContrastMin {
					hit++
					break
				}
			}
		}
		a, b := c[s], c[(s+1)%4]
		q.conf.EdgeSupport[sideIndex(a, b, cx, cy)] = math.Min(float64(hit)/k, straight[s])
	}
	seenLow := false
	if ev != nil {
		// On a patterned cloth a side is supported where its step is seen
		// and where the cloth beside it has the document's own colour (no
		// step can show there); the step must be seen along enough of it.
		for s := 0; s < 4; s++ {
			a, b := c[s], c[(s+1)%4]
			q.conf.EdgeSupport[sideIndex(a, b, cx, cy)] = math.Min(1, ev.seen[s]+ev.hidden[s])
			seenLow = seenLow || ev.seen[s] < th.DetectEdgeSeenMin
		}
	}
	minSupport := 1.0
	for _, s := range q.conf.EdgeSupport {
		minSupport = math.Min(minSupport, s)
	}
	q.conf.Aspect = 1
	if asp != nil && asp.Ratio > 0 {
		// Perspective changes the measured shape a little: just outside the
		// range still scores well; ReasonAspect only from 0.8 down.
		switch {
		case q.aspect < asp.Min:
			q.conf.Aspect = math.Max(0, 1-(asp.Min-q.aspect)/(0.25*asp.Ratio))
		case q.aspect > asp.Max:
			q.conf.Aspect = math.Max(0, 1-(q.aspect-asp.Max)/(0.25*asp.Ratio))
		}
	}
	q.conf.Area = 1
	if q.areaShare < th.DetectAreaMin {
		q.conf.Area = q.areaShare / th.DetectAreaMin
	}
	// Perspective bends corners a little in every phone photo: up to the
	// allowed deviation the score stays above the confidence needed.
	if q.angleDev <= th.DetectAngleDevMax {
		q.conf.Angles = 1 - 0.3*q.angleDev/th.DetectAngleDevMax
	} else {
		q.conf.Angles = math.Max(0, 0.7-(q.angleDev-th.DetectAngleDevMax)/th.DetectAngleDevMax)
	}
	q.conf.Score = math.Min(math.Min(minSupport, q.conf.Aspect), math.Min(q.conf.Area, q.conf.Angles))
	q.conf.Score = round(q.conf.Score, 3)
	for i := range q.conf.EdgeSupport {
		q.conf.EdgeSupport[i] = round(q.conf.EdgeSupport[i], 3)
	}
	q.conf.Aspect, q.conf.Area, q.conf.Angles = round(q.conf.Aspect, 3), round(q.conf.Area, 3), round(q.conf.Angles, 3)

	add := func(r string) { q.reasons = append(q.reasons, r) }
	if q.areaShare > th.DetectAreaMax {
		add(ReasonFillsFrame)
	}
	if q.touches != [4]bool{} {
		add(ReasonTouches)
	}
	if minSupport < th.DetectEdgeSupportMin || seenLow {
		add(ReasonWeakEdge)
	}
	if q.conf.Aspect < 0.8 {
		add(ReasonAspect)
	}
	if q.areaShare < th.DetectAreaMin {
		add(ReasonSmall)
	}
	if q.angleDev > th.DetectAngleDevMax {
		add(ReasonAngles)
	}
	if len(q.reasons) == 0 && q.conf.Score < th.DetectMinConfidence {
		add(ReasonLowScore)
	}
	q.auto = len(q.reasons) == 0
}

// sideIndex names the side from a to b by where its middle lies from the
// centre: 0 top, 1 right, 2 bottom, 3 left.
func sideIndex(a, b Point, cx, cy float64) int {
	mx, my := (a.X+b.X)/2-cx, (a.Y+b.Y)/2-cy
	if math.Abs(mx) > math.Abs(my) {
		if mx > 0 {
			return 1
		}
		return 3
	}
	if my > 0 {
		return 2
	}
	return 0
}

func polyArea(p []Point) float64 {
	var s float64
	for i := range p {
		a, b := p[i], p[(i+1)%len(p)]
		s += a.X*b.Y - b.X*a.Y
	}
	return math.Abs(s) / 2
}

// convexHull is Andrew's monotone chain; the hull is counter-clockwise.
func convexHull(pts []Point) []Point {
	p := append([]Point(nil), pts...)
	sort.Slice(p, func(i, j int) bool {
		if p[i].X != p[j].X {
			return p[i].X < p[j].X
		}
		return p[i].Y < p[j].Y
	})
	cross := func(o, a, b Point) float64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }
	var hull []Point
	for _, q := range p {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], q) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, q)
	}
	lower := len(hull) + 1
	for i := len(p) - 2; i >= 0; i-- {
		q := p[i]
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], q) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, q)
	}
	return hull[:len(hull)-1]
}

// cornersOf intersects the four refitted sides (a·x + b·y = c, side s from
// corner s to s+1): corner i is where sides i−1 and i meet. Not ok when two
// sides are parallel, a corner moved more than 2·reach+4 from its guess c, or
// the result is not convex.
func cornersOf(lines [4][3]float64, c [4]Point, reach float64) ([4]Point, bool) {
	var out [4]Point
	for i := 0; i < 4; i++ {
		l1, l2 := lines[(i+3)%4], lines[i]
		det := l1[0]*l2[1] - l1[1]*l2[0]
		if math.Abs(det) < 1e-6 {
			return c, false
		}
		out[i] = Point{(l1[2]*l2[1] - l1[1]*l2[2]) / det, (l1[0]*l2[2] - l1[2]*l2[0]) / det}
		if dist(out[i], c[i]) > 2*reach+4 {
			return c, false
		}
	}
	return out, convex(out)
}

// fillFromBorder marks every cell of a bw×bh grid reachable from its border
// through 4-neighbours without crossing a wall cell: what lies outside the
// walls' outer outline (holes inside stay unmarked).
func fillFromBorder(bw, bh int, wall func(x, y int) bool) []bool {
	outside := make([]bool, bw*bh)
	var stack []int
	push := func(x, y int) {
		i := y*bw + x
		if outside[i] || wall(x, y) {
			return
		}
		outside[i] = true
		stack = append(stack, i)
	}
	for x := 0; x < bw; x++ {
		push(x, 0)
		push(x, bh-1)
	}
	for y := 0; y < bh; y++ {
		push(0, y)
		push(bw-1, y)
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		x, y := i%bw, i/bw
		if x > 0 {
			push(x-1, y)
		}
		if x < bw-1 {
			push(x+1, y)
		}
		if y > 0 {
			push(x, y-1)
		}
		if y < bh-1 {
			push(x, y+1)
		}
	}
	return outside
}

// outwardSide is side s of quad c (from corner s to corner s+1): its ends,
// length, unit direction and the unit normal pointing away from the quad's
// centre.
func outwardSide(c [4]Point, s int) (a, b Point, L, ux, uy, nx, ny float64) {
	cx, cy := (c[0].X+c[1].X+c[2].X+c[3].X)/4, (c[0].Y+c[1].Y+c[2].Y+c[3].Y)/4
	a, b = c[s], c[(s+1)%4]
	L = dist(a, b)
	ux, uy = (b.X-a.X)/L, (b.Y-a.Y)/L
	nx, ny = uy, -ux
	if (a.X+b.X)/2*nx+(a.Y+b.Y)/2*ny < cx*nx+cy*ny {
		nx, ny = -nx, -ny
	}
	return a, b, L, ux, uy, nx, ny
}
