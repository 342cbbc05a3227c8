package photo

import (
	"math"

	"icpdesk/assets"
)

// Placing the sides of a card or page on a patterned cloth (gingham, a check,
// a busy print). The heavy blur that found the region (over the pattern's
// period) has moved its outline by up to its radius, and the strongest step
// near a side is as often the pattern's own as the document's. What tells
// the document's edge from the pattern is the document's rim: one even colour
// right up to the edge, all along the side, while beyond the edge the cloth
// changes colour every period. Where the cloth beside the edge happens to
// have the document's colour (a white square of gingham next to a white
// card), no step can be seen at all; the side's line is then fixed by the
// places where it is seen, and those must run along the whole side.

// patternEvidence is what patternEdges saw of each side, in the order of the
// corners' sides (top-left→top-right first): seen is the share of samples
// where the document's step to the cloth is seen on the fitted line, hidden
// the share where the cloth right beside the line has the document's own
// colour (so no step can show) and the pattern changes within one period
// further out (it is cloth, not the document going on).
type patternEvidence struct {
	seen, hidden [4]float64
}

// patternEdges places each side of c (found on the heavy blur over the
// pattern) on sharp, a lightly blurred copy: the outermost line, within
// ±reach and a few degrees of the first guess, that has the rim's colour just
// inside nearly everywhere along it, something else just outside as often as
// possible, and the background (on the heavy blur, dist ≤ t) a little further
// out. Each sample's step is then put half way between the rim's colour and
// the outside's, and a line is fitted through the steps.
func patternEdges(sharp, heavy *detector, bgDist []int, t int, c [4]Point, reach float64, th assets.PhotoThresholds) ([4]Point, patternEvidence, bool) {
	var ev patternEvidence
	const (
		k      = 64   // samples along a side
		step   = 0.5  // offset grid, pixels
		gap    = 2.5  // beyond the sharp copy's blur (radius 1, a tent of ±2)
		inside = 0.9  // share of the side with the rim's colour just inside
		beyond = 0.75 // share with the background on the heavy blur further out
	)
	contrast := th.DetectContrastMin
	period := float64(2*heavy.radius + 1) // the heavy blur spans about one period
	lo, hi := -1.5*reach, 2*reach+period
	nj := int((hi-lo)/step) + 1
	var lines [4][3]float64
	for s := 0; s < 4; s++ {
		a, b, L, _, _, nx, ny := outwardSide(c, s)
		if L < 16 {
			return c, ev, false
		}
		// colours along the normal at every sample, on the offset grid
		var pos [k]Point
		col := make([][3]float64, k*nj)
		for i := 0; i < k; i++ {
			tt := 0.1 + 0.8*float64(i)/float64(k-1)
			pos[i] = Point{a.X + (b.X-a.X)*tt, a.Y + (b.Y-a.Y)*tt}
			for j := 0; j < nj; j++ {
				o := lo + step*float64(j)
				col[i*nj+j] = sharp.bilinear(pos[i].X+nx*o, pos[i].Y+ny*o)
			}
		}
		// The rim's colour at each sample: the commonest colour of the band
		// inside the first guess, over the neighbouring samples (light
		// changes along a side). Not the median: a page's title or a card's
		// text may fill nearly half of the band.
		// Measured at every fourth sample (a pixel apart along the normal)
		// and drawn linearly in between: light changes smoothly.
		var ref [k][3]float64
		j1 := int((-reach/3 - lo) / step)
		const every = 4
		band := make([][3]float64, 0, 9*(j1/2+1))
		for i := 0; i < k; i += every {
			band = band[:0]
			for i2 := max(0, i-4); i2 < min(k, i+5); i2++ {
				for j := 0; j <= j1; j += 2 {
					band = append(band, col[i2*nj+j])
				}
			}
			ref[i] = commonColour(band, th.DetectContrastMin)
		}
		for i := 0; i < k; i++ {
			a, b := i/every*every, i/every*every+every
			if i == a {
				continue
			}
			if b >= k {
				ref[i] = ref[a]
				continue
			}
			f := float64(i-a) / every
			for q := 0; q < 3; q++ {
				ref[i][q] = ref[a][q]*(1-f) + ref[b][q]*f
			}
		}
		fromRim := func(i int, p [3]float64) float64 {
			return math.Abs(p[0]-ref[i][0]) + math.Abs(p[1]-ref[i][1]) + math.Abs(p[2]-ref[i][2])
		}
		like := make([]bool, k*nj)
		for i := 0; i < k; i++ {
			for j := 0; j < nj; j++ {
				like[i*nj+j] = fromRim(i, col[i*nj+j]) <= contrast
			}
		}
		likeAt := func(i int, o float64) bool {
			j := int(math.Round((o - lo) / step))
			return j >= 0 && j < nj && like[i*nj+j]
		}
		background := func(i int, o float64) bool {
			x, y := int(pos[i].X+nx*o), int(pos[i].Y+ny*o)
			return x >= 0 && y >= 0 && x < heavy.w && y < heavy.h && bgDist[y*heavy.w+x] <= t
		}
		// The line search: offset o at the side's middle and a turn.
		far := 1.5*float64(heavy.radius) + 2
		bestOut, bestO, bestTan, found := -1, 0.0, 0.0, false
		for deg := -4.0; deg <= 4.0; deg += 0.25 {
			tn := math.Tan(deg * math.Pi / 180)
			for o := -reach; o <= reach; o += step {
				in, out, bg := 0, 0, 0
				for i := 0; i < k; i++ {
					oi := o + (float64(i)/float64(k-1)-0.5)*0.8*L*tn
					if likeAt(i, oi-gap) && likeAt(i, oi-gap-1.5) {
						in++
					}
					if !likeAt(i, oi+gap) {
						out++
					}
					if background(i, oi+far) {
						bg++
					}
				}
				if float64(in) < inside*k || float64(bg) < beyond*k {
					continue
				}
				// ties: the outermost line (inside it the rim is even; the
				// lines just inside the edge see the same step)
				if out > bestOut || (out == bestOut && o > bestO) {
					bestOut, bestO, bestTan, found = out, o, tn, true
				}
			}
		}
		if !found {
			return c, ev, false
		}
		at := func(i int) float64 { return bestO + (float64(i)/float64(k-1)-0.5)*0.8*L*bestTan }
		// Each sample's step, half way from the rim's colour to the outside's.
		var pts []Point
		var idx []int
		for i := 0; i < k; i++ {
			oi := at(i)
			if !likeAt(i, oi-gap) || likeAt(i, oi+gap) {
				continue
			}
			outside := fromRim(i, sharp.bilinear(pos[i].X+nx*(oi+gap), pos[i].Y+ny*(oi+gap)))
			if outside < contrast {
				continue
			}
			for o := oi - gap; o <= oi+gap; o += 0.125 {
				if fromRim(i, sharp.bilinear(pos[i].X+nx*o, pos[i].Y+ny*o)) >= outside/2 {
					pts = append(pts, Point{pos[i].X + nx*o, pos[i].Y + ny*o})
					idx = append(idx, i)
					break
				}
			}
		}
		seenMin := int(math.Ceil(th.DetectEdgeSeenMin * k))
		if len(pts) < max(seenMin, 8) {
			return c, ev, false
		}
		var ln [3]float64
		// Refit on the steps near the line, a little more strictly outwards:
		// where a sliver of cloth in the rim's colour lies between the edge
		// and the pattern's next step, that step is always further out, and
		// a line between the two would tilt.
		sel, selIdx := pts, idx
		for pass := 0; pass < 5; pass++ {
			l, ok := fitLine(sel)
			if !ok {
				return c, ev, false
			}
			ln = l
			if ln[0]*nx+ln[1]*ny < 0 {
				ln = [3]float64{-ln[0], -ln[1], -ln[2]}
			}
			sel, selIdx = nil, nil
			for n, p := range pts {
				if r := ln[0]*p.X + ln[1]*p.Y - ln[2]; r >= -1.5 && r <= 1 {
					sel, selIdx = append(sel, p), append(selIdx, idx[n])
				}
			}
			if len(sel) < 8 {
				return c, ev, false
			}
		}
		// seen: the steps within 1.5 pixels of the line, either side
		sel, selIdx = nil, nil
		for n, p := range pts {
			if math.Abs(ln[0]*p.X+ln[1]*p.Y-ln[2]) <= 1.5 {
				sel, selIdx = append(sel, p), append(selIdx, idx[n])
			}
		}
		// The seen steps must run along the whole side, not bunch at one end:
		// each third holds its share.
		var thirds [3]int
		for _, i := range selIdx {
			thirds[min(2, 3*i/k)]++
		}
		for _, n := range thirds {
			if float64(n) < th.DetectEdgeSeenMin/2*k/3 {
				return c, ev, false
			}
		}
		seen := make(map[int]bool, len(selIdx))
		for _, i := range selIdx {
			seen[i] = true
		}
		hidden := 0
		for i := 0; i < k; i++ {
			if seen[i] {
				continue
			}
			// the fitted line's offset at this sample
			oi := ln[2] - ln[0]*pos[i].X - ln[1]*pos[i].Y
			// Just past the line (beyond the blur of a step on it) the cloth
			// still has the rim's colour: no step here. (The pattern's own
			// step may follow a pixel or two further out.)
			if !likeAt(i, oi-gap) || !likeAt(i, oi+1) {
				continue // neither a clean step nor the cloth in the document's colour
			}
			for o := oi + 1; o <= oi+gap+period; o += step {
				if !likeAt(i, o) {
					hidden++ // the pattern changes within its period: cloth
					break
				}
			}
		}
		ev.seen[s] = float64(len(sel)) / k
		ev.hidden[s] = float64(hidden) / k
		lines[s] = ln
	}
	out, ok := cornersOf(lines, c, reach)
	if !ok {
		return c, ev, false
	}
	return out, ev, true
}

// commonColour is the mean of the largest group of cs within tol (sum of
// |ΔRGB|) of one of them: the colour most of the band has, even when light
// changes across it a little.
func commonColour(cs [][3]float64, tol float64) [3]float64 {
	near := func(a, b [3]float64) bool {
		return math.Abs(a[0]-b[0])+math.Abs(a[1]-b[1])+math.Abs(a[2]-b[2]) <= tol
	}
	best, bn := cs[0], -1
	for c := 0; c < len(cs); c += 7 {
		n := 0
		for _, o := range cs {
			if near(cs[c], o) {
				n++
			}
		}
		if n > bn {
			best, bn = cs[c], n
		}
	}
	var sum [3]float64
	n := 0
	for _, c := range cs {
		if near(best, c) {
			sum[0], sum[1], sum[2] = sum[0]+c[0], sum[1]+c[1], sum[2]+c[2]
			n++
		}
	}
	return [3]float64{sum[0] / float64(n), sum[1] / float64(n), sum[2] / float64(n)}
}

// bilinear is the colour at a continuous position (pixel centres at +0.5),
// clamped to the frame.
func (d *detector) bilinear(x, y float64) [3]float64 {
	x, y = x-0.5, y-0.5
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	xi0, yi0 := min(max(int(x0), 0), d.w-1), min(max(int(y0), 0), d.h-1)
	xi1, yi1 := min(max(int(x0)+1, 0), d.w-1), min(max(int(y0)+1, 0), d.h-1)
	var out [3]float64
	for q, p := range [3][]int32{d.r, d.g, d.b} {
		v00, v10 := float64(p[yi0*d.w+xi0]), float64(p[yi0*d.w+xi1])
		v01, v11 := float64(p[yi1*d.w+xi0]), float64(p[yi1*d.w+xi1])
		out[q] = (v00*(1-fx)+v10*fx)*(1-fy) + (v01*(1-fx)+v11*fx)*fy
	}
	return out
}
