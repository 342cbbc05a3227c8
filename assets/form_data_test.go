package assets

import "testing"

func TestFormOrderLoads(t *testing.T) {
	o, err := Order()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"answers", "entity", "person", "websites", "preApprovals", "idValidity"} {
		if len(o.Sections[s]) == 0 {
			t.Errorf("section %s missing", s)
		}
	}
}

func TestFormOrderRefusesABrokenTable(t *testing.T) {
	for name, b := range map[string]string{
		"not json":          `{`,
		"no whole-app slot": `{"top": ["entity"], "sections": {"entity": ["name"]}}`,
		"twice":             `{"top": ["entity", ""], "sections": {"entity": ["name", "name"]}}`,
		"no section":        `{"top": ["entity", ""], "sections": {}}`,
	} {
		if _, err := parseFormOrder([]byte(b)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
