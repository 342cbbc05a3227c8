package photo

import (
	"strings"
	"testing"

	"icpdesk/assets"
	"icpdesk/backend"
)

func slotKeys(refs []SlotRef) map[string]SlotRef {
	m := map[string]SlotRef{}
	for _, r := range refs {
		m[r.Field] = r
	}
	return m
}

func TestSlotsFor(t *testing.T) {
	org := backend.NewApplication()
	org.Entity.Province, org.Entity.Nature = "guangdong", "enterprise"
	org.Entity.Person.IDType = "idcard"
	org.Websites[0].Domains = []string{"example.com"}

	ind := org
	ind.Entity.Nature, ind.Entity.Province = "individual", "shanghai"
	ind.Entity.Person.IDType = "passport"

	multi := org
	multi.Entity.Province, multi.Entity.LegalRep = "henan", "张三"
	multi.Entity.Person.Name = "李四"
	multi.Websites = []backend.Website{
		{ID: "w1", Domains: []string{"a.com", "b.com", "c.com"}, SameAsEntity: true},
		{ID: "w2", Domains: []string{"d.com", "e.com"}, Person: backend.Person{IDType: "idcard"}},
	}
	cases := []struct {
		name   string
		app    backend.Application
		want   []string
		absent []string
	}{
		{"guangdong enterprise", org,
			[]string{"photos.entity_cert", "photos.person_id_front", "photos.person_id_back", "websites.0.photos.checklist_scan", "websites.0.photos.backdrop"},
			[]string{"photos.auth_letter", "websites.0.photos.domain_cert", "websites.0.photos.website_person_id_front", "photos.residence_permit"}},
		{"shanghai individual with passport", ind,
			[]string{"photos.person_id_front", "photos.residence_permit", "websites.0.photos.backdrop"},
			[]string{"photos.entity_cert", "photos.person_id_back", "photos.auth_letter"}},
		{"henan, 5 domains, two websites", multi,
			[]string{"websites.0.photos.domain_cert", "websites.1.photos.domain_cert",
				"websites.1.photos.website_person_id_front", "websites.1.photos.website_person_id_back", "websites.1.photos.checklist_scan"},
			[]string{"websites.0.photos.website_person_id_front", "photos.auth_letter"}},
	}
	for _, c := range cases {
		got := slotKeys(SlotsFor(c.app))
		for _, w := range c.want {
			if _, ok := got[w]; !ok {
				t.Errorf("%s: missing %s (got %v)", c.name, w, got)
			}
		}
		for _, a := range c.absent {
			if _, ok := got[a]; ok {
				t.Errorf("%s: unexpected %s", c.name, a)
			}
		}
	}
	m := slotKeys(SlotsFor(multi))
	// Henan wants the legal representative as person in charge (a rule, no
	// letter); Sichuan takes an authorisation letter (各省管局要求).
	sc := multi
	sc.Entity.Province = "sichuan"
	if r := slotKeys(SlotsFor(sc))["photos.auth_letter"]; !r.Required || r.Slot != "auth_letter" {
		t.Errorf("auth letter %+v", r)
	}
	if r := m["websites.1.photos.domain_cert"]; r.WebsiteID != "w2" || r.Slot != "domain_cert" {
		t.Errorf("domain cert %+v", r)
	}
	// Four domains in Henan are below its threshold of five.
	multi.Websites[1].Domains = multi.Websites[1].Domains[:1]
	if _, ok := slotKeys(SlotsFor(multi))["websites.0.photos.domain_cert"]; ok {
		t.Error("domain certificate below the province threshold")
	}
}

// Each flow asks for exactly what it needs: the console the signed checklist,
// the backdrop photo and the hand-held ID photo per website; the mini program
// the commitment letter and no backdrop (video verification). Xinjiang's
// party-building letter is a province extra in both, under its own name.
func TestSlotsPerFlow(t *testing.T) {
	app := backend.NewApplication()
	app.Entity.Province, app.Entity.Nature, app.Entity.Person.IDType = "xinjiang", "enterprise", "idcard"
	app.Websites = append(app.Websites, backend.Website{ID: "w2", SameAsEntity: true})
	console := slotKeys(SlotsFor(app))
	for _, want := range []string{"websites.0.photos.handheld_id", "websites.1.photos.handheld_id", "websites.0.photos.checklist_scan",
		"websites.0.photos.backdrop", "photos.xj_party_letter"} {
		if _, ok := console[want]; !ok {
			t.Errorf("console: missing %s", want)
		}
	}
	if _, ok := console["websites.0.photos.commitment_letter"]; ok {
		t.Error("console: commitment letter asked for")
	}
	app.Flow = backend.FlowMiniProgram
	mini := slotKeys(SlotsFor(app))
	for _, want := range []string{"websites.0.photos.commitment_letter", "websites.1.photos.commitment_letter", "photos.xj_party_letter", "photos.person_id_front"} {
		if _, ok := mini[want]; !ok {
			t.Errorf("mini program: missing %s", want)
		}
	}
	for _, not := range []string{"websites.0.photos.checklist_scan", "websites.0.photos.backdrop", "websites.0.photos.handheld_id"} {
		if _, ok := mini[not]; ok {
			t.Errorf("mini program: %s asked for", not)
		}
	}
	if spec, ok := SpecFor(mini["photos.xj_party_letter"]); !ok || spec.NameZh != "网站党建备案信息确认函" || spec.Kind != "page" {
		t.Errorf("the letter's slot: %+v", spec)
	}
	app.Entity.Province = "henan"
	if _, ok := slotKeys(SlotsFor(app))["photos.xj_party_letter"]; ok {
		t.Error("Xinjiang's letter asked for in Henan")
	}
	// A nature condition: Inner Mongolia asks institutions for the name form.
	app.Entity.Province, app.Entity.Nature = "inner_mongolia", "institution"
	if _, ok := slotKeys(SlotsFor(app))["photos.nm_name_form"]; !ok {
		t.Error("Inner Mongolia's name form for an institution")
	}
	app.Entity.Nature = "enterprise"
	if _, ok := slotKeys(SlotsFor(app))["photos.nm_name_form"]; ok {
		t.Error("Inner Mongolia's name form for an enterprise")
	}
}

func TestSlotRefKey(t *testing.T) {
	for _, c := range []struct {
		ref  SlotRef
		want string
	}{
		{SlotRef{Slot: "id_front"}, "id_front"},
		{SlotRef{Slot: "backdrop", WebsiteID: "w1"}, "websites.w1.backdrop"},
		{SlotRef{Slot: "backdrop", WebsiteID: "a-b.c/d"}, "websites.a_b_c_d.backdrop"},
	} {
		if got := c.ref.Key(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ref, got, c.want)
		}
	}
}

// A photo slot's source (assets/data/sources/photo_slots.json) names an
// existing slot: photo.slot.<key>, or photo.slot.<key>.<what> for a document
// the slot may take; the mini-program commitment letter's is Tencent's own page.
func TestSlotSources(t *testing.T) {
	src, err := assets.Sources()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for id, s := range src {
		rest, ok := strings.CutPrefix(id, "photo.slot.")
		if !ok {
			continue
		}
		n++
		key, _, _ := strings.Cut(rest, ".")
		if _, ok := assets.PhotoSlotByKey(key); !ok {
			t.Errorf("source %s names no slot", id)
		}
		if s.Note == "" {
			t.Errorf("source %s says nothing of what was searched", id)
		}
	}
	if s := src["photo.slot.commitment_letter"]; !s.Confirmed() || !strings.Contains(s.Doc, "通过小程序进行首次备案") {
		t.Errorf("commitment letter source = %+v", s)
	}
	if n < 2 {
		t.Errorf("%d photo slot sources", n)
	}
}
