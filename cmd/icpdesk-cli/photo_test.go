package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/backend"
)

// testCard is a light ID-1 card with dark text lines and a skin-toned portrait
// on a dark table, written as a JPEG.
func testCard(t *testing.T, dir, name string, blur bool) string {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{50, 60, 55, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(172, 180, 1028, 720), image.NewUniform(color.RGBA{228, 232, 236, 255}), image.Point{}, draw.Src)
	for i := 0; i < 6; i++ {
		draw.Draw(img, image.Rect(240, 250+i*70, 600, 275+i*70), image.NewUniform(color.RGBA{30, 30, 35, 255}), image.Point{}, draw.Src)
	}
	draw.Draw(img, image.Rect(780, 300, 940, 560), image.NewUniform(color.RGBA{220, 170, 135, 255}), image.Point{}, draw.Src)
	if blur { // a crude box blur, enough to kill every edge
		src := image.NewRGBA(img.Rect)
		for k := 0; k < 6; k++ {
			copy(src.Pix, img.Pix)
			for y := 4; y < 896; y++ {
				for x := 4; x < 1196; x++ {
					for c := 0; c < 3; c++ {
						s := 0
						for d := -4; d <= 4; d++ {
							s += int(src.Pix[src.PixOffset(x+d, y)+c]) + int(src.Pix[src.PixOffset(x, y+d)+c])
						}
						img.Pix[img.PixOffset(x, y)+c] = uint8(s / 18)
					}
				}
			}
		}
	}
	p := filepath.Join(dir, name)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func findingLines(t *testing.T, out string) []backend.Finding {
	var fs []backend.Finding
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var f backend.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil || f.Rule == "" {
			t.Fatalf("not a finding line: %q (%v)", sc.Text(), err)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestCheckAndExportPhoto(t *testing.T) {
	dir := t.TempDir()
	card := testCard(t, dir, "card.jpg", false)
	var out, errb bytes.Buffer
	if code := checkPhoto([]string{"person_id_front", card}, &out, &errb); code != 0 {
		t.Fatalf("check: exit %d, %s %s", code, out.String(), errb.String())
	}
	for _, f := range findingLines(t, out.String()) {
		if f.Rule == "photo.blur" || f.Rule == "photo.edges_cut" {
			t.Errorf("sharp whole card: %+v", f)
		}
	}

	blurred := testCard(t, dir, "blurred.jpg", true)
	out.Reset()
	if code := checkPhoto([]string{"--auto-crop", "person_id_front", blurred}, &out, &errb); code != 0 {
		t.Fatalf("warnings must not block: exit %d", code)
	}
	if !strings.Contains(out.String(), `"rule":"photo.blur"`) {
		t.Errorf("blur not reported: %s", out.String())
	}

	dst := filepath.Join(dir, "out.jpg")
	out.Reset()
	if code := runExport([]string{"photo", "--watermark", "person_id_front", card, dst}, &out, &errb); code != 0 {
		t.Fatalf("export: exit %d %s", code, errb.String())
	}
	b, err := os.ReadFile(dst)
	if err != nil || len(b) > 2<<20 || len(b) < 1000 {
		t.Fatalf("exported %d bytes, %v", len(b), err)
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 1200 {
		t.Fatalf("%+v %v", cfg, err)
	}
}

func TestPhotoCommandUnusableInput(t *testing.T) {
	dir := t.TempDir()
	heic := filepath.Join(dir, "IMG_0001.jpg") // extension lies; the bytes are HEIC
	_ = os.WriteFile(heic, []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), 0o644)
	for name, args := range map[string][]string{
		"heic":      {"person_id_front", heic},
		"missing":   {"person_id_front", filepath.Join(dir, "nope.jpg")},
		"bad slot":  {"passport_page", heic},
		"arguments": {"person_id_front"},
	} {
		var out, errb bytes.Buffer
		if code := checkPhoto(args, &out, &errb); code != 2 || errb.Len() == 0 || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", name, code, errb.String())
		}
		if name == "heic" && !strings.Contains(errb.String(), "photo.heic") {
			t.Errorf("heic message: %s", errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := runExport([]string{"package"}, &out, &errb); code != 2 {
		t.Errorf("export package: %d", code)
	}
}
