package photo

import (
	"image"
	"math"

	"github.com/disintegration/imaging"

	"icpdesk/assets"
	"icpdesk/backend"
)

// CheckOptions say where findings belong and what is known about the filing.
type CheckOptions struct {
	Field        string // JSON path of the slot, e.g. "photos.entity_cert" or "websites.0.photos.backdrop"
	FileBytes    int64  // size of the imported file; 0 = unknown (export re-encodes to fit, so it asks nothing)
	Organisation bool   // the entity is an organisation: its pages carry a red seal
	// Corners of the card or page in the checked image, when already known
	// (DocumentIn): the detector does not run a second time.
	Corners *[4]Point
}

// Rule ids; each is also the i18n key of its message (frontend/src/i18n/photo.*.json).
// Checks worded per material: cards keep the plain ids, pages and people have their own.
const (
	RuleResolutionLow   = "photo.resolution_low"
	RuleFileTooLarge    = "photo.file_too_large" // export could not fit the limit (block)
	RuleFileTooSmall    = "photo.file_too_small"
	RuleBlur            = "photo.blur"
	RuleTooDark         = "photo.too_dark"
	RuleTooBright       = "photo.too_bright"
	RuleGlare           = "photo.glare"
	RuleGreyscale       = "photo.greyscale"
	RuleEdgesCut        = "photo.edges_cut"
	RuleAspect          = "photo.aspect"
	RulePageIncomplete  = "photo.page_incomplete"
	RuleUpsideDown      = "photo.upside_down"
	RuleFaceCount       = "photo.face_count"
	RuleFaceSize        = "photo.face_size"
	RuleFacePosition    = "photo.face_position"
	RuleBackdropMissing = "photo.backdrop_missing"

	RulePageBlur          = "photo.page_blur"
	RulePageTooDark       = "photo.page_too_dark"
	RulePageTooBright     = "photo.page_too_bright"
	RulePageGreyscale     = "photo.page_greyscale"
	RulePageEdgesCut      = "photo.page_edges_cut"
	RulePageHeaderMissing = "photo.page_header_missing"
	RulePageSealMissing   = "photo.page_seal_missing"

	RulePersonBlur      = "photo.person_blur"
	RulePersonTooDark   = "photo.person_too_dark"
	RulePersonTooBright = "photo.person_too_bright"
	RulePersonGreyscale = "photo.person_greyscale"

	RuleHandheldFaceCount = "photo.handheld_face_count"
	RuleHandheldCard      = "photo.handheld_card"
)

// AllRules lists every finding id Check and Export can return (for the
// message-table tests and the UI's confirmation keys).
var AllRules = []string{RuleResolutionLow, RuleFileTooLarge, RuleFileTooSmall, RuleBlur, RuleTooDark, RuleTooBright,
	RuleGlare, RuleGreyscale, RuleEdgesCut, RuleAspect, RulePageIncomplete, RuleUpsideDown, RuleFaceCount,
	RuleFaceSize, RuleFacePosition, RuleBackdropMissing, RulePageBlur, RulePageTooDark, RulePageTooBright,
	RulePageGreyscale, RulePageEdgesCut, RulePageHeaderMissing, RulePageSealMissing, RulePersonBlur,
	RulePersonTooDark, RulePersonTooBright, RulePersonGreyscale, RuleHandheldFaceCount, RuleHandheldCard}

// ruleFor picks the wording of a check for the slot's material.
func ruleFor(kind, card, page, person string) string {
	switch kind {
	case "page":
		return page
	case "portrait", "handheld":
		return person
	}
	return card
}

// Check runs the slot's checks on a downscaled copy of img (the adjusted
// image, before export) and returns the findings; thresholds come from the
// slot kind's data. Quality findings warn: no provider publishes numeric limits.
func Check(img image.Image, slot assets.PhotoSlot, opt CheckOptions) []backend.Finding {
	return checkAnalysis(analyze(img, slot.Thresholds.AnalysisLongEdge), img.Bounds(), slot, opt)
}

// checkAnalysis runs the checks on an analysis copy of an image with bounds b.
func checkAnalysis(a *analysis, b image.Rectangle, slot assets.PhotoSlot, opt CheckOptions) []backend.Finding {
	th := slot.Thresholds
	kind := slot.Kind
	var out []backend.Finding
	add := func(rule string, sev backend.Severity, params map[string]any) {
		out = append(out, backend.Finding{Rule: rule, Field: opt.Field, Severity: sev, Params: params})
	}
	if short := min(b.Dx(), b.Dy()); slot.Has("resolution") && short < slot.MinShortEdge {
		add(RuleResolutionLow, backend.Warn, map[string]any{"shortEdge": short, "min": slot.MinShortEdge})
	}
	var doc document
	switch {
	case slot.Document && opt.Corners != nil:
		doc = knownDocument(a, *opt.Corners, b)
	case slot.Document:
		doc = findDocument(a, slot)
	}
	full := image.Rect(0, 0, a.w, a.h)
	region := full
	if doc.found && doc.q.areaShare <= th.DetectAreaMax {
		region = doc.bbox
	}
	if slot.Has("blur") {
		if v := a.laplacianVar(); v < th.BlurLaplacianVarMin {
			add(ruleFor(kind, RuleBlur, RulePageBlur, RulePersonBlur), backend.Warn, map[string]any{"variance": round(v, 1), "min": th.BlurLaplacianVarMin})
		}
	}
	if slot.Has("sharpness") && th.SharpnessMin > 0 {
		if v, ok := a.inkSharpness(region); ok && v < th.SharpnessMin {
			add(RulePageBlur, backend.Warn, map[string]any{"sharpness": round(v, 2), "min": th.SharpnessMin})
		}
	}
	if slot.Has("exposure") {
		// Judged on the document itself where it was found: a dark desk
		// around a well-lit card is not a dark photo.
		mean, dark, bright := a.exposureIn(region)
		clip := th.ClippedShareMax
		if region != full {
			clip = th.RegionClippedShareMax
		}
		if mean < th.MeanLumaMin || dark > clip {
			add(ruleFor(kind, RuleTooDark, RulePageTooDark, RulePersonTooDark), backend.Warn,
				map[string]any{"mean": round(mean, 1), "min": th.MeanLumaMin, "clippedShare": round(dark, 3)})
		} else if mean > th.MeanLumaMax || bright > clip || (th.InkLumaMax > 0 && float64(a.lumaPercentiles(region, 0.003)[0]) > th.InkLumaMax) {
			// a page is overexposed when even its ink has gone pale
			add(ruleFor(kind, RuleTooBright, RulePageTooBright, RulePersonTooBright), backend.Warn,
				map[string]any{"mean": round(mean, 1), "max": th.MeanLumaMax, "clippedShare": round(bright, 3)})
		}
	}
	if slot.Has("colour") && slot.ColourRequired {
		if kind == "page" {
			// A white page with black text is unsaturated by nature: only a
			// scan saved without colour (every pixel grey) is a greyscale scan.
			if g := a.greyShare(th.GreySpreadMax); g >= th.GreyPixelShareMin {
				add(RulePageGreyscale, backend.Warn, map[string]any{"greyShare": round(g, 3)})
			}
		} else if s := a.meanSaturation(full); s < th.SaturationMin {
			// the whole frame: a pale card is nearly grey itself, while a
			// greyscale copy has no colour anywhere
			add(ruleFor(kind, RuleGreyscale, RulePageGreyscale, RulePersonGreyscale), backend.Warn, map[string]any{"saturation": round(s, 3), "min": th.SaturationMin})
		}
	}
	asp, hasAspect := aspectFor(slot)
	frameFits := false // a tight scan: the frame has the document's shape, its border is even
	if da := detectorAspect(slot); da != nil && doc.q.bgSpread <= 30 {
		r := float64(max(b.Dx(), b.Dy())) / float64(max(1, min(b.Dx(), b.Dy())))
		frameFits = r >= da.Min && r <= da.Max
	}
	if slot.Has("edges") {
		edges := ruleFor(kind, RuleEdgesCut, RulePageEdgesCut, RuleEdgesCut)
		switch {
		case !doc.found && !(kind == "page" && frameFits):
			add(edges, backend.Warn, map[string]any{"reason": "not_found"})
		case doc.found && doc.q.areaShare > th.DetectAreaMax:
			// the document fills the frame (a tight scan): its edges are the picture's
		case doc.found && len(touched(doc)) > 0:
			add(edges, backend.Warn, map[string]any{"reason": "touches_border", "sides": touched(doc)})
		}
	}
	if slot.Has("glare") {
		if s := glareShare(a, region, th); s > th.GlareShareMax {
			add(RuleGlare, backend.Warn, map[string]any{"share": round(s, 3), "max": th.GlareShareMax})
		}
	}
	if doc.found && slot.Has("aspect") && hasAspect && doc.q.areaShare <= th.DetectAreaMax {
		if r := doc.aspect(); r < asp.Min || r > asp.Max {
			add(RuleAspect, backend.Warn, map[string]any{"aspect": round(r, 3), "expected": asp.Ratio, "min": asp.Min, "max": asp.Max})
		}
	}
	if doc.found && slot.Has("page") && hasAspect && doc.q.areaShare <= th.DetectAreaMax {
		if r := doc.aspect(); r < asp.Min || r > asp.Max {
			add(RulePageIncomplete, backend.Warn, map[string]any{"aspect": round(r, 3), "expected": asp.Ratio})
		}
	}
	if slot.Has("header") && th.HeaderInkShareMin > 0 {
		if s, ok := a.headerInk(region); ok && s < th.HeaderInkShareMin {
			add(RulePageHeaderMissing, backend.Warn, map[string]any{"inkShare": round(s, 4), "min": th.HeaderInkShareMin})
		}
	}
	if slot.Has("seal") && opt.Organisation && th.SealRedShareMin > 0 {
		if s := a.redShare(region); s < th.SealRedShareMin {
			add(RulePageSealMissing, backend.Warn, map[string]any{"redShare": round(s, 4), "min": th.SealRedShareMin})
		}
	}
	if doc.found && slot.Has("upside_down") {
		if reason := upsideDown(a, doc, slot); reason != "" {
			add(RuleUpsideDown, backend.Warn, map[string]any{"reason": reason})
		}
	}
	var faces []face
	if slot.Has("face") || slot.Has("backdrop") {
		faces = detectFaces(a)
	}
	if slot.Has("card") {
		out = append(out, handheldFindings(a, faces, slot, opt.Field)...)
	} else if slot.Has("face") {
		out = append(out, faceFindings(a, faces, th, opt.Field)...)
	}
	if slot.Has("backdrop") {
		if s, ok := backdropShare(a, faces); ok && s < th.BackdropShareMin {
			add(RuleBackdropMissing, backend.Warn, map[string]any{"share": round(s, 3), "min": th.BackdropShareMin})
		}
	}
	return out
}

// handheldFindings: exactly one face, and one card large and unobstructed
// enough to read (the card's own portrait is not a second face).
func handheldFindings(a *analysis, faces []face, slot assets.PhotoSlot, field string) []backend.Finding {
	th := slot.Thresholds
	var out []backend.Finding
	add := func(rule string, p map[string]any) {
		out = append(out, backend.Finding{Rule: rule, Field: field, Severity: backend.Warn, Params: p})
	}
	cardSlot := slot
	cardSlot.Thresholds.DetectAreaMin = th.CardAreaMin
	id1 := assets.MustPhotos().Aspects["id1"] // loaded at start-up: never an empty aspect
	small := a
	if le := th.DetectLongEdge; le > 0 && max(a.w, a.h) > le {
		small = colourOnly(fitLong(a.rgb, le, imaging.Linear), float64(a.w))
	}
	q, found := detect(small, cardSlot.Thresholds, &id1)
	if qi, ok := detect(small, cardSlot.Thresholds, &id1, true); ok && (!found || qi.conf.Score > q.conf.Score) {
		q, found = qi, true // a pale card before a dark shirt, against a pale wall
	}
	cardOK := found && q.conf.Aspect >= 0.8 && q.conf.Score >= 0.45
	var cardBox image.Rectangle
	if cardOK {
		k := float64(a.w) / float64(small.w)
		cardBox = image.Rect(int(float64(q.bbox.Min.X)*k), int(float64(q.bbox.Min.Y)*k), int(float64(q.bbox.Max.X)*k), int(float64(q.bbox.Max.Y)*k))
	}
	people := 0
	for _, f := range faces {
		if !cardBox.Empty() && f.box.In(cardBox.Inset(-2)) {
			continue // the portrait printed on the card
		}
		people++
	}
	if people != 1 {
		add(RuleHandheldFaceCount, map[string]any{"count": people})
	}
	switch {
	case !cardOK:
		add(RuleHandheldCard, map[string]any{"reason": "not_found"})
	case q.areaShare < th.CardAreaMin:
		add(RuleHandheldCard, map[string]any{"reason": "too_small", "share": round(q.areaShare, 3), "min": th.CardAreaMin})
	case q.touches != [4]bool{}:
		add(RuleHandheldCard, map[string]any{"reason": "cut"})
	case minOf(q.conf.EdgeSupport[:]) < th.DetectEdgeSupportMin:
		// fingers or the hand over the card's edges
		add(RuleHandheldCard, map[string]any{"reason": "covered"})
	}
	return out
}

func aspectFor(slot assets.PhotoSlot) (assets.PhotoAspect, bool) {
	d, err := assets.Photos()
	if err != nil || slot.Aspect == "" {
		return assets.PhotoAspect{}, false
	}
	a, ok := d.Aspects[slot.Aspect]
	return a, ok
}

func touched(d document) []string {
	var s []string
	for i, name := range []string{"top", "right", "bottom", "left"} {
		if d.touches[i] {
			s = append(s, name)
		}
	}
	return s
}

// glareShare is the share of the region covered by compact near-white blobs;
// a blob as large as a quarter of the region is paper, not a reflection.
func glareShare(a *analysis, region image.Rectangle, th assets.PhotoThresholds) float64 {
	rw, rh := region.Dx(), region.Dy()
	if rw <= 0 || rh <= 0 {
		return 0
	}
	mask := make([]bool, rw*rh)
	for y := 0; y < rh; y++ {
		for x := 0; x < rw; x++ {
			mask[y*rw+x] = float64(a.gray[(region.Min.Y+y)*a.w+region.Min.X+x]) >= th.GlareLuma
		}
	}
	area := rw * rh
	comps, _ := components(mask, rw, rh, max(4, int(th.GlareBlobMinShare*float64(area))))
	sum := 0
	for _, c := range comps {
		if c.bbox.Dx()*c.bbox.Dy() <= area/4 {
			sum += c.area
		}
	}
	return float64(sum) / float64(area)
}

// upsideDown uses the layout of a mainland ID card: the portrait sits in the
// right half of the photo side, the red national emblem in the left half of
// the other side. "" when upright or when the layout cannot be seen.
func upsideDown(a *analysis, d document, slot assets.PhotoSlot) string {
	bb := d.bbox
	if bb.Dy() > bb.Dx() {
		return "rotated_90"
	}
	front := slot.Key == "person_id_front" || slot.Key == "website_person_id_front"
	var n int
	var sx float64
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			r, g, b := a.px(x, y)
			var hit bool
			if front {
				hit = isSkin(r, g, b)
			} else {
				h, s, v := hsv(r, g, b)
				hit = (h < 20 || h > 340) && s > 0.45 && v > 0.3
			}
			if hit {
				n++
				sx += float64(x - bb.Min.X)
			}
		}
	}
	area := bb.Dx() * bb.Dy()
	if n < area/200 {
		return ""
	}
	cx := sx / float64(n) / float64(bb.Dx())
	if (front && cx < 0.45) || (!front && cx > 0.55) {
		return "rotated_180"
	}
	return ""
}

func faceFindings(a *analysis, faces []face, th assets.PhotoThresholds, field string) []backend.Finding {
	f := func(rule string, p map[string]any) backend.Finding {
		return backend.Finding{Rule: rule, Field: field, Severity: backend.Warn, Params: p}
	}
	if len(faces) != th.FaceCount {
		return []backend.Finding{f(RuleFaceCount, map[string]any{"count": len(faces), "expected": th.FaceCount})}
	}
	var out []backend.Finding
	bb := faces[0].box
	share := float64(bb.Dy()) / float64(a.h)
	if share > th.FaceHeightMaxShare {
		out = append(out, f(RuleFaceSize, map[string]any{"reason": "too_close", "share": round(share, 3), "max": th.FaceHeightMaxShare}))
	} else if share < th.FaceHeightMinShare {
		out = append(out, f(RuleFaceSize, map[string]any{"reason": "too_far", "share": round(share, 3), "min": th.FaceHeightMinShare}))
	}
	cx := (float64(bb.Min.X+bb.Max.X) / 2) / float64(a.w)
	headTop := float64(bb.Min.Y) - 0.25*float64(bb.Dy()) // hair above the skin region
	switch {
	case headTop < th.FaceTopMarginShare*float64(a.h):
		out = append(out, f(RuleFacePosition, map[string]any{"reason": "head_cut"}))
	case cx < 1.0/3 || cx > 2.0/3:
		out = append(out, f(RuleFacePosition, map[string]any{"reason": "off_centre", "centre": round(cx, 2)}))
	}
	return out
}

// backdropShare is the share of the area above the shoulders, beside and above
// the head, that has a backdrop colour. ok is false when there is no data.
func backdropShare(a *analysis, faces []face) (float64, bool) {
	d, err := assets.Photos()
	if err != nil || len(d.BackdropColours) == 0 {
		return 0, false
	}
	bottom := a.h / 2
	var head image.Rectangle
	if len(faces) > 0 {
		bb := faces[0].box
		bottom = (bb.Min.Y + bb.Max.Y) / 2
		head = image.Rect(bb.Min.X-bb.Dx()*3/10, bb.Min.Y-bb.Dy()*4/10, bb.Max.X+bb.Dx()*3/10, bb.Max.Y)
	}
	n, hit := 0, 0
	for y := 0; y < bottom; y++ {
		for x := 0; x < a.w; x++ {
			if image.Pt(x, y).In(head) {
				continue
			}
			n++
			h, s, v := hsv(a.px(x, y))
			for _, c := range d.BackdropColours {
				if h >= c.HueMin && h <= c.HueMax && s >= c.SatMin && v >= c.ValMin {
					hit++
					break
				}
			}
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(hit) / float64(n), true
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}
