package photo

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// A corpus of generated scenes with known corners: cards and A4 pages on a
// dark desk, wood grain, a pale table with little contrast and patterned
// cloth (blue gingham, a red and white check, a busy floral print), turned,
// in perspective, under uneven light or a shadow across the desk, plus tight
// scans where the document is the whole frame. The detector must find the corners
// where it is confident and must never apply a wrong crop.

type scene struct {
	name  string
	kind  string // card | page
	bg    string // dark | wood | cloth (gingham) | check | floral | pale | scan (| white | paper | screen)
	light string // even | side | dim | shadow (| low)
	w, h  int
	truth [4]Point // TL, TR, BR, BL in image pixels (continuous)
	img   *image.NRGBA
	// rounded is a card's corner radius as a share of its width (an ID
	// card's is 3 mm of 85.6); drop offsets the soft shadow the document
	// casts on the table (zero: none).
	rounded float64
	drop    Point
}

func bgColour(bg string, x, y int) (float64, float64, float64) {
	fx, fy := float64(x), float64(y)
	switch bg {
	case "wood":
		g := 22*math.Sin(0.045*fx+5*math.Sin(0.011*fy)+0.7*math.Sin(0.05*fy)) + 9*math.Sin(0.21*fx+0.03*fy)
		return 150 + g, 104 + g*0.8, 62 + g*0.5
	case "cloth": // blue gingham: white, light blue stripes, dark blue crossings
		sx, sy := (x/26)%2 == 0, (y/26)%2 == 0
		switch {
		case sx && sy:
			return 62, 92, 160
		case sx || sy:
			return 150, 178, 220
		}
		return 236, 237, 242
	case "check": // red and white check: red, pink crossings, white
		sx, sy := (x/34)%2 == 0, (y/34)%2 == 0
		switch {
		case sx && sy:
			return 178, 28, 38
		case sx || sy:
			return 222, 128, 132
		}
		return 244, 240, 236
	case "floral":
		return floral(x, y)
	case "pale":
		return 222 + 3*math.Sin(fx*0.02), 219, 211
	case "white": // a white table, almost the card's colour
		return 216 + 2*math.Sin(fx*0.013+fy*0.004), 220, 226
	case "paper": // a pale desk, almost a page's colour
		return 233 + 2*math.Sin(fy*0.011), 230, 223
	case "screen": // the grey table in a photo shown on a monitor
		return 118 + 4*math.Sin(fx*0.01), 122, 128
	}
	return 38, 40, 44 // dark desk
}

// floral is a busy random print: five-petal flowers in red, pink, white and
// blue with yellow hearts on scattered leaves, over a dark green ground,
// one flower per 46-pixel cell at a random place and size.
func floral(x, y int) (float64, float64, float64) {
	const cell = 46
	hash := func(a, b, k int) float64 {
		h := uint32(a*73856093^b*19349663^k*83492791) * 2654435761
		h ^= h >> 15
		h *= 2246822519
		h ^= h >> 13
		return float64(h%10007) / 10007
	}
	petals := [][3]float64{{206, 40, 58}, {236, 150, 170}, {246, 244, 238}, {70, 96, 190}}
	r, g, b := 34.0, 78.0, 52.0 // ground
	cx, cy := x/cell, y/cell
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			gx, gy := cx+dx, cy+dy
			fx := float64(gx*cell) + hash(gx, gy, 1)*cell
			fy := float64(gy*cell) + hash(gx, gy, 2)*cell
			R := 12 + 16*hash(gx, gy, 3)
			ddx, ddy := float64(x)-fx, float64(y)-fy
			d := math.Hypot(ddx, ddy)
			th := math.Atan2(ddy, ddx) + 6.28*hash(gx, gy, 4)
			switch {
			case d < 0.28*R:
				return 238, 196, 52
			case d < R*(0.62+0.38*math.Cos(5*th)):
				p := petals[int(4*hash(gx, gy, 5))%4]
				return p[0], p[1], p[2]
			case math.Abs(ddy+0.5*ddx) < 4 && d < 1.5*R && ddx > 0: // a leaf
				r, g, b = 76, 140, 70
			}
		}
	}
	return r, g, b
}

// docColour is the document's texture at (u, v) in [0, 1]².
func docColour(kind string, u, v float64) (float64, float64, float64) {
	if kind == "page" {
		switch {
		case v > 0.05 && v < 0.085 && u > 0.22 && u < 0.78: // title
			return 25, 25, 30
		case math.Abs(math.Hypot(u-0.72, (v-0.88)*1.414)-0.06) < 0.008: // red seal ring
			return 205, 35, 40
		case v > 0.14 && v < 0.84 && u > 0.1 && u < 0.9 && math.Mod(v*60, 2) < 0.55 && u < 0.9-0.2*math.Mod(v*7, 1):
			return 35, 35, 40
		}
		return 246, 245, 241
	}
	switch {
	case u > 0.66 && u < 0.92 && v > 0.16 && v < 0.84: // portrait
		if math.Hypot((u-0.79)/0.1, (v-0.45)/0.22) < 1 {
			return 220, 172, 138
		}
		if math.Hypot((u-0.79)/0.11, (v-0.28)/0.12) < 1 {
			return 30, 25, 22
		}
		return 214, 226, 238
	case u > 0.07 && u < 0.58 && v > 0.1 && v < 0.85 && math.Mod(v*8, 1) < 0.4 && u < 0.58-0.1*math.Mod(v*3, 1):
		return 35, 35, 45
	}
	return 228 + 6*u, 232 + 2*v, 238
}

// makeScene draws the document into the quadrilateral truth over the background.
func makeScene(s scene) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, s.w, s.h))
	// homography from the image to the document's unit square
	hm, _ := homography(s.truth, [4]Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
	r := rand.New(rand.NewSource(int64(len(s.name)) * 7919))
	docW := (dist(s.truth[0], s.truth[1]) + dist(s.truth[3], s.truth[2])) / 2
	docH := (dist(s.truth[0], s.truth[3]) + dist(s.truth[1], s.truth[2])) / 2
	for y := 0; y < s.h; y++ {
		for x := 0; x < s.w; x++ {
			u, v := apply(hm, float64(x)+0.5, float64(y)+0.5)
			var cr, cg, cb float64
			if u >= 0 && u <= 1 && v >= 0 && v <= 1 && !outsideRounded(u, v, s.rounded, docW/docH) {
				cr, cg, cb = docColour(s.kind, u, v)
			} else {
				cr, cg, cb = bgColour(s.bg, x, y)
				if d := math.Hypot(s.drop.X, s.drop.Y); d > 0 {
					// the shadow: the document moved by drop, its edge as soft as it is far
					u2, v2 := apply(hm, float64(x)+0.5-s.drop.X, float64(y)+0.5-s.drop.Y)
					du := math.Max(0, math.Max(-u2, u2-1)) * docW
					dv := math.Max(0, math.Max(-v2, v2-1)) * docH
					f := 1 - 0.4*math.Max(0, math.Min(1, 1-math.Hypot(du, dv)/d))
					cr, cg, cb = cr*f, cg*f, cb*f
				}
			}
			l := 1.0
			switch s.light {
			case "side":
				l = 0.72 + 0.38*float64(x)/float64(s.w)
			case "dim":
				l = 0.6
			case "low": // a dark room: the sensor's noise is added later
				l = 0.32
			case "shadow":
				// a soft diagonal shadow (a hand, a lamp arm) over the
				// upper left, across part of the document
				e := (float64(x)/float64(s.w) + float64(y)/float64(s.h) - 0.85) * float64(s.w) / 18
				l = 1 - 0.5/(1+math.Exp(e))
			}
			n := float64(r.Intn(9) - 4)
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(math.Max(0, math.Min(255, cr*l+n)))
			img.Pix[i+1] = uint8(math.Max(0, math.Min(255, cg*l+n)))
			img.Pix[i+2] = uint8(math.Max(0, math.Min(255, cb*l+n)))
			img.Pix[i+3] = 255
		}
	}
	return img
}

// outsideRounded tells whether (u, v) of a document with aspect w/h lies in
// a corner cut off by rounding of radius r (a share of the width).
func outsideRounded(u, v, r, aspect float64) bool {
	if r <= 0 {
		return false
	}
	ry := r * aspect
	cu, cv := math.Min(u, 1-u), math.Min(v, 1-v)
	if cu >= r || cv >= ry {
		return false
	}
	du, dv := (r-cu)/r, (ry-cv)/ry
	return du*du+dv*dv > 1
}

// placeDoc returns the corners of a document of size dw×dh centred at
// (cx, cy), turned by deg clockwise, with the top edge shortened by persp
// (a phone tilted back).
func placeDoc(cx, cy, dw, dh, deg, persp float64) [4]Point {
	p := [4]Point{{-dw / 2 * (1 - persp), -dh / 2}, {dw / 2 * (1 - persp), -dh / 2}, {dw / 2, dh / 2}, {-dw / 2, dh / 2}}
	a := deg * math.Pi / 180
	var out [4]Point
	for i, q := range p {
		out[i] = Point{cx + q.X*math.Cos(a) - q.Y*math.Sin(a), cy + q.X*math.Sin(a) + q.Y*math.Cos(a)}
	}
	return orderCorners(out)
}

func corpus() []scene {
	var out []scene
	// Under the race detector (10× slower) every fourth scene is enough: the
	// detector is single-goroutine code, the race build checks the rest.
	keep := func(i int) bool { return !raceBuild || i%4 == 0 }
	lights := []string{"even", "side", "dim"}
	poses := []struct{ deg, persp float64 }{{0, 0}, {6, 0.03}, {-13, 0.07}, {27, 0.1}, {90, 0.04}}
	i := 0
	// The first 40 scenes are the corpus as it was first measured (the light
	// follows the scene's place); the patterned cloths added later come after.
	for _, set := range [][]string{{"dark", "wood", "cloth", "pale"}, {"check", "floral"}} {
		i = poseScenes(&out, set, poses, lights, i, keep)
	}
	// Partly shadowed documents: the shadow's edge crosses the document.
	for _, bg := range []string{"dark", "wood", "pale", "cloth"} {
		i++
		if keep(i) {
			out = append(out, scene{name: "card-" + bg + "-shadow", kind: "card", bg: bg, light: "shadow", w: 1000, h: 750,
				truth: placeDoc(520, 390, 520, 328, -8, 0.05)})
		}
	}
	i++
	if keep(i) {
		out = append(out, scene{name: "page-wood-shadow", kind: "page", bg: "wood", light: "shadow", w: 750, h: 1000,
			truth: placeDoc(375, 500, 520, 735, 4, 0.04)})
	}
	// Tight scans: the document is the whole frame (a flatbed scan cut to it).
	out = append(out,
		scene{name: "card-scan", kind: "card", bg: "scan", light: "even", w: 856, h: 540, truth: [4]Point{{0, 0}, {856, 0}, {856, 540}, {0, 540}}},
		scene{name: "page-scan", kind: "page", bg: "scan", light: "even", w: 827, h: 1169, truth: [4]Point{{0, 0}, {827, 0}, {827, 1169}, {0, 1169}}},
		scene{name: "page-scan-tilted", kind: "page", bg: "scan", light: "side", w: 827, h: 1169, truth: [4]Point{{-4, 3}, {826, -3}, {831, 1166}, {1, 1172}}},
	)
	for k := range out {
		out[k].img = makeScene(out[k])
	}
	return out
}

// poseScenes adds a card and a page on each background in every pose, the
// light taking turns; i counts the scenes made so far (keep sees it).
func poseScenes(out *[]scene, bgs []string, poses []struct{ deg, persp float64 }, lights []string, i int, keep func(int) bool) int {
	for _, kind := range []string{"card", "page"} {
		for _, bg := range bgs {
			for _, p := range poses {
				s := scene{kind: kind, bg: bg, light: lights[i%3]}
				i++
				if kind == "card" {
					s.w, s.h = 1000, 750
					s.truth = placeDoc(500, 375, 520, 328, p.deg, p.persp)
					if p.deg == 90 {
						s.w, s.h = 750, 1000
						s.truth = placeDoc(375, 500, 520, 328, p.deg, p.persp)
					}
				} else {
					s.w, s.h = 750, 1000
					d := p.deg
					if d == 90 {
						d = 3 // a page on a desk is photographed upright
					}
					size := 1.0
					if d > 20 {
						size = 0.8 // still inside the frame when turned
					}
					s.truth = placeDoc(375, 500, 520*size, 735*size, d, p.persp)
				}
				s.name = fmt.Sprintf("%s-%s-%s-rot%g-p%g", kind, bg, s.light, p.deg, p.persp)
				if keep(i) {
					*out = append(*out, s)
				}
			}
		}
	}
	return i
}

func slotForKind(t testing.TB, kind string) string {
	if kind == "page" {
		return "checklist_scan"
	}
	return "person_id_front"
}

// cornerError is the largest corner distance as a share of the document's diagonal.
func cornerError(got, truth [4]Point) float64 {
	diag := math.Max(dist(truth[0], truth[2]), dist(truth[1], truth[3]))
	e := 0.0
	for i := range got {
		e = math.Max(e, dist(got[i], truth[i]))
	}
	return e / diag
}

type corpusResult struct {
	scenes, docs, auto, wrongAuto int
	meanErr, maxErr               float64
	misses                        []string
}

func runCorpus(t testing.TB, scenes []scene) corpusResult {
	var r corpusResult
	var sum float64
	for _, s := range scenes {
		r.scenes++
		sg := SuggestCrop(s.img, slot(t, slotForKind(t, s.kind)))
		if s.bg == "scan" {
			if sg.Found || sg.Auto {
				r.wrongAuto++
				r.misses = append(r.misses, fmt.Sprintf("%s: a tight scan got a crop %+v", s.name, sg))
			}
			continue
		}
		r.docs++
		if !sg.Auto {
			e := -1.0
			if sg.Found {
				// what the clerk's one click on "apply the suggestion" would give
				if e = 100 * cornerError(sg.Corners, s.truth); e > 2 {
					r.wrongAuto++
					r.misses = append(r.misses, fmt.Sprintf("%s: WRONG suggestion offered, corner error %.1f%%", s.name, e))
				}
			}
			r.misses = append(r.misses, fmt.Sprintf("%s: not applied %v conf %+v, offered corner error %.1f%%", s.name, sg.Reasons, sg.Confidence, e))
			continue
		}
		e := cornerError(sg.Corners, s.truth)
		if e > 0.02 {
			r.wrongAuto++
			r.misses = append(r.misses, fmt.Sprintf("%s: WRONG auto crop, corner error %.1f%% (%v vs %v)", s.name, 100*e, sg.Corners, s.truth))
			continue
		}
		r.auto++
		sum += e
		r.maxErr = math.Max(r.maxErr, e)
	}
	if r.auto > 0 {
		r.meanErr = sum / float64(r.auto)
	}
	return r
}

// The detection accuracy test: no wrong crop is ever applied or offered, the
// corners of applied crops are within 1 % of the diagonal, tight scans are
// left alone, and most documents are found.
func TestCorpusDetection(t *testing.T) {
	skipSceneTableInShort(t)
	scenes := corpus()
	if dir := os.Getenv("ICPDESK_CORPUS_OUT"); dir != "" {
		writeCorpus(t, dir, scenes)
	}
	r := runCorpus(t, scenes)
	for _, m := range r.misses {
		t.Log(m)
	}
	t.Logf("%d scenes, %d documents: %d applied, mean corner error %.2f%%, max %.2f%% of the diagonal",
		r.scenes, r.docs, r.auto, 100*r.meanErr, 100*r.maxErr)
	if r.wrongAuto > 0 {
		t.Errorf("%d wrong crops applied", r.wrongAuto)
	}
	if r.maxErr > 0.01 {
		t.Errorf("max corner error %.2f%% of the diagonal, want ≤ 1%%", 100*r.maxErr)
	}
	if raceBuild {
		return // a quarter of the scenes is too few for the rates below
	}
	if float64(r.auto) < 0.85*float64(r.docs) {
		t.Errorf("only %d of %d documents applied automatically", r.auto, r.docs)
	}
	// On patterned cloth (gingham, a check, a print) the document's even rim
	// places its sides.
	var cloth []scene
	for _, s := range scenes {
		if (s.bg == "cloth" || s.bg == "check" || s.bg == "floral") && s.light != "shadow" {
			cloth = append(cloth, s)
		}
	}
	if p := runCorpus(t, cloth); float64(p.auto) < 0.85*float64(p.docs) {
		t.Errorf("patterned cloth: only %d of %d documents applied automatically", p.auto, p.docs)
	}
	// On the plain backgrounds (a desk, a table, wood) under ordinary light
	// nearly every document is found.
	var plain []scene
	for _, s := range scenes {
		if (s.bg == "dark" || s.bg == "wood" || s.bg == "pale") && s.light != "shadow" {
			plain = append(plain, s)
		}
	}
	if p := runCorpus(t, plain); float64(p.auto) < 0.9*float64(p.docs) {
		t.Errorf("plain backgrounds: only %d of %d documents applied automatically", p.auto, p.docs)
	}
}

// The cases that damaged good photos before: none may be cropped.
func TestNeverWorse(t *testing.T) {
	cases := []struct {
		name, slot string
		s          scene
	}{
		// the checklist runs off the table edge: its top is outside the frame
		{"page cut at the top", "checklist_scan", scene{kind: "page", bg: "wood", light: "even", w: 750, h: 1000,
			truth: placeDoc(375, 330, 520, 735, 2, 0.02)}},
		// half the card outside the frame
		{"card half outside", "person_id_back", scene{kind: "card", bg: "wood", light: "side", w: 1000, h: 750,
			truth: placeDoc(900, 375, 520, 328, 4, 0)}},
		// a page through the card slot: not an ID-1 card
		{"page in a card slot", "person_id_front", scene{kind: "page", bg: "dark", light: "even", w: 750, h: 1000,
			truth: placeDoc(375, 500, 520, 735, 0, 0)}},
		// the same on patterned cloth, where the rim decides the edges
		{"page cut at the top on gingham", "checklist_scan", scene{kind: "page", bg: "cloth", light: "even", w: 750, h: 1000,
			truth: placeDoc(375, 330, 520, 735, 2, 0.02)}},
		{"card half outside on a print", "person_id_back", scene{kind: "card", bg: "floral", light: "side", w: 1000, h: 750,
			truth: placeDoc(900, 375, 520, 328, 4, 0)}},
		{"page in a card slot on a check", "person_id_front", scene{kind: "page", bg: "check", light: "even", w: 750, h: 1000,
			truth: placeDoc(375, 500, 520, 735, 0, 0)}},
		// only the cloth: nothing to find
		{"bare gingham", "person_id_front", scene{kind: "card", bg: "cloth", light: "side", w: 1000, h: 750,
			truth: placeDoc(-5000, -5000, 520, 328, 0, 0)}},
		{"bare print", "checklist_scan", scene{kind: "page", bg: "floral", light: "even", w: 750, h: 1000,
			truth: placeDoc(-5000, -5000, 520, 735, 0, 0)}},
	}
	for _, c := range cases {
		c.s.name = c.name
		img := makeScene(c.s)
		sg := SuggestCrop(img, slot(t, c.slot))
		if sg.Auto {
			t.Errorf("%s: applied automatically: %+v", c.name, sg)
		}
		if len(sg.Reasons) == 0 {
			t.Errorf("%s: no reason given: %+v", c.name, sg)
		}
	}
}

// BenchmarkCorpusDetection reports the accuracy figures of the corpus
// (docs/bench.md): applied share and mean corner error per scene.
func BenchmarkCorpusDetection(b *testing.B) {
	scenes := corpus()
	b.ResetTimer()
	var r corpusResult
	for i := 0; i < b.N; i++ {
		r = runCorpus(b, scenes)
	}
	b.StopTimer()
	ms := float64(b.Elapsed().Milliseconds()) / float64(b.N*len(scenes))
	b.ReportMetric(float64(r.auto)/float64(r.docs)*100, "%applied")
	// the shares per background family: the first corpus's plain backgrounds
	// (dark desk, wood, pale table), the patterned cloths, the shadows
	var plain, cloth, shadow []scene
	for _, s := range scenes {
		switch {
		case s.light == "shadow":
			shadow = append(shadow, s)
		case s.bg == "cloth" || s.bg == "check" || s.bg == "floral":
			cloth = append(cloth, s)
		case s.bg != "scan":
			plain = append(plain, s)
		}
	}
	for _, f := range []struct {
		name   string
		scenes []scene
	}{{"%applied-plain", plain}, {"%applied-patterned", cloth}, {"%applied-shadow", shadow}} {
		if p := runCorpus(b, f.scenes); p.docs > 0 {
			b.ReportMetric(float64(p.auto)/float64(p.docs)*100, f.name)
		}
	}
	b.ReportMetric(r.meanErr*100, "%diag-mean-err")
	b.ReportMetric(r.maxErr*100, "%diag-max-err")
	b.ReportMetric(float64(r.wrongAuto), "wrong-crops")
	b.ReportMetric(ms, "ms/scene")
}

// writeCorpus keeps the scenes as JPEG files with their corners (kept
// outside the repository: ICPDESK_CORPUS_OUT=/some/dir go test -run Corpus).
func writeCorpus(t *testing.T, dir string, scenes []scene) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	truth := map[string]any{}
	for _, s := range scenes {
		if err := os.WriteFile(filepath.Join(dir, s.name+".jpg"), jpegBytes(t, s.img, 90), 0o644); err != nil {
			t.Fatal(err)
		}
		truth[s.name+".jpg"] = map[string]any{"kind": s.kind, "background": s.bg, "light": s.light, "corners": s.truth}
	}
	b, _ := json.MarshalIndent(truth, "", " ")
	if err := os.WriteFile(filepath.Join(dir, "corners.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
