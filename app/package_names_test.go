package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo"
	"icpdesk/backend/submit"
)

// memPackage is a PackageWriter that keeps the files in memory.
type memPackage struct{ files map[string]*bytes.Buffer }

func (m *memPackage) Create(name string) (io.Writer, error) {
	if m.files[name] != nil {
		return nil, fmt.Errorf("%s written twice", name)
	}
	m.files[name] = &bytes.Buffer{}
	return m.files[name], nil
}
func (m *memPackage) Close() error { return nil }
func (m *memPackage) Abort() error { return nil }

// TestPackagePhotoNamesEverySlot fills every slot photo.SlotsFor lists, for
// every province and entity nature in both filing flows, and checks the
// package names each photo after its console upload label in Chinese (a
// website's with its number and domain), never after the internal slot key,
// uniquely and in a form Windows accepts; the fields sheet names each file.
func TestPackagePhotoNamesEverySlot(t *testing.T) {
	provinces, err := assets.Provinces()
	if err != nil {
		t.Fatal(err)
	}
	rd := assets.MustRules()
	seen := map[string]bool{} // slot keys named at least once
	for _, prov := range provinces {
		for _, nature := range rd.Natures {
			for _, flow := range []backend.Flow{backend.FlowConsole, backend.FlowMiniProgram} {
				app := backend.NewApplication()
				app.Flow = flow
				app.Entity = backend.Entity{Province: prov.Key, Nature: nature.Key, Name: "某某单位", LegalRep: "张三",
					Person: backend.Person{Name: "王五", IDType: "idcard"}}
				app.Websites = []backend.Website{
					{ID: "w1", Domains: []string{"example.com", "example.cn", "example.net"}, SameAsEntity: true},
					{ID: "w-2", Domains: []string{" 例子.中国 ", "b.org", "c.org"}, Person: backend.Person{Name: "李四", IDType: "idcard"}},
					{ID: "w3", Person: backend.Person{Name: "赵六", IDType: "passport"}},
				}
				refs := photo.SlotsFor(app)
				in := submit.PackageInput{App: app, Created: time.Unix(0, 0)}
				for _, ref := range refs {
					in.Photos = append(in.Photos, submit.PackagePhoto{Slot: PhotoSlotKey(ref), MIME: "image/jpeg", Data: []byte(PhotoSlotKey(ref))})
				}
				w := &memPackage{files: map[string]*bytes.Buffer{}}
				m, err := submit.WritePackage(context.Background(), w, in)
				if err != nil {
					t.Fatal(err)
				}
				where := fmt.Sprintf("%s/%s/%s", prov.Key, nature.Key, flow)
				if m.Photos != len(refs) || len(w.files) != len(m.Files)+1 {
					t.Fatalf("%s: %d photos of %d slots, %d files for %d in the manifest", where, m.Photos, len(refs), len(w.files), len(m.Files))
				}
				byKey := map[string]submit.ManifestFile{}
				lower := map[string]bool{}
				for _, f := range m.Files {
					byKey[f.Slot] = f
					if lower[strings.ToLower(f.Name)] {
						t.Errorf("%s: %s twice (ignoring case)", where, f.Name)
					}
					lower[strings.ToLower(f.Name)] = true
					if backend.SafeFileName(f.Name) != f.Name || strings.ContainsAny(f.Name, `<>:"/\|?*`) ||
						len(utf16.Encode([]rune(f.Name))) > 255 || strings.HasSuffix(f.Name, ".") || strings.HasSuffix(f.Name, " ") {
						t.Errorf("%s: %q is not a Windows-safe name", where, f.Name)
					}
				}
				sheet := w.files["fields.txt"].String()
				for _, ref := range refs {
					key := PhotoSlotKey(ref)
					f, ok := byKey[key]
					spec, sok := photo.SpecFor(ref)
					if !ok || !sok {
						t.Fatalf("%s: %s not packaged (%v) or has no spec (%v)", where, key, ok, sok)
					}
					label := spec.ConsoleLabelZh
					hasHan := false
					for _, r := range label {
						hasHan = hasHan || unicode.Is(unicode.Han, r)
						if r < 0x80 && unicode.IsLetter(r) {
							t.Errorf("%s: label %q of %s has Latin letters", where, label, key)
						}
					}
					if !hasHan {
						t.Errorf("%s: label %q of %s is not Chinese", where, label, key)
					}
					want := label + ".jpg"
					switch ref.WebsiteID {
					case "":
					case "w1":
						want = "网站1_example.com_" + want
					case "w-2":
						want = "网站2_例子.中国_" + want
					case "w3":
						want = "网站3_" + want
					}
					if f.Name != want || f.Label != label {
						t.Errorf("%s: %s packaged as %q (label %q), want %q", where, key, f.Name, f.Label, want)
					}
					if strings.Contains(f.Name, ref.Slot) {
						t.Errorf("%s: %q carries the internal key %s", where, f.Name, ref.Slot)
					}
					if !strings.Contains(sheet, "："+f.Name+"\r\n") {
						t.Errorf("%s: fields.txt does not name %s", where, f.Name)
					}
					if got := w.files[f.Name]; got == nil || got.String() != key {
						t.Errorf("%s: %s does not hold the photo of %s", where, f.Name, key)
					}
					seen[ref.Slot] = true
				}
			}
		}
	}
	// Every slot of the data and every province extra document was named.
	pd, _ := assets.Photos()
	for _, s := range pd.Slots {
		if !seen[s.Key] && s.Key != photo.ProvinceDocumentSlot {
			t.Errorf("slot %s never came up", s.Key)
		}
	}
	for key, p := range rd.Provinces {
		for _, x := range append(p.Individual.Extra, p.Organisation.Extra...) {
			if x.Kind == "document" && (x.When == "always" || strings.HasPrefix(x.When, "natures:")) && !seen[x.Key] {
				t.Errorf("%s extra %s never came up", key, x.Key)
			}
		}
	}
}
