package backend

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// noZeroField fails when a field of v (a struct) is left at its zero value:
// a conversion that forgets a field the file format has.
func noZeroField(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumField(); i++ {
		if rv.Field(i).IsZero() {
			t.Errorf("%s.%s not filled in", rv.Type().Name(), rv.Type().Field(i).Name)
		}
	}
}

func TestFilePhotoAndDocumentOf(t *testing.T) {
	at := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	replaced := at.Add(time.Hour)
	p := Photo{ID: 3, ApplicationID: 4, Slot: "entity.licence", Original: []byte("orig"), OriginalMIME: "image/jpeg",
		OriginalWidth: 800, OriginalHeight: 600, OriginalSHA256: "aa", OriginalSize: 4,
		PhotoExport: PhotoExport{Export: []byte("exp"), ExportMIME: "image/jpeg", ExportWidth: 400, ExportHeight: 300,
			Adjustments: json.RawMessage(`{"rotate":90}`)},
		ExportSHA256: "bb", ExportSize: 3, Current: true, CreatedAt: at, UpdatedAt: at.Add(time.Minute), ReplacedAt: &replaced}
	fp := FilePhotoOf(p)
	noZeroField(t, fp)
	if fp.Slot != p.Slot || string(fp.Original) != "orig" || string(fp.Export) != "exp" || fp.ExportSHA256 != "bb" ||
		!fp.UpdatedAt.Equal(p.UpdatedAt) || fp.ReplacedAt != p.ReplacedAt || string(fp.Adjustments) != `{"rotate":90}` {
		t.Errorf("FilePhotoOf = %+v", fp)
	}
	// And back: the import's PhotoInput holds what the export had.
	in := fp.Input(9)
	if in.ApplicationID != 9 || in.Slot != p.Slot || in.OriginalWidth != 800 || in.ExportHeight != 300 || string(in.Export) != "exp" {
		t.Errorf("round trip %+v", in)
	}

	d := Document{ID: 5, ApplicationID: 4, WebsiteID: "w1", PDF: []byte("%PDF"), SHA256: "cc", Size: 4, Draft: true, CreatedAt: at}
	fd := FileDocumentOf(d)
	noZeroField(t, fd)
	if !reflect.DeepEqual(fd, FileDocument{WebsiteID: "w1", SHA256: "cc", Draft: true, CreatedAt: at, PDF: []byte("%PDF")}) {
		t.Errorf("FileDocumentOf = %+v", fd)
	}
}
