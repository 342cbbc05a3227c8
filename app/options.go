package app

import (
	"icpdesk/assets"
	"icpdesk/backend"
)

// Choice is one option of a select: a stable key with its two labels.
type Choice struct {
	Key         string `json:"key"`
	Zh          string `json:"zh"`
	En          string `json:"en"`
	NeedsRemark bool   `json:"needsRemark,omitempty"`
}

// NatureChoice is an entity nature with the certificate types it may use.
type NatureChoice struct {
	Choice
	Individual bool     `json:"individual"`
	CertTypes  []string `json:"certTypes"`
}

// IDTypeChoice is a person ID type, its names (those of the certificate type
// of the same key) and whom it may identify.
type IDTypeChoice struct {
	Choice
	EntityPerson  bool `json:"entityPerson"`
	WebsitePerson bool `json:"websitePerson"`
}

// ProvinceChoice is a province for the region select.
type ProvinceChoice struct {
	Choice
	Abbr       string   `json:"abbr"`
	ICPAbbr    string   `json:"icpAbbr"`    // of ICP numbers (蜀 for Sichuan)
	PSBAbbr    []string `json:"psbAbbr"`    // of PSB numbers where it differs
	RegionCode string   `json:"regionCode"` // first two digits of codes issued there
}

// FormOptions are the choices the wizard's selects offer, from assets/data.
type FormOptions struct {
	Natures        []NatureChoice   `json:"natures"`
	CertTypes      []Choice         `json:"certTypes"`
	IDTypes        []IDTypeChoice   `json:"idTypes"`
	Provinces      []ProvinceChoice `json:"provinces"`
	ServiceContent []Choice         `json:"serviceContent"`
	Languages      []Choice         `json:"languages"`
	CloudServices  []Choice         `json:"cloudServices"`
	PreApprovals   []Choice         `json:"preApprovals"`
	MaxWebsitesOrg int              `json:"maxWebsitesOrg"`
	MaxWebsitesInd int              `json:"maxWebsitesInd"`
}

func formOptions() (FormOptions, error) {
	d, err := assets.Rules()
	if err != nil {
		return FormOptions{}, backend.Wrap(backend.ECodeInternal, err)
	}
	ps, err := assets.Provinces()
	if err != nil {
		return FormOptions{}, backend.Wrap(backend.ECodeInternal, err)
	}
	o := FormOptions{
		MaxWebsitesOrg: d.Limits.WebsitesPerOrderOrganisation,
		MaxWebsitesInd: d.Limits.WebsitesPerOrderIndividual,
	}
	for _, n := range d.Natures {
		o.Natures = append(o.Natures, NatureChoice{Choice: Choice{Key: n.Key, Zh: n.Zh, En: n.En}, Individual: n.Individual, CertTypes: n.CertTypes})
	}
	for _, c := range d.CertTypes {
		o.CertTypes = append(o.CertTypes, Choice{Key: c.Key, Zh: c.Zh, En: c.En})
	}
	for _, t := range d.PersonIDTypes {
		ct, ok := d.CertType(t.Key)
		if !ok {
			return FormOptions{}, backend.Errorf(backend.ECodeInternal, "", nil, "person ID type %q has no certificate type", t.Key)
		}
		o.IDTypes = append(o.IDTypes, IDTypeChoice{Choice: Choice{Key: t.Key, Zh: ct.Zh, En: ct.En}, EntityPerson: t.EntityPerson, WebsitePerson: t.WebsitePerson})
	}
	for _, p := range ps {
		o.Provinces = append(o.Provinces, ProvinceChoice{Choice: Choice{Key: p.Key, Zh: p.NameZh, En: p.NameEn}, Abbr: p.Abbr,
			ICPAbbr: p.ICPAbbr, PSBAbbr: append([]string{}, p.PSBAbbr...), RegionCode: p.RegionCodePrefix})
	}
	labels := func(ls []assets.Label) []Choice {
		out := make([]Choice, 0, len(ls))
		for _, l := range ls {
			out = append(out, Choice{Key: l.Key, Zh: l.Zh, En: l.En, NeedsRemark: l.NeedsRemark})
		}
		return out
	}
	o.ServiceContent = labels(d.ServiceContent)
	o.Languages = labels(d.Languages)
	for _, c := range d.CloudServices {
		o.CloudServices = append(o.CloudServices, Choice{Key: c.Key, Zh: c.Zh, En: c.En})
	}
	for _, p := range d.PreApprovals {
		o.PreApprovals = append(o.PreApprovals, Choice{Key: p.Key, Zh: p.Zh, En: p.En})
	}
	return o, nil
}
