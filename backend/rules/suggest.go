package rules

import (
	"encoding/json"
	"sync"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Suggestion is what the typed certificate number (and the certificate
// address) say about fields the clerk has not filled in yet. They are only
// suggestions: the clerk confirms each one; nothing is filled in unasked.
type Suggestion struct {
	Kind     string `json:"kind,omitempty"`     // what the number is: idcard, uscc, orgcode
	Nature   string `json:"nature,omitempty"`   // entity nature key the number implies
	CertType string `json:"certType,omitempty"` // certificate type key the number implies
	Province string `json:"province,omitempty"` // province key
	// ProvinceFrom says where the province comes from: "address" (the
	// certificate address, which decides the filing province of an
	// organisation) or "number" (the region digits, a hint only: a company
	// that moved keeps its USCC).
	ProvinceFrom string `json:"provinceFrom,omitempty"`
}

// Suggest reads the entity's certificate number and address. Only a number
// whose check character is right suggests anything.
func Suggest(e backend.Entity) Suggestion {
	data := assets.MustRules()
	var nature *assets.Nature
	if n, ok := data.Nature(e.Nature); ok {
		nature = n
	}
	num := normalizeID(e.CertNumber)
	var s Suggestion
	s.Kind = NumberKind(num, nature != nil, nature != nil && nature.Individual)
	region := ""
	switch s.Kind {
	case "idcard":
		if want, _ := IDCheckChar(num[:17]); len(num) == 18 && want == num[17] && looksLikeResidentID(num) {
			s.Nature, s.CertType, region = "individual", "idcard", num[:2]
		}
	case "uscc":
		if want, ok := USCCCheckChar(num[:17]); ok && want == num[17] {
			if n, ok := data.Nature(usccNature()[num[:2]]); ok {
				s.Nature = n.Key
				if n.Key == "enterprise" {
					s.CertType = "business_licence"
				}
			}
			if num[2:4] != "10" { // 10xxxx: a central-level registration, any province
				region = num[2:4]
			}
		}
	}
	if p := addressProvince(e.CertAddress); p != nil {
		s.Province, s.ProvinceFrom = p.Key, "address"
	} else if p := provinceByPrefix(region); region != "" && p != nil {
		s.Province, s.ProvinceFrom = p.Key, "number"
	}
	return s
}

// usccNature is the nature a USCC's authority and category codes suggest
// (assets/data/uscc_natures.json).
var usccNature = sync.OnceValue(func() map[string]string {
	var f struct {
		ByCode map[string]string `json:"by_code"`
	}
	b, err := assets.Read("data/uscc_natures.json")
	if err == nil {
		err = json.Unmarshal(b, &f)
	}
	if err != nil {
		panic("rules: data/uscc_natures.json: " + err.Error())
	}
	return f.ByCode
})
