package photo

import (
	"image"
	"math"
	"sort"

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
	reasons   []string
	auto      bool
	bbox      image.Rectangle
}

// detector holds the blurred colour planes the detector measures on.
type detector struct {
	w, h    int
	r, g, b []int32 // box-blurred channels
	radius  int
}

func newDetector(a *analysis) *detector {
	w, h := a.w, a.h
	d := &detector{w: w, h: h, r: make([]int32, w*h), g: make([]int32, w*h), b: make([]int32, w*h)}
	for y := 0; y < h; y++ {
		i := a.rgb.PixOffset(0, y)
		for x := 0; x < w; x++ {
			j := y*w + x
			d.r[j], d.g[j], d.b[j] = int32(a.rgb.Pix[i]), int32(a.rgb.Pix[i+1]), int32(a.rgb.Pix[i+2])
			i += 4
		}
	}
	// Two box passes (a tent) take out sensor noise, wood grain and the
	// weave of cloth while keeping a straight edge where it is.
	d.radius = max(1, int(math.Round(float64(max(w, h))/200)))
	for _, p := range [][]int32{d.r, d.g, d.b} {
		for k := 0; k < 2; k++ {
			boxBlur(p, w, h, d.radius)
		}
	}
	return d
}

// boxBlur blurs p in place with a (2r+1)² box, separably, clamping at the borders.
func boxBlur(p []int32, w, h, r int) {
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

// at returns the blurred colour at a continuous position (nearest pixel,
// clamped to the frame).
func (d *detector) at(x, y float64) (int32, int32, int32) {
	xi := min(max(int(x), 0), d.w-1)
	yi := min(max(int(y), 0), d.h-1)
	i := yi*d.w + xi
	return d.r[i], d.g[i], d.b[i]
}

// detect finds the document in a. aspect is the slot's expected shape (nil = any).
func detect(a *analysis, th assets.PhotoThresholds, asp *assets.PhotoAspect) (quadFit, bool) {
	d := newDetector(a)
	w, h := d.w, d.h
	ring := max(2, min(w, h)*3/100)
	var rs, gs, bs []int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x >= ring && x < w-ring && y >= ring && y < h-ring {
				x = w - ring - 1
				continue
			}
			i := y*w + x
			rs, gs, bs = append(rs, int(d.r[i])), append(gs, int(d.g[i])), append(bs, int(d.b[i]))
		}
	}
	br, bg, bb := median(rs), median(gs), median(bs)
	// How much the background itself varies (grain, pattern, shading): a
	// region must differ from it by more than that.
	ringDist := make([]int, len(rs))
	for i := range rs {
		ringDist[i] = abs(rs[i]-br) + abs(gs[i]-bg) + abs(bs[i]-bb)
	}
	sort.Ints(ringDist)
	spread := ringDist[len(ringDist)*9/10]
	dist := make([]int, w*h)
	hist := make([]int, 766)
	for i := range dist {
		v := abs(int(d.r[i])-br) + abs(int(d.g[i])-bg) + abs(int(d.b[i])-bb)
		dist[i] = v
		hist[v]++
	}
	t := max(otsu(hist), spread+spread/2+6, int(th.DetectContrastMin*0.6))
	mask := make([]bool, w*h)
	for i, v := range dist {
		mask[i] = v > t
	}
	// Opening cuts thin bridges (a grain streak, a cable) between the
	// document and clutter; the document's outline barely moves.
	mask = dilate(erode(mask, w, h, 2), w, h, 2)
	minArea := max(16, int(th.DetectAreaMin*float64(w*h)*0.5))
	comps, labels := components(mask, w, h, minArea)
	var best quadFit
	found := false
	for ci := 0; ci < len(comps) && ci < 3; ci++ {
		q, ok := fitQuad(d, labels, int32(ci+1), comps[ci], th, asp)
		if !ok {
			continue
		}
		if !found || q.conf.Score > best.conf.Score+1e-9 {
			best, found = q, true
		}
	}
	return best, found
}

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
	for y := 0; y < h; y++ {
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
	return out
}

// fitQuad fits four lines to the outline of region id and measures them.
func fitQuad(d *detector, labels []int32, id int32, c component, th assets.PhotoThresholds, asp *assets.PhotoAspect) (quadFit, bool) {
	w, h := d.w, d.h
	// The region with its holes filled (dark text or a photo inside a card
	// may match the background): only the outer outline counts.
	bb := c.bbox.Inset(-1).Intersect(image.Rect(0, 0, w, h))
	bw, bh := bb.Dx(), bb.Dy()
	outside := make([]bool, bw*bh)
	var stack []int
	push := func(x, y int) {
		i := y*bw + x
		if outside[i] || labels[(bb.Min.Y+y)*w+bb.Min.X+x] == id {
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
	corners, ok := refineCorners(guess, pts, max(w, h))
	if !ok {
		return quadFit{}, false
	}
	q := quadFit{corners: corners, bbox: c.bbox}
	q.measure(d, th, asp)
	return q, true
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
func refineCorners(g [4]Point, pts []Point, long int) ([4]Point, bool) {
	cx, cy := (g[0].X+g[1].X+g[2].X+g[3].X)/4, (g[0].Y+g[1].Y+g[2].Y+g[3].Y)/4
	var lines [4][3]float64 // a·x + b·y = c with (a, b) the outward unit normal
	for s := 0; s < 4; s++ {
		a, b := g[s], g[(s+1)%4]
		L := dist(a, b)
		if L < 4 {
			return g, false
		}
		ux, uy := (b.X-a.X)/L, (b.Y-a.Y)/L
		nx, ny := uy, -ux
		if (a.X+b.X)/2*nx+(a.Y+b.Y)/2*ny < cx*nx+cy*ny {
			nx, ny = -nx, -ny
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
		lines[s][2] += 0.5
	}
	var out [4]Point
	for i := 0; i < 4; i++ {
		l1, l2 := lines[(i+3)%4], lines[i] // the side before corner i and the one after
		det := l1[0]*l2[1] - l1[1]*l2[0]
		if math.Abs(det) < 1e-6 {
			return g, false
		}
		out[i] = Point{(l1[2]*l2[1] - l1[1]*l2[2]) / det, (l1[0]*l2[2] - l1[2]*l2[0]) / det}
		if dist(out[i], g[i]) > 0.25*float64(long) {
			return g, false // the fit ran away: a side was not a line
		}
	}
	if !convex(out) {
		return g, false
	}
	return out, true
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

// measure fills the confidence parts, the touches and the verdict.
func (q *quadFit) measure(d *detector, th assets.PhotoThresholds, asp *assets.PhotoAspect) {
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
		mid := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
		if onEdge(mid) || (onEdge(a) && onEdge(b)) {
			q.touches[sideIndex(a, b, cx, cy)] = true
		}
	}
	// Edge support: across each side, the blurred colour must step by at
	// least DetectContrastMin between just outside and just inside.
	off := float64(d.radius + 2)
	for s := 0; s < 4; s++ {
		a, b := c[s], c[(s+1)%4]
		L := dist(a, b)
		ux, uy := (b.X-a.X)/L, (b.Y-a.Y)/L
		nx, ny := uy, -ux
		if (a.X+b.X)/2*nx+(a.Y+b.Y)/2*ny < cx*nx+cy*ny {
			nx, ny = -nx, -ny
		}
		const k = 40
		hit := 0
		for i := 0; i < k; i++ {
			t := 0.08 + 0.84*float64(i)/float64(k-1)
			px, py := a.X+(b.X-a.X)*t, a.Y+(b.Y-a.Y)*t
			for _, sh := range [3]float64{0, -2, 2} {
				ox, oy := px+nx*(off+sh), py+ny*(off+sh)
				ix, iy := px-nx*(off-sh), py-ny*(off-sh)
				if ox < 0 || oy < 0 || ox >= w || oy >= h {
					continue // the outside is not in the picture: no edge seen
				}
				r1, g1, b1 := d.at(ox, oy)
				r2, g2, b2 := d.at(ix, iy)
				if float64(abs(int(r1-r2))+abs(int(g1-g2))+abs(int(b1-b2))) >= th.DetectContrastMin {
					hit++
					break
				}
			}
		}
		q.conf.EdgeSupport[sideIndex(a, b, cx, cy)] = float64(hit) / k
	}
	minSupport := 1.0
	for _, s := range q.conf.EdgeSupport {
		minSupport = math.Min(minSupport, s)
	}
	q.conf.Aspect = 1
	if asp != nil && asp.Ratio > 0 {
		switch {
		case q.aspect < asp.Min:
			q.conf.Aspect = math.Max(0, 1-(asp.Min-q.aspect)/(0.15*asp.Ratio))
		case q.aspect > asp.Max:
			q.conf.Aspect = math.Max(0, 1-(q.aspect-asp.Max)/(0.15*asp.Ratio))
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
	if minSupport < th.DetectEdgeSupportMin {
		add(ReasonWeakEdge)
	}
	if q.conf.Aspect < 1 {
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
