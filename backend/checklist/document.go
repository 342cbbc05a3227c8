package checklist

import (
	"strings"
	"unicode"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW   = 210.0
	pageH   = 297.0
	marginX = 15.0
	marginT = 13.0
	marginB = 14.0
	contW   = pageW - 2*marginX
	ptToMM  = 25.4 / 72
)

type opKind int

const (
	opText opKind = iota
	opLine
	opRect
	opCircle
	opWatermark
)

// op is one drawing instruction of the display list; units are mm and pt.
type op struct {
	kind       opKind
	x, y, w, h float64 // text: x and baseline y; line: x,y → w,h as x2,y2; circle: centre x,y, radius w
	text       string
	size       float64 // font size in pt
	gray       int     // text / stroke grey level 0–255
	fill       int     // rect fill grey, -1 for none
	lineW      float64
	dash       bool
	bold       bool
}

// document is a display list of pages plus the metrics to lay text out; it
// is all the renderer needs, and knows nothing of the PDF library.
type document struct {
	f       *ttf
	opts    Options
	pages   [][]op
	cur     int
	y       float64 // layout cursor on the current page
	formPgs []int   // first page of each form, for page numbers
}

func newDocument(f *ttf, opts Options) *document {
	return &document{f: f, opts: opts, cur: -1}
}

func (d *document) addPage() {
	d.pages = append(d.pages, nil)
	d.cur = len(d.pages) - 1
	d.y = marginT
}

func (d *document) emit(o op) { d.pages[d.cur] = append(d.pages[d.cur], o) }

func (d *document) remaining() float64 { return pageH - marginB - d.y }

// checkBox is drawn as a square, not taken from the font, whose □ is tiny.
const (
	checkBox     = '□'
	checkBoxEm   = 0.95 // advance, in em
	checkBoxSide = 0.68 // side, in em
)

// width of s at size pt, in mm.
func (d *document) width(s string, size float64) float64 {
	n := strings.Count(s, string(checkBox))
	if n == 0 {
		return d.f.width(s) * size * ptToMM
	}
	rest := strings.ReplaceAll(s, string(checkBox), "")
	return (d.f.width(rest) + float64(n)*checkBoxEm) * size * ptToMM
}

func lineHeight(size float64) float64 { return size * ptToMM * 1.45 }

func (d *document) text(x, top, size float64, s string, gray int, bold bool) {
	base := top + lineHeight(size)/2 + size*ptToMM*0.36
	em := size * ptToMM
	for {
		i := strings.IndexRune(s, checkBox)
		if i < 0 {
			break
		}
		if i > 0 {
			d.emit(op{kind: opText, x: x, y: base, text: s[:i], size: size, gray: gray, bold: bold})
			x += d.width(s[:i], size)
		}
		side := checkBoxSide * em
		d.rect(x+(checkBoxEm*em-side)/2, base-0.8*em+(0.8*em-side)/2, side, side, 0.25, -1, false)
		x += checkBoxEm * em
		s = s[i+len(string(checkBox)):]
	}
	if s != "" {
		d.emit(op{kind: opText, x: x, y: base, text: s, size: size, gray: gray, bold: bold})
	}
}

func (d *document) line(x1, y1, x2, y2, lw float64, dash bool) {
	d.emit(op{kind: opLine, x: x1, y: y1, w: x2, h: y2, lineW: lw, dash: dash, fill: -1})
}

func (d *document) rect(x, y, w, h, lw float64, fill int, dash bool) {
	d.emit(op{kind: opRect, x: x, y: y, w: w, h: h, lineW: lw, fill: fill, dash: dash})
}

func (d *document) circle(cx, cy, r, lw float64, dash bool) {
	d.emit(op{kind: opCircle, x: cx, y: cy, w: r, lineW: lw, dash: dash, fill: -1})
}

// breakAfter rates a line break after r: 2 where text naturally breaks (CJK,
// spaces, list separators), 1 inside a domain or URL (after . - /), 0 never.
func breakAfter(r rune) int {
	switch {
	case unicode.IsSpace(r) || r == ';' || r == ',' || unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
		return 2
	case r == '.' || r == '-' || r == '/' || r == '_' || r == '@':
		return 1
	}
	return 0
}

// noLineStart are characters that must not begin a line (Chinese punctuation rules).
func noLineStart(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '）', '」', '》', '！', '？', ',', '.', ';', ':', ')':
		return true
	}
	return false
}

// wrap splits s into lines no wider than w mm at size pt. Explicit newlines
// start new lines; a word wider than w is cut between characters.
func (d *document) wrap(s string, w, size float64) []string {
	var out []string
	for _, para := range splitLines(s) {
		rs := []rune(para)
		if len(rs) == 0 {
			out = append(out, "")
			continue
		}
		start := 0
		for start < len(rs) {
			lineW := 0.0
			end := start
			strong, weak := -1, -1
			for end < len(rs) {
				cw := d.width(string(rs[end]), size)
				if lineW+cw > w && end > start {
					break
				}
				lineW += cw
				if end+1 >= len(rs) || !noLineStart(rs[end+1]) {
					switch breakAfter(rs[end]) {
					case 2:
						strong = end + 1
					case 1:
						weak = end + 1
					}
				}
				end++
			}
			if end < len(rs) {
				if strong > start {
					end = strong
				} else if weak > start {
					end = weak
				}
			}
			line := string(rs[start:end])
			out = append(out, trimRightSpace(line))
			start = end
			for start < len(rs) && rs[start] == ' ' {
				start++
			}
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	cur := []rune{}
	for _, r := range s {
		if r == '\n' {
			out = append(out, string(cur))
			cur = cur[:0]
			continue
		}
		cur = append(cur, r)
	}
	return append(out, string(cur))
}

func trimRightSpace(s string) string {
	rs := []rune(s)
	for len(rs) > 0 && rs[len(rs)-1] == ' ' {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

// runes lists every distinct rune the document draws, for the font subset.
func (d *document) runes() []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, p := range d.pages {
		for _, o := range p {
			if o.kind != opText && o.kind != opWatermark {
				continue
			}
			for _, r := range o.text {
				if !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
		}
	}
	return out
}
