package photo

import (
	"image"
)

// Face is a detected face box in analysis pixels.
type face struct {
	box  image.Rectangle
	skin float64 // share of skin pixels in the box
}

// detectFaces is a small offline detector: skin-colour segmentation in YCbCr,
// 4-connected regions, an ellipse-like shape test (aspect and fill of the box)
// and darker features (eyes, brows, mouth) inside the upper two thirds. It
// finds frontal faces against a backdrop that is not skin-coloured; it is not a
// general face detector (see the package report for its limits).
func detectFaces(a *analysis) []face {
	w, h := a.w, a.h
	mask := make([]bool, w*h)
	var lumSum, lumN int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if isSkin(a.px(x, y)) {
				mask[y*w+x] = true
				lumSum += int(a.gray[y*w+x])
				lumN++
			}
		}
	}
	if lumN == 0 {
		return nil
	}
	comps, _ := components(mask, w, h, max(16, w*h/400))
	var out []face
	for _, c := range comps {
		bb := c.bbox
		// A neck joined to the face makes the region tall: keep a face-shaped top.
		if bb.Dy() > bb.Dx()*3/2 {
			bb.Max.Y = bb.Min.Y + bb.Dx()*7/5
		}
		ratio := float64(bb.Dy()) / float64(bb.Dx())
		if ratio < 0.8 || ratio > 2.0 || bb.Dx() < 6 {
			continue
		}
		skin, dark := 0, 0
		var skinLum int
		for y := bb.Min.Y; y < bb.Max.Y; y++ {
			for x := bb.Min.X; x < bb.Max.X; x++ {
				if mask[y*w+x] {
					skin++
					skinLum += int(a.gray[y*w+x])
				}
			}
		}
		area := bb.Dx() * bb.Dy()
		fill := float64(skin) / float64(area)
		if fill < 0.45 { // an ellipse fills π/4 ≈ 0.79 of its box
			continue
		}
		meanSkin := skinLum / max(1, skin)
		// Features: pixels clearly darker than the skin inside the central band.
		inner := image.Rect(bb.Min.X+bb.Dx()/6, bb.Min.Y+bb.Dy()/5, bb.Max.X-bb.Dx()/6, bb.Max.Y-bb.Dy()/8)
		for y := inner.Min.Y; y < inner.Max.Y; y++ {
			for x := inner.Min.X; x < inner.Max.X; x++ {
				if !mask[y*w+x] && int(a.gray[y*w+x]) < meanSkin-40 {
					dark++
				}
			}
		}
		if inner.Dx() <= 0 || inner.Dy() <= 0 {
			continue
		}
		ds := float64(dark) / float64(inner.Dx()*inner.Dy())
		if ds < 0.01 || ds > 0.45 {
			continue
		}
		out = append(out, face{box: bb, skin: fill})
	}
	return out
}
