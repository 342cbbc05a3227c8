package photo

import (
	"bytes"
	"image"
	"testing"

	"github.com/disintegration/imaging"

	"icpdesk/backend/photo/internal/jpeg"
)

// Process answers like the app's import and the CLI: the export's size is the
// JPEG's own, and a rule both the checks and the export report (a small
// picture's resolution) is listed once.
func TestProcessOneFindingPerRule(t *testing.T) {
	s := slot(t, "person_id_front")
	small := image.Image(idCard(defaultCard()))
	small = imaging.Resize(small, 500, 0, imaging.Lanczos) // below the slot's minimum long edge
	p, err := Process(small, Adjust{}, Suggestion{}, s, ProcessOptions{Field: "photos.person_id_front"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Data == nil || p.Findings == nil {
		t.Fatalf("no export or nil findings: %+v", p.Findings)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(p.Data))
	if err != nil || cfg.Width != p.Width || cfg.Height != p.Height {
		t.Errorf("size %dx%d, JPEG says %dx%d (%v)", p.Width, p.Height, cfg.Width, cfg.Height, err)
	}
	seen := map[string]int{}
	for _, f := range p.Findings {
		seen[f.Rule]++
		if f.Field != "photos.person_id_front" {
			t.Errorf("finding on field %q", f.Field)
		}
	}
	if seen[RuleResolutionLow] != 1 {
		t.Errorf("resolution reported %d times: %v", seen[RuleResolutionLow], p.Findings)
	}
}
