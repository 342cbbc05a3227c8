package app

import (
	"testing"

	"icpdesk/backend/photo"
)

// BenchmarkApply is the Go side of the cropper's 应用 (the frontend's
// `make bench` measures it from the click): a 2400×1800 phone photo of a
// card, already imported, turned a quarter and exported again each time —
// the workspace read, render, checks beside the export, and the store.
func BenchmarkApply(b *testing.B) {
	s, appID := newPhotoTest(b)
	orig := jpegBytes(b, idCardScene(2400, 1800, 7))
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
