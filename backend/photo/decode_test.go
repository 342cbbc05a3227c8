package photo

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"icpdesk/backend"
)

// withOrientation inserts an EXIF APP1 segment with the given orientation
// right after the JPEG's SOI marker.
func withOrientation(j []byte, o uint16, bigEndian bool) []byte {
	var t bytes.Buffer
	var bo binary.ByteOrder = binary.LittleEndian
	t.WriteString("II")
	if bigEndian {
		bo = binary.BigEndian
		t.Reset()
		t.WriteString("MM")
	}
	w := func(v any) { _ = binary.Write(&t, bo, v) }
	w(uint16(42))
	w(uint32(8))
	w(uint16(2))      // two entries
	w(uint16(0x010F)) // Make, before Orientation
	w(uint16(2))
	w(uint32(4))
	w([]byte("ACME"))
	w(uint16(0x0112))
	w(uint16(3))
	w(uint32(1))
	w(o)
	w(uint16(0))
	w(uint32(0))
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out = append(out, seg...)
	return append(out, j[2:]...)
}

// halves is 40×20: red left half, blue right half.
func halves() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	rect(img, image.Rect(0, 0, 20, 20), color.NRGBA{255, 0, 0, 255})
	rect(img, image.Rect(20, 0, 40, 20), color.NRGBA{0, 0, 255, 255})
	return img
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xB000 && g < 0x5000 && b < 0x5000
}

func TestEXIFOrientation(t *testing.T) {
	base := jpegBytes(t, halves(), 95)
	cases := []struct {
		o           uint16
		big         bool
		w, h        int
		redAt       image.Point
		wantApplied int
	}{
		{1, false, 40, 20, image.Pt(2, 10), 1},
		{3, false, 40, 20, image.Pt(37, 10), 3},
		{6, false, 20, 40, image.Pt(10, 2), 6},  // rotate 90° clockwise: left goes to the top
		{6, true, 20, 40, image.Pt(10, 2), 6},   // big-endian TIFF
		{8, false, 20, 40, image.Pt(10, 37), 8}, // counter-clockwise: left goes to the bottom
		{2, false, 40, 20, image.Pt(37, 10), 2}, // mirrored
		{9, false, 40, 20, image.Pt(2, 10), 1},  // invalid value ignored
	}
	for _, c := range cases {
		b := withOrientation(base, c.o, c.big)
		before := sha256.Sum256(b)
		o, err := DecodeBytes(b, DefaultLimits())
		if err != nil {
			t.Fatalf("o=%d: %v", c.o, err)
		}
		if o.Width != c.w || o.Height != c.h || o.Orientation != c.wantApplied {
			t.Errorf("o=%d: %dx%d orientation %d", c.o, o.Width, o.Height, o.Orientation)
		}
		if !isRed(o.Image.At(c.redAt.X, c.redAt.Y)) {
			t.Errorf("o=%d: %v not red: %v", c.o, c.redAt, o.Image.At(c.redAt.X, c.redAt.Y))
		}
		if sha256.Sum256(b) != before || !bytes.Equal(o.Bytes, b) {
			t.Errorf("o=%d: original bytes changed", c.o)
		}
	}
}

func TestExifOrientationMalformed(t *testing.T) {
	good := withOrientation(jpegBytes(t, halves(), 90), 6, false)
	if exifOrientation(good) != 6 {
		t.Fatal("good file not read")
	}
	end := 4 + int(binary.BigEndian.Uint16(good[4:])) - 2 + 2 // SOI + APP1 marker + segment
	for i := 0; i < end+8; i++ {                              // a cut inside the segment falls back to 1, after it reads 6
		want := 1
		if i >= end {
			want = 6
		}
		if o := exifOrientation(good[:i]); o != want {
			t.Errorf("truncated at %d: %d, want %d", i, o, want)
		}
	}
	bad := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(bad[16:], 0xFFFFFFF0) // IFD offset far out of range
	if o := exifOrientation(bad); o != 1 {
		t.Errorf("bad offset: %d", o)
	}
}

func pngHeader(w, h uint32, depth, colourType byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, colourType
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// jpegWithSize patches the SOF0 dimensions of a real JPEG.
func jpegWithSize(t testing.TB, w, h uint16) []byte {
	b := append([]byte(nil), jpegBytes(t, halves(), 80)...)
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

func TestDecodeFormatsAndErrors(t *testing.T) {
	var pngB, gifB, bmpB, tiffB bytes.Buffer
	_ = png.Encode(&pngB, halves())
	_ = gif.Encode(&gifB, halves(), nil)
	_ = bmp.Encode(&bmpB, halves())
	_ = tiff.Encode(&tiffB, halves(), nil)
	small := Limits{MaxFileBytes: 1 << 20, MaxPixels: 1 << 20, MemoryBudget: 64 << 20}
	cases := []struct {
		name, code, format string
		data               []byte
		lim                Limits
	}{
		{"jpeg", "", "jpeg", jpegBytes(t, halves(), 90), small},
		{"png", "", "png", pngB.Bytes(), small},
		{"bmp", "", "bmp", bmpB.Bytes(), small},
		{"tiff", "", "tiff", tiffB.Bytes(), small},
		{"gif", "photo.gif", "", gifB.Bytes(), small},
		{"heic", "photo.heic", "", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), small},
		{"avif", "photo.avif", "", []byte("\x00\x00\x00\x18ftypavif\x00\x00\x00\x00"), small},
		{"pdf", "photo.pdf", "", []byte("%PDF-1.7\n%âãÏÓ\n"), small},
		{"svg", "photo.svg", "", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), small},
		{"text", backend.ECodeUnsupported, "", []byte("hello, this is not a picture"), small},
		{"empty", "photo.empty", "", nil, small},
		{"file too big", backend.ECodeTooLarge, "", make([]byte, 2<<20), small},
		{"100 MP jpeg header", backend.ECodeTooLarge, "", jpegWithSize(t, 12000, 8400), DefaultLimits()},
		{"png bomb header", backend.ECodeTooLarge, "", pngHeader(100000, 100000, 8, 6), DefaultLimits()},
		{"16-bit png over budget", backend.ECodeTooLarge, "", pngHeader(3000, 3000, 16, 6), Limits{1 << 20, 50e6, 64 << 20}},
		{"png truncated", backend.ECodeCorrupt, "", pngB.Bytes()[:len(pngB.Bytes())/2], small},
		{"jpeg truncated header", backend.ECodeCorrupt, "", jpegBytes(t, halves(), 90)[:20], small},
	}
	for _, c := range cases {
		o, err := DecodeBytes(c.data, c.lim)
		if got := backend.ErrorCode(err); got != c.code {
			t.Errorf("%s: code %q, want %q (%v)", c.name, got, c.code, err)
			continue
		}
		if err != nil {
			e := backend.AsError(err)
			if c.code == backend.ECodeTooLarge && e.Params["reason"] == nil {
				t.Errorf("%s: no reason in %+v", c.name, e.Params)
			}
			if c.code == "photo.heic" && e.Params["action"] != "export_jpeg" {
				t.Errorf("%s: params %+v", c.name, e.Params)
			}
			continue
		}
		if o.Format != c.format || o.Width != 40 || o.Height != 20 {
			t.Errorf("%s: %+v", c.name, o)
		}
	}
	// Decode from a reader stops reading past the limit.
	if _, err := Decode(bytes.NewReader(make([]byte, 3<<20)), small); backend.ErrorCode(err) != backend.ECodeTooLarge {
		t.Errorf("reader over limit: %v", err)
	}
}
