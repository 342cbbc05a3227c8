package photo

import (
	"image"
	"math"
)

// Peeling a hand off a document. A thumb or fingers holding a card, a sleeve
// reaching in from the frame's edge: they differ from the table as much as
// the document does and join its region, and the region's outline then has
// a long appendage that no four lines fit. The document is the region's
// broad part: what an opening with a radius of half the region's own inner
// depth keeps (a thumb is narrower than half a card), and the fit is made
// again on that. The opening rounds the document's corners; the sides are
// then placed on the picture's own edges as always.

// peel returns labels with the pixels of region id outside its opening set
// to 0, the opened region's bounding box, whether anything was peeled, and
// solid: the share of a quadrilateral that the region (its holes filled,
// the hand not peeled) covers.
// The frame's outside counts as the region (a document running off the
// picture is not eaten from the frame).
func peel(labels []int32, w, h int, id int32, bbox image.Rectangle) ([]int32, image.Rectangle, bool, func(q [4]Point) float64) {
	bw, bh := bbox.Dx(), bbox.Dy()
	if bw < 8 || bh < 8 {
		return nil, bbox, false, nil
	}
	const inf = int32(1 << 28)
	// chamfer (3-4) distance to the nearest pixel outside the region
	in := make([]bool, bw*bh)
	for y := 0; y < bh; y++ {
		for x := 0; x < bw; x++ {
			in[y*bw+x] = labels[(bbox.Min.Y+y)*w+bbox.Min.X+x] == id
		}
	}
	// Text, a photo or a title inside the document may match the table:
	// holes are the region too (only its outer outline counts).
	outside := fillFromBorder(bw, bh, func(x, y int) bool { return in[y*bw+x] })
	area := 0
	for i := range in {
		in[i] = !outside[i]
		if in[i] {
			area++
		}
	}
	depth := chamfer(in, bw, bh, func(x, y int) bool {
		// beyond the box: outside the region, except beyond the frame
		X, Y := bbox.Min.X+x, bbox.Min.Y+y
		return X < 0 || Y < 0 || X >= w || Y >= h
	})
	deepest := int32(0)
	for _, v := range depth {
		deepest = max(deepest, v)
	}
	r := deepest / 2
	if r < 3*3 { // under three pixels: nothing to peel
		return nil, bbox, false, nil
	}
	// the core (depth ≥ r) grown back by r: the opening
	core := make([]bool, bw*bh)
	for i, v := range depth {
		core[i] = v >= r && v < inf
	}
	notCore := make([]bool, bw*bh)
	for i, c := range core {
		notCore[i] = !c
	}
	// distance from the core: chamfer of its complement (beyond the box
	// is not core either)
	fromCore := chamfer(notCore, bw, bh, func(x, y int) bool { return true })
	// What the opening takes off: the hand, which comes in from beyond the
	// picture (the pieces reaching the frame's edge), and the document's own
	// rounded-off corners (the others, which stay).
	off := make([]bool, bw*bh)
	for i := range in {
		off[i] = in[i] && fromCore[i] > r+2 // +2: the chamfer's rounding
	}
	hand := make([]bool, bw*bh)
	var stack []int
	for y := 0; y < bh; y++ {
		for x := 0; x < bw; x++ {
			X, Y := bbox.Min.X+x, bbox.Min.Y+y
			if i := y*bw + x; off[i] && (X == 0 || Y == 0 || X == w-1 || Y == h-1) {
				hand[i] = true
				stack = append(stack, i)
			}
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		x, y := i%bw, i/bw
		for _, n := range [4][2]int{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}} {
			if n[0] < 0 || n[1] < 0 || n[0] >= bw || n[1] >= bh {
				continue
			}
			if j := n[1]*bw + n[0]; off[j] && !hand[j] {
				hand[j] = true
				stack = append(stack, j)
			}
		}
	}
	out := append([]int32(nil), labels...)
	nb := image.Rectangle{Min: image.Pt(w, h)}
	peeled := 0
	for y := 0; y < bh; y++ {
		for x := 0; x < bw; x++ {
			i := y*bw + x
			if !in[i] {
				continue
			}
			j := (bbox.Min.Y+y)*w + bbox.Min.X + x
			if hand[i] {
				if out[j] == id {
					out[j] = 0
				}
				peeled++
				continue
			}
			X, Y := bbox.Min.X+x, bbox.Min.Y+y
			nb.Min.X, nb.Min.Y = min(nb.Min.X, X), min(nb.Min.Y, Y)
			nb.Max.X, nb.Max.Y = max(nb.Max.X, X+1), max(nb.Max.Y, Y+1)
		}
	}
	// A hand is the smaller part: when the opening takes much of the
	// region, the region is not a document with a hand on it.
	if peeled == 0 || nb.Empty() || peeled > area*3/10 {
		return nil, bbox, false, nil
	}
	solid := func(q [4]Point) float64 {
		n, hit := 0, 0
		for y := bbox.Min.Y; y < bbox.Max.Y; y += 2 {
			for x := bbox.Min.X; x < bbox.Max.X; x += 2 {
				if !insideQuad(q, Point{float64(x) + 0.5, float64(y) + 0.5}) {
					continue
				}
				n++
				if in[(y-bbox.Min.Y)*bw+x-bbox.Min.X] {
					hit++
				}
			}
		}
		if n == 0 {
			return 0
		}
		// the quadrilateral beyond the box is not the region either
		if a := polyArea(q[:]) / 4; a > float64(n) {
			n = int(a)
		}
		return float64(hit) / float64(n)
	}
	return out, nb, true, solid
}

// insideQuad tells whether p lies inside the convex quadrilateral q.
func insideQuad(q [4]Point, p Point) bool {
	pos, neg := false, false
	for i := 0; i < 4; i++ {
		a, b := q[i], q[(i+1)%4]
		if cr := (b.X-a.X)*(p.Y-a.Y) - (b.Y-a.Y)*(p.X-a.X); cr > 0 {
			pos = true
		} else if cr < 0 {
			neg = true
		}
	}
	return !(pos && neg)
}

// chamfer is the 3-4 chamfer distance (3 per pixel step) of every set pixel
// of m to the nearest unset one; outsideSet tells whether a pixel beyond
// m's bounds counts as set.
func chamfer(m []bool, w, h int, outsideSet func(x, y int) bool) []int32 {
	const inf = int32(1 << 28)
	d := make([]int32, w*h)
	for i, v := range m {
		if v {
			d[i] = inf
		}
	}
	at := func(x, y int) int32 {
		if x < 0 || y < 0 || x >= w || y >= h {
			if outsideSet(x, y) {
				return inf
			}
			return 0
		}
		return d[y*w+x]
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*w + x
			if d[i] == 0 {
				continue
			}
			v := min(d[i], at(x-1, y)+3, at(x, y-1)+3, at(x-1, y-1)+4, at(x+1, y-1)+4)
			d[i] = v
		}
	}
	for y := h - 1; y >= 0; y-- {
		for x := w - 1; x >= 0; x-- {
			i := y*w + x
			if d[i] == 0 {
				continue
			}
			d[i] = min(d[i], at(x+1, y)+3, at(x, y+1)+3, at(x+1, y+1)+4, at(x-1, y+1)+4)
		}
	}
	return d
}

// minAreaRect is the smallest rectangle enclosing the convex hull (one of
// its sides lies on a hull edge), corners TL, TR, BR, BL.
func minAreaRect(hull []Point) [4]Point {
	best, bestArea := [4]Point{}, math.Inf(1)
	for i := range hull {
		a, b := hull[i], hull[(i+1)%len(hull)]
		L := dist(a, b)
		if L < 1e-9 {
			continue
		}
		ux, uy := (b.X-a.X)/L, (b.Y-a.Y)/L
		u0, u1, v0, v1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range hull {
			u, v := (p.X-a.X)*ux+(p.Y-a.Y)*uy, -(p.X-a.X)*uy+(p.Y-a.Y)*ux
			u0, u1, v0, v1 = math.Min(u0, u), math.Max(u1, u), math.Min(v0, v), math.Max(v1, v)
		}
		if area := (u1 - u0) * (v1 - v0); area < bestArea {
			pt := func(u, v float64) Point { return Point{a.X + u*ux - v*uy, a.Y + u*uy + v*ux} }
			best, bestArea = [4]Point{pt(u0, v0), pt(u1, v0), pt(u1, v1), pt(u0, v1)}, area
		}
	}
	return orderCorners(best)
}
