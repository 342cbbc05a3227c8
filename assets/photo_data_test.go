package assets

import "testing"

func TestPhotoData(t *testing.T) {
	d, err := Photos()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"entity_cert", "person_id_front", "person_id_back", "website_person_id_front",
		"website_person_id_back", "checklist_scan", "backdrop", "domain_cert", "auth_letter", "residence_permit"}
	for _, k := range want {
		s, ok := PhotoSlotByKey(k)
		if !ok {
			t.Fatalf("slot %s missing", k)
		}
		if s.NameZh == "" || s.NameEn == "" || s.NeedZh == "" || s.NeedEn == "" || s.MaxBytes != 2<<20 {
			t.Errorf("slot %s incomplete: %+v", k, s)
		}
	}
	if d.DecodeLimits.MaxPixels <= 0 || d.Aspects["id1"].Ratio != 1.585 {
		t.Fatalf("limits/aspects = %+v %+v", d.DecodeLimits, d.Aspects)
	}
	// Overrides merge over the defaults, field by field.
	cl, _ := PhotoSlotByKey("checklist_scan")
	if cl.Thresholds.MeanLumaMax != 240 || cl.Thresholds.MeanLumaMin != 60 || cl.Thresholds.GlareLuma != 245 {
		t.Fatalf("checklist thresholds = %+v", cl.Thresholds)
	}
	front, _ := PhotoSlotByKey("person_id_front")
	if front.Thresholds.MeanLumaMax != 200 || !front.Has("aspect") || front.Has("face") {
		t.Fatalf("front = %+v", front)
	}
}

func TestParsePhotoDataRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"duplicate": `{"slots":[{"key":"a","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1},{"key":"a","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
		"aspect":    `{"slots":[{"key":"a","aspect":"x","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
		"empty":     `{"slots":[]}`,
		"bytes":     `{"slots":[{"key":"a","formats":["jpeg"]}]}`,
	} {
		if _, err := parsePhotoData([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
