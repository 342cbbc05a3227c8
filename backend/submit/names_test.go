package submit

import (
	"strings"
	"testing"

	"icpdesk/backend"
)

func TestLabelPhoto(t *testing.T) {
	app := sampleApp()
	app.Websites[1].Domains = []string{" ", "Example.NET."} // the first domain given, without the root dot
	app.Websites = append(app.Websites, backend.Website{ID: "w.3"})
	cases := []struct{ key, label, path, name string }{
		{"person_id_back", "主体负责人证件-国徽面", "photos.person_id_back", "主体负责人证件-国徽面.png"},
		{"websites.w1.website_person_id_front", "网站负责人证件-人像面", "websites.0.photos.website_person_id_front", "网站1_example.com_网站负责人证件-人像面.png"},
		{"websites.w2.checklist_scan", "网站备案信息真实性核验单", "websites.1.photos.checklist_scan", "网站2_Example.NET_网站备案信息真实性核验单.png"},
		{"websites.w_3.handheld_id", "网站负责人手持证件照", "websites.2.photos.handheld_id", "网站3_网站负责人手持证件照.png"},
		// A slot no longer in the data, a website no longer in the application.
		{"old_slot", "old_slot", "photos.old_slot", "old_slot.png"},
		{"websites.gone.backdrop", "websites.gone.backdrop", "photos.websites.gone.backdrop", "websites.gone.backdrop.png"},
	}
	for _, c := range cases {
		l := LabelPhoto(app, c.key)
		if l.Label != c.label || l.Path != c.path || l.FileName(".png") != c.name {
			t.Errorf("%s: %+v named %q, want %q at %s named %q", c.key, l, l.FileName(".png"), c.label, c.path, c.name)
		}
	}
	// A province extra is named by its document's title (rules_provinces.json
	// xinjiang: 新域名须提交《网站党建备案信息确认函》).
	xj := sampleApp()
	xj.Entity.Province = "xinjiang"
	if l := LabelPhoto(xj, "xj_party_letter"); l.Label != "网站党建备案信息确认函" || l.FileName(".jpg") != "网站党建备案信息确认函.jpg" {
		t.Errorf("xinjiang extra labelled %q", l.Label)
	}
}

func TestNamePhotosUniqueAndOrdered(t *testing.T) {
	app := sampleApp()
	app.Websites[1].Domains = []string{"example.com"} // two websites, one domain: the numbers tell them apart
	long := strings.Repeat("很长的域名", 20) + ".cn"
	app.Websites = append(app.Websites, backend.Website{ID: "w3", Domains: []string{long}})
	photos := []PackagePhoto{
		{Slot: "websites.w3.backdrop", Data: []byte{1}},
		{Slot: "websites.w2.backdrop", Data: []byte{1}},
		{Slot: "websites.w1.backdrop", Data: []byte{1}},
		{Slot: "person_id_front", MIME: "image/png", Data: []byte{1}},
		{Slot: "person_id_front", MIME: "image/png", Data: []byte{2}}, // the same name again gets a number
		{Slot: "entity_cert"},                                         // no export: left out
		{Slot: "person_id_back", Data: []byte{1}},                     // after the photo side, as in the console
	}
	names := backend.FileNames{"主体负责人证件-人像面_2.png": true} // taken by another file
	got := []string{}
	for _, p := range namePhotos(app, photos, names) {
		got = append(got, p.Name)
	}
	want := []string{"主体负责人证件-人像面.png", "主体负责人证件-人像面_3.png", "主体负责人证件-国徽面.jpg", "网站1_example.com_网站负责人幕布照.jpg", "网站2_example.com_网站负责人幕布照.jpg"}
	if len(got) != 6 || strings.Join(got[:5], "|") != strings.Join(want, "|") {
		t.Fatalf("names %q, want %q and the long one", got, want)
	}
	// A long domain is cut, the label stays whole.
	if l := got[5]; len(l) > backend.MaxFileNameBytes || !strings.HasPrefix(l, "网站3_很长的域名") || !strings.HasSuffix(l, "_网站负责人幕布照.jpg") || backend.SafeFileName(l) != l {
		t.Errorf("long name %q (%d bytes)", l, len(l))
	}
}

func TestPackageBaseName(t *testing.T) {
	var a backend.Application
	if got := PackageBaseName(a, 7); got != "提交材料_application_7" {
		t.Errorf("empty application: %q", got)
	}
	a.Entity.Name = "深圳市云帆科技有限公司"
	if got := PackageBaseName(a, 7); got != "提交材料_深圳市云帆科技有限公司" {
		t.Errorf("entity only: %q", got)
	}
	a.Websites = []backend.Website{{ID: "w1", Domains: []string{"yunfan-tech.cn"}}}
	if got := PackageBaseName(a, 7); got != "提交材料_深圳市云帆科技有限公司_yunfan-tech.cn" {
		t.Errorf("with domain: %q", got)
	}
	a.Entity.Name = `a/b:c*`
	if got := PackageBaseName(a, 7); strings.ContainsAny(got, `/:*`) {
		t.Errorf("not a safe file name: %q", got)
	}
}

func TestNameSlotsNamesPhotoItemsOnly(t *testing.T) {
	app := backend.Application{Websites: []backend.Website{{ID: "w1", Domains: []string{"yunfan-tech.cn", "yunfan.cn"}}, {ID: "w2"}}}
	r := Report{Items: []Item{
		{Code: ReadyPhotoMissing, Params: map[string]any{"slot": "websites.w1.backdrop"}},
		{Code: ReadyPhotoWarning, Params: map[string]any{"slot": "websites.w2.backdrop", "domain": "stale.cn"}},
		{Code: ReadyChecklistStale, Params: map[string]any{"slot": "websites.w1.backdrop"}},
		{Code: ReadyPhotoMissing, Params: map[string]any{"slot": "unknown"}},
	}}
	names := map[string]SlotName{
		"websites.w1.backdrop": {NameZh: "幕布照", NameEn: "Backdrop photo", WebsiteID: "w1"},
		"websites.w2.backdrop": {NameZh: "幕布照", NameEn: "Backdrop photo", WebsiteID: "w2"},
	}
	got := NameSlots(app, r, names).Items
	if p := got[0].Params; p["nameZh"] != "幕布照" || p["nameEn"] != "Backdrop photo" || p["domain"] != "yunfan-tech.cn" {
		t.Errorf("missing backdrop: %v", p)
	}
	if p := got[1].Params; p["nameZh"] != "幕布照" || p["domain"] != nil {
		t.Errorf("website without a domain keeps no (stale) domain: %v", p)
	}
	if _, ok := got[2].Params["nameZh"]; ok {
		t.Errorf("a non-photo item is named: %v", got[2].Params)
	}
	if _, ok := got[3].Params["nameZh"]; ok {
		t.Errorf("an unknown slot is named: %v", got[3].Params)
	}
}
