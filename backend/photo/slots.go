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
}

// SlotsFor lists the slots an application needs: the entity certificate
// (organisations), the person's ID sides, province extras, and per website the
// website person's ID (when a different person), the checklist, the backdrop
// photo and domain certificates.
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
		add("checklist_scan", w.ID, base+"checklist_scan", true, "checklist")
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
