package checklist

import (
	"context"

	"icpdesk/backend"
)

// renderer turns a display list into PDF bytes, embedding font (a TrueType
// subset holding exactly the document's glyphs). It is the seam that keeps the
// PDF library in one file.
type renderer interface {
	render(ctx context.Context, d *document, font []byte) ([]byte, error)
}

var pdfRenderer renderer = gofpdfRenderer{}

func render(ctx context.Context, d *document) ([]byte, error) {
	font, err := d.f.subset(d.runes())
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	pdf, err := pdfRenderer.render(ctx, d, font)
	if err != nil {
		if ctx.Err() != nil {
			return nil, backend.Wrap(backend.ECodeCancelled, ctx.Err())
		}
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return pdf, nil
}
