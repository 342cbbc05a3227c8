package store

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"icpdesk/backend"
)

// testPNG draws a small real picture whose pixels depend on seed.
func testPNG(t testing.TB, seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * seed), uint8(y * 8), uint8(seed * 40), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func putTestPhoto(t testing.TB, s *Store, appID int64, slot string, seed int) backend.Photo {
	t.Helper()
	p, err := s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: appID, Slot: slot, Original: testPNG(t, seed),
		OriginalMIME: "image/png", OriginalWidth: 40, OriginalHeight: 30})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPhotosKeepHistory(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	first := putTestPhoto(t, s, r.ID, "entity.cert", 1)
	other := putTestPhoto(t, s, r.ID, "person.id_front", 2)
	export := testPNG(t, 9)
	adj := json.RawMessage(`{"crop":[0,0,40,30],"rotate":90}`)
	ex, err := s.SetPhotoExport(ctx, first.ID, backend.PhotoExport{Export: export, ExportMIME: "image/png", ExportWidth: 30, ExportHeight: 40, Adjustments: adj})
	if err != nil || ex.ExportSHA256 != hashHex(export) || ex.OriginalSHA256 != first.OriginalSHA256 {
		t.Fatalf("export: %+v %v", ex, err)
	}
	second := putTestPhoto(t, s, r.ID, "entity.cert", 3)

	cur, err := s.CurrentPhoto(ctx, r.ID, "entity.cert")
	if err != nil || cur.ID != second.ID || !bytes.Equal(cur.Original, testPNG(t, 3)) || !cur.Current {
		t.Fatalf("current: %d %v", cur.ID, err)
	}
	old, err := s.GetPhoto(ctx, first.ID)
	if err != nil || !bytes.Equal(old.Original, testPNG(t, 1)) || !bytes.Equal(old.Export, export) || old.Current || old.ReplacedAt == nil {
		t.Fatalf("old photo: %+v %v", old, err)
	}
	if string(old.Adjustments) != `{"crop":[0,0,40,30],"rotate":90}` {
		t.Fatalf("adjustments %s", old.Adjustments)
	}
	if o, _ := s.GetPhoto(ctx, other.ID); !bytes.Equal(o.Original, testPNG(t, 2)) || !o.Current {
		t.Fatal("another slot's original changed")
	}
	hist, _ := s.PhotoHistory(ctx, r.ID, "entity.cert")
	if len(hist) != 2 || hist[0].ID != second.ID || hist[0].Original != nil {
		t.Fatalf("history: %+v", hist)
	}
	list, _ := s.ListPhotos(ctx, r.ID)
	if len(list) != 2 {
		t.Fatalf("list: %+v", list)
	}
	if _, err := s.db.Exec(`UPDATE photos SET original = x'00' WHERE id = ?`, first.ID); err == nil {
		t.Fatal("an original could be overwritten")
	}
	if err := s.RemovePhoto(ctx, r.ID, "entity.cert"); err != nil {
		t.Fatal(err)
	}
	_, err = s.CurrentPhoto(ctx, r.ID, "entity.cert")
	wantCode(t, err, backend.ECodeNotFound)
	if hist, _ := s.PhotoHistory(ctx, r.ID, "entity.cert"); len(hist) != 2 {
		t.Fatal("remove lost history")
	}

	for _, tc := range []struct {
		name string
		in   backend.PhotoInput
		code string
	}{
		{"bad slot", backend.PhotoInput{ApplicationID: r.ID, Slot: "../x", Original: []byte{1}, OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeInvalid},
		{"empty", backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeInvalid},
		{"mime", backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", Original: []byte{1}, OriginalMIME: "image/gif", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeUnsupported},
		{"no application", backend.PhotoInput{ApplicationID: 999, Slot: "entity.cert", Original: []byte{1}, OriginalMIME: "image/png", OriginalWidth: 1, OriginalHeight: 1}, backend.ECodeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.PutPhoto(ctx, tc.in)
			wantCode(t, err, tc.code)
		})
	}
}

func TestDocuments(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	d1, err := s.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 draft"), true)
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := s.PutDocument(ctx, r.ID, "w1", []byte("%PDF-1.4 final"), false)
	s.PutDocument(ctx, r.ID, "w2", []byte("%PDF-1.4 other"), false)
	latest, err := s.LatestDocument(ctx, r.ID, "w1")
	if err != nil || latest.ID != d2.ID || string(latest.PDF) != "%PDF-1.4 final" || latest.Draft {
		t.Fatalf("latest: %+v %v", latest, err)
	}
	if got, _ := s.GetDocument(ctx, d1.ID); !got.Draft || got.SHA256 != hashHex([]byte("%PDF-1.4 draft")) {
		t.Fatalf("d1: %+v", got)
	}
	if list, _ := s.ListDocuments(ctx, r.ID); len(list) != 3 || list[0].PDF != nil {
		t.Fatalf("list: %+v", list)
	}
	_, err = s.PutDocument(ctx, r.ID, "w1", []byte("<html>"), false)
	wantCode(t, err, backend.ECodeUnsupported)
	_, err = s.LatestDocument(ctx, r.ID, "w9")
	wantCode(t, err, backend.ECodeNotFound)
}

func TestRevisionsAndDiff(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID, set("entity.name", "旧名"), set("websites.0.domains.0", "a.cn"))
	r1, err := s.CreateRevision(ctx, r.ID, backend.RevisionSubmit, "submitted in console")
	if err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(ctx, r.ID, set("entity.name", "新名"), set("websites.0.domains.1", "b.cn"))
	r2, _ := s.CreateRevision(ctx, r.ID, backend.RevisionRejection, "ID photo unclear")
	if r1.Number != 1 || r2.Number != 2 || r2.Doc.Entity.Name != "新名" {
		t.Fatalf("revisions: %+v %+v", r1, r2)
	}
	changes, err := s.DiffRevisions(ctx, r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"entity.name": {`"旧名"`, `"新名"`}, "websites.0.domains.1": {`null`, `"b.cn"`}}
	if len(changes) != len(want) {
		t.Fatalf("changes: %+v", changes)
	}
	for _, ch := range changes {
		if w := want[ch.Path]; string(ch.Before) != w[0] || string(ch.After) != w[1] {
			t.Errorf("%s: %s → %s", ch.Path, ch.Before, ch.After)
		}
	}
	s.SaveDraft(ctx, r.ID, set("entity.city", "杭州"))
	if ch, _ := s.DiffRevisions(ctx, r2.ID, 0); len(ch) != 1 || ch[0].Path != "entity.city" {
		t.Fatalf("diff with draft: %+v", ch)
	}
	list, _ := s.ListRevisions(ctx, r.ID)
	if len(list) != 2 || list[0].Doc != nil || list[1].Note != "ID photo unclear" {
		t.Fatalf("list: %+v", list)
	}
	if _, err := s.db.Exec(`UPDATE revisions SET note = 'x' WHERE id = ?`, r1.ID); err == nil {
		t.Fatal("revision was updated")
	}
	_, err = s.CreateRevision(ctx, r.ID, "whim", "")
	wantCode(t, err, backend.ECodeInvalid)
}

func TestStatusEventsAndSettings(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	sms := time.Date(2025, 3, 2, 10, 0, 0, 0, backend.Shanghai)
	for _, ch := range []backend.StatusChange{
		{To: backend.StatusReady, Actor: "system"},
		{To: backend.StatusSubmitted, Actor: "user", Note: "console order 123"},
		{To: backend.StatusSMSPending, Actor: "user", At: sms},
	} {
		if _, err := s.SetStatus(ctx, r.ID, ch); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.SetStatus(ctx, r.ID, backend.StatusChange{To: backend.StatusSMSPending})
	wantCode(t, err, backend.ECodeConflict)
	_, err = s.SetStatus(ctx, r.ID, backend.StatusChange{To: "nonsense"})
	wantCode(t, err, backend.ECodeInvalid)
	evs, _ := s.ListEvents(ctx, r.ID)
	if len(evs) != 4 || evs[0].From != "" || evs[0].To != backend.StatusDraft || evs[2].Note != "console order 123" {
		t.Fatalf("events: %+v", evs)
	}
	if last := evs[3]; last.From != backend.StatusSubmitted || !last.At.Equal(sms) {
		t.Fatalf("last event: %+v", last)
	}
	if got, _ := s.GetApplication(ctx, r.ID); got.Status != backend.StatusSMSPending {
		t.Fatalf("status %s", got.Status)
	}

	_, err = s.GetSetting(ctx, SettingLanguage)
	wantCode(t, err, backend.ECodeNotFound)
	for _, v := range []string{"zh-CN", "en"} {
		if err := s.SetSetting(ctx, SettingLanguage, v); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := s.GetSetting(ctx, SettingLanguage); v != "en" || err != nil {
		t.Fatalf("setting %q %v", v, err)
	}
}
