package photo

import (
	"image"
	"testing"
)

// bench12MP is a 4000×3000 JPEG of a card on a table with sensor noise.
func bench12MP(b *testing.B) []byte {
	img := idCard(cardOpts{w: 4000, h: 3000, card: image.Rect(700, 600, 3300, 2240)})
	return jpegBytes(b, img, 92)
}

// BenchmarkPipeline12MP: decode + orient + suggest + perspective crop + all
// checks + export of a 12-megapixel phone photo (docs/bench.md).
func BenchmarkPipeline12MP(b *testing.B) {
	src := bench12MP(b)
	s := slot(b, "person_id_front")
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		o, err := DecodeBytes(src, DefaultLimits(), ForSuggestion)
		if err != nil {
			b.Fatal(err)
		}
		sg := o.SuggestCrop(s) // as the app and the CLI: from the copy made while decoding
		adj := Adjust{Corners: &sg.Corners}
		img, err := RenderForExport(o.Image, adj, s.ExportMaxLongEdge)
		if err != nil {
			b.Fatal(err)
		}
		Check(img, s, CheckOptions{Corners: DocumentIn(o.Image.Bounds(), adj, sg, s.ExportMaxLongEdge)})
		if _, _, err := ExportForSlot(img, s); err != nil {
			b.Fatal(err)
		}
	}
}

// The stages one by one, to see which dominates.
func BenchmarkStages12MP(b *testing.B) {
	src := bench12MP(b)
	s := slot(b, "person_id_front")
	o, _ := DecodeBytes(src, DefaultLimits(), ForSuggestion)
	sg := SuggestCrop(o.Image, s)
	img, _ := RenderForExport(o.Image, Adjust{Corners: &sg.Corners}, s.ExportMaxLongEdge)
	b.Run("decode", func(b *testing.B) {
		defer cpuMS(b)()
		for i := 0; i < b.N; i++ {
			_, _ = DecodeBytes(src, DefaultLimits(), ForSuggestion)
		}
	})
	b.Run("suggest", func(b *testing.B) {
		defer cpuMS(b)()
		for i := 0; i < b.N; i++ {
			o.SuggestCrop(s) // the analysis copy's shrink is in decode, beside the entropy decoding
		}
	})
	b.Run("warp", func(b *testing.B) {
		defer cpuMS(b)()
		for i := 0; i < b.N; i++ {
			_, _ = RenderForExport(o.Image, Adjust{Corners: &sg.Corners}, s.ExportMaxLongEdge)
		}
	})
	b.Run("check", func(b *testing.B) {
		defer cpuMS(b)()
		for i := 0; i < b.N; i++ {
			Check(img, s, CheckOptions{})
		}
	})
	b.Run("export", func(b *testing.B) {
		defer cpuMS(b)()
		for i := 0; i < b.N; i++ {
			_, _, _ = ExportForSlot(img, s)
		}
	})
}

// BenchmarkDropToCheckedPreview: from the dropped file's bytes to what the
// clerk sees first: decoded, detected, rendered at the slot's size, checked,
// and the preview JPEG (the export's fit-to-size encoding follows).
func BenchmarkDropToCheckedPreview(b *testing.B) {
	src := bench12MP(b)
	s := slot(b, "person_id_front")
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		o, err := DecodeBytes(src, DefaultLimits(), ForSuggestion)
		if err != nil {
			b.Fatal(err)
		}
		sg := o.SuggestCrop(s)
		var adj Adjust
		if sg.Auto {
			adj.Corners = &sg.Corners
		}
		img, err := RenderForExport(o.Image, adj, s.ExportMaxLongEdge)
		if err != nil {
			b.Fatal(err)
		}
		Check(img, s, CheckOptions{Corners: DocumentIn(o.Image.Bounds(), adj, sg, s.ExportMaxLongEdge)})
		if _, err := Preview(img, 1600); err != nil {
			b.Fatal(err)
		}
	}
}
