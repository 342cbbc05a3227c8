package submit

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"icpdesk/assets"
	"icpdesk/backend"
)

// SectionUploads is the fields sheet's section that pairs each upload of the
// console with the package file to pick for it.
const SectionUploads = "上传材料"

// PhotoLabel is where a stored photo goes in Tencent's console: its upload
// label (photo_slots.json console_label_zh, or a province extra's document
// title), its website's number from 1 in the order of the application
// (0 for the entity's materials) and the JSON path of the slot.
type PhotoLabel struct {
	Label   string
	Website int
	Domain  string // the website's first domain, "" when none yet
	Path    string
}

// LabelPhoto finds the console label of the photo stored under key (see
// backend.PhotoSlotKey). A key of no known slot (a slot retired from the
// data) or of a website no longer in the application keeps the key as its
// label, so its file still gets a name and is not taken for another's.
func LabelPhoto(app backend.Application, key string) PhotoLabel {
	slot, l := key, PhotoLabel{Path: "photos." + key}
	if rest, ok := strings.CutPrefix(key, "websites."); ok {
		if i := strings.LastIndexByte(rest, '.'); i > 0 {
			slot = rest[i+1:]
		}
		for i, w := range app.Websites {
			if backend.PhotoSlotKey(w.ID, slot) == key {
				l.Website, l.Path = i+1, fmt.Sprintf("websites.%d.photos.%s", i, slot)
				l.Domain = strings.TrimRight(firstDomain(w), ".")
				break
			}
		}
		if l.Website == 0 { // a website no longer in the application
			l.Label = key
			return l
		}
	}
	l.Label = slotLabel(app.Entity.Province, slot)
	return l
}

// slotLabel is the console label of a slot key: the slot's own, a province
// extra's document title, or the key itself.
func slotLabel(province, slot string) string {
	if slot != "province_document" {
		if spec, ok := assets.PhotoSlotByKey(slot); ok {
			if spec.ConsoleLabelZh != "" {
				return spec.ConsoleLabelZh
			}
			return spec.NameZh
		}
	}
	if rd, err := assets.Rules(); err == nil {
		for _, individual := range []bool{false, true} {
			for _, x := range rd.Province(province, individual).Extra {
				if x.Key == slot && x.Kind == "document" {
					return x.TitleZh()
				}
			}
		}
	}
	return slot
}

// FileName is the package file name (before backend.FileNames makes it safe
// and unique) for this label and extension: the entity's materials by their
// label alone ("主体负责人证件-人像面.jpg"), a website's with the website's
// number and first domain in front, "_" between the parts as in the
// checklists' 核验单_<domain>.pdf ("网站1_example.com_网站负责人幕布照.jpg"), so a
// folder sorted by name lists each website's uploads together.
func (l PhotoLabel) FileName(ext string) string {
	if l.Website == 0 {
		return l.Label + ext
	}
	prefix := fmt.Sprintf("网站%d_", l.Website)
	if d := l.Domain; d != "" {
		// A very long domain is cut so the label, the part that matters, stays.
		for len(d) > maxDomainInName {
			_, n := utf8.DecodeLastRuneInString(d)
			d = d[:len(d)-n]
		}
		prefix += d + "_"
	}
	return prefix + l.Label + ext
}

// maxDomainInName bounds the domain in a photo's file name (bytes), leaving
// room under backend.MaxFileNameBytes for the longest label.
const maxDomainInName = 64

// SheetLabel is the upload's label on the fields sheet: the console label,
// with its website for a website's upload ("网站1（example.com）网站负责人幕布照").
func (l PhotoLabel) SheetLabel() string {
	if l.Website == 0 {
		return l.Label
	}
	site := fmt.Sprintf("网站%d", l.Website)
	if l.Domain != "" {
		site += "（" + l.Domain + "）"
	}
	return site + " " + l.Label
}

// namedPhoto is a package photo with its label and file name.
type namedPhoto struct {
	PackagePhoto
	PhotoLabel
	Name string
}

// namePhotos names the photos that have data, entity materials first, then
// each website's in website order; within each, in the order of the slots in
// photo_slots.json (ID photo side before its back), then by key. Every name
// is taken from names so none repeats in the package.
func namePhotos(app backend.Application, photos []PackagePhoto, names backend.FileNames) []namedPhoto {
	rank := map[string]int{}
	if d, err := assets.Photos(); err == nil {
		for i, s := range d.Slots {
			rank[s.Key] = i + 1
		}
	}
	order := func(key string) int {
		if r, ok := rank[key[strings.LastIndexByte(key, '.')+1:]]; ok {
			return r
		}
		return len(rank) + 1 // province extras and unknown slots last
	}
	out := make([]namedPhoto, 0, len(photos))
	for _, p := range photos {
		if len(p.Data) > 0 {
			out = append(out, namedPhoto{PackagePhoto: p, PhotoLabel: LabelPhoto(app, p.Slot)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Website != b.Website {
			return a.Website < b.Website
		}
		if oa, ob := order(a.Slot), order(b.Slot); oa != ob {
			return oa < ob
		}
		return a.Slot < b.Slot
	})
	for i := range out {
		out[i].Name = names.Take(out[i].FileName(extFor(out[i].MIME)))
	}
	return out
}

// uploadFields are the fields sheet's rows for the photos: which package file
// goes to which upload of the console.
func uploadFields(photos []namedPhoto) []ConsoleField {
	out := make([]ConsoleField, 0, len(photos))
	for _, p := range photos {
		out = append(out, ConsoleField{Section: SectionUploads, Label: p.SheetLabel(), Value: p.Name, Path: p.Path})
	}
	return out
}

// PackageBaseName is the submission package's file name without extension:
// 提交材料_<entity name>_<primary domain>, or application_<id> while neither
// is known, made safe for every OS's file system.
func PackageBaseName(app backend.Application, id int64) string {
	name := app.Entity.Name
	if d := app.PrimaryDomain(); d != "" {
		name += "_" + d
	}
	if strings.TrimSpace(name) == "" {
		name = "application_" + strconv.FormatInt(id, 10)
	}
	return backend.SafeFileName("提交材料_" + name)
}
