package photo

import (
	"image"
	"image/color"
	"math"

	"icpdesk/backend"
)

// Render makes the adjusted picture in one pass: every output pixel is
// mapped back through the quarter turns, the fine rotation and the crop or
// perspective straightening to the original, and sampled there. There is no
// full-size intermediate and no second resize: the export renders at the
// slot's size, the crop dialog's preview at the preview's size, from the same
// geometry, so the preview shows exactly what will be exported.
//
// maxLong bounds the long edge of the result (0 = full size). Areas outside
// the original are white.
func Render(img image.Image, a Adjust, maxLong int) (*image.NRGBA, error) {
	g, err := newGeometry(img.Bounds(), a)
	if err != nil {
		return nil, err
	}
	s := 1.0
	if maxLong > 0 && max(g.wc, g.hc) > float64(maxLong) {
		s = float64(maxLong) / max(g.wc, g.hc)
	}
	W, H := max(1, int(math.Round(g.wc*s))), max(1, int(math.Round(g.hc*s)))
	sx, sy := float64(W)/g.wc, float64(H)/g.hc
	// Shrinking by more than about 1.5: average n×n bilinear taps per pixel.
	n := max(1, int(math.Ceil(1/math.Min(sx, sy)-0.5)))
	n = min(n, 4)
	src := newSampler(img, g.srcBounds())
	dst := image.NewNRGBA(image.Rect(0, 0, W, H))
	inv := 1 / float64(n*n)
	parallelRows(H, func(y0, y1 int) {
		var px [4]uint8
		for y := y0; y < y1; y++ {
			i := dst.PixOffset(0, y)
			for x := 0; x < W; x++ {
				var acc [3]float64
				for j := 0; j < n; j++ {
					cy := (float64(y) + (float64(j)+0.5)/float64(n)) / sy
					for k := 0; k < n; k++ {
						cx := (float64(x) + (float64(k)+0.5)/float64(n)) / sx
						fx, fy, ok := g.toSource(cx, cy)
						if ok {
							src.at(fx-0.5, fy-0.5, px[:])
						} else {
							px = [4]uint8{255, 255, 255, 255}
						}
						acc[0] += float64(px[0])
						acc[1] += float64(px[1])
						acc[2] += float64(px[2])
					}
				}
				dst.Pix[i] = uint8(acc[0]*inv + 0.5)
				dst.Pix[i+1] = uint8(acc[1]*inv + 0.5)
				dst.Pix[i+2] = uint8(acc[2]*inv + 0.5)
				dst.Pix[i+3] = 255
				i += 4
			}
		}
	})
	return dst, nil
}

// geometry maps points of the final canvas (C) back to the source. Canvas A
// is the crop or the straightened quadrilateral with its margin, B is A
// turned by the fine angle (its bounding box), C is B turned by quarter turns.
type geometry struct {
	b        image.Rectangle // source bounds
	hm       *[9]float64     // canvas A → source (perspective), or nil
	off      Point           // canvas A → source (crop offset) when hm is nil
	wa, ha   float64
	sin, cos float64 // fine rotation, clockwise
	wb, hb   float64
	q        int // quarter turns clockwise
	wc, hc   float64
}

func newGeometry(b image.Rectangle, a Adjust) (*geometry, error) {
	g := &geometry{b: b, off: Point{float64(b.Min.X), float64(b.Min.Y)}, wa: float64(b.Dx()), ha: float64(b.Dy())}
	switch {
	case a.Corners != nil:
		c := *a.Corners
		for _, p := range c {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || p.X < float64(b.Min.X)-1 || p.Y < float64(b.Min.Y)-1 ||
				p.X > float64(b.Max.X)+1 || p.Y > float64(b.Max.Y)+1 {
				return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "corner %v outside %v", p, b)
			}
		}
		top, bottom := dist(c[0], c[1]), dist(c[3], c[2])
		left, right := dist(c[0], c[3]), dist(c[1], c[2])
		w, h := (top+bottom)/2, (left+right)/2
		if w < 8 || h < 8 || !convex(c) {
			return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "degenerate quadrilateral %v", c)
		}
		mx, my := w*PerspectiveMargin, h*PerspectiveMargin
		g.wa, g.ha = math.Round(w+2*mx), math.Round(h+2*my)
		hm, ok := homography([4]Point{{mx, my}, {mx + w, my}, {mx + w, my + h}, {mx, my + h}}, c)
		if !ok {
			return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "singular homography %v", c)
		}
		g.hm = &hm
	case a.Crop != nil:
		r := a.Crop.image().Intersect(b)
		if r.Dx() < 8 || r.Dy() < 8 {
			return nil, backend.Errorf(backend.ECodeInvalid, "crop", map[string]any{"minSide": 8}, "crop %v empty in %v", a.Crop, b)
		}
		g.off, g.wa, g.ha = Point{float64(r.Min.X), float64(r.Min.Y)}, float64(r.Dx()), float64(r.Dy())
	}
	g.cos, g.wb, g.hb = 1, g.wa, g.ha
	if d := a.FineRotateDeg; math.Abs(d) >= 0.05 || math.IsNaN(d) {
		if math.Abs(d) > 45 || math.IsNaN(d) {
			return nil, backend.Errorf(backend.ECodeInvalid, "fineRotateDeg", map[string]any{"max": 45}, "angle %v", d)
		}
		g.sin, g.cos = math.Sincos(d * math.Pi / 180)
		g.wb = math.Ceil(g.wa*math.Abs(g.cos) + g.ha*math.Abs(g.sin) - 1e-6)
		g.hb = math.Ceil(g.wa*math.Abs(g.sin) + g.ha*math.Abs(g.cos) - 1e-6)
	}
	g.q = ((a.Rotate90 % 4) + 4) % 4
	g.wc, g.hc = g.wb, g.hb
	if g.q%2 == 1 {
		g.wc, g.hc = g.hb, g.wb
	}
	return g, nil
}

// toSource maps a point of canvas C to the source; ok is false outside
// canvas A (the corners the fine rotation adds) or outside the source.
func (g *geometry) toSource(x, y float64) (float64, float64, bool) {
	switch g.q { // C → B
	case 1:
		x, y = y, g.hb-x
	case 2:
		x, y = g.wb-x, g.hb-y
	case 3:
		x, y = g.wb-y, x
	}
	if g.sin != 0 { // B → A: undo a clockwise turn about the centres
		dx, dy := x-g.wb/2, y-g.hb/2
		x, y = dx*g.cos+dy*g.sin+g.wa/2, -dx*g.sin+dy*g.cos+g.ha/2
		if x < 0 || y < 0 || x > g.wa || y > g.ha {
			return 0, 0, false
		}
	}
	if g.hm != nil {
		x, y = apply(*g.hm, x, y)
	} else {
		x, y = x+g.off.X, y+g.off.Y
	}
	if x < float64(g.b.Min.X) || y < float64(g.b.Min.Y) || x > float64(g.b.Max.X) || y > float64(g.b.Max.Y) {
		return 0, 0, false
	}
	return x, y, true
}

// srcBounds is the part of the source the canvas can reach.
func (g *geometry) srcBounds() image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4]Point{{0, 0}, {g.wa, 0}, {g.wa, g.ha}, {0, g.ha}} {
		x, y := p.X+g.off.X, p.Y+g.off.Y
		if g.hm != nil {
			x, y = apply(*g.hm, p.X, p.Y)
		}
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	r := image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+2, int(math.Ceil(y1))+2)
	return r.Intersect(g.b)
}

// sampler reads bilinear samples from the decoder's own planes (YCbCr) or
// from NRGBA; other types are converted once, only over the reachable part.
type sampler struct {
	yc *image.YCbCr
	rg *image.NRGBA
	r  image.Rectangle
	// YCbCr: the reachable luma rectangle relative to the plane, the chroma
	// scale (chroma samples per luma sample) and the chroma plane's size
	lx0, ly0, lx1, ly1 int
	cxs, cys           float64
	cw, ch             int
}

func newSampler(img image.Image, r image.Rectangle) *sampler {
	switch s := img.(type) {
	case *image.YCbCr:
		sm := &sampler{yc: s, r: r, cxs: 1, cys: 1}
		sm.lx0, sm.ly0 = r.Min.X-s.Rect.Min.X, r.Min.Y-s.Rect.Min.Y
		sm.lx1, sm.ly1 = r.Max.X-s.Rect.Min.X, r.Max.Y-s.Rect.Min.Y
		switch s.SubsampleRatio {
		case image.YCbCrSubsampleRatio420:
			sm.cxs, sm.cys = 0.5, 0.5
		case image.YCbCrSubsampleRatio422:
			sm.cxs = 0.5
		case image.YCbCrSubsampleRatio440:
			sm.cys = 0.5
		case image.YCbCrSubsampleRatio411:
			sm.cxs = 0.25
		case image.YCbCrSubsampleRatio410:
			sm.cxs, sm.cys = 0.25, 0.5
		}
		sm.cw = int(math.Ceil(float64(s.Rect.Dx()) * sm.cxs))
		sm.ch = int(math.Ceil(float64(s.Rect.Dy()) * sm.cys))
		return sm
	case *image.NRGBA:
		return &sampler{rg: s, r: r}
	}
	sub := subImage(img, r)
	n := toNRGBA(sub) // at origin (0,0): shift the rectangle with it
	return &sampler{rg: &image.NRGBA{Pix: n.Pix, Stride: n.Stride, Rect: r}, r: r}
}

// at writes the bilinear sample at (fx, fy) (pixel-centre coordinates) to out.
func (s *sampler) at(fx, fy float64, out []uint8) {
	if s.yc != nil {
		s.atYCbCr(fx, fy, out)
		return
	}
	r := s.r
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := fx-float64(x0), fy-float64(y0)
	cx := func(x int) int { return min(max(x, r.Min.X), r.Max.X-1) }
	cy := func(y int) int { return min(max(y, r.Min.Y), r.Max.Y-1) }
	p := s.rg
	i00, i10 := p.PixOffset(cx(x0), cy(y0)), p.PixOffset(cx(x0+1), cy(y0))
	i01, i11 := p.PixOffset(cx(x0), cy(y0+1)), p.PixOffset(cx(x0+1), cy(y0+1))
	// premultiply by alpha and flatten onto white, as the export does
	for c := 0; c < 3; c++ {
		v := func(i int) float64 {
			a := float64(p.Pix[i+3]) / 255
			return float64(p.Pix[i+c])*a + 255*(1-a)
		}
		top := v(i00)*(1-ax) + v(i10)*ax
		bot := v(i01)*(1-ax) + v(i11)*ax
		out[c] = uint8(top*(1-ay) + bot*ay + 0.5)
	}
	out[3] = 255
}

// atYCbCr samples the decoder's planes bilinearly in 8-bit fixed point:
// luma at full resolution, chroma at its own (subsampled) resolution, then
// one conversion to RGB.
func (s *sampler) atYCbCr(fx, fy float64, out []uint8) {
	p := s.yc
	yy := bilerp8(p.Y, p.YStride, s.ly0, s.ly1, s.lx0, s.lx1, fx-float64(p.Rect.Min.X), fy-float64(p.Rect.Min.Y))
	cx := (fx-float64(p.Rect.Min.X)+0.5)*s.cxs - 0.5
	cy := (fy-float64(p.Rect.Min.Y)+0.5)*s.cys - 0.5
	cb := bilerp8(p.Cb, p.CStride, 0, s.ch, 0, s.cw, cx, cy)
	cr := bilerp8(p.Cr, p.CStride, 0, s.ch, 0, s.cw, cx, cy)
	out[0], out[1], out[2] = color.YCbCrToRGB(uint8(yy), uint8(cb), uint8(cr))
	out[3] = 255
}

// bilerp8 is the bilinear sample of an 8-bit plane at (fx, fy), clamped to
// [x0, x1) × [y0, y1), in 8-bit fixed point.
func bilerp8(plane []uint8, stride, y0, y1, x0, x1 int, fx, fy float64) int32 {
	xi, yi := floor(fx), floor(fy)
	ax, ay := int32((fx-float64(xi))*256), int32((fy-float64(yi))*256)
	xa, xb := min(max(xi, x0), x1-1), min(max(xi+1, x0), x1-1)
	ra, rb := min(max(yi, y0), y1-1)*stride, min(max(yi+1, y0), y1-1)*stride
	t := int32(plane[ra+xa])*(256-ax) + int32(plane[ra+xb])*ax
	b := int32(plane[rb+xa])*(256-ax) + int32(plane[rb+xb])*ax
	return (t*(256-ay) + b*ay + 32768) >> 16
}

// bilerp8x2 is bilerp8 of two planes of the same shape (Cb and Cr) at the
// same point, clamped to [0, w) × [0, h): the position worked out once.
func bilerp8x2(p, q []uint8, stride, h, w int, fx, fy float64) (int32, int32) {
	xi, yi := floor(fx), floor(fy)
	ax, ay := int32((fx-float64(xi))*256), int32((fy-float64(yi))*256)
	xa, xb := min(max(xi, 0), w-1), min(max(xi+1, 0), w-1)
	ra, rb := min(max(yi, 0), h-1)*stride, min(max(yi+1, 0), h-1)*stride
	pt := int32(p[ra+xa])*(256-ax) + int32(p[ra+xb])*ax
	pb := int32(p[rb+xa])*(256-ax) + int32(p[rb+xb])*ax
	qt := int32(q[ra+xa])*(256-ax) + int32(q[ra+xb])*ax
	qb := int32(q[rb+xa])*(256-ax) + int32(q[rb+xb])*ax
	return (pt*(256-ay) + pb*ay + 32768) >> 16, (qt*(256-ay) + qb*ay + 32768) >> 16
}

// slowRender turns the stepped row loop off (tests compare it with toSource's).
var slowRender = false

// noQuarterTurnPath turns the quarter turns' row tables off (tests compare
// them with the general loop).
var noQuarterTurnPath = false

// RenderForExport is Render for pictures on their way to the JPEG encoder:
// from a YCbCr original (every JPEG) it samples straight into 4:2:0 planes,
// luma per pixel and chroma once per 2×2 block, with no RGB round trip; the
// encoder takes those planes as they are. Other originals render as Render.
func RenderForExport(img image.Image, a Adjust, maxLong int) (image.Image, error) {
	yc, ok := img.(*image.YCbCr)
	if !ok {
		return Render(img, a, maxLong)
	}
	g, err := newGeometry(img.Bounds(), a)
	if err != nil {
		return nil, err
	}
	s := 1.0
	if maxLong > 0 && max(g.wc, g.hc) > float64(maxLong) {
		s = float64(maxLong) / max(g.wc, g.hc)
	}
	W, H := max(1, int(math.Round(g.wc*s))), max(1, int(math.Round(g.hc*s)))
	sx, sy := float64(W)/g.wc, float64(H)/g.hc
	n := min(4, max(1, int(math.Ceil(1/math.Min(sx, sy)-0.5))))
	src := newSampler(yc, g.srcBounds())
	dst := image.NewYCbCr(image.Rect(0, 0, W, H), image.YCbCrSubsampleRatio420)
	p := src.yc
	ox, oy := float64(p.Rect.Min.X), float64(p.Rect.Min.Y)
	luma := func(cx, cy float64) int32 {
		fx, fy, ok := g.toSource(cx, cy)
		if !ok {
			return 255 // white beyond the original
		}
		return bilerp8(p.Y, p.YStride, src.ly0, src.ly1, src.lx0, src.lx1, fx-0.5-ox, fy-0.5-oy)
	}
	chroma := func(cx, cy float64) (int32, int32) {
		fx, fy, ok := g.toSource(cx, cy)
		if !ok {
			return 128, 128
		}
		qx := (fx-ox)*src.cxs - 0.5
		qy := (fy-oy)*src.cys - 0.5
		return bilerp8(p.Cb, p.CStride, 0, src.ch, 0, src.cw, qx, qy), bilerp8(p.Cr, p.CStride, 0, src.ch, 0, src.cw, qx, qy)
	}
	if !slowRender {
		renderYCbCrRows(dst, src, g, sx, sy, n)
		return dst, nil
	}
	nn := float64(n)
	blocks := (H + 1) / 2
	parallelRows(blocks, func(b0, b1 int) {
		for by := b0; by < b1; by++ {
			for y := 2 * by; y < min(H, 2*by+2); y++ {
				row := dst.Y[y*dst.YStride:]
				for x := 0; x < W; x++ {
					if n == 1 {
						row[x] = uint8(luma((float64(x)+0.5)/sx, (float64(y)+0.5)/sy))
						continue
					}
					var acc int32
					for j := 0; j < n; j++ {
						for k := 0; k < n; k++ {
							acc += luma((float64(x)+(float64(k)+0.5)/nn)/sx, (float64(y)+(float64(j)+0.5)/nn)/sy)
						}
					}
					row[x] = uint8((acc + int32(n*n/2)) / int32(n*n))
				}
			}
			ci := by * dst.CStride
			for bx := 0; bx < (W+1)/2; bx++ {
				// the block's centre, in output pixels
				cb, cr := chroma(float64(2*bx+1)/sx, float64(2*by+1)/sy)
				dst.Cb[ci+bx], dst.Cr[ci+bx] = uint8(cb), uint8(cr)
			}
		}
	})
	return dst, nil
}

// matrices returns the projective map from output pixels (x, y), sampled at
// pixel centres of an output scaled by (sx, sy) from canvas C, to source
// coordinates — (m0 x + m1 y + m2, m3 x + m4 y + m5) / (m6 x + m7 y + m8),
// the composition of toSource's quarter turns, fine rotation and crop or
// perspective — and the affine map to canvas A (for toSource's "outside A"
// test when there is a fine rotation).
func (g *geometry) matrices(sx, sy float64) (m, a [9]float64) {
	mul := func(p, q [9]float64) (r [9]float64) {
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				r[3*i+j] = p[3*i]*q[j] + p[3*i+1]*q[3+j] + p[3*i+2]*q[6+j]
			}
		}
		return r
	}
	// output pixel → canvas C: ((x+0.5)/sx, (y+0.5)/sy)
	pc := [9]float64{1 / sx, 0, 0.5 / sx, 0, 1 / sy, 0.5 / sy, 0, 0, 1}
	var cb [9]float64 // C → B
	switch g.q {
	case 1:
		cb = [9]float64{0, 1, 0, -1, 0, g.hb, 0, 0, 1}
	case 2:
		cb = [9]float64{-1, 0, g.wb, 0, -1, g.hb, 0, 0, 1}
	case 3:
		cb = [9]float64{0, -1, g.wb, 1, 0, 0, 0, 0, 1}
	default:
		cb = [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}
	}
	ba := [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1} // B → A
	if g.sin != 0 {
		c, sn := g.cos, g.sin
		ba = [9]float64{c, sn, -g.wb/2*c - g.hb/2*sn + g.wa/2, -sn, c, g.wb/2*sn - g.hb/2*c + g.ha/2, 0, 0, 1}
	}
	a = mul(ba, mul(cb, pc))
	as := [9]float64{1, 0, g.off.X, 0, 1, g.off.Y, 0, 0, 1} // A → source
	if g.hm != nil {
		as = *g.hm
	}
	return mul(as, a), a
}

// renderYCbCrRows is RenderForExport's loop: the source position is
// stepped along each row (two additions and a division per tap instead of
// toSource's chain; no division without perspective) and the luma sampled
// inline, n×n taps per pixel, in bands across the cores. It samples exactly
// where toSource and bilerp8 would.
func renderYCbCrRows(dst *image.YCbCr, src *sampler, g *geometry, sx, sy float64, n int) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	m, a := g.matrices(sx, sy)
	p := src.yc
	ox, oy := float64(p.Rect.Min.X), float64(p.Rect.Min.Y)
	bx0, by0, bx1, by1 := float64(g.b.Min.X), float64(g.b.Min.Y), float64(g.b.Max.X), float64(g.b.Max.Y)
	rot := g.sin != 0
	affine := m[6] == 0 && m[7] == 0 && m[8] == 1
	// inside reports whether canvas point (x, y) (output pixel units, as m
	// and a take them) maps into canvas A and the source, and where.
	inside := func(x, y float64, u, v, w float64) (float64, float64, bool) {
		if rot {
			axx, ayy := a[0]*x+a[1]*y+a[2], a[3]*x+a[4]*y+a[5]
			if axx < 0 || ayy < 0 || axx > g.wa || ayy > g.ha {
				return 0, 0, false
			}
		}
		fx, fy := u/w, v/w
		if fx < bx0 || fy < by0 || fx > bx1 || fy > by1 {
			return 0, 0, false
		}
		return fx, fy, true
	}
	lx0, lx1, ly0, ly1 := src.lx0, src.lx1-1, src.ly0, src.ly1-1
	// taps adds the luma at output points (x0+x+dx, yf) for every x of acc
	// to acc, dx the offset of tap column k; only the quarter turns' tables
	// take an x0 other than 0 (the general loop steps from the row's start).
	dxOf := func(k int) float64 { return (float64(k)+0.5)/float64(n) - 0.5 }
	taps := func(acc []int32, yf float64, k, _ int) {
		dx := dxOf(k)
		u, v, w := m[0]*dx+m[1]*yf+m[2], m[3]*dx+m[4]*yf+m[5], m[6]*dx+m[7]*yf+m[8]
		for x := range acc {
			var fx, fy float64
			var ok bool
			if affine && !rot {
				// no perspective: the position itself, no division
				fx, fy, ok = u, v, u >= bx0 && v >= by0 && u <= bx1 && v <= by1
			} else {
				fx, fy, ok = inside(float64(x)+dx, yf, u, v, w)
			}
			u, v, w = u+m[0], v+m[3], w+m[6]
			if !ok {
				acc[x] += 255 // white beyond the original
				continue
			}
			// bilerp8, inline
			fx, fy = fx-0.5-ox, fy-0.5-oy
			xi, yi := floor(fx), floor(fy)
			ax, ay := int32((fx-float64(xi))*256), int32((fy-float64(yi))*256)
			xa, xb := min(max(xi, lx0), lx1), min(max(xi+1, lx0), lx1)
			ra, rb := min(max(yi, ly0), ly1)*p.YStride, min(max(yi+1, ly0), ly1)*p.YStride
			t := int32(p.Y[ra+xa])*(256-ax) + int32(p.Y[ra+xb])*ax
			bt := int32(p.Y[rb+xa])*(256-ax) + int32(p.Y[rb+xb])*ax
			acc[x] += (t*(256-ay) + bt*ay + 32768) >> 16
		}
	}
	// Without perspective, fine rotation or a quarter turn (a crop and a
	// shrink), a tap's source column depends on x alone and its row on y
	// alone: the columns' indices and weights are worked out once.
	if affine && !rot && m[1] == 0 && m[3] == 0 {
		type col struct {
			xa, xb int
			ax     int32
			in     bool
		}
		cols := make([][]col, n)
		for k := range cols {
			dx := dxOf(k)
			cols[k] = make([]col, W)
			for x := range cols[k] {
				u := m[0]*(float64(x)+dx) + m[2]
				fx := u - 0.5 - ox
				xi := floor(fx)
				cols[k][x] = col{min(max(xi, lx0), lx1), min(max(xi+1, lx0), lx1), int32((fx - float64(xi)) * 256), u >= bx0 && u <= bx1}
			}
		}
		taps = func(acc []int32, yf float64, k, x0 int) {
			v := m[4]*yf + m[5]
			if v < by0 || v > by1 {
				for x := range acc {
					acc[x] += 255
				}
				return
			}
			fy := v - 0.5 - oy
			yi := floor(fy)
			ay := int32((fy - float64(yi)) * 256)
			ra, rb := min(max(yi, ly0), ly1)*p.YStride, min(max(yi+1, ly0), ly1)*p.YStride
			ya, yb := p.Y[ra:], p.Y[rb:]
			for x, c := range cols[k][x0 : x0+len(acc)] {
				if !c.in {
					acc[x] += 255
					continue
				}
				t := int32(ya[c.xa])*(256-c.ax) + int32(ya[c.xb])*c.ax
				bt := int32(yb[c.xa])*(256-c.ax) + int32(yb[c.xb])*c.ax
				acc[x] += (t*(256-ay) + bt*ay + 32768) >> 16
			}
		}
	}
	// A quarter turn (and a crop or a shrink): a tap's source row depends on
	// x alone and its column on y alone. The rows' indices and weights are
	// worked out once, from the positions the general loop steps through
	// (v accumulated along the row, u constant): the same samples.
	tileW := W // output columns done together down a band's rows
	// chromaRows are a quarter turn's chroma source rows by block column
	// (as rows are for the luma), nil otherwise
	type crow struct {
		ra, rb int
		ay     int32
		in     bool
	}
	var chromaRows []crow
	if affine && !rot && m[0] == 0 && m[4] == 0 && !noQuarterTurnPath {
		chromaRows = make([]crow, (W+1)/2)
		v := m[3]*0.5 + m[4]*0 + m[5] // the chroma loop's start (m[4]·yf is 0), stepped as it steps
		for bx := range chromaRows {
			qy := (v-oy)*src.cys - 0.5
			yi := floor(qy)
			chromaRows[bx] = crow{min(max(yi, 0), src.ch-1) * p.CStride, min(max(yi+1, 0), src.ch-1) * p.CStride,
				int32((qy - float64(yi)) * 256), v >= by0 && v <= by1}
			v += 2 * m[3]
		}
		// an output row walks down a source column: in tiles of 128
		// columns the source rows they touch stay in the nearest cache
		tileW = 128
		type row struct {
			ra, rb int
			ay     int32
			in     bool
		}
		rows := make([][]row, n)
		for k := range rows {
			dx := dxOf(k)
			rows[k] = make([]row, W)
			v := m[3]*dx + m[4]*0 + m[5] // the general loop's start (m[4]·yf is 0)
			for x := range rows[k] {
				fy := v - 0.5 - oy
				yi := floor(fy)
				rows[k][x] = row{min(max(yi, ly0), ly1) * p.YStride, min(max(yi+1, ly0), ly1) * p.YStride,
					int32((fy - float64(yi)) * 256), v >= by0 && v <= by1}
				v += m[3]
			}
		}
		taps = func(acc []int32, yf float64, k, x0 int) {
			dx := dxOf(k)
			u := m[0]*dx + m[1]*yf + m[2]
			if u < bx0 || u > bx1 {
				for x := range acc {
					acc[x] += 255
				}
				return
			}
			fx := u - 0.5 - ox
			xi := floor(fx)
			ax := int32((fx - float64(xi)) * 256)
			xa, xb := min(max(xi, lx0), lx1), min(max(xi+1, lx0), lx1)
			for x, r := range rows[k][x0 : x0+len(acc)] {
				if !r.in {
					acc[x] += 255
					continue
				}
				t := int32(p.Y[r.ra+xa])*(256-ax) + int32(p.Y[r.ra+xb])*ax
				bt := int32(p.Y[r.rb+xa])*(256-ax) + int32(p.Y[r.rb+xb])*ax
				acc[x] += (t*(256-r.ay) + bt*r.ay + 32768) >> 16
			}
		}
	}
	nn := int32(n * n)
	blocks := (H + 1) / 2
	parallelRows(blocks, func(b0, b1 int) {
		acc := make([]int32, min(W, tileW))
		for x0 := 0; x0 < W; x0 += tileW {
			a := acc[:min(W, x0+tileW)-x0]
			for y := 2 * b0; y < min(H, 2*b1); y++ {
				clear(a)
				for j := 0; j < n; j++ {
					for k := 0; k < n; k++ {
						// tap (j, k) of pixel (x, y) is canvas point ((x+(k+½)/n)/sx, (y+(j+½)/n)/sy)
						taps(a, float64(y)+dxOf(j), k, x0)
					}
				}
				row := dst.Y[y*dst.YStride+x0 : y*dst.YStride+x0+len(a)]
				for x, v := range a {
					row[x] = uint8((v + nn/2) / nn)
				}
			}
		}
		if chromaRows != nil {
			// a quarter turn: in tiles down the band too, from the tables
			for t0 := 0; t0 < len(chromaRows); t0 += tileW / 2 {
				tile := chromaRows[t0:min(len(chromaRows), t0+tileW/2)]
				for by := b0; by < b1; by++ {
					yf := float64(2*by) + 0.5
					u := m[0]*0.5 + m[1]*yf + m[2]
					cb, cr := dst.Cb[by*dst.CStride+t0:][:len(tile)], dst.Cr[by*dst.CStride+t0:][:len(tile)]
					if u < bx0 || u > bx1 {
						for i := range tile {
							cb[i], cr[i] = 128, 128
						}
						continue
					}
					qx := (u-ox)*src.cxs - 0.5
					xi := floor(qx)
					ax := int32((qx - float64(xi)) * 256)
					xa, xb := min(max(xi, 0), src.cw-1), min(max(xi+1, 0), src.cw-1)
					for i, r := range tile {
						if !r.in {
							cb[i], cr[i] = 128, 128
							continue
						}
						bt := int32(p.Cb[r.ra+xa])*(256-ax) + int32(p.Cb[r.ra+xb])*ax
						bb := int32(p.Cb[r.rb+xa])*(256-ax) + int32(p.Cb[r.rb+xb])*ax
						rt := int32(p.Cr[r.ra+xa])*(256-ax) + int32(p.Cr[r.ra+xb])*ax
						rb := int32(p.Cr[r.rb+xa])*(256-ax) + int32(p.Cr[r.rb+xb])*ax
						cb[i] = uint8((bt*(256-r.ay) + bb*r.ay + 32768) >> 16)
						cr[i] = uint8((rt*(256-r.ay) + rb*r.ay + 32768) >> 16)
					}
				}
			}
			return
		}
		for by := b0; by < b1; by++ {
			// chroma at each 2×2 block's centre: output point (2bx+0.5, 2by+0.5)
			ci := by * dst.CStride
			yf := float64(2*by) + 0.5
			u, v, w := m[0]*0.5+m[1]*yf+m[2], m[3]*0.5+m[4]*yf+m[5], m[6]*0.5+m[7]*yf+m[8]
			for bx := 0; bx < (W+1)/2; bx++ {
				fx, fy, ok := inside(float64(2*bx)+0.5, yf, u, v, w)
				u, v, w = u+2*m[0], v+2*m[3], w+2*m[6]
				if !ok {
					dst.Cb[ci+bx], dst.Cr[ci+bx] = 128, 128
					continue
				}
				qx := (fx-ox)*src.cxs - 0.5
				qy := (fy-oy)*src.cys - 0.5
				cb, cr := bilerp8x2(p.Cb, p.Cr, p.CStride, src.ch, src.cw, qx, qy)
				dst.Cb[ci+bx], dst.Cr[ci+bx] = uint8(cb), uint8(cr)
			}
		}
	})
}

// floor is math.Floor for the coordinates of a picture (above −2²⁰), without
// the call math.Floor costs on amd64 v1.
func floor(f float64) int { return int(f+1<<20) - 1<<20 }
