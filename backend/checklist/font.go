package checklist

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"

	"icpdesk/assets"
)

// fontPath is the embedded CJK TrueType font every form is drawn with.
const fontPath = "fonts/wqy-microhei.ttf"

// ttf is the parsed font, shared by every form: parsed once, read-only after.
// Glyph coverage, advance widths and subsetting all come from here, so the PDF
// library only ever sees a font of a few hundred glyphs (fast to embed).
type ttf struct {
	sf         *sfnt.Font
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	numHMetric int
	longLoca   bool
	ascent     int // hhea ascender, font units
}

var (
	fontOnce sync.Once
	fontVal  *ttf
	fontErr  error
)

func loadFont() (*ttf, error) {
	fontOnce.Do(func() {
		b, err := assets.Read(fontPath)
		if err == nil {
			fontVal, err = parseTTF(b)
		}
		if err != nil {
			fontErr = fmt.Errorf("checklist: font %s: %w", fontPath, err)
		}
	})
	return fontVal, fontErr
}

func parseTTF(b []byte) (*ttf, error) {
	sf, err := sfnt.Parse(b)
	if err != nil {
		return nil, err
	}
	if len(b) < 12 {
		return nil, errors.New("short font")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	t := &ttf{sf: sf, tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errors.New("truncated table directory")
		}
		tag := string(b[rec : rec+4])
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		ln := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("table %q out of range", tag)
		}
		t.tables[tag] = b[off : off+ln]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2", "post"} {
		if _, ok := t.tables[tag]; !ok {
			return nil, fmt.Errorf("missing table %q", tag)
		}
	}
	head, hhea, maxp := t.tables["head"], t.tables["hhea"], t.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("short head/hhea/maxp")
	}
	t.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	t.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	t.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	t.numHMetric = int(binary.BigEndian.Uint16(hhea[34:]))
	t.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if t.unitsPerEm == 0 || t.numHMetric == 0 || len(t.tables["hmtx"]) < 4*t.numHMetric {
		return nil, errors.New("bad metrics")
	}
	return t, nil
}

// glyph returns the glyph id of r, 0 when the font lacks it.
func (t *ttf) glyph(r rune) uint16 {
	var buf sfnt.Buffer
	g, err := t.sf.GlyphIndex(&buf, r)
	if err != nil {
		return 0
	}
	return uint16(g)
}

// has reports whether the font draws r. Runes above the BMP are refused: the
// PDF library indexes its width table by rune and only sizes it for the BMP.
func (t *ttf) has(r rune) bool {
	return r > 0 && r <= 0xFFFF && t.glyph(r) != 0
}

// advance is the advance width of glyph g in font units.
func (t *ttf) advance(g uint16) int {
	hm := t.tables["hmtx"]
	i := int(g)
	if i >= t.numHMetric {
		i = t.numHMetric - 1
	}
	return int(binary.BigEndian.Uint16(hm[4*i:]))
}

// lsb is the left side bearing of glyph g.
func (t *ttf) lsb(g uint16) int16 {
	hm := t.tables["hmtx"]
	i := int(g)
	if i < t.numHMetric {
		return int16(binary.BigEndian.Uint16(hm[4*i+2:]))
	}
	off := 4*t.numHMetric + 2*(i-t.numHMetric)
	if off+2 > len(hm) {
		return 0
	}
	return int16(binary.BigEndian.Uint16(hm[off:]))
}

// width is the width of s in em (multiply by the font size).
func (t *ttf) width(s string) float64 {
	w := 0
	for _, r := range s {
		w += t.advance(t.glyph(r))
	}
	return float64(w) / float64(t.unitsPerEm)
}

func (t *ttf) glyphData(g uint16) []byte {
	loca, glyf := t.tables["loca"], t.tables["glyf"]
	var a, b int
	if t.longLoca {
		if 4*int(g)+8 > len(loca) {
			return nil
		}
		a = int(binary.BigEndian.Uint32(loca[4*int(g):]))
		b = int(binary.BigEndian.Uint32(loca[4*int(g)+4:]))
	} else {
		if 2*int(g)+4 > len(loca) {
			return nil
		}
		a = 2 * int(binary.BigEndian.Uint16(loca[2*int(g):]))
		b = 2 * int(binary.BigEndian.Uint16(loca[2*int(g)+2:]))
	}
	if a > b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Composite glyph flags (TrueType glyf table).
const (
	argsAreWords  = 0x0001
	haveScale     = 0x0008
	moreComps     = 0x0020
	haveXYScale   = 0x0040
	haveTwoByTwo  = 0x0080
	compHeaderLen = 10
)

// components lists the glyphs a composite glyph is built from, with the
// offsets of their glyph index fields inside data.
func components(data []byte) (gids []uint16, offs []int) {
	if len(data) < compHeaderLen || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil
	}
	p := compHeaderLen
	for p+4 <= len(data) {
		flags := binary.BigEndian.Uint16(data[p:])
		gids = append(gids, binary.BigEndian.Uint16(data[p+2:]))
		offs = append(offs, p+2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	return gids, offs
}

// subset returns a TrueType font holding only the glyphs of runes (plus
// .notdef and composite parts), with its own cmap, so a form embeds and
// parses in a millisecond instead of re-reading 30,000 glyphs.
func (t *ttf) subset(runes []rune) ([]byte, error) {
	type pair struct {
		r rune
		g uint16
	}
	var pairs []pair
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	add := func(g uint16) {
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	sorted := append([]rune(nil), runes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	for i, r := range sorted {
		if i > 0 && sorted[i-1] == r {
			continue
		}
		if r <= 0 || r > 0xFFFF {
			continue
		}
		g := t.glyph(r)
		if g == 0 {
			continue
		}
		add(g)
		pairs = append(pairs, pair{r, g})
	}
	for i := 0; i < len(order); i++ { // order grows while composites add parts
		gids, _ := components(t.glyphData(order[i]))
		for _, c := range gids {
			if int(c) < t.numGlyphs {
				add(c)
			}
		}
	}
	if len(order) > 0xFFFE {
		return nil, errors.New("too many glyphs")
	}

	var glyf, loca, hmtx []byte
	loca = binary.BigEndian.AppendUint32(loca, 0)
	for _, old := range order {
		d := append([]byte(nil), t.glyphData(old)...)
		gids, offs := components(d)
		for k, c := range gids {
			binary.BigEndian.PutUint16(d[offs[k]:], newID[c])
		}
		glyf = append(glyf, d...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(t.advance(old)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(t.lsb(old)))
	}

	head := append([]byte(nil), t.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, recomputed below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), t.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte(nil), t.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	post := append([]byte(nil), t.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post[0:], 0x00030000) // format 3: no glyph names

	// cmap: one format 4 subtable (Windows, Unicode BMP); runs of consecutive
	// runes with consecutive new glyph ids share a segment.
	type segment struct{ start, end, delta int }
	var segs []segment
	for _, p := range pairs {
		d := int(newID[p.g]) - int(p.r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == int(p.r) && segs[n-1].delta == d {
			segs[n-1].end++
			continue
		}
		segs = append(segs, segment{int(p.r), int(p.r), d})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	seg := len(segs)
	if 16+8*seg > 0xFFFF {
		return nil, errors.New("too many cmap segments")
	}
	sub := make([]byte, 0, 16+8*seg)
	sr, es := 1, 0
	for sr*2 <= seg {
		sr *= 2
		es++
	}
	sub = binary.BigEndian.AppendUint16(sub, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*seg))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*seg))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*sr))
	sub = binary.BigEndian.AppendUint16(sub, uint16(es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*seg-2*sr))
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.end))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0) // reservedPad
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.start))
	}
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.delta))
	}
	for range segs {
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	cmap = append(cmap, sub...)

	out := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca,
		"glyf": glyf, "cmap": cmap, "post": post,
		"name": t.tables["name"], "OS/2": t.tables["OS/2"],
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if b, ok := t.tables[tag]; ok {
			out[tag] = b
		}
	}
	return writeTTF(out), nil
}

func tableChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// writeTTF assembles tables into a TrueType file (tags sorted, 4-byte aligned).
func writeTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	headOff := 0
	for i, tag := range tags {
		b := tables[tag]
		rec := 12 + 16*i
		copy(out[rec:], tag)
		binary.BigEndian.PutUint32(out[rec+4:], tableChecksum(b))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(b)))
		if tag == "head" {
			headOff = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headOff+8:], 0xB1B0AFBA-tableChecksum(out))
	return out
}
