package photo

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/disintegration/imaging"

	"icpdesk/backend"
	"icpdesk/backend/photo/internal/jpeg"
)

// Point is a position in pixels of the upright original.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Rect is a crop rectangle in pixels of the upright original.
type Rect struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

func (r Rect) image() image.Rectangle { return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H) }

// Adjust is what the user set in the crop dialog. Crop and Corners are in
// pixels of the upright original (EXIF orientation already applied); Corners
// (top-left, top-right, bottom-right, bottom-left) win over Crop. Then the
// result is turned by FineRotateDeg (clockwise, ±45°) and by Rotate90 quarter
// turns clockwise.
type Adjust struct {
	Rotate90      int       `json:"rotate90"`
	FineRotateDeg float64   `json:"fineRotateDeg"`
	Crop          *Rect     `json:"crop,omitempty"`
	Corners       *[4]Point `json:"corners,omitempty"`
}

// PerspectiveMargin is the share of the output kept around a straightened
// document, so its four edges stay visible (photos.md §6: keep a 3 % margin).
const PerspectiveMargin = 0.03

// Apply produces the adjusted image at the original's full resolution
// (Render without a size bound).
func Apply(o *Original, a Adjust) (image.Image, error) {
	return Render(o.Image, a, 0)
}

// subImage crops without copying when the image type allows it.
func subImage(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return imaging.Crop(img, r)
}

// Preview returns a small JPEG (long edge ≤ maxSide) for the UI. A YCbCr
// picture (every JPEG original, every render for export) is resampled
// straight from its planes into 4:2:0 planes the encoder takes as they are,
// by the export's own resampler: no RGBA copies at full size.
func Preview(img image.Image, maxSide int) ([]byte, error) {
	if maxSide < 16 {
		maxSide = 16
	}
	var enc image.Image
	if yc, ok := img.(*image.YCbCr); ok {
		b := yc.Rect
		if max(b.Dx(), b.Dy()) <= maxSide && yc.SubsampleRatio == image.YCbCrSubsampleRatio420 && b.Min == (image.Point{}) {
			enc = yc
		} else {
			r, err := RenderForExport(yc, Adjust{}, maxSide)
			if err != nil {
				return nil, err
			}
			enc = r
		}
	} else {
		enc = toRGB(fitLong(img, maxSide, imaging.Linear))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, enc, &jpeg.Options{Quality: 80}); err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return buf.Bytes(), nil
}

// fitLong scales img so its long edge is at most maxLong: a fast box shrink by
// the integer factor first (bulk of the work, cheap on memory), then a
// filtered resize only for what remains.
func fitLong(img image.Image, maxLong int, filter imaging.ResampleFilter) *image.NRGBA {
	b := img.Bounds()
	long := max(b.Dx(), b.Dy())
	if long <= maxLong {
		return toNRGBA(img)
	}
	// Box-shrink by the whole factor (4000 → 1000 in one pass, no second
	// resize); only a remainder over maxLong is resized with the filter.
	var pre *image.NRGBA
	if f := long / maxLong; f >= 2 {
		pre = boxShrink(img, f)
	} else {
		pre = toNRGBA(img)
	}
	return fitRest(pre, maxLong, filter)
}

// fitRest is fitLong's last step: pre, the whole-factor box shrink (or the
// picture itself), resized with the filter only for a remainder over maxLong.
func fitRest(pre *image.NRGBA, maxLong int, filter imaging.ResampleFilter) *image.NRGBA {
	pb := pre.Bounds()
	s := float64(maxLong) / float64(max(pb.Dx(), pb.Dy()))
	w, h := max(1, int(math.Round(float64(pb.Dx())*s))), max(1, int(math.Round(float64(pb.Dy())*s)))
	if w == pb.Dx() && h == pb.Dy() {
		return pre
	}
	return resize(pre, w, h, filter)
}

// toNRGBA returns img as *image.NRGBA at origin (0,0), copying only if needed.
func toNRGBA(img image.Image) *image.NRGBA {
	if n, ok := img.(*image.NRGBA); ok && n.Rect.Min == (image.Point{}) {
		return n
	}
	return imaging.Clone(img)
}

// boxShrink averages f×f blocks; YCbCr and NRGBA sources use their planes
// directly (no full-size RGBA copy), other types go through imaging.
func boxShrink(img image.Image, f int) *image.NRGBA {
	b := img.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	if w < 1 || h < 1 {
		return toNRGBA(img)
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	n := uint32(f * f)
	switch s := img.(type) {
	case *image.YCbCr:
		if csx, csy := chromaStep(s.SubsampleRatio); csx > 0 && f%csx == 0 && f%csy == 0 && s.Rect.Min == (image.Point{}) {
			boxShrinkPlanar(s, dst, f, csx, csy)
			return dst
		}
		parallelRows(h, func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				for x := 0; x < w; x++ {
					var sy, scb, scr uint32
					for dy := 0; dy < f; dy++ {
						py := b.Min.Y + y*f + dy
						for dx := 0; dx < f; dx++ {
							px := b.Min.X + x*f + dx
							sy += uint32(s.Y[s.YOffset(px, py)])
							ci := s.COffset(px, py)
							scb += uint32(s.Cb[ci])
							scr += uint32(s.Cr[ci])
						}
					}
					r, g, bl := color.YCbCrToRGB(uint8(sy/n), uint8(scb/n), uint8(scr/n))
					i := dst.PixOffset(x, y)
					dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = r, g, bl, 255
				}
			}
		})
		return dst
	case *image.NRGBA:
		if f == 2 {
			// halving (the detector's copy): the 2×2 blocks summed straight
			parallelRows(h, func(y0, y1 int) {
				for y := y0; y < y1; y++ {
					r0 := s.Pix[s.PixOffset(b.Min.X, b.Min.Y+2*y):][:8*w]
					r1 := s.Pix[s.PixOffset(b.Min.X, b.Min.Y+2*y+1):][:8*w]
					d := dst.Pix[dst.PixOffset(0, y):][:4*w]
					for x := 0; x < w; x++ {
						p, q, o := r0[8*x:8*x+8:8*x+8], r1[8*x:8*x+8:8*x+8], d[4*x:4*x+4:4*x+4]
						for c := 0; c < 4; c++ {
							o[c] = uint8((uint32(p[c]) + uint32(p[c+4]) + uint32(q[c]) + uint32(q[c+4])) / 4)
						}
					}
				}
			})
			return dst
		}
		parallelRows(h, func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				for x := 0; x < w; x++ {
					var acc [4]uint32
					for dy := 0; dy < f; dy++ {
						i := s.PixOffset(b.Min.X+x*f, b.Min.Y+y*f+dy)
						for dx := 0; dx < f; dx++ {
							acc[0] += uint32(s.Pix[i])
							acc[1] += uint32(s.Pix[i+1])
							acc[2] += uint32(s.Pix[i+2])
							acc[3] += uint32(s.Pix[i+3])
							i += 4
						}
					}
					j := dst.PixOffset(x, y)
					dst.Pix[j], dst.Pix[j+1], dst.Pix[j+2], dst.Pix[j+3] = uint8(acc[0]/n), uint8(acc[1]/n), uint8(acc[2]/n), uint8(acc[3]/n)
				}
			}
		})
		return dst
	}
	return imaging.Resize(img, w, h, imaging.Box)
}

// chromaStep is how many luma samples one chroma sample spans across and
// down; 0, 0 for an unknown ratio.
func chromaStep(r image.YCbCrSubsampleRatio) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return 1, 1
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 0, 0
}

// boxShrinkPlanar is boxShrink straight from the planes, for a factor the
// chroma step divides (4:2:0 with an even factor, 4:4:4 with any): each
// output pixel averages f×f luma and (f/csx)×(f/csy) chroma samples, row by row.
func boxShrinkPlanar(s *image.YCbCr, dst *image.NRGBA, f, csx, csy int) {
	parallelRows(dst.Rect.Dy(), func(y0, y1 int) {
		shrinkRows(s, dst, f, csx, csy, y0, y1, nil)
	})
}

// shrinkRows makes rows [y0, y1) of boxShrinkPlanar's dst; sums is scratch
// space (3×dst's width, made when nil or short) and is returned for reuse.
// The usual factors (2 and 4 across a plane's row) are summed without an
// inner loop per pixel.
func shrinkRows(s *image.YCbCr, dst *image.NRGBA, f, csx, csy, y0, y1 int, sums []uint32) []uint32 {
	w := dst.Rect.Dx()
	fx, fy := f/csx, f/csy
	n, cn := uint32(f*f), uint32(fx*fy)
	if len(sums) < 3*w {
		sums = make([]uint32, 3*w)
	}
	ys, cbs, crs := sums[:w], sums[w:2*w], sums[2*w:3*w]
	for y := y0; y < y1; y++ {
		clear(ys)
		clear(cbs)
		clear(crs)
		for dy := 0; dy < f; dy++ {
			sumAcross(ys, s.Y[(y*f+dy)*s.YStride:][:w*f], f)
		}
		for dy := 0; dy < fy; dy++ {
			ci := (y*fy + dy) * s.CStride
			sumAcross(cbs, s.Cb[ci:][:w*fx], fx)
			sumAcross(crs, s.Cr[ci:][:w*fx], fx)
		}
		px := dst.Pix[dst.PixOffset(0, y):][:4*w]
		for x := range ys {
			r, g, b := color.YCbCrToRGB(uint8(ys[x]/n), uint8(cbs[x]/cn), uint8(crs[x]/cn))
			p := px[4*x : 4*x+4 : 4*x+4]
			p[0], p[1], p[2], p[3] = r, g, b, 255
		}
	}
	return sums
}

// sumAcross adds the sums of k consecutive samples of row to sums
// (len(row) == k·len(sums)).
func sumAcross(sums []uint32, row []uint8, k int) {
	switch k {
	case 1:
		for x, v := range row[:len(sums)] {
			sums[x] += uint32(v)
		}
	case 2:
		for x := range sums {
			r := row[2*x : 2*x+2 : 2*x+2]
			sums[x] += uint32(r[0]) + uint32(r[1])
		}
	case 4:
		for x := range sums {
			r := row[4*x : 4*x+4 : 4*x+4]
			sums[x] += uint32(r[0]) + uint32(r[1]) + uint32(r[2]) + uint32(r[3])
		}
	default:
		for x := range sums {
			var t uint32
			for _, v := range row[k*x : k*x+k] {
				t += uint32(v)
			}
			sums[x] += t
		}
	}
}

// parallelRows splits [0,h) over the CPUs: in chunks, four per CPU, that
// the CPUs take in turn (the caller's goroutine too), so a band that meets
// a busy core or more work does not leave the others idle at the end.
func parallelRows(h int, fn func(y0, y1 int)) {
	n := min(runtime.GOMAXPROCS(0), max(1, h/16))
	if n <= 1 {
		fn(0, h)
		return
	}
	chunks := min(4*n, h/8)
	var next atomic.Int32
	work := func() {
		for c := int(next.Add(1)) - 1; c < chunks; c = int(next.Add(1)) - 1 {
			fn(h*c/chunks, h*(c+1)/chunks)
		}
	}
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// toRGB flattens any image onto white as 8-bit opaque *image.RGBA: the JPEG
// encoder's fast path, and what sRGB 8-bit RGB output needs (gray, 16-bit,
// CMYK and paletted inputs all end here; CMYK is converted without an ICC profile).
func toRGB(img image.Image) *image.RGBA {
	n := toNRGBA(img)
	b := n.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	parallelRows(b.Dy(), func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			si := n.PixOffset(b.Min.X, b.Min.Y+y)
			di := dst.PixOffset(0, y)
			for x := 0; x < b.Dx(); x++ {
				a := uint32(n.Pix[si+3])
				for c := 0; c < 3; c++ {
					dst.Pix[di+c] = uint8((uint32(n.Pix[si+c])*a + 255*(255-a) + 127) / 255)
				}
				dst.Pix[di+3] = 255
				si += 4
				di += 4
			}
		}
	})
	return dst
}

// Warp maps the quadrilateral corners (TL, TR, BR, BL) of img onto an upright
// rectangle with margin (share of each side) around it; the margin shows the
// surroundings from the source, white where the source ends. Bilinear sampling.
func Warp(img image.Image, corners [4]Point, margin float64) (*image.NRGBA, error) {
	c := corners
	top, bottom := dist(c[0], c[1]), dist(c[3], c[2])
	left, right := dist(c[0], c[3]), dist(c[1], c[2])
	w, h := (top+bottom)/2, (left+right)/2
	if w < 8 || h < 8 || !convex(c) {
		return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "degenerate quadrilateral %v", c)
	}
	mx, my := w*margin, h*margin
	W, H := int(math.Round(w+2*mx)), int(math.Round(h+2*my))
	// Homography from output pixels to source pixels.
	hm, ok := homography([4]Point{{mx, my}, {mx + w, my}, {mx + w, my + h}, {mx, my + h}}, c)
	if !ok {
		return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "singular homography %v", c)
	}
	// Only the source region the output can reach is converted to NRGBA.
	var sx0, sy0, sx1, sy1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4]Point{{0, 0}, {float64(W), 0}, {float64(W), float64(H)}, {0, float64(H)}} {
		x, y := apply(hm, p.X, p.Y)
		sx0, sy0, sx1, sy1 = math.Min(sx0, x), math.Min(sy0, y), math.Max(sx1, x), math.Max(sy1, y)
	}
	sr := image.Rect(int(math.Floor(sx0))-1, int(math.Floor(sy0))-1, int(math.Ceil(sx1))+2, int(math.Ceil(sy1))+2).Intersect(img.Bounds())
	if sr.Empty() {
		return nil, backend.Errorf(backend.ECodeInvalid, "corners", nil, "outside image")
	}
	dst := image.NewNRGBA(image.Rect(0, 0, W, H))
	if yc, ok := img.(*image.YCbCr); ok {
		// Sample the decoder's planes directly: no full-size RGBA copy.
		parallelRows(H, func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				for x := 0; x < W; x++ {
					fx, fy := apply(hm, float64(x)+0.5, float64(y)+0.5)
					i := dst.PixOffset(x, y)
					bilinearYCbCr(yc, sr, fx-0.5, fy-0.5, dst.Pix[i:i+4])
				}
			}
		})
		return dst, nil
	}
	src := imaging.Crop(img, sr)
	ox, oy := float64(sr.Min.X), float64(sr.Min.Y)
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	parallelRows(H, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			for x := 0; x < W; x++ {
				fx, fy := apply(hm, float64(x)+0.5, float64(y)+0.5)
				fx, fy = fx-ox-0.5, fy-oy-0.5
				i := dst.PixOffset(x, y)
				bilinear(src, sw, sh, fx, fy, dst.Pix[i:i+4])
			}
		}
	})
	return dst, nil
}

func bilinear(src *image.NRGBA, w, h int, fx, fy float64, out []uint8) {
	if fx < -0.5 || fy < -0.5 || fx > float64(w)-0.5 || fy > float64(h)-0.5 {
		out[0], out[1], out[2], out[3] = 255, 255, 255, 255
		return
	}
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := fx-float64(x0), fy-float64(y0)
	cx := func(x int) int { return min(max(x, 0), w-1) }
	cy := func(y int) int { return min(max(y, 0), h-1) }
	i00 := src.PixOffset(cx(x0), cy(y0))
	i10 := src.PixOffset(cx(x0+1), cy(y0))
	i01 := src.PixOffset(cx(x0), cy(y0+1))
	i11 := src.PixOffset(cx(x0+1), cy(y0+1))
	for c := 0; c < 4; c++ {
		top := float64(src.Pix[i00+c])*(1-ax) + float64(src.Pix[i10+c])*ax
		bot := float64(src.Pix[i01+c])*(1-ax) + float64(src.Pix[i11+c])*ax
		out[c] = uint8(top*(1-ay) + bot*ay + 0.5)
	}
}

// bilinearYCbCr samples Y, Cb and Cr bilinearly at (fx, fy) within r, then
// converts once; outside r it writes white.
func bilinearYCbCr(s *image.YCbCr, r image.Rectangle, fx, fy float64, out []uint8) {
	if fx < float64(r.Min.X)-0.5 || fy < float64(r.Min.Y)-0.5 || fx > float64(r.Max.X)-0.5 || fy > float64(r.Max.Y)-0.5 {
		out[0], out[1], out[2], out[3] = 255, 255, 255, 255
		return
	}
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := fx-float64(x0), fy-float64(y0)
	cx := func(x int) int { return min(max(x, r.Min.X), r.Max.X-1) }
	cy := func(y int) int { return min(max(y, r.Min.Y), r.Max.Y-1) }
	xa, xb, ya, yb := cx(x0), cx(x0+1), cy(y0), cy(y0+1)
	lerp := func(p []uint8, i00, i10, i01, i11 int) uint8 {
		t := float64(p[i00])*(1-ax) + float64(p[i10])*ax
		b := float64(p[i01])*(1-ax) + float64(p[i11])*ax
		return uint8(t*(1-ay) + b*ay + 0.5)
	}
	yy := lerp(s.Y, s.YOffset(xa, ya), s.YOffset(xb, ya), s.YOffset(xa, yb), s.YOffset(xb, yb))
	ca, cb, cc, cd := s.COffset(xa, ya), s.COffset(xb, ya), s.COffset(xa, yb), s.COffset(xb, yb)
	r8, g8, b8 := color.YCbCrToRGB(yy, lerp(s.Cb, ca, cb, cc, cd), lerp(s.Cr, ca, cb, cc, cd))
	out[0], out[1], out[2], out[3] = r8, g8, b8, 255
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// convex reports whether the four points, in order, form a convex quadrilateral.
func convex(c [4]Point) bool {
	sign := 0.0
	for i := 0; i < 4; i++ {
		a, b, d := c[i], c[(i+1)%4], c[(i+2)%4]
		cr := (b.X-a.X)*(d.Y-b.Y) - (b.Y-a.Y)*(d.X-b.X)
		if math.Abs(cr) < 1e-9 {
			return false
		}
		if sign == 0 {
			sign = cr
		} else if (cr > 0) != (sign > 0) {
			return false
		}
	}
	return true
}

// homography solves the 3×3 projective map sending from[i] to to[i].
func homography(from, to [4]Point) ([9]float64, bool) {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := from[i].X, from[i].Y, to[i].X, to[i].Y
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	// Gaussian elimination with partial pivoting on the 8×8 system.
	for col := 0; col < 8; col++ {
		p := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) < 1e-12 {
			return [9]float64{}, false
		}
		a[col], a[p] = a[p], a[col]
		for r := 0; r < 8; r++ {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for k := col; k < 9; k++ {
				a[r][k] -= f * a[col][k]
			}
		}
	}
	var h [9]float64
	for i := 0; i < 8; i++ {
		h[i] = a[i][8] / a[i][i]
	}
	h[8] = 1
	return h, true
}

func apply(h [9]float64, x, y float64) (float64, float64) {
	d := h[6]*x + h[7]*y + h[8]
	return (h[0]*x + h[1]*y + h[2]) / d, (h[3]*x + h[4]*y + h[5]) / d
}
