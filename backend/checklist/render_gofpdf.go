package checklist

import (
	"bytes"
	"context"
	"fmt"

	"github.com/jung-kurt/gofpdf"
)

// gofpdfRenderer is the only user of github.com/jung-kurt/gofpdf (archived,
// pinned); replacing the library means rewriting this file only.
type gofpdfRenderer struct{}

const fontFamily = "cjk"

func (gofpdfRenderer) render(ctx context.Context, d *document, font []byte) ([]byte, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.opts.now())
	pdf.SetModificationDate(d.opts.now())
	pdf.SetCreator("ICP Desk", true)
	pdf.SetTitle(titleText, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.AddUTF8FontFromBytes(fontFamily, "", font)
	pdf.SetFont(fontFamily, "", bodySize) // fails here if the font did not load
	if pdf.Err() {
		return nil, fmt.Errorf("font: %w", pdf.Error())
	}
	dashed := false
	setDash := func(on bool) {
		if on == dashed {
			return
		}
		dashed = on
		if on {
			pdf.SetDashPattern([]float64{1.2, 0.9}, 0)
		} else {
			pdf.SetDashPattern([]float64{}, 0)
		}
	}
	stroke := func(o op) {
		pdf.SetLineWidth(o.lineW)
		setDash(o.dash)
		if o.dash {
			pdf.SetDrawColor(dashGray, dashGray, dashGray)
		} else {
			pdf.SetDrawColor(0, 0, 0)
		}
	}
	for pi, page := range d.pages {
		if pi%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		pdf.AddPage()
		dashed = false
		for _, o := range page {
			switch o.kind {
			case opText:
				pdf.SetFont(fontFamily, "", o.size)
				pdf.SetTextColor(o.gray, o.gray, o.gray)
				pdf.Text(o.x, o.y, o.text)
				if o.bold { // the font has one weight: overprint to embolden
					pdf.Text(o.x+o.size*0.012, o.y, o.text)
				}
			case opLine:
				stroke(o)
				pdf.Line(o.x, o.y, o.w, o.h)
			case opRect:
				stroke(o)
				style := "D"
				if o.fill >= 0 {
					pdf.SetFillColor(o.fill, o.fill, o.fill)
					style = "FD"
				}
				pdf.Rect(o.x, o.y, o.w, o.h, style)
			case opCircle:
				stroke(o)
				pdf.Circle(o.x, o.y, o.w, "D")
			case opWatermark:
				pdf.TransformBegin()
				pdf.TransformRotate(35, o.x, o.y)
				pdf.SetAlpha(0.3, "Normal")
				pdf.SetFont(fontFamily, "", o.size)
				pdf.SetTextColor(o.gray, o.gray, o.gray)
				pdf.Text(o.x-o.w/2, o.y+o.size*ptToMM*0.35, o.text)
				pdf.SetAlpha(1, "Normal")
				pdf.TransformEnd()
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
