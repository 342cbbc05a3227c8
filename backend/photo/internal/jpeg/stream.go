package jpeg

import (
	"image"
	"io"
	"sync"
)

// DecodeOptions tune DecodeWith (the fork's addition).
type DecodeOptions struct {
	// Rows, when not nil, is given the rows of the picture as they become
	// final: rows [y0, y1) of m, the image DecodeWith returns, one call at a
	// time and in order of y, each call's y0 the previous call's y1. A
	// sequential YCbCr JPEG large enough for the parallel reconstruction
	// hands its rows over while the rest is still being decoded, on the
	// decoder's worker goroutines (so the caller's work on them overlaps the
	// entropy decoding); any other picture is handed over whole, once, when
	// it is decoded. A call with y0 == 0 starts over: the picture changed
	// after some of its rows were given (a further scan), read them again.
	// Rows are given only when decoding succeeds up to them; by the time
	// DecodeWith returns without an error, every row has been given.
	Rows func(m image.Image, y0, y1 int)
}

// DecodeWith is Decode with options.
func DecodeWith(r io.Reader, opt DecodeOptions) (image.Image, error) {
	var d decoder
	if opt.Rows != nil {
		d.stream = &rowStream{fn: opt.Rows}
	}
	img, err := d.decode(r, false)
	if d.stream != nil && d.stream.perr != nil {
		panic(d.stream.perr) // the caller's Rows panicked on a worker: panic in the caller's goroutine
	}
	if err != nil || d.stream == nil {
		return img, err
	}
	if !d.stream.complete(img) {
		opt.Rows(img, 0, img.Bounds().Dy())
	}
	return img, nil
}

// rowStream hands the MCU rows the workers reconstruct over to the caller,
// in order: the worker that finishes the next row due gives every row ready
// from there on, while the other workers go on reconstructing.
type rowStream struct {
	fn    func(image.Image, int, int)
	mu    sync.Mutex
	img   *image.YCbCr
	rowH  int    // pixel rows per MCU row
	h     int    // the picture's height
	ready []bool // MCU rows reconstructed
	next  int    // first MCU row not given yet
	busy  bool   // a worker is giving rows
	scans int    // pipelines begun (one per scan)
	off   bool   // the rows given are not the final picture's: give it whole at the end
	perr  any    // a panic of fn
}

// begin is called when a scan starts its row pipeline. Only a picture
// whose one scan holds all three components, returned as the decoder's own
// YCbCr planes, is streamed.
func (s *rowStream) begin(d *decoder) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scans++
	if s.scans > 1 || d.nComp != 3 || d.img3 == nil || d.blackPix != nil || d.isRGB() {
		s.off = true
		return
	}
	v0 := d.comp[0].v
	s.img, s.rowH, s.h = d.img3, 8*v0, d.height
	s.ready = make([]bool, (d.height+s.rowH-1)/s.rowH)
}

// row tells which MCU row the blocks at are (v0 is the luma's vertical
// sampling factor) and whether they hold all three components: a scan of
// some components only does not finish the picture.
func (s *rowStream) row(at []blockAt, v0 int) (my int, whole bool) {
	if len(at) == 0 || at[0].comp != 0 {
		return -1, false
	}
	var comps uint8
	for _, a := range at {
		comps |= 1 << a.comp
	}
	return int(at[0].by) / v0, comps == 7
}

// done is called by a worker after it reconstructed MCU row my; whole is
// false when the row is not final (see row) or its reconstruction failed.
func (s *rowStream) done(my int, whole bool) {
	s.mu.Lock()
	if !whole || my < 0 || my >= len(s.ready) {
		s.off = true
	}
	if s.off {
		s.mu.Unlock()
		return
	}
	s.ready[my] = true
	if s.busy {
		s.mu.Unlock()
		return
	}
	s.busy = true
	defer func() {
		if r := recover(); r != nil {
			s.mu.Lock()
			s.perr, s.off, s.busy = r, true, false
			s.mu.Unlock()
		}
	}()
	for {
		y0 := s.next
		for s.next < len(s.ready) && s.ready[s.next] {
			s.next++
		}
		if s.next == y0 || s.off {
			s.busy = false
			s.mu.Unlock()
			return
		}
		a, b := min(y0*s.rowH, s.h), min(s.next*s.rowH, s.h)
		s.mu.Unlock()
		s.fn(s.img, a, b)
		s.mu.Lock()
	}
}

// complete reports whether every row of img has been given.
func (s *rowStream) complete(img image.Image) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.off && s.scans == 1 && s.img != nil && image.Image(s.img) == img && s.next == len(s.ready)
}
