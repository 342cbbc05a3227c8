package assets

import "testing"

func TestPhotoData(t *testing.T) {
	d, err := Photos()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"entity_cert", "person_id_front", "person_id_back", "website_person_id_front",
		"website_person_id_back", "checklist_scan", "backdrop", "domain_cert", "auth_letter", "residence_permit",
		"handheld_id", "commitment_letter", "province_document"}
	for _, k := range want {
		s, ok := PhotoSlotByKey(k)
		if !ok {
			t.Fatalf("slot %s missing", k)
		}
		if s.NameZh == "" || s.NameEn == "" || s.NeedZh == "" || s.NeedEn == "" || s.MaxBytes != 2<<20 || s.ConsoleLabelZh == "" || len(s.Flows) == 0 {
			t.Errorf("slot %s incomplete: %+v", k, s)
		}
	}
	if d.DecodeLimits.MaxPixels <= 0 || d.Aspects["id1"].Ratio != 1.585 {
		t.Fatalf("limits/aspects = %+v %+v", d.DecodeLimits, d.Aspects)
	}
	// Defaults < kind < slot, field by field: a page is bright by nature (and
	// its paper is near white: glare is only what is brighter still).
	cl, _ := PhotoSlotByKey("checklist_scan")
	if cl.Kind != "page" || cl.Thresholds.MeanLumaMax != 252 || cl.Thresholds.MeanLumaMin != 70 || cl.Thresholds.GlareLuma != 254 || cl.Thresholds.SealRedShareMin == 0 {
		t.Fatalf("checklist thresholds = %+v", cl.Thresholds)
	}
	if lic, _ := PhotoSlotByKey("entity_cert"); lic.Kind != "page" || lic.Thresholds.SealRedShareMin != 0 || lic.Thresholds.MeanLumaMax != 252 {
		t.Fatalf("licence thresholds = %+v", lic.Thresholds)
	}
	if cl.InFlow("miniprogram") || !cl.InFlow("") {
		t.Fatalf("checklist flows %v", cl.Flows)
	}
	front, _ := PhotoSlotByKey("person_id_front")
	if front.Kind != "card" || front.Thresholds.MeanLumaMax != 235 || !front.Has("aspect") || front.Has("face") {
		t.Fatalf("front = %+v", front)
	}
}

func TestParsePhotoDataRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"duplicate": `{"slots":[{"key":"a","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1},{"key":"a","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
		"aspect":    `{"slots":[{"key":"a","aspect":"x","formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
		"empty":     `{"slots":[]}`,
		"bytes":     `{"slots":[{"key":"a","formats":["jpeg"]}]}`,
		"kind":      `{"kinds":{"card":{}},"slots":[{"key":"a","kind":"paper","console_label_zh":"x","flows":["console"],"formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
		"label":     `{"kinds":{"card":{}},"slots":[{"key":"a","kind":"card","flows":["console"],"formats":["jpeg"],"max_bytes":1,"export_max_long_edge":1}]}`,
	} {
		if _, err := parsePhotoData([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
