package app

import (
	"bytes"
	"image/jpeg"
	"testing"

	"icpdesk/backend/photo"
)

// BenchmarkApply is the Go side of the cropper's 应用 (the frontend's
// `make bench` measures it from the click): a 2400×1800 phone photo of a
// card, already imported, turned a quarter and exported again each time —
// the workspace read, render, checks beside the export, and the store.
func BenchmarkApply(b *testing.B) {
	benchmarkApply(b, jpegBytes(b, idCardScene(2400, 1800, 7)))
}

// benchmarkApply imports orig into a slot and measures 应用 turning it a
// quarter (one, two or three) each time.
func benchmarkApply(b *testing.B, orig []byte) {
	s, appID := newPhotoTest(b)
	st, err := s.ImportFile(appID, "person_id_front", writeFile(b, b.TempDir(), "c.jpg", orig))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Apply(st.Photo.ID, photo.Adjust{Rotate90: 1 + i%3}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply12MP is BenchmarkApply with a phone camera's own file: a
// 4000×3000 original of 5.7 MB (the 2400×1800 one above is 1.1 MB). Besides
// the larger render, the workspace reads the original with the photo and, in
// SQLite, rewrites the row that holds it when the export changes, so this
// shows what a clerk's real photo costs.
func BenchmarkApply12MP(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, idCardScene(4000, 3000, 3), &jpeg.Options{Quality: 97}); err != nil {
		b.Fatal(err)
	}
	benchmarkApply(b, buf.Bytes())
	b.ReportMetric(float64(buf.Len())/(1<<20), "original-MB")
}
