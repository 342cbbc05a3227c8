package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand"
	"testing"

	"icpdesk/assets"
)

// Synthetic test scenes drawn with plain pixel loops: cards on a table, pages,
// and a person in front of a backdrop. Deterministic (fixed seeds).

var (
	tableColour = color.NRGBA{50, 60, 55, 255}
	cardColour  = color.NRGBA{228, 232, 236, 255}
	inkColour   = color.NRGBA{30, 30, 35, 255}
	skinColour  = color.NRGBA{220, 170, 135, 255}
	blueCloth   = color.NRGBA{30, 90, 170, 255}
	redEmblem   = color.NRGBA{200, 30, 30, 255}
)

func fill(img *image.NRGBA, c color.NRGBA) {
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
}

// noise adds ±amp of deterministic noise, as a camera sensor would.
func noise(img *image.NRGBA, amp int, seed int64) {
	r := rand.New(rand.NewSource(seed))
	for i := 0; i < len(img.Pix); i += 4 {
		d := r.Intn(2*amp+1) - amp
		for c := 0; c < 3; c++ {
			img.Pix[i+c] = uint8(min(255, max(0, int(img.Pix[i+c])+d)))
		}
	}
}

func rect(img *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
}

func ellipse(img *image.NRGBA, cx, cy, rx, ry float64, c color.NRGBA) {
	for y := int(cy - ry); y <= int(cy+ry); y++ {
		for x := int(cx - rx); x <= int(cx+rx); x++ {
			dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
			if dx*dx+dy*dy <= 1 && image.Pt(x, y).In(img.Rect) {
				img.SetNRGBA(x, y, c)
			}
		}
	}
}

// quad fills a convex quadrilateral (TL, TR, BR, BL).
func quad(img *image.NRGBA, q [4]Point, c color.NRGBA) {
	b := img.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := Point{float64(x) + 0.5, float64(y) + 0.5}
			in := true
			for i := 0; i < 4 && in; i++ {
				a, e := q[i], q[(i+1)%4]
				if (e.X-a.X)*(p.Y-a.Y)-(e.Y-a.Y)*(p.X-a.X) < 0 {
					in = false
				}
			}
			if in {
				img.SetNRGBA(x, y, c)
			}
		}
	}
}

type cardOpts struct {
	w, h       int             // image size
	card       image.Rectangle // card position
	back       bool            // emblem side
	upsideDown bool
}

// idCard draws a mainland ID card: text lines on the left, portrait on the
// right (photo side) or the red emblem top-left (emblem side).
func idCard(o cardOpts) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, o.w, o.h))
	fill(img, tableColour)
	c := o.card
	rect(img, c, cardColour)
	cw, ch := float64(c.Dx()), float64(c.Dy())
	at := func(fx, fy float64) (int, int) { return c.Min.X + int(fx*cw), c.Min.Y + int(fy*ch) }
	if o.back {
		x, y := at(0.12, 0.22)
		ellipse(img, float64(x), float64(y), cw*0.07, cw*0.07, redEmblem)
		for i := 0; i < 3; i++ {
			x0, y0 := at(0.3, 0.6+float64(i)*0.1)
			x1, y1 := at(0.9, 0.65+float64(i)*0.1)
			rect(img, image.Rect(x0, y0, x1, y1), inkColour)
		}
	} else {
		for i := 0; i < 6; i++ {
			x0, y0 := at(0.08, 0.12+float64(i)*0.13)
			x1, y1 := at(0.55-float64(i%3)*0.05, 0.17+float64(i)*0.13)
			rect(img, image.Rect(x0, y0, x1, y1), inkColour)
		}
		x, y := at(0.78, 0.45)
		ellipse(img, float64(x), float64(y), cw*0.11, ch*0.25, skinColour)
		ellipse(img, float64(x), float64(y)-ch*0.22, cw*0.11, ch*0.08, inkColour)
	}
	noise(img, 6, 1)
	if o.upsideDown {
		rotate180(img)
	}
	return img
}

func rotate180(img *image.NRGBA) {
	p := img.Pix
	for i, j := 0, len(p)-4; i < j; i, j = i+4, j-4 {
		for c := 0; c < 4; c++ {
			p[i+c], p[j+c] = p[j+c], p[i+c]
		}
	}
}

// defaultCard is an ID-1 card (571×360) on an 800×600 table.
func defaultCard() cardOpts {
	return cardOpts{w: 800, h: 600, card: image.Rect(115, 120, 115+571, 120+360)}
}

// page draws an A4 sheet with text lines on a table.
func page(w, h int, sheet image.Rectangle) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill(img, tableColour)
	rect(img, sheet, color.NRGBA{244, 242, 238, 255})
	lh := sheet.Dy() / 40
	for i := 3; i < 36; i += 2 {
		y := sheet.Min.Y + i*lh
		rect(img, image.Rect(sheet.Min.X+sheet.Dx()/10, y, sheet.Max.X-sheet.Dx()/10-(i%5)*sheet.Dx()/30, y+lh/2), inkColour)
	}
	ellipse(img, float64(sheet.Max.X-sheet.Dx()/4), float64(sheet.Max.Y-sheet.Dy()/8), float64(sheet.Dx()/12), float64(sheet.Dx()/12), redEmblem)
	noise(img, 5, 2)
	return img
}

type portraitOpts struct {
	w, h       int
	faceCX     float64 // centre of the face, share of width
	faceCY     float64 // share of height
	faceH      float64 // face height, share of image height
	backdrop   color.NRGBA
	faces      int
	noPerson   bool
	skinTone   color.NRGBA
	background bool // draw backdrop text
}

func defaultPortrait() portraitOpts {
	return portraitOpts{w: 900, h: 1200, faceCX: 0.5, faceCY: 0.35, faceH: 0.22, backdrop: blueCloth, faces: 1, skinTone: skinColour}
}

// portrait draws a person (hair, face with eyes, brows and mouth, neck, shirt
// and shoulders) in front of a backdrop with light lettering.
func portrait(o portraitOpts) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, o.w, o.h))
	fill(img, o.backdrop)
	W, H := float64(o.w), float64(o.h)
	for i := 0; i < 3; i++ { // backdrop lettering
		y := int(H * (0.06 + 0.05*float64(i)))
		rect(img, image.Rect(int(W*0.05), y, int(W*0.3), y+int(H*0.015)), color.NRGBA{235, 235, 240, 255})
	}
	if o.noPerson {
		noise(img, 5, 3)
		return img
	}
	for k := 0; k < o.faces; k++ {
		cx := W * o.faceCX
		if o.faces > 1 {
			cx = W * (0.25 + 0.5*float64(k))
		}
		cy, fh := H*o.faceCY, H*o.faceH
		fw := fh * 0.72
		// shirt and shoulders from below the chin to the bottom
		quad(img, [4]Point{{cx - fw*0.9, cy + fh*0.75}, {cx + fw*0.9, cy + fh*0.75}, {cx + fw*1.9, H}, {cx - fw*1.9, H}}, color.NRGBA{45, 45, 60, 255})
		rect(img, image.Rect(int(cx-fw*0.22), int(cy+fh*0.3), int(cx+fw*0.22), int(cy+fh*0.8)), o.skinTone) // neck
		ellipse(img, cx, cy-fh*0.18, fw*0.55, fh*0.45, color.NRGBA{25, 20, 18, 255})                        // hair
		ellipse(img, cx, cy, fw/2, fh/2, o.skinTone)
		ellipse(img, cx-fw*0.18, cy-fh*0.08, fw*0.08, fh*0.035, color.NRGBA{35, 25, 25, 255}) // eyes
		ellipse(img, cx+fw*0.18, cy-fh*0.08, fw*0.08, fh*0.035, color.NRGBA{35, 25, 25, 255})
		rect(img, image.Rect(int(cx-fw*0.28), int(cy-fh*0.17), int(cx-fw*0.08), int(cy-fh*0.15)), color.NRGBA{40, 30, 25, 255})
		rect(img, image.Rect(int(cx+fw*0.08), int(cy-fh*0.17), int(cx+fw*0.28), int(cy-fh*0.15)), color.NRGBA{40, 30, 25, 255})
		ellipse(img, cx, cy+fh*0.25, fw*0.16, fh*0.035, color.NRGBA{140, 50, 55, 255}) // mouth
	}
	noise(img, 5, 3)
	return img
}

func slot(t testing.TB, key string) assets.PhotoSlot {
	t.Helper()
	s, ok := assets.PhotoSlotByKey(key)
	if !ok {
		t.Fatalf("no slot %s", key)
	}
	return s
}

func jpegBytes(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
