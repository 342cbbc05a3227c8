package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo"
)

// idCardScene draws an ID-card-like picture: a light card with text-like
// strokes and a portrait box on a dark, textured table, as a phone shoots it.
func idCardScene(w, h int, seed int64) *image.RGBA {
	rng := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := uint8(rng.Intn(24))
			img.Set(x, y, color.RGBA{70 + n, 52 + n, 40 + n, 255})
		}
	}
	cw := w * 6 / 10
	ch := cw * 54 / 86 // ISO/IEC 7810 ID-1
	x0, y0 := (w-cw)/2, (h-ch)/2
	for y := y0; y < y0+ch; y++ {
		for x := x0; x < x0+cw; x++ {
			n := uint8(rng.Intn(10))
			img.Set(x, y, color.RGBA{225 + n/2, 232 + n/2, 238, 255})
		}
	}
	// Text lines on the left, a portrait box on the right.
	for line := 0; line < 6; line++ {
		ly := y0 + ch/8 + line*ch/8
		for x := x0 + cw/12; x < x0+cw*6/10; x++ {
			if (x/7+line)%5 == 0 {
				continue // gaps between characters
			}
			for y := ly; y < ly+ch/20; y++ {
				if rng.Intn(3) > 0 {
					img.Set(x, y, color.RGBA{30, 30, 40, 255})
				}
			}
		}
	}
	for y := y0 + ch/6; y < y0+ch*3/4; y++ {
		for x := x0 + cw*2/3; x < x0+cw*11/12; x++ {
			img.Set(x, y, color.RGBA{uint8(150 + rng.Intn(40)), 110, 90, 255})
		}
	}
	return img
}

func jpegBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// newPhotoTest opens a real workspace with the example application in it.
func newPhotoTest(t testing.TB) (*PhotoService, int64) {
	t.Helper()
	dir := t.TempDir()
	h := &workspaceHolder{clock: backend.SystemClock{}}
	h.open(filepath.Join(dir, "ws.icpdesk"))
	t.Cleanup(h.close)
	ws, err := h.get()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := ws.CreateClient(ctx, backend.Client{Name: "照片测试"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ws.CreateApplication(ctx, c.ID, backend.NewApplication())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/examples/application.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.SaveDraft(ctx, rec.ID, backend.DraftPatch{Path: "", Value: doc}); err != nil {
		t.Fatal(err)
	}
	s := newPhotoService(h)
	s.ctx = ctx
	return s, rec.ID
}

func TestImportKeepsOriginalAndExportsWithinSpec(t *testing.T) {
	s, appID := newPhotoTest(t)
	orig := jpegBytes(t, idCardScene(1800, 1350, 1))
	path := writeFile(t, t.TempDir(), "card.jpg", orig)

	st, err := s.ImportFile(appID, "person_id_front", path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Photo == nil || st.Field != "photos.person_id_front" || st.Key != "person_id_front" {
		t.Fatalf("slot state %+v", st)
	}
	if !st.Photo.Suggestion.Found || st.Photo.Adjust.Corners == nil {
		t.Errorf("card not found or its corners not applied: %+v", st.Photo.Suggestion)
	}
	for _, f := range st.Findings {
		if f.Field != "photos.person_id_front" {
			t.Errorf("finding %s on %q", f.Rule, f.Field)
		}
	}
	ws, _ := s.h.get()
	p, err := ws.GetPhoto(context.Background(), st.Photo.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Original, orig) {
		t.Fatalf("stored original differs from the file (%d vs %d bytes)", len(p.Original), len(orig))
	}
	spec, _ := assets.PhotoSlotByKey("person_id_front")
	if int64(len(p.Export)) > spec.MaxBytes || len(p.Export) == 0 {
		t.Fatalf("export %d bytes, limit %d", len(p.Export), spec.MaxBytes)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(p.Export))
	if err != nil || format != "jpeg" {
		t.Fatalf("export is not a JPEG: %v %s", err, format)
	}
	if max(cfg.Width, cfg.Height) > spec.ExportMaxLongEdge || cfg.Width != p.ExportWidth || cfg.Height != p.ExportHeight {
		t.Fatalf("export %dx%d, stored %dx%d, max long edge %d", cfg.Width, cfg.Height, p.ExportWidth, p.ExportHeight, spec.ExportMaxLongEdge)
	}
	// The straightened card is about ID-1 shaped (86:54), not the 4:3 photo.
	if r := float64(cfg.Width) / float64(cfg.Height); r < 1.45 || r > 1.75 {
		t.Errorf("export aspect %.2f, want about 1.59", r)
	}
	slots, err := s.Slots(appID)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, sl := range slots {
		if sl.Key == "person_id_front" {
			found = sl.Photo != nil && sl.Photo.ID == st.Photo.ID && len(sl.Findings) == len(st.Findings)
		} else if sl.Photo != nil {
			t.Errorf("slot %s has a photo", sl.Key)
		}
	}
	if !found {
		t.Fatal("Slots does not show the imported photo with its findings")
	}
}

func TestSlotsListWebsiteSlotsByWebsiteID(t *testing.T) {
	s, appID := newPhotoTest(t)
	slots, err := s.Slots(appID)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]SlotState{}
	for _, sl := range slots {
		keys[sl.Key] = sl
	}
	for _, k := range []string{"entity_cert", "person_id_front", "person_id_back", "websites.w1.checklist_scan", "websites.w2.backdrop"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("slot %s missing from %v", k, keys)
		}
	}
	if sl := keys["websites.w2.backdrop"]; sl.Field != "websites.1.photos.backdrop" || sl.NameZh == "" || !sl.Portrait {
		t.Errorf("backdrop of w2: %+v", sl)
	}
	if sl := keys["person_id_front"]; sl.Aspect < 1.5 || sl.Aspect > 1.7 {
		t.Errorf("ID aspect %v", sl.Aspect)
	}
	// The signed checklist waits for its checklist: generated first, then signed and scanned.
	if sl := keys["websites.w1.checklist_scan"]; sl.WaitingFor != "checklist" {
		t.Errorf("checklist scan before any checklist: %+v", sl)
	}
	ws, _ := s.h.get()
	if _, err := ws.PutDocument(context.Background(), appID, "w1", []byte("%PDF-1.4"), false); err != nil {
		t.Fatal(err)
	}
	slots, _ = s.Slots(appID)
	for _, sl := range slots {
		if sl.Key == "websites.w1.checklist_scan" && sl.WaitingFor != "" {
			t.Errorf("still waiting after the checklist was generated: %+v", sl)
		}
		if sl.Key == "websites.w2.checklist_scan" && sl.WaitingFor != "checklist" {
			t.Errorf("w2 has no checklist yet: %+v", sl)
		}
	}
}

// The crop dialog's after view is rendered by the export's code: a JPEG of
// the adjustment at preview size; a bad adjustment is a 400, not a crash.
func TestRenderMedia(t *testing.T) {
	s, appID := newPhotoTest(t)
	path := writeFile(t, t.TempDir(), "card.jpg", jpegBytes(t, idCardScene(1800, 1350, 1)))
	st, err := s.ImportFile(appID, "person_id_front", path)
	if err != nil {
		t.Fatal(err)
	}
	get := func(q string) *httptest.ResponseRecorder {
		rr := httptest.NewRecorder()
		s.media().ServeHTTP(rr, httptest.NewRequest("GET", st.Photo.RenderURL+"&a="+url.QueryEscape(q), nil))
		return rr
	}
	rr := get(`{"rotate90":1,"fineRotateDeg":2,"crop":{"x":100,"y":100,"w":1200,"h":800}}`)
	if rr.Code != 200 || rr.Header().Get("Cache-Control") != "private, max-age=3600" {
		t.Fatalf("render: %d %s %q", rr.Code, rr.Body.String(), rr.Header().Get("Cache-Control"))
	}
	cfg, err := jpeg.DecodeConfig(rr.Body)
	if err != nil || max(cfg.Width, cfg.Height) > RenderMaxSide || cfg.Height <= cfg.Width {
		t.Fatalf("render %v %+v: a quarter turn of a landscape crop is portrait, at most %d px", err, cfg, RenderMaxSide)
	}
	if rr := get(`{"fineRotateDeg":80}`); rr.Code != 400 {
		t.Errorf("bad angle: %d", rr.Code)
	}
	if rr := get(`not json`); rr.Code != 400 {
		t.Errorf("bad json: %d", rr.Code)
	}
}

func TestBadImportsAreCodedAndKeepThePreviousPhoto(t *testing.T) {
	s, appID := newPhotoTest(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "card.jpg", jpegBytes(t, idCardScene(1200, 900, 2)))
	first, err := s.ImportFile(appID, "person_id_front", good)
	if err != nil {
		t.Fatal(err)
	}
	valid := jpegBytes(t, idCardScene(400, 300, 3))
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)
	var pngBuf bytes.Buffer
	_ = png.Encode(&pngBuf, idCardScene(300, 200, 4))
	cases := []struct {
		name, slot string
		file       []byte // nil: the path does not exist
		limit      int64
		code       string
	}{
		{"heic", "person_id_front", heic, 0, "photo.heic"},
		{"pdf", "person_id_front", []byte("%PDF-1.7\n%%EOF\n"), 0, "photo.pdf"},
		{"empty", "person_id_front", []byte{}, 0, "photo.empty"},
		{"text", "person_id_front", []byte("hello, not a picture"), 0, backend.ECodeUnsupported},
		{"truncated jpeg", "person_id_front", valid[:len(valid)/3], 0, backend.ECodeCorrupt},
		{"truncated png", "person_id_front", pngBuf.Bytes()[:pngBuf.Len()/2], 0, backend.ECodeCorrupt},
		{"over the file limit", "person_id_front", valid, int64(len(valid) - 1), backend.ECodeTooLarge},
		{"missing file", "person_id_front", nil, 0, backend.ECodeNotFound},
		{"slot the application lacks", "residence_permit", valid, 0, backend.ECodeInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lim := s.limits
			defer func() { s.limits = lim }()
			if c.limit > 0 {
				s.limits.MaxFileBytes = c.limit
			}
			path := filepath.Join(dir, "missing.jpg")
			if c.file != nil {
				path = writeFile(t, dir, strings.ReplaceAll(c.name, " ", "_")+".img", c.file)
			}
			_, err := s.ImportFile(appID, c.slot, path)
			if got := backend.ErrorCode(err); got != c.code {
				t.Fatalf("code %q (%v), want %q", got, err, c.code)
			}
			if c.file != nil {
				_, err = s.ImportBytes(appID, c.slot, base64.StdEncoding.EncodeToString(c.file))
				if got := backend.ErrorCode(err); got != c.code {
					t.Fatalf("pasted: code %q (%v), want %q", got, err, c.code)
				}
			}
			ws, _ := s.h.get()
			cur, err := ws.CurrentPhoto(context.Background(), appID, "person_id_front")
			if err != nil || cur.ID != first.Photo.ID {
				t.Fatalf("previous photo lost: %v, current %d, want %d", err, cur.ID, first.Photo.ID)
			}
		})
	}
}

func TestImportBytesAcceptsDataURL(t *testing.T) {
	s, appID := newPhotoTest(t)
	b := jpegBytes(t, idCardScene(1200, 900, 5))
	st, err := s.ImportBytes(appID, "entity_cert", "data:image/jpeg;base64,"+base64.StdEncoding.EncodeToString(b))
	if err != nil {
		t.Fatal(err)
	}
	if st.Photo == nil || st.Photo.OriginalSize != int64(len(b)) || st.Photo.OriginalMIME != "image/jpeg" {
		t.Fatalf("pasted photo %+v", st.Photo)
	}
}

func TestApplyRedoesTheExportFromTheOriginal(t *testing.T) {
	s, appID := newPhotoTest(t)
	orig := jpegBytes(t, idCardScene(1600, 1200, 6))
	st, err := s.ImportFile(appID, "person_id_front", writeFile(t, t.TempDir(), "c.jpg", orig))
	if err != nil {
		t.Fatal(err)
	}
	crop := photo.Rect{X: 100, Y: 100, W: 1000, H: 600}
	st2, err := s.Apply(st.Photo.ID, photo.Adjust{Crop: &crop, Rotate90: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Photo.ID != st.Photo.ID || st2.Photo.ExportWidth != 600*st2.Photo.ExportHeight/1000 {
		t.Fatalf("after crop 1000×600 and a quarter turn: export %dx%d", st2.Photo.ExportWidth, st2.Photo.ExportHeight)
	}
	if st2.Photo.Adjust.Crop == nil || *st2.Photo.Adjust.Crop != crop || st2.Photo.Adjust.Corners != nil {
		t.Fatalf("stored adjustments %+v", st2.Photo.Adjust)
	}
	if st2.Photo.ExportURL == st.Photo.ExportURL {
		t.Fatal("export URL unchanged, the webview would show the old export")
	}
	// Apply reads the original from the workspace only when the decoded one
	// is not kept: with none kept, the same settings give the same export.
	s.mu.Lock()
	s.lastID, s.lastSHA, s.lastOrig = 0, "", nil
	s.mu.Unlock()
	ws0, _ := s.h.get()
	before, _ := ws0.GetPhotoExport(context.Background(), st.Photo.ID)
	if _, err := s.Apply(st.Photo.ID, photo.Adjust{Crop: &crop, Rotate90: 1}); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	kept := s.lastOrig != nil && s.lastID == st.Photo.ID
	s.mu.Unlock()
	if after, _ := ws0.GetPhotoExport(context.Background(), st.Photo.ID); !kept || after.ExportSHA256 != before.ExportSHA256 {
		t.Fatalf("Apply without the decoded original kept: export %s, was %s (original kept again: %v)",
			after.ExportSHA256, before.ExportSHA256, kept)
	}
	ws, _ := s.h.get()
	p, _ := ws.GetPhoto(context.Background(), st.Photo.ID)
	if !bytes.Equal(p.Original, orig) {
		t.Fatal("Apply changed the original")
	}
	var meta photoMeta
	if err := json.Unmarshal(p.Adjustments, &meta); err != nil || !meta.Suggestion.Found {
		t.Fatalf("suggestion lost from the adjustments: %v %s", err, p.Adjustments)
	}
	if _, err := s.Apply(st.Photo.ID, photo.Adjust{Crop: &photo.Rect{X: 5000, Y: 5000, W: 10, H: 10}}); backend.ErrorCode(err) != backend.ECodeInvalid {
		t.Fatalf("crop outside the picture: %v", err)
	}
	if _, err := s.Remove(appID, "person_id_front"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(st.Photo.ID, photo.Adjust{}); backend.ErrorCode(err) != backend.ECodeConflict {
		t.Fatalf("adjusting a removed photo: %v", err)
	}
	slots, _ := s.Slots(appID)
	for _, sl := range slots {
		if sl.Photo != nil {
			t.Fatalf("slot %s still shows a photo after Remove", sl.Key)
		}
	}
}

func TestMediaHandlerServesPreviewAndExport(t *testing.T) {
	s, appID := newPhotoTest(t)
	st, err := s.ImportFile(appID, "entity_cert", writeFile(t, t.TempDir(), "big.jpg", jpegBytes(t, idCardScene(2400, 1800, 7))))
	if err != nil {
		t.Fatal(err)
	}
	s.previews = map[int64]cachedPreview{} // as after a restart: made from the stored original
	get := func(path string) *httptest.ResponseRecorder {
		rr := httptest.NewRecorder()
		s.media().ServeHTTP(rr, httptest.NewRequest(http.MethodGet, path, nil))
		return rr
	}
	for _, c := range []struct {
		path    string
		maxSide int
	}{
		{st.Photo.PreviewURL, PreviewMaxSide},
		{st.Photo.ExportURL, 3000},
	} {
		rr := get(c.path)
		if rr.Code != 200 || rr.Header().Get("Content-Type") != "image/jpeg" {
			t.Fatalf("%s: %d %q", c.path, rr.Code, rr.Header().Get("Content-Type"))
		}
		img, err := jpeg.Decode(rr.Body)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if b := img.Bounds(); max(b.Dx(), b.Dy()) > c.maxSide || b.Dx() < 100 {
			t.Fatalf("%s: %v", c.path, b)
		}
	}
	if rr := get(st.Photo.PreviewURL); rr.Code != 200 || rr.Header().Get("Cache-Control") != "private, max-age=86400" {
		t.Fatalf("cached preview: %d %q", rr.Code, rr.Header().Get("Cache-Control"))
	}
	// A URL naming another original (or none) gets this one's preview, not to be kept under that URL.
	for _, u := range []string{fmt.Sprintf("/media/photo/%d/preview.jpg", st.Photo.ID), fmt.Sprintf("/media/photo/%d/preview.jpg?v=0123456789ab", st.Photo.ID)} {
		if rr := get(u); rr.Code != 200 || rr.Header().Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s: %d %q", u, rr.Code, rr.Header().Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/media/photo/9999/preview.jpg", "/media/photo/9999/export.jpg", "/media/photo/abc/preview.jpg",
		"/media/photo/1/original.jpg", "/media/photo/", "/media/photo/-1/preview.jpg"} {
		if rr := get(p); rr.Code != 404 {
			t.Errorf("%s: %d, want 404", p, rr.Code)
		}
	}
	rr := httptest.NewRecorder()
	s.media().ServeHTTP(rr, httptest.NewRequest(http.MethodPost, st.Photo.PreviewURL, nil))
	if rr.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rr.Code)
	}
}

// Photo ids start at 1 in every workspace: the decoded original and the
// preview kept for the crop dialog must be those of the open workspace's
// photo, never of the same id in the workspace open before (an export of
// another client's ID card would be filed).
func TestPhotoCachesFollowTheWorkspace(t *testing.T) {
	red := image.NewRGBA(image.Rect(0, 0, 2400, 1800))
	for i := 0; i < len(red.Pix); i += 4 {
		red.Pix[i], red.Pix[i+1], red.Pix[i+2], red.Pix[i+3] = 200, 30, 30, 255
	}
	sb, appB := newPhotoTest(t)
	stB, err := sb.ImportFile(appB, "person_id_front", writeFile(t, t.TempDir(), "red.jpg", jpegBytes(t, red)))
	if err != nil {
		t.Fatal(err)
	}
	pathB := sb.h.path
	sb.h.close()

	s, appA := newPhotoTest(t)
	stA, err := s.ImportFile(appA, "person_id_front", writeFile(t, t.TempDir(), "card.jpg", jpegBytes(t, idCardScene(2400, 1800, 7))))
	if err != nil {
		t.Fatal(err)
	}
	if stA.Photo.ID != stB.Photo.ID {
		t.Skipf("the two workspaces gave ids %d and %d", stA.Photo.ID, stB.Photo.ID)
	}
	get := func(path string) image.Image {
		t.Helper()
		rr := httptest.NewRecorder()
		s.media().ServeHTTP(rr, httptest.NewRequest(http.MethodGet, path, nil))
		img, err := jpeg.Decode(rr.Body)
		if rr.Code != 200 || err != nil {
			t.Fatalf("%s: %d %v", path, rr.Code, err)
		}
		return img
	}
	isRed := func(img image.Image) bool {
		var r, g, n float64
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 9 {
			for x := b.Min.X; x < b.Max.X; x += 9 {
				cr, cg, _, _ := img.At(x, y).RGBA()
				r, g, n = r+float64(cr>>8), g+float64(cg>>8), n+1
			}
		}
		return r/n > 150 && g/n < 80
	}
	get(stA.Photo.PreviewURL) // the crop dialog was open on A's photo
	if _, err := s.Apply(stA.Photo.ID, photo.Adjust{}); err != nil {
		t.Fatal(err)
	}

	s.h.open(pathB) // the clerk opens the other workspace
	slots, err := s.Slots(appB)
	if err != nil {
		t.Fatal(err)
	}
	var inB *PhotoInfo
	for _, sl := range slots {
		if sl.Key == "person_id_front" {
			inB = sl.Photo
		}
	}
	if inB == nil || inB.PreviewURL == stA.Photo.PreviewURL {
		t.Fatalf("B's photo %+v has A's preview URL %q, which the webview keeps a day", inB, stA.Photo.PreviewURL)
	}
	if !isRed(get(inB.PreviewURL)) {
		t.Fatal("the crop dialog shows the other workspace's picture")
	}
	st, err := s.Apply(inB.ID, photo.Adjust{Rotate90: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !isRed(get(st.Photo.ExportURL)) {
		t.Fatal("应用 exported the other workspace's picture")
	}
}
