package checklist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/jung-kurt/gofpdf"
)

// gofpdfRenderer is the only user of github.com/jung-kurt/gofpdf (archived,
// pinned); replacing the library means rewriting this file only.
type gofpdfRenderer struct{}

// fontFamily is the family name gofpdf files the font under. gofpdf writes
// it as the font's PDF name ("utf8" + family, lower case) and has no way to
// set a real one, so the family is chosen 20 characters long: "utf8" + family
// then has exactly the length of a subset name ("ABCDEF+WenQuanYiMicroHei",
// PDF 32000-1 §9.6.4) and is replaced by it in the finished file without
// moving a byte, so the cross-reference offsets stay right.
const fontFamily = "icpdeskcjksubsetfont"

// fontPSName is the embedded font's PostScript name (name table ID 6).
const fontPSName = "WenQuanYiMicroHei"

var gofpdfFontName = []byte("/utf8" + fontFamily)

// subsetFontName is the PDF name of a font subset: a tag of six capital
// letters derived from the subset's bytes (different subsets get different
// tags, the same subset the same one), "+", and the PostScript name.
func subsetFontName(subset []byte) string {
	sum := sha256.Sum256(subset)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag) + "+" + fontPSName
}

// nameSubset gives the font in pdf its subset name (see fontFamily).
func nameSubset(pdf, subset []byte) ([]byte, error) {
	name := []byte("/" + subsetFontName(subset))
	if len(name) != len(gofpdfFontName) {
		return nil, fmt.Errorf("subset font name %q is not %d bytes long", name, len(gofpdfFontName))
	}
	if !bytes.Contains(pdf, gofpdfFontName) {
		return nil, fmt.Errorf("font name %q not found in the PDF", gofpdfFontName)
	}
	return bytes.ReplaceAll(pdf, gofpdfFontName, name), nil
}

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
	return nameSubset(buf.Bytes(), font)
}
