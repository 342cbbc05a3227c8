package assets

import "testing"

func TestProvinces(t *testing.T) {
	ps, err := Provinces()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 31 {
		t.Fatalf("got %d provinces, want 31", len(ps))
	}
	seenKey, seenPrefix := map[string]bool{}, map[string]bool{}
	for _, p := range ps {
		if p.Key == "" || p.NameZh == "" || len(p.RegionCodePrefix) != 2 || p.ICPAbbr == "" {
			t.Errorf("incomplete province %+v", p)
		}
		if seenKey[p.Key] || seenPrefix[p.RegionCodePrefix] {
			t.Errorf("duplicate key or prefix in %s", p.Key)
		}
		seenKey[p.Key], seenPrefix[p.RegionCodePrefix] = true, true
	}
	gd, ok := ProvinceByKey("guangdong")
	if !ok || gd.NameZh != "广东省" || gd.ChecklistVariant != "guangdong" || gd.RegionCodePrefix != "44" {
		t.Fatalf("guangdong = %+v", gd)
	}
	if sc, _ := ProvinceByKey("sichuan"); sc.ICPAbbr != "蜀" || len(sc.ICPAbbrAlt) != 1 || sc.ICPAbbrAlt[0] != "川" {
		t.Fatalf("sichuan abbreviations = %+v", sc)
	}
}

func TestLoad(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	if len(MustProvinces()) != 31 {
		t.Fatalf("MustProvinces: %d provinces, want 31", len(MustProvinces()))
	}
}
