package photo

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// resize is imaging.Resize(src, w, h, filter) for fitLong's remainders: the
// same bytes, made faster for an opaque *image.NRGBA at the origin (every
// analysis copy): imaging reads the vertical pass column by column (a
// cache miss per pixel) and weighs each sample by its alpha; here both
// passes go row by row with the alpha (255) folded into the weights, each
// output sample summed over the same terms in the same order, so the
// floating-point results are imaging's to the bit. Anything else goes to
// imaging.
func resize(src *image.NRGBA, w, h int, filter imaging.ResampleFilter) *image.NRGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if src.Rect.Min != (image.Point{}) || w <= 0 || h <= 0 || filter.Support <= 0 || !opaque(src) {
		return imaging.Resize(src, w, h, filter)
	}
	switch {
	case sw != w && sh != h:
		return resizeRows(resizeCols(src, w, filter), h, filter)
	case sw != w:
		return resizeCols(src, w, filter)
	case sh != h:
		return resizeRows(src, h, filter)
	}
	return imaging.Clone(src)
}

// opaque reports whether every pixel of m has alpha 255.
func opaque(m *image.NRGBA) bool {
	for y := 0; y < m.Rect.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*m.Rect.Dx()]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 255 {
				return false
			}
		}
	}
	return true
}

// tap is one source sample of an output sample: its index and its weight
// times the alpha 255 (imaging's aw).
type tap struct {
	index int
	aw    float64
}

// taps are imaging's precomputeWeights (v1.6.2, MIT licence, © Grigory
// Dryapak), each weight times 255 as imaging's resize loops make it.
func taps(dstSize, srcSize int, filter imaging.ResampleFilter) [][]tap {
	du := float64(srcSize) / float64(dstSize)
	scale := du
	if scale < 1.0 {
		scale = 1.0
	}
	ru := math.Ceil(scale * filter.Support)
	out := make([][]tap, dstSize)
	tmp := make([]tap, 0, dstSize*int(ru+2)*2)
	for v := 0; v < dstSize; v++ {
		fu := (float64(v)+0.5)*du - 0.5
		begin := max(int(math.Ceil(fu-ru)), 0)
		end := min(int(math.Floor(fu+ru)), srcSize-1)
		var sum float64
		for u := begin; u <= end; u++ {
			if w := filter.Kernel((float64(u) - fu) / scale); w != 0 {
				sum += w
				tmp = append(tmp, tap{index: u, aw: w})
			}
		}
		if sum != 0 {
			for i := range tmp {
				tmp[i].aw /= sum
			}
		}
		for i := range tmp {
			tmp[i].aw = float64(uint8(255)) * tmp[i].aw // imaging: aw := float64(s[3]) * w.weight
		}
		out[v] = tmp
		tmp = tmp[len(tmp):]
	}
	return out
}

// clamp8 is imaging's clamp.
func clamp8(x float64) uint8 {
	v := int64(x + 0.5)
	if v > 255 {
		return 255
	}
	if v > 0 {
		return uint8(v)
	}
	return 0
}

// resizeCols is imaging's resizeHorizontal for an opaque src.
func resizeCols(src *image.NRGBA, width int, filter imaging.ResampleFilter) *image.NRGBA {
	sh := src.Rect.Dy()
	dst := image.NewNRGBA(image.Rect(0, 0, width, sh))
	ws := taps(width, src.Rect.Dx(), filter)
	parallelRows(sh, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			line := src.Pix[y*src.Stride:]
			d := dst.Pix[y*dst.Stride:]
			for x, tx := range ws {
				var r, g, b, a float64
				for _, t := range tx {
					s := line[t.index*4 : t.index*4+3 : t.index*4+3]
					r += float64(s[0]) * t.aw
					g += float64(s[1]) * t.aw
					b += float64(s[2]) * t.aw
					a += t.aw
				}
				if a != 0 {
					aInv := 1 / a
					p := d[x*4 : x*4+4 : x*4+4]
					p[0], p[1], p[2], p[3] = clamp8(r*aInv), clamp8(g*aInv), clamp8(b*aInv), clamp8(a)
				}
			}
		}
	})
	return dst
}

// resizeRows is imaging's resizeVertical for an opaque src, an output row
// at a time: each sample still sums its taps in imaging's order.
func resizeRows(src *image.NRGBA, height int, filter imaging.ResampleFilter) *image.NRGBA {
	sw := src.Rect.Dx()
	dst := image.NewNRGBA(image.Rect(0, 0, sw, height))
	ws := taps(height, src.Rect.Dy(), filter)
	parallelRows(height, func(y0, y1 int) {
		acc := make([]float64, 3*sw)
		for y := y0; y < y1; y++ {
			clear(acc)
			var a float64
			for _, t := range ws[y] {
				line := src.Pix[t.index*src.Stride : t.index*src.Stride+4*sw]
				for x := 0; x < sw; x++ {
					s := line[x*4 : x*4+3 : x*4+3]
					c := acc[x*3 : x*3+3 : x*3+3]
					c[0] += float64(s[0]) * t.aw
					c[1] += float64(s[1]) * t.aw
					c[2] += float64(s[2]) * t.aw
				}
				a += t.aw
			}
			if a == 0 {
				continue
			}
			aInv, al := 1/a, clamp8(a)
			d := dst.Pix[y*dst.Stride : y*dst.Stride+4*sw]
			for x := 0; x < sw; x++ {
				c := acc[x*3 : x*3+3 : x*3+3]
				p := d[x*4 : x*4+4 : x*4+4]
				p[0], p[1], p[2], p[3] = clamp8(c[0]*aInv), clamp8(c[1]*aInv), clamp8(c[2]*aInv), al
			}
		}
	})
	return dst
}
