// Package assets embeds the data files (rule tables) and fonts ICP Desk ships,
// so the app and the CLI work offline with nothing installed beside them.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"
)

//go:embed data fonts
var files embed.FS

// FS is the embedded tree ("data/…", "fonts/…").
var FS fs.FS = files

// Read returns an embedded file's bytes.
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Load parses every embedded data table once. The app and the CLI call it at
// start-up and refuse to start when it fails, so later lookups cannot turn a
// broken data file into a plausible answer (an empty list, "no match").
func Load() error {
	loaders := []func() error{
		func() error { _, err := Provinces(); return err },
		func() error { _, err := Rules(); return err },
		func() error { _, err := Photos(); return err },
		func() error { _, err := Rejections(); return err },
		func() error { _, err := Sources(); return err },
		func() error { _, err := Console(); return err },
		func() error { _, err := Order(); return err },
	}
	for _, load := range loaders {
		if err := load(); err != nil {
			return err
		}
	}
	return nil
}

// Province is one provincial-level division with the filing rules the app
// uses; generated into data/provinces.json by scripts/convert_provinces.py.
type Province struct {
	Key                      string   `json:"key"`
	NameZh                   string   `json:"name_zh"`
	NameEn                   string   `json:"name_en"`
	Abbr                     string   `json:"abbr"`
	ICPAbbr                  string   `json:"icp_abbr"`
	ICPAbbrAlt               []string `json:"icp_abbr_alt"`
	PSBAbbr                  []string `json:"psb_abbr"`
	RegionCodePrefix         string   `json:"region_code_prefix"`
	BureauReviewWorkingDays  int      `json:"bureau_review_working_days"`
	EntityPerson             string   `json:"entity_person"` // legal_rep | auth_letter | any
	EntityPersonAuthLetter   bool     `json:"entity_person_auth_letter"`
	WebsitePersonAuthLetter  bool     `json:"website_person_auth_letter"`
	FingerprintIndividual    bool     `json:"fingerprint_individual"`
	ResidenceProofIndividual bool     `json:"residence_proof_individual"`
	ElectronicVerification   bool     `json:"electronic_verification"`
	DomainCertificateFrom    int      `json:"domain_certificate_from"` // 0 = never; n = from n domains on
	ChecklistRegistrarNote   bool     `json:"checklist_registrar_note"`
	ChecklistVariant         string   `json:"checklist_variant"` // standard | guangdong
	RequirementsEn           []string `json:"requirements_en"`
	Sources                  []string `json:"sources"`
}

var (
	provincesOnce sync.Once
	provinces     []Province
	provincesErr  error
)

// Provinces returns the 31 provinces, parsed once.
func Provinces() ([]Province, error) {
	provincesOnce.Do(func() {
		var doc struct {
			Provinces []Province `json:"provinces"`
		}
		b, err := files.ReadFile("data/provinces.json")
		if err == nil {
			err = json.Unmarshal(b, &doc)
		}
		if err == nil && len(doc.Provinces) == 0 {
			err = fmt.Errorf("no provinces")
		}
		if err != nil {
			provincesErr = fmt.Errorf("assets: data/provinces.json: %w", err)
			return
		}
		provinces = doc.Provinces
	})
	return provinces, provincesErr
}

// MustProvinces is Provinces for code that runs after Load succeeded at
// start-up: the embedded file cannot change in a running program, so a
// failure here is a build defect and stops the program rather than reading
// as "no province matches".
func MustProvinces() []Province {
	ps, err := Provinces()
	if err != nil {
		panic(err)
	}
	return ps
}

// ProvinceByKey returns the province with the given key.
func ProvinceByKey(key string) (Province, bool) {
	ps := MustProvinces()
	for _, p := range ps {
		if p.Key == key {
			return p, true
		}
	}
	return Province{}, false
}
