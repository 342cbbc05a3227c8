package photo

import (
	"bytes"
	"image"
	"slices"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo/internal/jpeg"
)

// ProcessOptions say what the export of one slot is for.
type ProcessOptions struct {
	Field        string // JSON path of the slot, for the findings
	Organisation bool   // the entity is an organisation (its pages carry a seal)
	Watermark    bool   // draw WatermarkText on the export
}

// Processed is an export and what the checks found in it. Data is nil when
// no quality fits the slot's size limit (a finding says so).
type Processed struct {
	Data          []byte
	Width, Height int
	Findings      []backend.Finding // never nil
}

// Process renders the upright original with the clerk's (or the confident
// suggestion's) adjustment straight at the slot's export size, then checks
// and encodes it side by side on two cores (both only read the render). The
// app's import and 应用 and the CLI's export photo all go through here, so
// they answer alike; a rule the export repeats (resolution) is reported once.
func Process(upright image.Image, adj Adjust, sg Suggestion, spec assets.PhotoSlot, opt ProcessOptions) (Processed, error) {
	img, err := RenderForExport(upright, adj, spec.ExportMaxLongEdge)
	if err != nil {
		return Processed{}, err
	}
	checked := make(chan []backend.Finding, 1)
	go func() {
		checked <- Check(img, spec, CheckOptions{Field: opt.Field, Organisation: opt.Organisation,
			Corners: DocumentIn(upright.Bounds(), adj, sg, spec.ExportMaxLongEdge)})
	}()
	data, efs, err := Export(img, spec, ExportOptions{Field: opt.Field, Watermark: opt.Watermark})
	findings := <-checked
	if err != nil {
		return Processed{}, err
	}
	for _, f := range efs {
		if !slices.ContainsFunc(findings, func(g backend.Finding) bool { return g.Rule == f.Rule }) {
			findings = append(findings, f)
		}
	}
	if findings == nil {
		findings = []backend.Finding{}
	}
	p := Processed{Findings: findings}
	if data != nil {
		// Export may have given up pixels to fit the size limit: read its own.
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return Processed{}, backend.Wrap(backend.ECodeInternal, err)
		}
		p.Data, p.Width, p.Height = data, cfg.Width, cfg.Height
	}
	return p, nil
}
