package photo

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo/internal/jpeg"
)

// WatermarkText is the only watermark wording providers accept.
const WatermarkText = "仅供备案使用"

// ExportOptions tune Export.
type ExportOptions struct {
	Field     string // JSON path for the findings
	Watermark bool   // draw WatermarkText where the image has the least detail
}

// ExportForSlot encodes img to the slot's specification with default options.
func ExportForSlot(img image.Image, slot assets.PhotoSlot) ([]byte, []backend.Finding, error) {
	return Export(img, slot, ExportOptions{})
}

// Export scales img into the slot's pixel bounds, flattens it to 8-bit sRGB
// on white and encodes a baseline JPEG without metadata (Go's encoder writes
// no EXIF, GPS or ICC segments), with the highest quality that fits MaxBytes.
func Export(img image.Image, slot assets.PhotoSlot, opt ExportOptions) ([]byte, []backend.Finding, error) {
	var out []backend.Finding
	add := func(rule string, sev backend.Severity, p map[string]any) {
		out = append(out, backend.Finding{Rule: rule, Field: opt.Field, Severity: sev, Params: p})
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, nil, backend.Errorf(backend.ECodeInvalid, opt.Field, nil, "empty image")
	}
	long := max(b.Dx(), b.Dy())
	if long < slot.ExportMinLongEdge {
		// Upscaling adds no detail; the clerk should retake the photo instead.
		add(RuleResolutionLow, backend.Warn, map[string]any{"longEdge": long, "min": slot.ExportMinLongEdge})
	}
	var enc image.Image // what the encoder gets: *image.RGBA, or the render's own 4:2:0 planes
	if yc, ok := img.(*image.YCbCr); ok && !opt.Watermark && long <= slot.ExportMaxLongEdge &&
		yc.SubsampleRatio == image.YCbCrSubsampleRatio420 && yc.Rect.Min == (image.Point{}) {
		enc = yc // rendered for export already: no RGB round trip
	} else {
		rgb := toRGB(fitLong(img, slot.ExportMaxLongEdge, imaging.CatmullRom))
		if opt.Watermark {
			if err := drawWatermark(rgb); err != nil {
				return nil, nil, err
			}
		}
		enc = rgb
	}
	data, _, err := encodeToFit(enc, slot.MaxBytes)
	for err == nil && data == nil && max(enc.Bounds().Dx(), enc.Bounds().Dy()) > 400 {
		// Even the lowest quality is too big: give up pixels rather than legibility.
		enc = toRGB(imaging.Resize(enc, enc.Bounds().Dx()*4/5, 0, imaging.Lanczos))
		data, _, err = encodeToFit(enc, slot.MaxBytes)
	}
	if err != nil {
		return nil, nil, err
	}
	if data == nil {
		add(RuleFileTooLarge, backend.Block, map[string]any{"maxBytes": slot.MaxBytes})
		return nil, out, nil
	}
	if int64(len(data)) < slot.MinBytes {
		// Some providers want a minimum size (domain certificates ≥ 200 KB).
		if d, e := encode(enc, 100); e == nil && int64(len(d)) <= slot.MaxBytes {
			data = d
		}
		if int64(len(data)) < slot.MinBytes {
			add(RuleFileTooSmall, backend.Warn, map[string]any{"bytes": len(data), "minBytes": slot.MinBytes})
		}
	}
	return data, out, nil
}

// encodeToFit returns the JPEG at the highest quality (≤ 92) whose size is at
// most limit; nil data if none from 30 up fits. The usual case is one
// encode: the whole picture at the highest quality, stopped early once it is
// over the limit. Otherwise the quality is searched on a quarter of the
// picture (every fourth band of 16 rows, so every part of it is
// represented), then the whole picture is encoded once at that quality;
// only when the estimate misses is it encoded again, lower.
func encodeToFit(img image.Image, limit int64) ([]byte, int, error) {
	const hi, lo = 92, 30
	q := hi
	if h := img.Bounds().Dy(); h >= 128 {
		if d, err := encodeMax(img, hi, limit); err != nil {
			return nil, 0, err
		} else if d != nil && int64(len(d)) <= limit {
			return d, hi, nil
		}
		sample := bands(img)
		share := float64(sample.Bounds().Dy()) / float64(h)
		fits := func(q int) (bool, error) {
			d, err := encode(sample, q)
			return float64(len(d)) <= float64(limit)*share*0.97, err
		}
		// The highest does not fit: binary search below it for the highest
		// that looks like fitting (the search goes on after a first fit).
		q = lo // even the lowest looks too big: let the full encode decide
		for l, r := lo, hi-1; l <= r; {
			m := (l + r) / 2
			ok, err := fits(m)
			if err != nil {
				return nil, 0, err
			}
			if ok {
				q, l = m, m+1
			} else {
				r = m - 1
			}
		}
	}
	for ; q >= lo; q -= 4 {
		d, err := encodeMax(img, q, limit)
		if err != nil {
			return nil, 0, err
		}
		if d != nil && int64(len(d)) <= limit {
			return d, q, nil
		}
	}
	return nil, 0, nil
}

// bands keeps every fourth band of 16 rows (JPEG's MCU height), of an RGBA
// image or of 4:2:0 planes (8 chroma rows per band).
func bands(img image.Image) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	n := (h/16 + 3) / 4
	if yc, ok := img.(*image.YCbCr); ok {
		out := image.NewYCbCr(image.Rect(0, 0, w, n*16), image.YCbCrSubsampleRatio420)
		row := 0
		for y := 0; y+16 <= h && row < n*16; y += 64 {
			for k := 0; k < 16; k++ {
				copy(out.Y[(row+k)*out.YStride:(row+k)*out.YStride+w], yc.Y[(y+k)*yc.YStride:])
			}
			for k := 0; k < 8; k++ {
				copy(out.Cb[(row/2+k)*out.CStride:(row/2+k+1)*out.CStride], yc.Cb[(y/2+k)*yc.CStride:])
				copy(out.Cr[(row/2+k)*out.CStride:(row/2+k+1)*out.CStride], yc.Cr[(y/2+k)*yc.CStride:])
			}
			row += 16
		}
		return out.SubImage(image.Rect(0, 0, w, row))
	}
	rgba := img.(*image.RGBA)
	out := image.NewRGBA(image.Rect(0, 0, w, n*16))
	row := 0
	for y := 0; y+16 <= h && row < n*16; y += 64 {
		for k := 0; k < 16; k++ {
			copy(out.Pix[(row+k)*out.Stride:(row+k)*out.Stride+w*4], rgba.Pix[(y+k)*rgba.Stride+b.Min.X*4:])
		}
		row += 16
	}
	out.Rect.Max.Y = row
	out.Pix = out.Pix[:row*out.Stride]
	return out
}

func encode(img image.Image, q int) ([]byte, error) {
	return encodeMax(img, q, 0)
}

// encodeMax is encode that may give up (nil data, no error) once the JPEG
// is known to be over limit bytes (0 = no limit).
func encodeMax(img image.Image, q int, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(img.Bounds().Dx() * img.Bounds().Dy() / 4)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q, MaxBytes: int(min(limit, math.MaxInt32))}); err == jpeg.ErrTooLarge {
		return nil, nil
	} else if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return buf.Bytes(), nil
}

var (
	fontOnce sync.Once
	fontData *opentype.Font
	fontErr  error
)

func watermarkFont() (*opentype.Font, error) {
	fontOnce.Do(func() {
		b, err := assets.Read("fonts/wqy-microhei.ttf")
		if err == nil {
			fontData, err = opentype.Parse(b)
		}
		fontErr = err
	})
	return fontData, fontErr
}

// drawWatermark writes WatermarkText, semi-transparent, in the candidate box
// with the least detail, because providers reject a watermark over text or a picture.
func drawWatermark(img *image.RGBA) error {
	f, err := watermarkFont()
	if err != nil {
		return backend.Wrap(backend.ECodeInternal, err)
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	size := math.Max(12, float64(min(w, h))*0.05)
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return backend.Wrap(backend.ECodeInternal, err)
	}
	defer face.Close()
	d := &font.Drawer{Dst: img, Face: face}
	tw := d.MeasureString(WatermarkText).Ceil()
	th := int(size * 1.2)
	if tw >= w || th >= h {
		return nil // too small an image to place it without covering content
	}
	best, bestE := image.Point{}, math.Inf(1)
	const steps = 6
	for i := 0; i <= steps; i++ {
		for j := 0; j <= steps; j++ {
			p := image.Pt((w-tw)*i/steps, (h-th)*j/steps)
			if e := detail(img, image.Rect(p.X, p.Y, p.X+tw, p.Y+th)); e < bestE {
				best, bestE = p, e
			}
		}
	}
	// Light text on a dark background and dark on a light one, half transparent.
	ink := color.NRGBA{40, 40, 40, 150}
	if meanLuma(img, image.Rect(best.X, best.Y, best.X+tw, best.Y+th)) < 128 {
		ink = color.NRGBA{235, 235, 235, 150}
	}
	d.Src = image.NewUniform(ink)
	d.Dot = fixed.P(best.X, best.Y+int(size))
	d.DrawString(WatermarkText)
	return nil
}

func meanLuma(img *image.RGBA, r image.Rectangle) float64 {
	var s float64
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			i := img.PixOffset(x, y)
			s += float64(299*int(img.Pix[i])+587*int(img.Pix[i+1])+114*int(img.Pix[i+2])) / 1000
			n++
		}
	}
	return s / float64(max(n, 1))
}

// detail is the mean absolute horizontal+vertical luma gradient in r, sampled.
func detail(img *image.RGBA, r image.Rectangle) float64 {
	step := max(1, r.Dx()/64)
	var s float64
	n := 0
	lum := func(x, y int) int {
		i := img.PixOffset(x, y)
		return (299*int(img.Pix[i]) + 587*int(img.Pix[i+1]) + 114*int(img.Pix[i+2])) / 1000
	}
	for y := r.Min.Y; y < r.Max.Y-1; y += step {
		for x := r.Min.X; x < r.Max.X-1; x += step {
			l := lum(x, y)
			s += float64(abs(l-lum(x+1, y)) + abs(l-lum(x, y+1)))
			n++
		}
	}
	if n == 0 {
		return math.Inf(1)
	}
	return s / float64(n)
}
