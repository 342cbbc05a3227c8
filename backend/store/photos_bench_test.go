package store

import (
	"testing"

	"icpdesk/backend"
)

// BenchmarkSetPhotoExport stores a new export (of a varying size, as each
// crop 应用 makes) of a photo whose original is a phone camera's 5.7 MB file:
// one committed, fsynced transaction per op.
func BenchmarkSetPhotoExport(b *testing.B) {
	s, p, exports := benchPhoto(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.SetPhotoExport(ctx, p.ID, backend.PhotoExport{Export: exports[i%3], ExportMIME: "image/jpeg",
			ExportWidth: 1200, ExportHeight: 900}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetPhoto reads that photo as the crop dialog's 应用 did (with its
// original) and as it does when the decoded original is kept (without).
func BenchmarkGetPhoto(b *testing.B) {
	s, p, exports := benchPhoto(b)
	if _, err := s.SetPhotoExport(ctx, p.ID, backend.PhotoExport{Export: exports[0], ExportMIME: "image/jpeg",
		ExportWidth: 1200, ExportHeight: 900}); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		get  func() (backend.Photo, error)
	}{
		{"with-original", func() (backend.Photo, error) { return s.GetPhoto(ctx, p.ID) }},
		{"export-only", func() (backend.Photo, error) { return s.GetPhotoExport(ctx, p.ID) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := bc.get(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchPhoto(b *testing.B) (*Store, backend.Photo, [][]byte) {
	s := mustOpen(b)
	c := mustClient(b, s, "Bench")
	r := mustApplication(b, s, c.ID)
	p, err := s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", Original: randomBytes(b, 5700<<10),
		OriginalMIME: "image/jpeg", OriginalWidth: 4000, OriginalHeight: 3000})
	if err != nil {
		b.Fatal(err)
	}
	return s, p, [][]byte{randomBytes(b, 310<<10), randomBytes(b, 290<<10), randomBytes(b, 330<<10)}
}
