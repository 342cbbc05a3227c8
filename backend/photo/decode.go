// Package photo is the image pipeline for upload slots: decode with limits,
// EXIF orientation, crop/rotate/perspective, quality checks and export to the
// slot's specification. It works offline and never modifies the original bytes.
package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"slices"

	"github.com/disintegration/imaging"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo/internal/jpeg"
)

// Limits bound what Decode accepts; all are checked before the pixels are decoded.
type Limits struct {
	MaxFileBytes int64 // bytes read from the file
	MaxPixels    int64 // width × height from the header
	MemoryBudget int64 // estimated bytes for the decoded image and one working copy
}

// DefaultLimits returns the limits from data/photo_slots.json.
func DefaultLimits() Limits {
	d, err := assets.Photos()
	if err != nil {
		return Limits{MaxFileBytes: 40 << 20, MaxPixels: 50e6, MemoryBudget: 512 << 20}
	}
	l := d.DecodeLimits
	return Limits{MaxFileBytes: l.MaxFileBytes, MaxPixels: l.MaxPixels, MemoryBudget: l.MemoryBudgetBytes}
}

// Original is an imported photo: the file's bytes untouched, and the decoded
// image with its EXIF orientation applied (the upright image the user sees).
type Original struct {
	Bytes       []byte      `json:"-"`
	Format      string      `json:"format"`      // jpeg | png | webp | tiff | bmp
	Orientation int         `json:"orientation"` // EXIF orientation that was applied, 1 = none
	Width       int         `json:"width"`       // upright size
	Height      int         `json:"height"`
	Image       image.Image `json:"-"`

	// analysis is the box-shrunk copy of Image that the analysis for
	// analysisLong starts from, made from the rows while they were decoded
	// (nil when not made: see shrinkWhileDecoding).
	analysis     *image.NRGBA
	analysisLong int
}

// Rejected formats, each with the action the user should take; the code is the
// i18n key of the message ("photo.heic" → "export as JPEG in the Photos app").
var rejected = map[string]string{
	"heic": "export_jpeg",
	"avif": "export_jpeg",
	"jxl":  "export_jpeg",
	"gif":  "export_jpeg",
	"pdf":  "export_page_jpeg",
	"psd":  "export_jpeg",
	"svg":  "export_jpeg",
	"raw":  "export_jpeg",
}

// Sniff names the format by magic bytes, never by file name.
func Sniff(b []byte) string {
	has := func(off int, s string) bool { return len(b) >= off+len(s) && string(b[off:off+len(s)]) == s }
	switch {
	case has(0, "\xFF\xD8\xFF"):
		return "jpeg"
	case has(0, "\x89PNG\r\n\x1a\n"):
		return "png"
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return "gif"
	case has(0, "RIFF") && has(8, "WEBP"):
		return "webp"
	case has(0, "II*\x00"), has(0, "MM\x00*"):
		return "tiff"
	case has(0, "BM") && len(b) >= 26:
		return "bmp"
	case has(4, "ftyp"):
		if len(b) >= 12 {
			switch string(b[8:12]) {
			case "avif", "avis":
				return "avif"
			case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
				return "heic"
			case "crx ":
				return "raw"
			}
		}
		return "unknown"
	case has(0, "%PDF"):
		return "pdf"
	case has(0, "8BPS"):
		return "psd"
	case has(0, "\xFF\x0A"), has(0, "\x00\x00\x00\x0cJXL "):
		return "jxl"
	case has(0, "<svg"), has(0, "<?xml"):
		return "svg"
	}
	return "unknown"
}

// Decode reads at most lim.MaxFileBytes+1 bytes from r and decodes them.
// A file (anything with Stat) is read into one buffer of its size, not
// grown step by step (a 6 MB photo took 13 MB of buffers that way).
func Decode(r io.Reader, lim Limits, opts ...DecodeOption) (*Original, error) {
	var buf bytes.Buffer
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			buf.Grow(int(min(fi.Size(), lim.MaxFileBytes+1)) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, lim.MaxFileBytes+1)); err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return DecodeBytes(buf.Bytes(), lim, opts...)
}

// DecodeOption asks a decode for more than the picture.
type DecodeOption int

// ForSuggestion: a crop suggestion follows (Original.SuggestCrop, on
// import). An upright JPEG's analysis copy is then made from its rows while
// the rest is decoded; a stored original opened again to render it does not
// need one.
const ForSuggestion DecodeOption = 1

// DecodeBytes checks the limits on the header, decodes and applies the EXIF
// orientation. b is kept as Original.Bytes and never written to.
func DecodeBytes(b []byte, lim Limits, opts ...DecodeOption) (*Original, error) {
	if int64(len(b)) > lim.MaxFileBytes {
		return nil, backend.Errorf(backend.ECodeTooLarge, "", map[string]any{
			"reason": "file_bytes", "maxBytes": lim.MaxFileBytes}, "file over %d bytes", lim.MaxFileBytes)
	}
	if len(b) == 0 {
		return nil, backend.Errorf("photo.empty", "", nil, "empty file")
	}
	format := Sniff(b)
	if action, ok := rejected[format]; ok {
		return nil, backend.Errorf("photo."+format, "", map[string]any{
			"format": format, "action": action, "accepted": "JPEG, PNG"}, "unsupported format %s", format)
	}
	if format == "unknown" {
		return nil, backend.Errorf(backend.ECodeUnsupported, "", map[string]any{
			"reason": "format", "accepted": "JPEG, PNG"}, "not an image format ICP Desk reads")
	}
	cfg, err := safeConfig(format, b)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, backend.Errorf(backend.ECodeCorrupt, "", map[string]any{
			"reason": "header", "format": format}, "bad header: %v", err)
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	params := map[string]any{"width": cfg.Width, "height": cfg.Height, "megapixels": float64(px/100000) / 10}
	if px > lim.MaxPixels {
		params["reason"], params["maxMegapixels"] = "pixels", float64(lim.MaxPixels/100000)/10
		return nil, backend.Errorf(backend.ECodeTooLarge, "", params, "%dx%d over %d pixels", cfg.Width, cfg.Height, lim.MaxPixels)
	}
	if need := px*bytesPerPixel(cfg.ColorModel) + px*4; need > lim.MemoryBudget {
		params["reason"], params["needMB"], params["budgetMB"] = "memory", need>>20, lim.MemoryBudget>>20
		return nil, backend.Errorf(backend.ECodeTooLarge, "", params, "needs %d bytes", need)
	}
	o := &Original{Bytes: b, Format: format, Orientation: 1}
	var sh *shrinker
	if format == "jpeg" {
		o.Orientation = exifOrientation(b)
		if o.Orientation == 1 && slices.Contains(opts, ForSuggestion) {
			sh = shrinkWhileDecoding()
		}
	}
	img, err := safeDecode(format, b, sh)
	if err != nil {
		return nil, backend.Errorf(backend.ECodeCorrupt, "", map[string]any{
			"reason": "data", "format": format}, "decode: %v", err)
	}
	o.Image = orient(img, o.Orientation)
	if sh != nil {
		o.analysis, o.analysisLong = sh.result(), sh.maxLong
	}
	o.Width, o.Height = o.Image.Bounds().Dx(), o.Image.Bounds().Dy()
	return o, nil
}

// bytesPerPixel is an upper bound of the decoder's buffer per pixel.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// codecs are the decoders of the formats ICP Desk accepts, by the name the
// sniffer gives them.
var codecs = map[string]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	"jpeg": {jpeg.DecodeConfig, jpeg.Decode},
	"png":  {png.DecodeConfig, png.Decode},
	"webp": {webp.DecodeConfig, webp.Decode},
	"tiff": {tiff.DecodeConfig, tiff.Decode},
	"bmp":  {bmp.DecodeConfig, bmp.Decode},
}

// safeConfig and safeDecode turn a decoder panic on hostile input into an error.
func safeConfig(format string, b []byte) (cfg image.Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder panic: %v", r)
		}
	}()
	c, ok := codecs[format]
	if !ok {
		return cfg, fmt.Errorf("no decoder for %s", format)
	}
	return c.config(bytes.NewReader(b))
}

// safeDecode decodes b; a JPEG with a shrinker feeds it the rows as they
// are decoded.
func safeDecode(format string, b []byte, sh *shrinker) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	if format == "jpeg" && sh != nil {
		return jpeg.DecodeWith(bytes.NewReader(b), jpeg.DecodeOptions{Rows: sh.rows})
	}
	c, ok := codecs[format]
	if !ok {
		return nil, fmt.Errorf("no decoder for %s", format)
	}
	return c.decode(bytes.NewReader(b))
}

// shrinker makes the box shrink fitLong starts the analysis copy with, from
// a JPEG's rows while the rest is still being decoded: the decoder's
// workers wait on the entropy decoding and have the time, so the copy is
// ready when the picture is, instead of costing a pass over 12 megapixels
// after it. Only the planar shrink (a factor the chroma step divides) is
// made this way, the same arithmetic as boxShrinkPlanar's.
type shrinker struct {
	maxLong     int // the analysis long edge the copy is for
	f, csx, csy int
	dst         *image.NRGBA
	y           int // the next row of dst to make
	sums        []uint32
}

// shrinkWhileDecoding is a shrinker for the slots' analysis long edge.
func shrinkWhileDecoding() *shrinker {
	d, err := assets.Photos()
	if err != nil {
		return nil
	}
	return &shrinker{maxLong: analysisLongEdge(d.Thresholds.AnalysisLongEdge)}
}

// rows is the decoder's jpeg.DecodeOptions.Rows.
func (s *shrinker) rows(m image.Image, y0, y1 int) {
	if y0 == 0 { // the first rows, or the picture starts over
		s.dst, s.y = nil, 0
		yc, ok := m.(*image.YCbCr)
		if !ok || yc.Rect.Min != (image.Point{}) {
			return
		}
		w, h := yc.Rect.Dx(), yc.Rect.Dy()
		f := max(w, h) / s.maxLong
		csx, csy := chromaStep(yc.SubsampleRatio)
		if f < 2 || csx == 0 || f%csx != 0 || f%csy != 0 || w/f < 1 || h/f < 1 {
			return // fitLong makes it otherwise
		}
		s.f, s.csx, s.csy = f, csx, csy
		s.dst = image.NewNRGBA(image.Rect(0, 0, w/f, h/f))
	}
	if s.dst == nil {
		return
	}
	yc, y := m.(*image.YCbCr), s.y
	switch end := min(y1/s.f, s.dst.Rect.Dy()); {
	case end-y >= 32:
		// the picture whole (progressive, or one core): in bands
		parallelRows(end-y, func(a, b int) { shrinkRows(yc, s.dst, s.f, s.csx, s.csy, y+a, y+b, nil) })
		s.y = end
	case end > y:
		s.sums = shrinkRows(yc, s.dst, s.f, s.csx, s.csy, y, end, s.sums)
		s.y = end
	}
}

// result is the finished copy, or nil.
func (s *shrinker) result() *image.NRGBA {
	if s.dst == nil || s.y != s.dst.Rect.Dy() {
		return nil
	}
	return s.dst
}

// orient applies an EXIF orientation (1–8) to the pixels.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
