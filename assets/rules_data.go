package assets

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Label is an option's stable key with its Chinese and English names.
type Label struct {
	Key         string `json:"key"`
	Zh          string `json:"zh"`
	En          string `json:"en"`
	NeedsRemark bool   `json:"needs_remark,omitempty"`
}

// Nature is an entity nature (主办单位性质) with its allowed certificate types.
type Nature struct {
	Key             string   `json:"key"`
	Zh              string   `json:"zh"`
	En              string   `json:"en"`
	Individual      bool     `json:"individual"`
	NationalBody    bool     `json:"national_body"`
	CertTypes       []string `json:"cert_types"`
	USCCAuthorities []string `json:"uscc_authorities"`
}

// CertType is a certificate type; Number names the number format rules apply.
type CertType struct {
	Key    string `json:"key"`
	Zh     string `json:"zh"`
	En     string `json:"en"`
	Number string `json:"number"`
}

// PersonIDType says which persons in charge may use an ID type.
type PersonIDType struct {
	Key           string `json:"key"`
	EntityPerson  bool   `json:"entity_person"`
	WebsitePerson bool   `json:"website_person"`
}

// USCCAuthority is a GB 32100 registration-authority code and its category codes.
type USCCAuthority struct {
	Code       string   `json:"code"`
	Zh         string   `json:"zh"`
	Categories []string `json:"categories"`
}

// CloudService is a Tencent product a website can be filed on.
type CloudService struct {
	Key string `json:"key"`
	Zh  string `json:"zh"`
	En  string `json:"en"`
	IP  bool   `json:"ip"`
}

// PreApprovalKind is a pre-approval category (前置审批) with the name keywords hinting at it.
type PreApprovalKind struct {
	Key      string   `json:"key"`
	Zh       string   `json:"zh"`
	En       string   `json:"en"`
	Keywords []string `json:"keywords"`
}

// NameRules are the website-name keyword lists.
type NameRules struct {
	MinChineseChars     int      `json:"min_chinese_chars"`
	AllowedSymbols      string   `json:"allowed_symbols"`
	LeadingForbidden    []string `json:"leading_forbidden"`
	ContainedWarn       []string `json:"contained_warn"`
	Sensitive           []string `json:"sensitive"`
	SensitiveHeuristic  []string `json:"sensitive_heuristic"`
	IndividualForbidden []string `json:"individual_forbidden"`
	IndividualCommerce  []string `json:"individual_commercial"`
	IndividualHeuristic []string `json:"individual_heuristic"`
	IndividualBare      []string `json:"individual_bare"`
	PlaceNames          []string `json:"place_names"`
}

// Limits are the numeric defaults of the rules engine.
type Limits struct {
	WebsitesPerOrderOrganisation int `json:"websites_per_order_organisation"`
	WebsitesPerOrderIndividual   int `json:"websites_per_order_individual"`
	DomainsPerWebsiteStrict      int `json:"domains_per_website_strict"`
	DomainsPerWebsiteMax         int `json:"domains_per_website_max"`
	IDValidityWarnMonths         int `json:"id_validity_warn_months"`
	AdultAge                     int `json:"adult_age"`
	MinBirthYear                 int `json:"min_birth_year"`
	TextSanityCap                int `json:"text_sanity_cap"`
}

// ProvinceExtra is an extra document, photo, checklist or general note a bureau asks for.
type ProvinceExtra struct {
	Kind string `json:"kind"` // document | photo | checklist | note
	Key  string `json:"key"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
	When string `json:"when"`
}

// ProvinceRules are the structured rules of one province (zero value = no extra rule).
type ProvinceRules struct {
	IndividualLocalID         string          `json:"individual_local_id"`
	MinAge                    int             `json:"min_age"`
	ProofBelowAge             int             `json:"proof_below_age"`
	IndividualRemark          bool            `json:"individual_remark"`
	IndividualRemarkMinLen    int             `json:"individual_remark_min_len"`
	IndividualStatement       bool            `json:"individual_statement"`
	IndividualBlog            string          `json:"individual_blog"`
	MaxWebsitesOrder          int             `json:"max_websites_order"`
	MaxDomainsPerSite         int             `json:"max_domains_per_site"`
	MaxDomainsPerSiteFirst    int             `json:"max_domains_per_site_first"`
	MaxDomainsOrderIndividual int             `json:"max_domains_order_individual"`
	MaxDomainsOrderOrg        int             `json:"max_domains_order_organisation"`
	HomeURL                   string          `json:"home_url"`
	MultiDomainRemark         bool            `json:"multi_domain_remark"`
	ForbiddenTLDs             []string        `json:"forbidden_tlds"`
	ForbidCcTLD               bool            `json:"forbid_cctld"`
	ForbiddenTLDsIndividual   []string        `json:"forbidden_tlds_individual"`
	DomainMinMonths           int             `json:"domain_min_months"`
	EnterpriseCertTypes       []string        `json:"enterprise_cert_types"`
	USCCOnly                  bool            `json:"uscc_only"`
	USCCOnlyNatures           []string        `json:"uscc_only_natures"`
	InvestorRule              string          `json:"investor_rule"`
	OfficePhoneRequiredAll    bool            `json:"office_phone_required_all"`
	OfficePhoneRemark         bool            `json:"office_phone_remark"`
	LandlineRequiredOrg       bool            `json:"landline_required_org"`
	EmergencyPhoneRequired    bool            `json:"emergency_phone_required"`
	LocalPhone                bool            `json:"local_phone"`
	UniqueIDMobile            bool            `json:"unique_id_mobile"`
	NameForbiddenWords        []string        `json:"name_forbidden_words"`
	WebsitePersonEqualsEntity bool            `json:"website_person_equals_entity"`
	ForeignLegalRepAuthorise  bool            `json:"foreign_legal_rep_authorise"`
	NoForeignRegistrar        bool            `json:"no_foreign_registrar"`
	AddressNoShorthand        bool            `json:"address_no_shorthand"`
	OneFilingNumber           bool            `json:"one_filing_number"`
	Extra                     []ProvinceExtra `json:"extra"`
}

// RuleData is every rule table backend/rules uses, parsed once from data/rules_*.json
// and data/tlds.txt.
type RuleData struct {
	Natures         []Nature
	CertTypes       []CertType
	PersonIDTypes   []PersonIDType
	USCCAuthorities []USCCAuthority
	ServiceContent  []Label
	Languages       []Label
	CloudServices   []CloudService
	PreApprovals    []PreApprovalKind
	NameRules       NameRules
	Limits          Limits
	Provinces       map[string]ProvinceRules
	TLDs            map[string]bool

	natures   map[string]*Nature
	certTypes map[string]*CertType
}

// Nature returns the nature with the given key.
func (d *RuleData) Nature(key string) (*Nature, bool) { n, ok := d.natures[key]; return n, ok }

// CertType returns the certificate type with the given key.
func (d *RuleData) CertType(key string) (*CertType, bool) { c, ok := d.certTypes[key]; return c, ok }

// Province returns the structured rules of a province (zero value when it has none).
func (d *RuleData) Province(key string) ProvinceRules { return d.Provinces[key] }

var (
	rulesOnce sync.Once
	rulesData *RuleData
	rulesErr  error
)

// Rules returns the rule tables, parsed once.
func Rules() (*RuleData, error) {
	rulesOnce.Do(func() { rulesData, rulesErr = loadRules() })
	return rulesData, rulesErr
}

// MustRules is Rules for callers that cannot run without the embedded tables
// (a parse error is a build defect, caught by the assets tests).
func MustRules() *RuleData {
	d, err := Rules()
	if err != nil {
		panic(err)
	}
	return d
}

func loadRules() (*RuleData, error) {
	d := &RuleData{}
	var ent struct {
		Natures         []Nature        `json:"natures"`
		CertTypes       []CertType      `json:"cert_types"`
		PersonIDTypes   []PersonIDType  `json:"person_id_types"`
		USCCAuthorities []USCCAuthority `json:"uscc_authorities"`
	}
	var web struct {
		ServiceContent []Label           `json:"service_content"`
		Languages      []Label           `json:"languages"`
		CloudServices  []CloudService    `json:"cloud_services"`
		PreApprovals   []PreApprovalKind `json:"pre_approvals"`
		NameRules      NameRules         `json:"name_rules"`
		Limits         Limits            `json:"limits"`
	}
	var prov struct {
		Provinces map[string]ProvinceRules `json:"provinces"`
	}
	for name, v := range map[string]any{"data/rules_entity.json": &ent, "data/rules_website.json": &web, "data/rules_provinces.json": &prov} {
		b, err := files.ReadFile(name)
		if err == nil {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			return nil, fmt.Errorf("assets: %s: %w", name, err)
		}
	}
	d.Natures, d.CertTypes, d.PersonIDTypes, d.USCCAuthorities = ent.Natures, ent.CertTypes, ent.PersonIDTypes, ent.USCCAuthorities
	d.ServiceContent, d.Languages, d.CloudServices, d.PreApprovals = web.ServiceContent, web.Languages, web.CloudServices, web.PreApprovals
	d.NameRules, d.Limits, d.Provinces = web.NameRules, web.Limits, prov.Provinces
	d.natures = map[string]*Nature{}
	for i := range d.Natures {
		d.natures[d.Natures[i].Key] = &d.Natures[i]
	}
	d.certTypes = map[string]*CertType{}
	for i := range d.CertTypes {
		d.certTypes[d.CertTypes[i].Key] = &d.CertTypes[i]
	}
	// Cross-references are checked here so a typo in a table fails loudly once.
	for _, n := range d.Natures {
		for _, c := range n.CertTypes {
			if _, ok := d.certTypes[c]; !ok {
				return nil, fmt.Errorf("assets: nature %s: unknown certificate type %q", n.Key, c)
			}
		}
	}
	for _, p := range d.PersonIDTypes {
		if _, ok := d.certTypes[p.Key]; !ok {
			return nil, fmt.Errorf("assets: person ID type %q has no certificate type entry", p.Key)
		}
	}
	ps, err := Provinces()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, p := range ps {
		known[p.Key] = true
	}
	keys := make([]string, 0, len(d.Provinces))
	for k := range d.Provinces {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			return nil, fmt.Errorf("assets: data/rules_provinces.json: unknown province %q", k)
		}
	}
	tl, err := files.ReadFile("data/tlds.txt")
	if err != nil {
		return nil, fmt.Errorf("assets: data/tlds.txt: %w", err)
	}
	d.TLDs = map[string]bool{}
	for _, line := range strings.Split(string(tl), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		d.TLDs[strings.ToLower(line)] = true
	}
	if len(d.Natures) == 0 || len(d.TLDs) == 0 || d.NameRules.MinChineseChars == 0 {
		return nil, fmt.Errorf("assets: rule tables incomplete")
	}
	return d, nil
}
