package assets

import (
	"fmt"
	"testing"
)

func TestRules(t *testing.T) {
	d, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := d.Nature("enterprise"); !ok || n.Zh != "企业" || n.Individual {
		t.Fatalf("enterprise nature = %+v", n)
	}
	if n, ok := d.Nature("individual"); !ok || !n.Individual {
		t.Fatalf("individual nature = %+v", n)
	}
	if c, ok := d.CertType("business_licence"); !ok || c.Number != "uscc_or_regno" {
		t.Fatalf("business licence = %+v", c)
	}
	if len(d.Natures) != 18 {
		t.Errorf("got %d natures, want the 18 of fields.md §1", len(d.Natures))
	}
	if !d.TLDs["com"] || !d.TLDs["中国"] || d.TLDs["#"] || d.TLDs["example"] {
		t.Errorf("TLD table wrong: com=%v 中国=%v", d.TLDs["com"], d.TLDs["中国"])
	}
	if p := d.Province("henan", true); p.MaxDomainsPerSite != 1 || p.LocalID != "required" || p.MaxDomainsOrder != 3 {
		t.Errorf("henan individual rules = %+v", p)
	}
	if p := d.Province("henan", false); p.LocalID != "" || p.MaxDomainsOrder != 5 || p.EntityPerson != "legal_rep" {
		t.Errorf("henan organisation rules = %+v", p)
	}
	if p := d.Province("nowhere", true); p.MinAge != 0 || p.Extra != nil {
		t.Errorf("unknown province must have no rules: %+v", p)
	}
	for _, pa := range d.PreApprovals {
		if pa.Key == "" || pa.Zh == "" || len(pa.Keywords) == 0 {
			t.Errorf("incomplete pre-approval %+v", pa)
		}
	}
}

// Every numbered item of every province's section is accounted for: encoded
// (a ref) or listed with the reason it cannot be checked offline.
func TestProvinceItemsCovered(t *testing.T) {
	d, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := Provinces()
	for _, p := range ps {
		for name, r := range map[string]ProvinceRules{"individual": d.Province(p.Key, true), "organisation": d.Province(p.Key, false)} {
			if r.Items == 0 {
				t.Errorf("%s %s: no items", p.Key, name)
				continue
			}
			covered := map[int]bool{}
			for _, items := range r.Refs {
				for _, i := range items {
					covered[i] = true
				}
			}
			for item := range r.Offline {
				var i int
				fmt.Sscanf(item, "%d", &i)
				covered[i] = true
			}
			for i := 1; i <= r.Items; i++ {
				if !covered[i] {
					t.Errorf("%s %s: item %d is neither encoded nor listed as offline", p.Key, name, i)
				}
			}
		}
	}
}

func TestProvinceRulesValidate(t *testing.T) {
	for name, r := range map[string]ProvinceRules{
		"no items":   {},
		"ref range":  {Items: 2, Refs: map[string][]int{"min_age": {3}}},
		"offline":    {Items: 2, Offline: map[string]string{"1": "weather"}},
		"offline no": {Items: 2, Offline: map[string]string{"x": "photo"}},
		"disagree":   {Items: 2, Disagree: []Disagreement{{Item: 9}}},
	} {
		if r.validate() == nil {
			t.Errorf("%s: validated", name)
		}
	}
	if err := (ProvinceRules{Items: 2, Refs: map[string][]int{"min_age": {2}}, Offline: map[string]string{"1": "photo"}}).validate(); err != nil {
		t.Error(err)
	}
}
