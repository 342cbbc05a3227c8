package photo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"icpdesk/backend"
)

// pngBomb is a valid PNG of w×h gray pixels, all zero: a few KB that inflate to w·h bytes.
func pngBomb(w, h int) []byte {
	var raw bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&raw, zlib.BestCompression)
	row := make([]byte, w+1)
	for y := 0; y < h; y++ {
		_, _ = zw.Write(row)
	}
	_ = zw.Close()
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 0
	chunk("IHDR", ihdr)
	chunk("IDAT", raw.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// hostileFiles writes ≥ 200 damaged, disguised and oversized files to dir.
func hostileFiles(t *testing.T, dir string) []string {
	card := idCard(cardOpts{w: 300, h: 200, card: image.Rect(40, 30, 254, 165)})
	var pngB, png16B, gifB, bmpB, tiffB, palB bytes.Buffer
	_ = png.Encode(&pngB, card)
	g16 := image.NewNRGBA64(image.Rect(0, 0, 120, 80))
	for i := range g16.Pix {
		g16.Pix[i] = uint8(i * 13)
	}
	_ = png.Encode(&png16B, g16)
	anim := &gif.GIF{}
	for k := 0; k < 3; k++ {
		p := image.NewPaletted(image.Rect(0, 0, 40, 30), palette.Plan9)
		p.Pix[k] = 7
		anim.Image, anim.Delay = append(anim.Image, p), append(anim.Delay, 10)
	}
	_ = gif.EncodeAll(&gifB, anim)
	_ = bmp.Encode(&bmpB, card)
	_ = tiff.Encode(&tiffB, card, &tiff.Options{Compression: tiff.Deflate})
	pal := image.NewPaletted(image.Rect(0, 0, 50, 50), color.Palette{color.Black, color.White})
	_ = png.Encode(&palB, pal)
	cmyk, err := os.ReadFile("testdata/cmyk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	webpB, err := os.ReadFile("testdata/tiny.webp")
	if err != nil {
		t.Fatal(err)
	}
	bases := map[string][]byte{
		"jpeg": jpegBytes(t, card, 85), "exif.jpeg": withOrientation(jpegBytes(t, card, 85), 6, true),
		"png": pngB.Bytes(), "png16": png16B.Bytes(), "gif": gifB.Bytes(), "bmp": bmpB.Bytes(),
		"tiff": tiffB.Bytes(), "cmyk.jpeg": cmyk, "webp": webpB, "palette.png": palB.Bytes(),
	}
	var files []string
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	r := rand.New(rand.NewSource(42))
	for name, b := range bases {
		write(name, b)
		write(name+".wrong-ext.heic", b)
		for _, n := range []int{1, 2, 3, 8, 16, 33, 64, len(b) / 3, len(b) / 2, len(b) - 2, len(b) - 1} {
			if n > 0 && n < len(b) {
				write(fmt.Sprintf("%s.trunc%d", name, n), b[:n])
			}
		}
		for k := 0; k < 8; k++ { // flipped bytes, also in headers and markers
			c := append([]byte(nil), b...)
			for j := 0; j < 1+k; j++ {
				c[r.Intn(min(len(c), 200+k*len(c)/8))] ^= byte(1 + r.Intn(255))
			}
			write(fmt.Sprintf("%s.flip%d", name, k), c)
		}
	}
	// Corrupted JPEG markers: each marker byte replaced in turn.
	j := bases["jpeg"]
	for i, k := 0, 0; i+1 < len(j) && k < 12; i++ {
		if j[i] == 0xFF && j[i+1] != 0 && j[i+1] != 0xFF {
			c := append([]byte(nil), j...)
			c[i+1] = 0x00
			write(fmt.Sprintf("jpeg.marker%d", k), c)
			k++
		}
	}
	write("zero-byte.jpg", nil)
	write("huge-header.jpg", jpegWithSize(t, 65000, 65000))
	write("huge-header-wide.jpg", jpegWithSize(t, 65535, 1))
	write("zero-dim.jpg", jpegWithSize(t, 0, 100))
	write("png-huge-header.png", pngHeader(1<<30, 1<<30, 8, 6))
	write("png-bomb-100mp.png", pngBomb(10000, 10000))
	write("png-bomb-9mp.png", pngBomb(3000, 3000))
	write("png16-header.png", pngHeader(20000, 20000, 16, 6))
	write("tiff-huge.tif", []byte("II*\x00\x08\x00\x00\x00\x02\x00\x00\x01\x04\x00\x01\x00\x00\x00\xff\xff\xff\x7f\x01\x01\x04\x00\x01\x00\x00\x00\xff\xff\xff\x7f\x00\x00\x00\x00"))
	write("heic.jpg", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x00"))
	write("pdf.png", []byte("%PDF-1.4\n1 0 obj<<>>endobj\n"))
	write("html.jpg", []byte("<html><body>not an image</body></html>"))
	for k := 0; k < 20; k++ {
		b := make([]byte, 1+r.Intn(4096))
		r.Read(b)
		write(fmt.Sprintf("random%d.jpg", k), b)
		write(fmt.Sprintf("random%d-jpeg-magic", k), append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, b...))
		write(fmt.Sprintf("random%d-png-magic", k), append([]byte("\x89PNG\r\n\x1a\n"), b...))
	}
	return files
}

// Every hostile file gives a coded error or a usable image: no panic, no
// hang (a per-file deadline, not a timing assertion), no internal error.
func TestHostileFiles(t *testing.T) {
	skipSceneTableInShort(t)
	dir := t.TempDir()
	files := hostileFiles(t, dir)
	if len(files) < 200 {
		t.Fatalf("only %d files", len(files))
	}
	lim := Limits{MaxFileBytes: 8 << 20, MaxPixels: 4e6, MemoryBudget: 64 << 20}
	s := slot(t, "person_id_front")
	codes := map[string]int{}
	ok := 0
	for _, p := range files {
		done := make(chan string, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- fmt.Sprintf("panic: %v", r)
				}
			}()
			f, err := os.Open(p)
			if err != nil {
				done <- err.Error()
				return
			}
			defer f.Close()
			o, err := Decode(f, lim, ForSuggestion) // as the import decodes
			if err != nil {
				e := backend.AsError(err)
				if e.Code == "" || e.Code == backend.ECodeInternal {
					done <- "uncoded error: " + err.Error()
					return
				}
				done <- "code:" + e.Code
				return
			}
			b := o.Image.Bounds()
			if b.Dx() != o.Width || b.Dy() != o.Height || b.Empty() {
				done <- fmt.Sprintf("bad result %v vs %dx%d", b, o.Width, o.Height)
				return
			}
			if raceBuild { // the decode path is what this test is about
				done <- "ok"
				return
			}
			Check(o.Image, s, CheckOptions{})
			if _, _, err := ExportForSlot(o.Image, s); err != nil {
				done <- "export: " + err.Error()
				return
			}
			done <- "ok"
		}()
		select {
		case res := <-done:
			switch {
			case res == "ok":
				ok++
			case len(res) > 5 && res[:5] == "code:":
				codes[res[5:]]++
			default:
				t.Errorf("%s: %s", filepath.Base(p), res)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: no answer within the deadline", filepath.Base(p))
		}
	}
	t.Logf("%d files: %d decoded, errors %v", len(files), ok, codes)
	for _, c := range []string{backend.ECodeTooLarge, backend.ECodeCorrupt, backend.ECodeUnsupported, "photo.gif", "photo.heic", "photo.pdf", "photo.empty"} {
		if codes[c] == 0 {
			t.Errorf("no file produced %s", c)
		}
	}
	if ok < 20 {
		t.Errorf("only %d files decoded; the valid bases should", ok)
	}
}

func FuzzDecode(f *testing.F) {
	card := halves()
	var pngB bytes.Buffer
	_ = png.Encode(&pngB, card)
	f.Add(jpegBytes(f, card, 80))
	f.Add(withOrientation(jpegBytes(f, card, 80), 6, false))
	f.Add(pngB.Bytes())
	f.Add(pngHeader(100000, 1, 8, 2))
	lim := Limits{MaxFileBytes: 1 << 20, MaxPixels: 1 << 20, MemoryBudget: 32 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		before := string(b)
		o, err := DecodeBytes(b, lim, ForSuggestion)
		if string(b) != before {
			t.Fatal("input modified")
		}
		if err != nil {
			if c := backend.ErrorCode(err); c == "" || c == backend.ECodeInternal {
				t.Fatalf("uncoded error %v", err)
			}
			return
		}
		if o.Image.Bounds().Dx()*o.Image.Bounds().Dy() > 1<<20 {
			t.Fatal("over the pixel limit")
		}
	})
}

func FuzzExifOrientation(f *testing.F) {
	f.Add(withOrientation([]byte{0xFF, 0xD8, 0xFF, 0xD9}, 6, false))
	f.Add(withOrientation([]byte{0xFF, 0xD8, 0xFF, 0xD9}, 8, true))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := exifOrientation(b); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}
