package photo

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// analysis is the downscaled copy every check runs on.
type analysis struct {
	rgb   *image.NRGBA
	w, h  int
	gray  []uint8 // Rec. 601 luma (nil in the detector's copies, see colourOnly)
	scale float64 // analysis pixels per source pixel
}

func analyze(img image.Image, longEdge int) *analysis {
	longEdge = analysisLongEdge(longEdge)
	return analyzeNRGBA(fitLong(img, longEdge, imaging.Linear), float64(img.Bounds().Dx()))
}

// analysisLongEdge is the long edge of the analysis copy for a slot's
// threshold (1000 when unset).
func analysisLongEdge(t int) int {
	if t < 64 {
		return 1000
	}
	return t
}

// analyzeOriginal is the detector's analysis copy of o's upright picture
// (colourOnly), from the copy made while it was decoded when there is one
// for longEdge.
func analyzeOriginal(o *Original, longEdge int) *analysis {
	longEdge = analysisLongEdge(longEdge)
	pre := o.analysis
	if pre == nil || o.analysisLong != longEdge {
		pre = fitLong(o.Image, longEdge, imaging.Linear)
	} else {
		pre = fitRest(pre, longEdge, imaging.Linear)
	}
	return colourOnly(pre, float64(o.Image.Bounds().Dx()))
}

// analyzeNRGBA wraps an already reduced copy, with its luma plane; srcW is
// the width of the image it stands for (its scale is rgb's width over srcW).
func analyzeNRGBA(rgb *image.NRGBA, srcW float64) *analysis {
	a := colourOnly(rgb, srcW)
	a.gray = make([]uint8, a.w*a.h)
	parallelRows(a.h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			i := rgb.PixOffset(0, y)
			for x := 0; x < a.w; x++ {
				p := rgb.Pix[i : i+3]
				a.gray[y*a.w+x] = uint8((299*uint32(p[0]) + 587*uint32(p[1]) + 114*uint32(p[2]) + 500) / 1000)
				i += 4
			}
		}
	})
	return a
}

// colourOnly wraps a reduced copy without the luma plane (gray is nil): the
// document detector reads the colour only, the checks need both.
func colourOnly(rgb *image.NRGBA, srcW float64) *analysis {
	b := rgb.Bounds()
	a := &analysis{rgb: rgb, w: b.Dx(), h: b.Dy()}
	a.scale = float64(a.w) / srcW
	return a
}

func (a *analysis) px(x, y int) (r, g, b uint8) {
	i := a.rgb.PixOffset(x, y)
	return a.rgb.Pix[i], a.rgb.Pix[i+1], a.rgb.Pix[i+2]
}

// laplacianVar is the variance of the 4-neighbour Laplacian of the luma.
func (a *analysis) laplacianVar() float64 {
	if a.w < 3 || a.h < 3 {
		return 0
	}
	var sum, sq float64
	n := 0
	for y := 1; y < a.h-1; y++ {
		for x := 1; x < a.w-1; x++ {
			i := y*a.w + x
			l := 4*int(a.gray[i]) - int(a.gray[i-1]) - int(a.gray[i+1]) - int(a.gray[i-a.w]) - int(a.gray[i+a.w])
			sum += float64(l)
			sq += float64(l * l)
			n++
		}
	}
	m := sum / float64(n)
	return sq/float64(n) - m*m
}

// hsv returns hue in degrees and saturation/value in 0–1.
func hsv(r, g, b uint8) (h, s, v float64) {
	rf, gf, bf := float64(r)/255, float64(g)/255, float64(b)/255
	mx := math.Max(rf, math.Max(gf, bf))
	mn := math.Min(rf, math.Min(gf, bf))
	v = mx
	d := mx - mn
	if mx > 0 {
		s = d / mx
	}
	if d == 0 {
		return 0, s, v
	}
	switch mx {
	case rf:
		h = 60 * math.Mod((gf-bf)/d, 6)
	case gf:
		h = 60 * ((bf-rf)/d + 2)
	default:
		h = 60 * ((rf-gf)/d + 4)
	}
	if h < 0 {
		h += 360
	}
	return h, s, v
}

// meanSaturation is the mean HSV saturation, ignoring near-black pixels whose
// hue is noise.
func (a *analysis) meanSaturation(r image.Rectangle) float64 {
	r = r.Intersect(image.Rect(0, 0, a.w, a.h))
	var s float64
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := a.rgb.Pix[a.rgb.PixOffset(r.Min.X, y):a.rgb.PixOffset(r.Max.X, y)]
		for i := 0; i+3 < len(row); i += 4 {
			// hsv's saturation and value, without its hue: the same floats
			mx := float64(max(row[i], row[i+1], row[i+2])) / 255
			if mx < 0.1 {
				continue
			}
			mn := float64(min(row[i], row[i+1], row[i+2])) / 255
			s += (mx - mn) / mx
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// isSkin is the classic YCbCr skin rule (Chai & Ngan): it holds for most skin
// tones under daylight and fails under coloured light.
func isSkin(r, g, b uint8) bool {
	y := (299*int(r) + 587*int(g) + 114*int(b)) / 1000
	cb := 128 + (-168736*int(r)-331264*int(g)+500000*int(b))/1000000
	cr := 128 + (500000*int(r)-418688*int(g)-81312*int(b))/1000000
	return y > 40 && cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173
}

// component is one 4-connected region of a mask.
type component struct {
	area   int
	bbox   image.Rectangle
	sx, sy float64 // coordinate sums for the centroid
	// extreme points for the quadrilateral: min x+y, max x−y, max x+y, min x−y
	ext [4]image.Point
}

// components labels the mask and returns its regions with at least minArea
// pixels, largest first; labels[i] is the region index+1 (0 = none/too small).
func components(mask []bool, w, h, minArea int) ([]component, []int32) {
	labels := make([]int32, w*h)
	var out []component
	stack := make([]int32, 0, 1024)
	next := int32(0)
	for start := range mask {
		if !mask[start] || labels[start] != 0 {
			continue
		}
		next++
		c := component{bbox: image.Rectangle{Min: image.Pt(w, h), Max: image.Pt(-1, -1)}}
		best := [4]int{math.MaxInt, math.MinInt, math.MinInt, math.MaxInt}
		stack = append(stack[:0], int32(start))
		labels[start] = next
		for len(stack) > 0 {
			i := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			c.area++
			c.sx += float64(x)
			c.sy += float64(y)
			c.bbox.Min.X, c.bbox.Min.Y = min(c.bbox.Min.X, x), min(c.bbox.Min.Y, y)
			c.bbox.Max.X, c.bbox.Max.Y = max(c.bbox.Max.X, x+1), max(c.bbox.Max.Y, y+1)
			if s := x + y; s < best[0] {
				best[0], c.ext[0] = s, image.Pt(x, y)
			}
			if d := x - y; d > best[1] {
				best[1], c.ext[1] = d, image.Pt(x, y)
			}
			if s := x + y; s > best[2] {
				best[2], c.ext[2] = s, image.Pt(x, y)
			}
			if d := x - y; d < best[3] {
				best[3], c.ext[3] = d, image.Pt(x, y)
			}
			for _, j := range [4]int{i - 1, i + 1, i - w, i + w} {
				if j < 0 || j >= len(mask) || !mask[j] || labels[j] != 0 {
					continue
				}
				if (j == i-1 && x == 0) || (j == i+1 && x == w-1) {
					continue
				}
				labels[j] = next
				stack = append(stack, int32(j))
			}
		}
		out = append(out, c)
	}
	// Relabel: keep only large regions, sorted by area.
	keep := map[int32]int32{}
	var big []component
	var ids []int32
	for i, c := range out {
		if c.area >= minArea {
			big = append(big, c)
			ids = append(ids, int32(i+1))
		}
	}
	for i := 1; i < len(big); i++ {
		for j := i; j > 0 && big[j].area > big[j-1].area; j-- {
			big[j], big[j-1] = big[j-1], big[j]
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	for i, id := range ids {
		keep[id] = int32(i + 1)
	}
	for i, l := range labels {
		labels[i] = keep[l]
	}
	return big, labels
}

// otsu returns the threshold that best splits a histogram in two classes.
func otsu(hist []int) int {
	total, sum := 0, 0.0
	for i, c := range hist {
		total += c
		sum += float64(i * c)
	}
	var sumB, wB float64
	best, bestT := -1.0, 0
	for t, c := range hist {
		wB += float64(c)
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * c)
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, bestT = v, t
		}
	}
	return bestT
}

// exposureIn returns the mean luma and the shares of clipped dark and bright
// pixels inside r.
func (a *analysis) exposureIn(r image.Rectangle) (mean, dark, bright float64) {
	r = r.Intersect(image.Rect(0, 0, a.w, a.h))
	var s, d, b, n int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range a.gray[y*a.w+r.Min.X : y*a.w+r.Max.X] {
			s += int(v)
			if v <= 2 {
				d++
			} else if v >= 253 {
				b++
			}
		}
		n += r.Dx()
	}
	if n == 0 {
		return 0, 0, 0
	}
	return float64(s) / float64(n), float64(d) / float64(n), float64(b) / float64(n)
}

// lumaPercentiles returns the luma at the given fractions (0–1) inside r.
func (a *analysis) lumaPercentiles(r image.Rectangle, fr ...float64) []int {
	var hist [256]int
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range a.gray[y*a.w+r.Min.X : y*a.w+r.Max.X] {
			hist[v]++
		}
		n += r.Dx()
	}
	out := make([]int, len(fr))
	for i, f := range fr {
		want, acc := int(f*float64(n)), 0
		for v, c := range hist {
			acc += c
			if acc > want {
				out[i] = v
				break
			}
		}
	}
	return out
}

// inkSharpness is how steep the ink edges of a page are: the strongest
// gradients (99.5th percentile of the central difference) over the contrast
// between paper and ink. A crisp edge gives about 0.5; text blurred over
// a few pixels far less. ok is false on a page without ink.
func (a *analysis) inkSharpness(r image.Rectangle) (float64, bool) {
	r = r.Intersect(image.Rect(1, 1, a.w-1, a.h-1))
	if r.Dx() < 8 || r.Dy() < 8 {
		return 0, false
	}
	p := a.lumaPercentiles(r, 0.01, 0.9)
	contrast := float64(p[1] - p[0])
	if contrast < 40 {
		return 0, false // no ink to judge
	}
	var hist [256]int
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := y*a.w + x
			gx := abs(int(a.gray[i+1])-int(a.gray[i-1])) / 2
			gy := abs(int(a.gray[i+a.w])-int(a.gray[i-a.w])) / 2
			hist[max(gx, gy)]++
			n++
		}
	}
	want, acc, g := n-n/200, 0, 0
	for v, c := range hist {
		acc += c
		if acc >= want {
			g = v
			break
		}
	}
	return float64(g) / contrast, true
}

// headerInk is the share of ink pixels in the top band of the page (its
// title); ok is false when the page is too small to tell.
func (a *analysis) headerInk(r image.Rectangle) (float64, bool) {
	r = r.Intersect(image.Rect(0, 0, a.w, a.h))
	if r.Dy() < 20 {
		return 0, false
	}
	paper := a.lumaPercentiles(r, 0.9)[0]
	band := image.Rect(r.Min.X+r.Dx()/20, r.Min.Y+r.Dy()/50, r.Max.X-r.Dx()/20, r.Min.Y+r.Dy()*12/100)
	ink, n := 0, 0
	for y := band.Min.Y; y < band.Max.Y; y++ {
		for _, v := range a.gray[y*a.w+band.Min.X : y*a.w+band.Max.X] {
			if int(v) < paper*6/10 {
				ink++
			}
		}
		n += band.Dx()
	}
	if n == 0 {
		return 0, false
	}
	return float64(ink) / float64(n), true
}

// redShare is the share of seal-red pixels in r.
func (a *analysis) redShare(r image.Rectangle) float64 {
	r = r.Intersect(image.Rect(0, 0, a.w, a.h))
	hit, n := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			h, s, v := hsv(a.px(x, y))
			if (h < 20 || h > 340) && s > 0.35 && v > 0.3 {
				hit++
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// greyShare is the share of pixels whose channels differ by at most spread:
// near 1 for a scan saved in greyscale, lower for any colour scan.
func (a *analysis) greyShare(spread float64) float64 {
	n := 0
	for i := 0; i < len(a.rgb.Pix); i += 4 {
		p := a.rgb.Pix[i : i+3]
		mx, mn := max(p[0], p[1], p[2]), min(p[0], p[1], p[2])
		if float64(mx-mn) <= spread {
			n++
		}
	}
	return float64(n) / float64(a.w*a.h)
}
