package assets

import (
	"encoding/json"
	"fmt"
	"sync"
)

// PhotoThresholds are the image-check thresholds (app heuristics, photos.md §6).
type PhotoThresholds struct {
	AnalysisLongEdge    int     `json:"analysis_long_edge"`
	BlurLaplacianVarMin float64 `json:"blur_laplacian_var_min"`
	MeanLumaMin         float64 `json:"mean_luma_min"`
	MeanLumaMax         float64 `json:"mean_luma_max"`
	ClippedShareMax     float64 `json:"clipped_share_max"`
	GlareLuma           float64 `json:"glare_luma"`
	GlareShareMax       float64 `json:"glare_share_max"`
	GlareBlobMinShare   float64 `json:"glare_blob_min_share"`
	SaturationMin       float64 `json:"saturation_min"`
	EdgeMarginShare     float64 `json:"edge_margin_share"`
	EdgeTouchShare      float64 `json:"edge_touch_share"`
	AspectTolerance     float64 `json:"aspect_tolerance"`
	FaceCount           int     `json:"face_count"`
	FaceHeightMaxShare  float64 `json:"face_height_max_share"`
	FaceHeightMinShare  float64 `json:"face_height_min_share"`
	FaceTopMarginShare  float64 `json:"face_top_margin_share"`
	BackdropShareMin    float64 `json:"backdrop_share_min"`

	// Document detection (the crop suggestion and its confidence).
	DetectLongEdge       int     `json:"detect_long_edge"`        // pixels of the copy the detector works on
	DetectMinConfidence  float64 `json:"detect_min_confidence"`   // apply automatically from here
	DetectAreaMin        float64 `json:"detect_area_min"`         // share of the frame the document must cover
	DetectAreaMax        float64 `json:"detect_area_max"`         // above: it fills the frame, nothing to cut
	DetectEdgeSupportMin float64 `json:"detect_edge_support_min"` // share of each side with a visible edge
	DetectEdgeSeenMin    float64 `json:"detect_edge_seen_min"`    // patterned cloth: share of each side where the step itself is seen
	DetectAngleDevMax    float64 `json:"detect_angle_dev_max"`    // degrees a corner may differ from 90
	DetectContrastMin    float64 `json:"detect_contrast_min"`     // colour step (sum of |ΔRGB|) that counts as an edge

	RegionClippedShareMax float64 `json:"region_clipped_share_max"` // clipped pixels inside the document
	SharpnessMin          float64 `json:"sharpness_min"`            // ink edge steepness (pages), 0 = off
	HeaderInkShareMin     float64 `json:"header_ink_share_min"`     // ink in the page's top band, 0 = off
	InkLumaMax            float64 `json:"ink_luma_max"`             // a page's darkest ink must be at most this bright, 0 = off
	SealRedShareMin       float64 `json:"seal_red_share_min"`       // red seal pixels on the page, 0 = off
	GreySpreadMax         float64 `json:"grey_spread_max"`          // a pixel is grey when max−min of its channels is at most this
	GreyPixelShareMin     float64 `json:"grey_pixel_share_min"`     // a page is a greyscale scan from this share of grey pixels
	CardAreaMin           float64 `json:"card_area_min"`            // hand-held photo: the card's share of the frame
	CardAreaMax           float64 `json:"card_area_max"`
}

// PhotoDecodeLimits bound what the importer accepts before a full decode.
type PhotoDecodeLimits struct {
	MaxFileBytes      int64 `json:"max_file_bytes"`
	MaxPixels         int64 `json:"max_pixels"`
	MemoryBudgetBytes int64 `json:"memory_budget_bytes"`
}

// PhotoAspect is a target shape: width/height of the long over the short edge.
type PhotoAspect struct {
	Ratio  float64 `json:"ratio"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Source string  `json:"source"`
}

// BackdropColour is an HSV range (hue in degrees, sat/val 0–1) a backdrop may have.
type BackdropColour struct {
	HueMin float64 `json:"hue_min"`
	HueMax float64 `json:"hue_max"`
	SatMin float64 `json:"sat_min"`
	ValMin float64 `json:"val_min"`
	Note   string  `json:"note"`
}

// PhotoSlot is one upload slot's specification; Thresholds are the defaults
// merged with the slot's overrides.
type PhotoSlot struct {
	Key               string          `json:"key"`
	NameZh            string          `json:"name_zh"`
	NameEn            string          `json:"name_en"`
	Kind              string          `json:"kind"`             // card | page | portrait | handheld
	ConsoleLabelZh    string          `json:"console_label_zh"` // the file's name in the package
	Flows             []string        `json:"flows"`            // console | miniprogram
	Source            string          `json:"source,omitempty"`
	NeedZh            string          `json:"need_zh"`
	NeedEn            string          `json:"need_en"`
	Formats           []string        `json:"formats"`
	MaxBytes          int64           `json:"max_bytes"`
	MinBytes          int64           `json:"min_bytes"`
	MinShortEdge      int             `json:"min_short_edge"`
	ExportMinLongEdge int             `json:"export_min_long_edge"`
	ExportMaxLongEdge int             `json:"export_max_long_edge"`
	Aspect            string          `json:"aspect"` // key in PhotoData.Aspects, "" = any
	ColourRequired    bool            `json:"colour_required"`
	Document          bool            `json:"document"`
	Face              bool            `json:"face"`
	Checks            []string        `json:"checks"`
	Thresholds        PhotoThresholds `json:"-"`
}

// Has reports whether the slot runs the named check.
func (s PhotoSlot) Has(check string) bool {
	for _, c := range s.Checks {
		if c == check {
			return true
		}
	}
	return false
}

// InFlow reports whether the slot is asked for in the filing flow ("" = console).
func (s PhotoSlot) InFlow(flow string) bool {
	if flow == "" {
		flow = "console"
	}
	for _, f := range s.Flows {
		if f == flow {
			return true
		}
	}
	return false
}

// PhotoKinds are the slot kinds; each has its own detector and thresholds.
var PhotoKinds = []string{"card", "page", "portrait", "handheld"}

// PhotoData is data/photo_slots.json, parsed.
type PhotoData struct {
	DecodeLimits      PhotoDecodeLimits      `json:"decode_limits"`
	Thresholds        PhotoThresholds        `json:"thresholds"`
	BackdropColours   []BackdropColour       `json:"backdrop_colours"`
	Aspects           map[string]PhotoAspect `json:"aspects"`
	IDTypeSides       map[string]int         `json:"id_type_sides"`
	IndividualNatures []string               `json:"individual_natures"`
	Slots             []PhotoSlot            `json:"slots"`
}

var (
	photoOnce sync.Once
	photoData *PhotoData
	photoErr  error
)

// Photos returns the photo slot data, parsed once.
func Photos() (*PhotoData, error) {
	photoOnce.Do(func() {
		b, err := files.ReadFile("data/photo_slots.json")
		if err == nil {
			photoData, err = parsePhotoData(b)
		}
		if err != nil {
			photoErr = fmt.Errorf("assets: data/photo_slots.json: %w", err)
		}
	})
	return photoData, photoErr
}

// MustPhotos is Photos after Load succeeded at start-up (a failure is a
// build defect, not "no such slot").
func MustPhotos() *PhotoData {
	d, err := Photos()
	if err != nil {
		panic(err)
	}
	return d
}

func parsePhotoData(b []byte) (*PhotoData, error) {
	var d PhotoData
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	// Slots carry raw override objects; decode them over a copy of the defaults.
	var raw struct {
		Slots []struct {
			Thresholds json.RawMessage `json:"thresholds"`
		} `json:"slots"`
		Kinds map[string]struct {
			Thresholds json.RawMessage `json:"thresholds"`
		} `json:"kinds"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	if len(d.Slots) == 0 {
		return nil, fmt.Errorf("no slots")
	}
	seen := map[string]bool{}
	for i := range d.Slots {
		s := &d.Slots[i]
		if s.Key == "" || seen[s.Key] {
			return nil, fmt.Errorf("slot %d: empty or duplicate key %q", i, s.Key)
		}
		seen[s.Key] = true
		if s.Aspect != "" {
			if _, ok := d.Aspects[s.Aspect]; !ok {
				return nil, fmt.Errorf("slot %s: unknown aspect %q", s.Key, s.Aspect)
			}
		}
		if s.MaxBytes <= 0 || s.ExportMaxLongEdge <= 0 || len(s.Formats) == 0 {
			return nil, fmt.Errorf("slot %s: max_bytes, export_max_long_edge and formats are required", s.Key)
		}
		kind, ok := raw.Kinds[s.Kind]
		if !ok {
			return nil, fmt.Errorf("slot %s: unknown kind %q", s.Key, s.Kind)
		}
		if s.ConsoleLabelZh == "" || len(s.Flows) == 0 {
			return nil, fmt.Errorf("slot %s: console_label_zh and flows are required", s.Key)
		}
		s.Thresholds = d.Thresholds
		if len(kind.Thresholds) > 0 {
			if err := json.Unmarshal(kind.Thresholds, &s.Thresholds); err != nil {
				return nil, fmt.Errorf("kind %s thresholds: %w", s.Kind, err)
			}
		}
		if m := raw.Slots[i].Thresholds; len(m) > 0 {
			if err := json.Unmarshal(m, &s.Thresholds); err != nil {
				return nil, fmt.Errorf("slot %s thresholds: %w", s.Key, err)
			}
		}
	}
	return &d, nil
}

// PhotoSlotByKey returns the slot with the given key.
func PhotoSlotByKey(key string) (PhotoSlot, bool) {
	d := MustPhotos()
	for _, s := range d.Slots {
		if s.Key == key {
			return s, true
		}
	}
	return PhotoSlot{}, false
}
