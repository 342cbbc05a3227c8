package photo

import (
	"fmt"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
)

// SlotRef is one upload an application needs: the slot's key, the website it
// belongs to ("" for entity-level slots) and the JSON path findings use.
type SlotRef struct {
	Slot      string `json:"slot"`
	WebsiteID string `json:"websiteId,omitempty"`
	Field     string `json:"field"`
	Required  bool   `json:"required"`         // false: only in some cases the app cannot tell
	Reason    string `json:"reason,omitempty"` // why it is listed, an i18n key suffix
	// Province is the bureau's extra document this slot is for (its own
	// name and text); the slot's spec is then the generic province_document.
	Province *assets.ProvinceExtra `json:"province,omitempty"`
}

// ProvinceDocumentSlot is the spec every province extra document uses.
const ProvinceDocumentSlot = "province_document"

// SpecFor returns the slot's specification; a province extra gets the
// generic province_document spec under its own name, key and text.
func SpecFor(ref SlotRef) (assets.PhotoSlot, bool) {
	if ref.Province == nil {
		return assets.PhotoSlotByKey(ref.Slot)
	}
	spec, ok := assets.PhotoSlotByKey(ProvinceDocumentSlot)
	if !ok {
		return spec, false
	}
	x := ref.Province
	spec.NameZh, spec.NameEn, spec.NeedZh, spec.NeedEn = x.TitleZh(), strings.Trim(x.En, " "), x.Zh, x.En
	spec.ConsoleLabelZh = spec.NameZh
	return spec, true
}

// SlotsFor lists the slots an application needs in its filing flow: the
// entity certificate (organisations), the person's ID sides, province extras,
// and per website the website person's ID (when a different person), the
// hand-held ID photo, the signed checklist (console) or the commitment letter
// (mini program), the backdrop photo (console) and domain certificates.
func SlotsFor(app backend.Application) []SlotRef {
	d, err := assets.Photos()
	if err != nil {
		return nil
	}
	prov, _ := assets.ProvinceByKey(app.Entity.Province)
	individual := false
	for _, n := range d.IndividualNatures {
		if strings.EqualFold(app.Entity.Nature, n) {
			individual = true
		}
	}
	var out []SlotRef
	add := func(slot, site, field string, required bool, reason string) {
		// Each flow asks for its own materials (photo_slots.json "flows").
		if spec, ok := assets.PhotoSlotByKey(slot); ok && !spec.InFlow(string(app.Flow)) {
			return
		}
		out = append(out, SlotRef{Slot: slot, WebsiteID: site, Field: field, Required: required, Reason: reason})
	}
	if !individual {
		add("entity_cert", "", "photos.entity_cert", true, "organisation")
	}
	add("person_id_front", "", "photos.person_id_front", true, "entity_person")
	if sides(d, app.Entity.Person.IDType) > 1 {
		add("person_id_back", "", "photos.person_id_back", true, "entity_person")
	}
	if individual && prov.ResidenceProofIndividual {
		// Needed only when the ID address is in another province.
		add("residence_permit", "", "photos.residence_permit", false, "province_residence_proof")
	}
	if !individual && prov.EntityPersonAuthLetter {
		lr, p := strings.TrimSpace(app.Entity.LegalRep), strings.TrimSpace(app.Entity.Person.Name)
		add("auth_letter", "", "photos.auth_letter", lr != "" && p != "" && lr != p, "province_entity_auth_letter")
	}
	// The documents the province's bureau asks for in every case or for this
	// entity's nature (rules_provinces.json extras of kind "document"), each
	// in its own slot; the conditional ones (more than N domains…) stay with
	// the rules engine's findings.
	if rd, err := assets.Rules(); err == nil {
		for _, x := range rd.Province(app.Entity.Province, individual).Extra {
			if x.Kind != "document" || !extraAlways(x.When, app.Entity.Nature) {
				continue
			}
			x := x
			out = append(out, SlotRef{Slot: x.Key, Field: "photos." + x.Key, Required: true, Reason: "province_extra", Province: &x})
		}
	}
	total := 0
	for _, w := range app.Websites {
		total += countDomains(w.Domains)
	}
	for i, w := range app.Websites {
		base := fmt.Sprintf("websites.%d.photos.", i)
		if !w.SameAsEntity {
			add("website_person_id_front", w.ID, base+"website_person_id_front", true, "website_person")
			if sides(d, w.Person.IDType) > 1 {
				add("website_person_id_back", w.ID, base+"website_person_id_back", true, "website_person")
			}
		}
		if !individual && prov.WebsitePersonAuthLetter {
			name := w.Person.Name
			if w.SameAsEntity {
				name = app.Entity.Person.Name
			}
			lr := strings.TrimSpace(app.Entity.LegalRep)
			add("auth_letter", w.ID, base+"auth_letter", lr != "" && strings.TrimSpace(name) != lr, "province_website_auth_letter")
		}
		// The website person in charge holds their document (材料上传.md:
		// 负责人手持营业执照…建议保证五官可见，证件清晰无遮挡).
		add("handheld_id", w.ID, base+"handheld_id", true, "website_person_handheld")
		add("checklist_scan", w.ID, base+"checklist_scan", true, "checklist")
		add("commitment_letter", w.ID, base+"commitment_letter", true, "miniprogram_commitment")
		add("backdrop", w.ID, base+"backdrop", true, "backdrop")
		// Provinces count the domains of the whole order ("from five domains on").
		if n := prov.DomainCertificateFrom; n > 0 && total >= n && countDomains(w.Domains) > 0 {
			add("domain_cert", w.ID, base+"domain_cert", true, "province_domain_cert")
		}
	}
	return out
}

func sides(d *assets.PhotoData, idType string) int {
	if n, ok := d.IDTypeSides[idType]; ok {
		return n
	}
	return 2
}

func countDomains(ds []string) int {
	n := 0
	for _, d := range ds {
		if strings.TrimSpace(d) != "" {
			n++
		}
	}
	return n
}

// IsOrganisation reports whether the application's entity is an organisation
// (its pages carry a red seal), from the individual natures in the photo data.
func IsOrganisation(app backend.Application) bool {
	for _, n := range assets.MustPhotos().IndividualNatures {
		if strings.EqualFold(app.Entity.Nature, n) {
			return false
		}
	}
	return strings.TrimSpace(app.Entity.Nature) != ""
}

// extraAlways: a province extra's condition that holds whatever the order's
// size or names: "always", or "natures:a,b" naming the entity's nature.
func extraAlways(when, nature string) bool {
	if when == "always" {
		return true
	}
	if list, ok := strings.CutPrefix(when, "natures:"); ok {
		for _, n := range strings.Split(list, ",") {
			if strings.TrimSpace(n) == nature && nature != "" {
				return true
			}
		}
	}
	return false
}

// Key is the storage key of a slot (backend.PhotoSlotKey).
func (r SlotRef) Key() string { return backend.PhotoSlotKey(r.WebsiteID, r.Slot) }

// RequiredSlotKeys are the storage keys of the slots the application must
// fill (the readiness gate's photo items).
func RequiredSlotKeys(a backend.Application) []string {
	var keys []string
	for _, ref := range SlotsFor(a) {
		if ref.Required {
			keys = append(keys, ref.Key())
		}
	}
	return keys
}

// ChecklistScanSlots maps each website to the storage key of its signed
// checklist scan.
func ChecklistScanSlots(a backend.Application) map[string]string {
	out := map[string]string{}
	for _, ref := range SlotsFor(a) {
		if ref.Slot == "checklist_scan" && ref.WebsiteID != "" {
			out[ref.WebsiteID] = ref.Key()
		}
	}
	return out
}
