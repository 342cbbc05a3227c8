package app

import (
	"testing"
	"time"

	"icpdesk/backend"
	"icpdesk/backend/photo"
)

// The slot's findings carry the key of the photo's confirmation ("我已核对此
// 照片"): confirmed through FilingService.Confirm they show ticked in Slots,
// and a new export of the photo (a re-applied adjustment) starts unticked.
func TestSlotFindingsShowTheirPhotoConfirmation(t *testing.T) {
	s, appID := newPhotoTest(t)
	st, err := s.ImportFile(appID, "person_id_front", writeFile(t, t.TempDir(), "c.jpg", jpegBytes(t, idCardScene(1600, 1200, 6))))
	if err != nil {
		t.Fatal(err)
	}
	// crop off most of the card: the export has findings to confirm
	crop := photo.Rect{X: 0, Y: 0, W: 300, H: 200}
	if st, err = s.Apply(st.Photo.ID, photo.Adjust{Crop: &crop}); err != nil {
		t.Fatal(err)
	}
	if len(st.Findings) == 0 {
		t.Fatal("no findings on a cut-off card")
	}
	f := st.Findings[0]
	if f.Field != "photos.person_id_front" || f.Params["key"] == nil {
		t.Fatalf("slot finding without the photo's confirmation key: %+v", f)
	}
	fs := &FilingService{h: s.h, ctx: s.ctx, clock: backend.FixedClock{T: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}}
	if _, err := fs.Confirm(appID, f, true); err != nil {
		t.Fatal(err)
	}
	ticked := func() bool {
		slots, err := s.Slots(appID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range slots {
			for _, g := range sl.Findings {
				if sl.Key == "person_id_front" && g.Rule == f.Rule {
					return g.ConfirmedAt != nil
				}
			}
		}
		t.Fatal("finding gone from Slots")
		return false
	}
	if !ticked() {
		t.Fatal("confirmed photo finding not ticked in Slots")
	}
	crop2 := photo.Rect{X: 0, Y: 0, W: 310, H: 200}
	if _, err := s.Apply(st.Photo.ID, photo.Adjust{Crop: &crop2}); err != nil {
		t.Fatal(err)
	}
	if ticked() {
		t.Fatal("a new export of the photo kept the old tick")
	}
}
