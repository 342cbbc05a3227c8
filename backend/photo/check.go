package photo

import (
	"image"
	"math"

	"icpdesk/assets"
	"icpdesk/backend"
)

// CheckOptions say where findings belong and what is known about the file.
type CheckOptions struct {
	Field     string // JSON path of the slot, e.g. "photos.entity_cert" or "websites.0.photos.backdrop"
	FileBytes int64  // size of the imported file; 0 = unknown
}

// Rule ids; each is also the i18n key of its message (frontend/src/i18n/photo.*.json).
const (
	RuleResolutionLow   = "photo.resolution_low"
	RuleFileTooLarge    = "photo.file_too_large"
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
)

// Check runs the slot's checks on a downscaled copy of img (the adjusted
// image, before export) and returns the findings; thresholds come from the
// slot's data. Quality findings warn: no provider publishes numeric limits.
func Check(img image.Image, slot assets.PhotoSlot, opt CheckOptions) []backend.Finding {
	th := slot.Thresholds
	var out []backend.Finding
	add := func(rule string, sev backend.Severity, params map[string]any) {
		out = append(out, backend.Finding{Rule: rule, Field: opt.Field, Severity: sev, Params: params})
	}
	b := img.Bounds()
	if short := min(b.Dx(), b.Dy()); slot.Has("resolution") && short < slot.MinShortEdge {
		add(RuleResolutionLow, backend.Warn, map[string]any{"shortEdge": short, "min": slot.MinShortEdge})
	}
	if opt.FileBytes > slot.MaxBytes {
		// Export re-encodes to fit, so this is a note, not a problem.
		add(RuleFileTooLarge, backend.Info, map[string]any{"bytes": opt.FileBytes, "maxBytes": slot.MaxBytes, "autoFix": true})
	}
	a := analyze(img, th.AnalysisLongEdge)
	if slot.Has("blur") {
		if v := a.laplacianVar(); v < th.BlurLaplacianVarMin {
			add(RuleBlur, backend.Warn, map[string]any{"variance": round(v, 1), "min": th.BlurLaplacianVarMin})
		}
	}
	if slot.Has("exposure") {
		mean, dark, bright := a.exposure()
		if mean < th.MeanLumaMin || dark > th.ClippedShareMax {
			add(RuleTooDark, backend.Warn, map[string]any{"mean": round(mean, 1), "min": th.MeanLumaMin, "clippedShare": round(dark, 3)})
		} else if mean > th.MeanLumaMax || bright > th.ClippedShareMax {
			add(RuleTooBright, backend.Warn, map[string]any{"mean": round(mean, 1), "max": th.MeanLumaMax, "clippedShare": round(bright, 3)})
		}
	}
	var doc document
	if slot.Document {
		doc = detectDocument(a, th)
	}
	region := image.Rect(0, 0, a.w, a.h)
	if doc.found {
		region = doc.comp.bbox
	}
	if slot.Has("colour") && slot.ColourRequired {
		if s := a.meanSaturation(region); s < th.SaturationMin {
			add(RuleGreyscale, backend.Warn, map[string]any{"saturation": round(s, 3), "min": th.SaturationMin})
		}
	}
	if slot.Has("edges") {
		if !doc.found {
			add(RuleEdgesCut, backend.Warn, map[string]any{"reason": "not_found"})
		} else if sides := touched(doc); len(sides) > 0 {
			add(RuleEdgesCut, backend.Warn, map[string]any{"reason": "touches_border", "sides": sides})
		}
	}
	if slot.Has("glare") {
		if s := glareShare(a, region, th); s > th.GlareShareMax {
			add(RuleGlare, backend.Warn, map[string]any{"share": round(s, 3), "max": th.GlareShareMax})
		}
	}
	asp, hasAspect := aspectFor(slot)
	if doc.found && slot.Has("aspect") && hasAspect {
		if r := doc.aspect(); r < asp.Min || r > asp.Max {
			add(RuleAspect, backend.Warn, map[string]any{"aspect": round(r, 3), "expected": asp.Ratio, "min": asp.Min, "max": asp.Max})
		}
	}
	if doc.found && slot.Has("page") && hasAspect {
		if r := doc.aspect(); r < asp.Min || r > asp.Max {
			add(RulePageIncomplete, backend.Warn, map[string]any{"aspect": round(r, 3), "expected": asp.Ratio})
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
	if slot.Has("face") {
		out = append(out, faceFindings(a, faces, th, opt.Field)...)
	}
	if slot.Has("backdrop") {
		if s, ok := backdropShare(a, faces); ok && s < th.BackdropShareMin {
			add(RuleBackdropMissing, backend.Warn, map[string]any{"share": round(s, 3), "min": th.BackdropShareMin})
		}
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
	bb := d.comp.bbox
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
