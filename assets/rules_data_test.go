package assets

import "testing"

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
	if p := d.Province("henan"); p.MaxDomainsPerSite != 1 || p.IndividualLocalID != "required" {
		t.Errorf("henan rules = %+v", p)
	}
	if p := d.Province("nowhere"); p.MinAge != 0 || p.Extra != nil {
		t.Errorf("unknown province must have no rules: %+v", p)
	}
	for _, pa := range d.PreApprovals {
		if pa.Key == "" || pa.Zh == "" || len(pa.Keywords) == 0 {
			t.Errorf("incomplete pre-approval %+v", pa)
		}
	}
}
