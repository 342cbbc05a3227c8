package assets

import "testing"

func TestRejections(t *testing.T) {
	rs, err := Rejections()
	if err != nil {
		t.Fatal(err)
	}
	// rejections.md has 26 rows; every one is here once, plus "other".
	rows := map[int]bool{}
	for _, r := range rs {
		if r.N > 0 {
			rows[r.N] = true
		}
	}
	if len(rows) != 26 || len(rs) != 27 {
		t.Errorf("%d rows of rejections.md covered, %d reasons", len(rows), len(rs))
	}
	if r, ok := RejectionByID("website_name"); !ok || r.Fields[0] != "websites.*.name" {
		t.Errorf("website_name: %+v %v", r, ok)
	}
	if _, ok := RejectionByID("nope"); ok {
		t.Error("unknown id found")
	}
}

func TestParseRejectionsRejects(t *testing.T) {
	for _, doc := range []string{
		`{}`,
		`{"reasons":[{"id":"a","zh":"甲","en":"A"},{"id":"a","zh":"甲","en":"A"}]}`,
		`{"reasons":[{"id":"A b","zh":"甲","en":"A"}]}`,
		`{"reasons":[{"id":"a","zh":"","en":"A"}]}`,
		`{"reasons":[{"id":"a","zh":"甲","en":"A","fields":["../x"]}]}`,
		`not json`,
	} {
		if _, err := parseRejections([]byte(doc)); err == nil {
			t.Errorf("accepted %s", doc)
		}
	}
}
