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
	// NameKeywords are the keywords that name the category itself, on which
	// a province that refuses pre-approval keywords in a website name blocks;
	// the other keywords only suggest the content and warn. Empty for the
	// categories whose pre-approval was abolished (教育, 医疗保健, 电子公告).
	NameKeywords []string `json:"name_keywords"`
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

// TitleZh is the document's title: the text inside the first 《》 of Zh, or
// Zh without its book-title marks when it has none. It names the extra's
// upload slot and its file in the submission package.
func (x ProvinceExtra) TitleZh() string {
	if i := strings.Index(x.Zh, "《"); i >= 0 {
		if j := strings.Index(x.Zh[i:], "》"); j > 0 {
			return x.Zh[i+len("《") : i+j]
		}
	}
	return strings.Trim(x.Zh, "《》")
}

// Disagreement is a province item that another Tencent page contradicts; the
// stricter reading is at most a warning.
type Disagreement struct {
	Item int    `json:"item"`
	Text string `json:"text"`
}

// Offline reasons: why a numbered province item cannot be checked from the
// application data.
var OfflineReasons = []string{"photo", "call", "paper", "domain", "site", "record", "document", "permissive"}

// ProvinceRules are one province's rules for one entity nature (个人 or
// 企事业单位), each flag traceable to the numbered item of Tencent's
// 各省管局要求 it encodes (zero value = no extra rule).
type ProvinceRules struct {
	// Items is how many numbered items the province's section for this nature has.
	Items int `json:"items"`
	// Refs maps a flag (json name), a generic rule id or "extra:<key>" to the item numbers it encodes.
	Refs map[string][]int `json:"refs"`
	// ChangeRefs maps a flag to its item number in the section's 变更相关 list.
	ChangeRefs map[string]int `json:"change_refs"`
	// Offline maps an item number to why it cannot be checked offline (OfflineReasons).
	Offline  map[string]string `json:"offline"`
	Disagree []Disagreement    `json:"disagree"`
	Extra    []ProvinceExtra   `json:"extra"`

	LocalID                   string   `json:"local_id"` // required | residence_proof: the individual's certificate address
	PersonIDAddressLocal      bool     `json:"person_id_address_local"`
	MinAge                    int      `json:"min_age"`
	ProofBelowAge             int      `json:"proof_below_age"`
	PersonIDTypes             []string `json:"person_id_types"`
	ResidencePermitMinMonths  int      `json:"residence_permit_min_months"`
	RemarkContent             bool     `json:"remark_content"`
	RemarkMinLen              int      `json:"remark_min_len"`
	RemarkStatement           bool     `json:"remark_statement"`
	Blog                      string   `json:"blog"` // forbidden | required
	OtherNeedsRemark          bool     `json:"other_needs_remark"`
	OneSiteOneDomainNew       bool     `json:"one_site_one_domain_new"`
	MaxDomainsPerSite         int      `json:"max_domains_per_site"`
	MaxDomainsPerSiteFirst    int      `json:"max_domains_per_site_first"`
	MaxDomainsOrder           int      `json:"max_domains_order"`
	MaxDomainsOrderFirst      int      `json:"max_domains_order_first"`
	HomeURL                   string   `json:"home_url"` // one | per_domain
	MultiDomainRemark         string   `json:"multi_domain_remark"`
	ForbiddenTLDs             []string `json:"forbidden_tlds"`
	ForbidCcTLD               bool     `json:"forbid_cctld"`
	DisputedTLDs              []string `json:"disputed_tlds"`          // one Tencent page refuses, another allows: warn
	DomainLabelForbidden      []string `json:"domain_label_forbidden"` // words a non-national unit's domain may not carry
	NoForeignRegistrar        bool     `json:"no_foreign_registrar"`
	DomainMinMonths           int      `json:"domain_min_months"`
	DomainCertificateFrom     int      `json:"domain_certificate_from"`
	EnterpriseCertTypes       []string `json:"enterprise_cert_types"`
	OtherCertOrgcode          bool     `json:"other_cert_orgcode"`
	USCCOnly                  bool     `json:"uscc_only"`
	LawFirmUSCCOnly           bool     `json:"law_firm_uscc_only"`
	OldNumberOnTransfer       string   `json:"old_number_on_transfer"` // accepted | change_first
	InvestorEnterprise        string   `json:"investor_enterprise"`    // entity_name | legal_rep
	InvestorOther             string   `json:"investor_other"`         // superior
	InvestorGov               string   `json:"investor_gov"`           // superior | entity_or_superior
	InvestorAll               string   `json:"investor_all"`           // entity_name
	EntityPerson              string   `json:"entity_person"`          // legal_rep | auth_letter
	WebsitePersonAuthLetter   bool     `json:"website_person_auth_letter"`
	WebsitePersonEqualsEntity bool     `json:"website_person_equals_entity"`
	ForeignLegalRepAuthorise  bool     `json:"foreign_legal_rep_authorise"`
	Contact2Required          bool     `json:"contact2_required"`
	Contact2MobileRemark      string   `json:"contact2_mobile_remark"` // user_relation | third_staff | emergency
	NoLandlineRemark          string   `json:"no_landline_remark"`
	EmergencyPhoneRequired    bool     `json:"emergency_phone_required"`
	LocalPhone                bool     `json:"local_phone"`
	LocalPhoneApp             bool     `json:"local_phone_app"`
	LandlineRequired          bool     `json:"landline_required"`
	NameForbiddenWords        []string `json:"name_forbidden_words"`
	NameForbiddenIndividual   []string `json:"name_forbidden_individual"`
	NameNoPersonName          string   `json:"name_no_person_name"` // contains | exact: a website named after a person
	PlaceNameBlock            bool     `json:"place_name_block"`
	PlaceNameWarn             bool     `json:"place_name_warn"`
	PreapprovalNameBlock      bool     `json:"preapproval_name_block"`
	BBSNeedsApproval          bool     `json:"bbs_needs_approval"`
	LocalPortalGovOnly        bool     `json:"local_portal_gov_only"`
	AddressNoShorthand        bool     `json:"address_no_shorthand"`
	DistinctEmails            bool     `json:"distinct_emails"`
	ChecklistRegistrarNote    bool     `json:"checklist_registrar_note"`
	Fingerprint               bool     `json:"fingerprint"`
	OneFilingNumber           bool     `json:"one_filing_number"`
}

// ProvinceNatures are a province's rules for individuals and for organisations.
type ProvinceNatures struct {
	Individual   ProvinceRules `json:"individual"`
	Organisation ProvinceRules `json:"organisation"`
}

// Ref returns the item numbers that encode flag (a json name, rule id or "extra:key").
func (r ProvinceRules) Ref(flag string) []int { return r.Refs[flag] }

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
	Provinces       map[string]ProvinceNatures
	TLDs            map[string]bool

	natures   map[string]*Nature
	certTypes map[string]*CertType
}

// Nature returns the nature with the given key.
func (d *RuleData) Nature(key string) (*Nature, bool) { n, ok := d.natures[key]; return n, ok }

// CertType returns the certificate type with the given key.
func (d *RuleData) CertType(key string) (*CertType, bool) { c, ok := d.certTypes[key]; return c, ok }

// Province returns the rules of a province for individuals or for
// organisations (zero value when it has none).
func (d *RuleData) Province(key string, individual bool) ProvinceRules {
	if individual {
		return d.Provinces[key].Individual
	}
	return d.Provinces[key].Organisation
}

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
		Provinces map[string]ProvinceNatures `json:"provinces"`
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
		for _, n := range []struct {
			name string
			r    ProvinceRules
		}{{"individual", d.Provinces[k].Individual}, {"organisation", d.Provinces[k].Organisation}} {
			if err := n.r.validate(); err != nil {
				return nil, fmt.Errorf("assets: data/rules_provinces.json: %s %s: %w", k, n.name, err)
			}
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

// validate checks that every ref names an item of the section and every
// offline reason is known.
func (r ProvinceRules) validate() error {
	if r.Items <= 0 {
		return fmt.Errorf("no items")
	}
	for flag, items := range r.Refs {
		for _, i := range items {
			if i < 1 || i > r.Items {
				return fmt.Errorf("ref %s: item %d outside 1..%d", flag, i, r.Items)
			}
		}
	}
	for item, reason := range r.Offline {
		var i int
		if _, err := fmt.Sscanf(item, "%d", &i); err != nil || i < 1 || i > r.Items {
			return fmt.Errorf("offline item %q outside 1..%d", item, r.Items)
		}
		ok := false
		for _, x := range OfflineReasons {
			ok = ok || x == reason
		}
		if !ok {
			return fmt.Errorf("offline item %s: unknown reason %q", item, reason)
		}
	}
	for _, x := range r.Disagree {
		if x.Item < 1 || x.Item > r.Items {
			return fmt.Errorf("disagreement on item %d outside 1..%d", x.Item, r.Items)
		}
	}
	return nil
}
