package jpeg

import (
	"bytes"
	"fmt"
	"image"
	stdjpeg "image/jpeg"
	"io"
	"math/rand"
	"os"
	"runtime"
	"sync"
	"testing"
	"testing/iotest"
)

// The tests of the fast path for sequential scans (fastac.go) compare it
// with image/jpeg on synthetic entropy-coded data written symbol by symbol:
// dense 0xff bytes (stuffed) at every position relative to a refill,
// markers right after the data, restart intervals, end-of-band runs and
// runs past the end of a block (which image/jpeg accepts in sequential
// scans), long codes, truncation mid-block, and readers that hand over the
// data a byte or a few bytes at a time (the byte buffer's refills).

// bitWriter writes an entropy-coded segment, stuffing 0xff with 0x00.
type bitWriter struct {
	out []byte
	acc byte
	n   uint
}

func (w *bitWriter) put(v uint32, l uint) {
	for i := int(l) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | byte(v>>uint(i)&1)
		if w.n++; w.n == 8 {
			w.out = append(w.out, w.acc)
			if w.acc == 0xff {
				w.out = append(w.out, 0x00)
			}
			w.acc, w.n = 0, 0
		}
	}
}

// pad fills the last byte with 1s, as encoders do.
func (w *bitWriter) pad() {
	for w.n != 0 {
		w.put(1, 1)
	}
}

// codeTable is a Huffman table for the synthetic encoder: its DHT counts
// and values and each value's canonical code.
type codeTable struct {
	counts [16]byte
	vals   []byte
	code   map[byte][2]uint32 // value: code, length
}

func newCodeTable(counts [16]byte, vals []byte) *codeTable {
	t := &codeTable{counts: counts, vals: vals, code: map[byte][2]uint32{}}
	code, k := uint32(0), 0
	for l := 1; l <= 16; l++ {
		for j := 0; j < int(counts[l-1]); j++ {
			t.code[vals[k]] = [2]uint32{code, uint32(l)}
			code++
			k++
		}
		code <<= 1
	}
	return t
}

func (t *codeTable) put(w *bitWriter, sym byte) {
	c, ok := t.code[sym]
	if !ok {
		panic(fmt.Sprintf("symbol %#x not in the table", sym))
	}
	w.put(c[0], uint(c[1]))
}

// synth describes a synthetic sequential JPEG.
type synth struct {
	w, h     int
	comps    int  // 1 or 3
	yHV      byte // the first component's sampling factors (0x11, 0x22)
	restart  int  // MCUs per restart interval, 0 for none
	separate bool // one scan per component (only with yHV 0x11)
	dc, ac   *codeTable
	big      float64 // the chance of a large magnitude
	odd      float64 // the chance of an end-of-band run or a run past the end
	noPad    bool    // a marker right after the last whole byte of data
}

// file writes the JPEG: quantisation tables of 1s, every component with
// the same Huffman tables; the symbols are drawn from the tables as the
// decoder reads them (DC, then AC symbols until the block is full, an end
// of block, an end-of-band run or a run past the end).
func (s *synth) file(rng *rand.Rand) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xff, 0xd8, 0xff, 0xdb, 0, 67, 0})
	for i := 0; i < 64; i++ {
		b.WriteByte(1)
	}
	b.Write([]byte{0xff, 0xc0, 0, byte(8 + 3*s.comps), 8, byte(s.h >> 8), byte(s.h), byte(s.w >> 8), byte(s.w), byte(s.comps)})
	for c := 0; c < s.comps; c++ {
		hv := byte(0x11)
		if c == 0 {
			hv = s.yHV
		}
		b.Write([]byte{byte(c + 1), hv, 0})
	}
	for tc, t := range []*codeTable{s.dc, s.ac} {
		b.Write([]byte{0xff, 0xc4, 0, byte(2 + 17 + len(t.vals)), byte(tc << 4)})
		b.Write(t.counts[:])
		b.Write(t.vals)
	}
	if s.restart > 0 {
		b.Write([]byte{0xff, 0xdd, 0, 4, byte(s.restart >> 8), byte(s.restart)})
	}
	h0, v0 := int(s.yHV>>4), int(s.yHV&15)
	mxx, myy := (s.w+8*h0-1)/(8*h0), (s.h+8*v0-1)/(8*v0)
	scans := [][]int{[]int{0, 1, 2}[:s.comps]}
	if s.separate {
		scans = [][]int{{0}, {1}, {2}}[:s.comps]
	}
	for _, comps := range scans {
		b.Write([]byte{0xff, 0xda, 0, byte(6 + 2*len(comps)), byte(len(comps))})
		for _, c := range comps {
			b.Write([]byte{byte(c + 1), 0x00})
		}
		b.Write([]byte{0, 63, 0})
		var w bitWriter
		eobRun, mcu := 0, 0
		perMCU := 0
		for _, c := range comps {
			if c == 0 && len(comps) > 1 {
				perMCU += h0 * v0
			} else {
				perMCU++
			}
		}
		for mcu = 0; mcu < mxx*myy; mcu++ {
			for k := 0; k < perMCU; k++ {
				s.block(&w, rng, &eobRun)
			}
			if s.restart > 0 && (mcu+1)%s.restart == 0 && mcu+1 < mxx*myy {
				w.pad()
				w.out = append(w.out, 0xff, byte(0xd0+((mcu+1)/s.restart-1)%8))
				eobRun = 0
			}
		}
		if !s.noPad {
			w.pad()
		}
		b.Write(w.out)
	}
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

// magnitude writes t random magnitude bits, often all 1s (0xff bytes).
func (s *synth) magnitude(w *bitWriter, rng *rand.Rand, t uint) {
	if rng.Intn(3) == 0 {
		w.put(1<<t-1, t)
	} else {
		w.put(uint32(rng.Int63()), t)
	}
}

func (s *synth) block(w *bitWriter, rng *rand.Rand, eobRun *int) {
	// DC: a small difference, sometimes a large one
	sym := byte(rng.Intn(4))
	if rng.Float64() < s.big {
		sym = s.dc.vals[rng.Intn(len(s.dc.vals))]
	}
	if _, ok := s.dc.code[sym]; !ok {
		sym = s.dc.vals[0]
	}
	s.dc.put(w, sym)
	s.magnitude(w, rng, uint(sym))
	if *eobRun > 0 {
		*eobRun--
		return
	}
	for zig := 1; zig < 64; zig++ {
		var sym byte
		switch r := rng.Float64(); {
		case r < 0.04:
			sym = 0x00 // end of block
		case r < 0.04+s.odd:
			sym = s.ac.vals[rng.Intn(len(s.ac.vals))] // anything the table has
		case r < 0.08:
			sym = 0xf0 // 16 zeros
		default:
			size := byte(1 + rng.Intn(3))
			if rng.Float64() < s.big {
				size = byte(1 + rng.Intn(10))
			}
			sym = byte(rng.Intn(3))<<4 | size
		}
		if _, ok := s.ac.code[sym]; !ok {
			sym = 0x01
		}
		s.ac.put(w, sym)
		run, size := int(sym>>4), uint(sym&15)
		switch {
		case sym == 0x00:
			return
		case sym == 0xf0:
			zig += 15
		case size == 0: // an end-of-band run
			*eobRun = 1 << run
			if run > 0 {
				x := rng.Intn(1 << run)
				w.put(uint32(x), uint(run))
				*eobRun |= x
			}
			*eobRun--
			return
		default:
			zig += run
			if zig > 63 {
				return // image/jpeg reads no magnitude then
			}
			s.magnitude(w, rng, size)
		}
	}
}

// stdTables are the standard luminance tables (table K.3 and K.5).
func stdTables() (*codeTable, *codeTable) {
	return newCodeTable(theHuffmanSpec[0].count, theHuffmanSpec[0].value),
		newCodeTable(theHuffmanSpec[1].count, theHuffmanSpec[1].value)
}

// oddTables are the standard tables with their values shuffled (frequent
// symbols get long codes), DC values up to 16 (17 with excessive: image/jpeg
// refuses it) and AC values of end-of-band runs and sizes up to 15.
func oddTables(rng *rand.Rand, excessive bool) (*codeTable, *codeTable) {
	dcVals := append([]byte(nil), theHuffmanSpec[0].value...)
	dcVals[9], dcVals[10], dcVals[11] = 16, 13, 15
	if excessive {
		dcVals[8] = 17
	}
	dcCounts := theHuffmanSpec[0].count
	acVals := append([]byte(nil), theHuffmanSpec[1].value...)
	repl := []byte{0x10, 0x20, 0x30, 0xe0, 0x0b, 0x0c, 0x0f, 0x1f}
	k := 0
	for i, v := range acVals {
		if v&15 == 10 && k < len(repl) {
			acVals[i] = repl[k]
			k++
		}
	}
	rng.Shuffle(len(acVals), func(i, j int) { acVals[i], acVals[j] = acVals[j], acVals[i] })
	rng.Shuffle(len(dcVals), func(i, j int) { dcVals[i], dcVals[j] = dcVals[j], dcVals[i] })
	return newCodeTable(dcCounts, dcVals), newCodeTable(theHuffmanSpec[1].count, acVals)
}

// chunkReader hands over the data in chunks of 1 to max bytes.
type chunkReader struct {
	b   []byte
	rng *rand.Rand
	max int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(r.b), 1+r.rng.Intn(r.max))
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

// sameDecode fails unless Decode and image/jpeg's agree on data read
// through each reader made by readers: both fail, or both give the same
// pixels. It says whether they decoded.
func sameDecode(t *testing.T, what string, data []byte, readers ...func([]byte) io.Reader) bool {
	t.Helper()
	want, werr := stdjpeg.Decode(bytes.NewReader(data))
	for i, r := range append([]func([]byte) io.Reader{func(b []byte) io.Reader { return bytes.NewReader(b) }}, readers...) {
		got, gerr := Decode(r(data))
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("%s, reader %d: error %v vs image/jpeg's %v", what, i, gerr, werr)
		}
		if werr == nil {
			samePixels(t, fmt.Sprintf("%s, reader %d", what, i), got, want)
		}
	}
	return werr == nil
}

func TestFastSequentialMatchesStdlib(t *testing.T) {
	defer func(m int) { minParallelMCUs = m }(minParallelMCUs)
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	rng := rand.New(rand.NewSource(14))
	oneByte := func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }
	chunks := func(b []byte) io.Reader { return &chunkReader{b, rand.New(rand.NewSource(int64(len(b)))), 23} }
	n := 40
	if raceBuild {
		n = 8
	}
	decoded := 0
	var stuffed [8]int // stuffed 0xff 0x00 in the scans, by offset mod 8
	for i := 0; i < n; i++ {
		dc, ac := stdTables()
		s := &synth{w: 8 + rng.Intn(200), h: 8 + rng.Intn(120), comps: 3, yHV: 0x11, dc: dc, ac: ac}
		switch i % 8 {
		case 1:
			s.comps = 1
		case 2:
			s.yHV = 0x22
		case 3:
			s.separate = true
		case 4, 5:
			s.dc, s.ac = oddTables(rng, i%16 == 13)
		}
		if i%3 == 1 {
			s.restart = 1 + rng.Intn(9)
		}
		s.big = []float64{0, 0.05, 0.3}[i%3]
		if i%5 == 4 {
			s.odd = 0.02
		}
		s.noPad = i%4 == 3
		minParallelMCUs = []int{1, 1 << 30}[i%2]
		data := s.file(rng)
		sos := bytes.Index(data, []byte{0xff, 0xda})
		for k := sos + 2; k+1 < len(data); k++ {
			if data[k] == 0xff && data[k+1] == 0x00 {
				stuffed[(k-sos)%8]++
			}
		}
		if sameDecode(t, fmt.Sprintf("case %d %+v", i, *s), data, oneByte, chunks) {
			decoded++
		}
	}
	if decoded < n/2 {
		t.Fatalf("only %d of %d synthetic files decoded: the test does not reach the decoder", decoded, n)
	}
	// The 8-byte refills start anywhere: stuffed bytes at every offset.
	for k, c := range stuffed {
		if c < n {
			t.Fatalf("%d stuffed bytes at offset %d mod 8 (%v): too few to test the refills", c, k, stuffed)
		}
	}
}

// Cut anywhere, or cut and followed straight by EOI, or a junk byte before
// a restart marker, a file decodes or fails as with image/jpeg.
func TestFastSequentialTruncated(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	dc, ac := stdTables()
	s := &synth{w: 40, h: 24, comps: 3, yHV: 0x11, restart: 4, dc: dc, ac: ac, big: 0.1}
	data := s.file(rng)
	sos := bytes.Index(data, []byte{0xff, 0xda})
	step := 1
	if raceBuild {
		step = 7
	}
	for k := sos; k < len(data); k += step {
		sameDecode(t, fmt.Sprintf("cut at %d of %d", k, len(data)), data[:k])
		eoi := append(append([]byte(nil), data[:k]...), 0xff, 0xd9)
		sameDecode(t, fmt.Sprintf("cut at %d of %d, then EOI", k, len(data)), eoi)
		if k > sos+14 && data[k-1] != 0xff {
			junk := append(append(append([]byte(nil), data[:k]...), 0x5a), data[k:]...)
			sameDecode(t, fmt.Sprintf("junk at %d of %d", k, len(data)), junk)
		}
	}
}

// Random bytes as the entropy-coded data (bad codes, markers anywhere) and
// an over-subscribed table (the general path only) decode or fail as with
// image/jpeg.
func TestFastSequentialGarbage(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	dc, ac := stdTables()
	s := &synth{w: 64, h: 48, comps: 3, yHV: 0x11, dc: dc, ac: ac}
	head := s.file(rng)
	head = head[:bytes.Index(head, []byte{0xff, 0xda})+14]
	n := 200
	if raceBuild {
		n = 20
	}
	for i := 0; i < n; i++ {
		var w bitWriter
		for k := rng.Intn(3000); k > 0; k-- {
			w.put(uint32(rng.Intn(256)), 8)
		}
		data := append(append(append([]byte(nil), head...), w.out...), 0xff, 0xd9)
		if i%10 == 0 {
			// a marker in the middle of the data
			k := len(head) + rng.Intn(len(w.out)+1)
			data = append(append(append([]byte(nil), data[:k]...), 0xff, 0xd0+byte(rng.Intn(8))), data[k:]...)
		}
		sameDecode(t, fmt.Sprintf("garbage %d", i), data)
	}
	// 3 codes of length 1
	bad := append([]byte(nil), head...)
	dht := bytes.Index(bad, []byte{0xff, 0xc4}) + 5
	bad[dht], bad[dht+2] = 3, 2
	var w bitWriter
	for k := 0; k < 2000; k++ {
		w.put(uint32(rng.Intn(256)), 8)
	}
	sameDecode(t, "over-subscribed", append(append(bad, w.out...), 0xff, 0xd9))
}

// photo444 is a noisy 4000×3000 photo-like picture (independent noise per
// channel, as from a phone camera) encoded 4:4:4 at quality 92, like the
// bench input scripts/bench_photo.sh makes with ImageMagick.
var photo444 = sync.OnceValue(func() []byte {
	const sigma = 7.5 // about the size of the ImageMagick picture (6.6 MB)
	const w, h = 4000, 3000
	rng := rand.New(rand.NewSource(17))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := 50, 60, 55
			if x > 700 && x < 3300 && y > 600 && y < 2240 {
				r, g, b = 228, 232, 236
			}
			if (x-2700)*(x-2700)*9+(y-1400)*(y-1400)*4 < 280*280*9 {
				r, g, b = 220, 170, 135
			}
			i := m.PixOffset(x, y)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = clamp(r+int(rng.NormFloat64()*sigma)), clamp(g+int(rng.NormFloat64()*sigma)), clamp(b+int(rng.NormFloat64()*sigma)), 255
		}
	}
	return encode444(m, 92)
})

// encode444 encodes m (whole 8×8 blocks) as a 4:4:4 baseline JPEG with
// the fork's encoder's tables, without restart intervals.
func encode444(m *image.RGBA, quality int) []byte {
	var buf bytes.Buffer
	e := encoder{w: bufferWriter{&buf}}
	scale := 200 - quality*2
	for i := range e.quant {
		for j := range e.quant[i] {
			e.quant[i][j] = uint8(min(255, max(1, (int(unscaledQuant[i][j])*scale+50)/100)))
		}
	}
	e.steps = new([nQuantIndex][blockSize]divisor)
	for i := range e.quant {
		for j, x := range e.quant[i] {
			e.steps[i][j] = newDivisor(8 * int32(x))
		}
	}
	e.write([]byte{0xff, 0xd8})
	e.writeDQT()
	e.writeSOF0(m.Bounds().Size(), 3)
	buf.Bytes()[len(buf.Bytes())-9+1] = 0x11 // the first component's sampling: 1×1
	e.writeDHT(3)
	e.write(sosHeaderYCbCr)
	var y, cb, cr block
	var dy, dcb, dcr int32
	for py := 0; py < m.Bounds().Dy(); py += 8 {
		for px := 0; px < m.Bounds().Dx(); px += 8 {
			rgbaToYCbCr(m, image.Pt(px, py), &y, &cb, &cr)
			dy = e.writeBlock(&y, 0, dy)
			dcb = e.writeBlock(&cb, 1, dcb)
			dcr = e.writeBlock(&cr, 1, dcr)
		}
	}
	e.pad()
	e.drain()
	e.write([]byte{0xff, 0xd9})
	return buf.Bytes()
}

// The 4:4:4 bench picture is what it says.
func TestPhoto444(t *testing.T) {
	if testing.Short() || raceBuild {
		t.Skip("a 12 MP picture")
	}
	data := photo444()
	c, err := DecodeConfig(bytes.NewReader(data))
	if err != nil || c.Width != 4000 || c.Height != 3000 {
		t.Fatalf("%v %+v", err, c)
	}
	m, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if r := m.(*image.YCbCr).SubsampleRatio; r != image.YCbCrSubsampleRatio444 {
		t.Fatalf("subsampling %v", r)
	}
	want, err := stdjpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	samePixels(t, "photo444", m, want)
}

// BenchmarkDecode444 decodes the 12 MP 4:4:4 noisy picture (the entropy
// decoding is the serial part).
func BenchmarkDecode444(b *testing.B) {
	data := photo444()
	b.SetBytes(int64(len(data)))
	b.ReportMetric(float64(len(data))/1e6, "file-MB")
	b.ResetTimer()
	defer cpuMS(b)()
	for i := 0; i < b.N; i++ {
		if _, err := Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEntropy444 runs the fast path alone (no reconstruction, one
// core) over the interleaved scan of $JPEG_BENCH_FILE or the 12 MP 4:4:4
// picture: the serial part of decoding, without the noise of the workers.
func BenchmarkEntropy444(b *testing.B) {
	data := photo444()
	if f := os.Getenv("JPEG_BENCH_FILE"); f != "" {
		data = benchFile(b)
	}
	sos := bytes.Index(data, []byte{0xff, 0xda})
	hdr := data[sos+4 : sos+2+int(data[sos+2])<<8+int(data[sos+3])]
	scan := data[sos+2+len(hdr)+2:]
	var d decoder
	_, _ = d.decode(bytes.NewReader(append(append([]byte(nil), data[:sos]...), 0xff, 0xd9)), false)
	nComp := int(hdr[0])
	if nComp != d.nComp || d.comp[0].h != 1 || d.comp[0].v != 1 {
		b.Skip("not a 1×1-sampled interleaved scan")
	}
	var dcT, acT [maxComponents]*huffman
	for i := 0; i < nComp; i++ {
		dcT[i], acT[i] = &d.huff[dcTable][hdr[2+2*i]>>4], &d.huff[acTable][hdr[2+2*i]&15]
	}
	blocks := (d.width + 7) / 8 * ((d.height + 7) / 8) * nComp
	b.SetBytes(int64(len(scan)))
	b.ResetTimer()
	defer cpuMS(b)()
	for k := 0; k < b.N; k++ {
		d.r, d.bytes.i, d.bytes.j, d.bits = bytes.NewReader(scan), 0, 0, bits{}
		var dc [maxComponents]int32
		var blk block
		done := 0
		for ; done < blocks; done++ {
			blk = block{}
			c := done % nComp
			if d.decodeBlockFast(&blk, dcT[c], acT[c], &dc[c]) != blockSize {
				break
			}
		}
		if done < blocks-8 {
			b.Fatalf("stopped at block %d of %d", done, blocks)
		}
	}
}

// FuzzDecodeMatchesStdlib: any input decodes as with image/jpeg (both fail,
// or the same pixels). The seeds are synthetic sequential files; run with
// go test -fuzz FuzzDecodeMatchesStdlib ./backend/photo/internal/jpeg/.
func FuzzDecodeMatchesStdlib(f *testing.F) {
	rng := rand.New(rand.NewSource(18))
	for i := 0; i < 6; i++ {
		dc, ac := stdTables()
		if i >= 3 {
			dc, ac = oddTables(rng, false)
		}
		s := &synth{w: 8 + rng.Intn(40), h: 8 + rng.Intn(40), comps: 1 + 2*(i%2), yHV: 0x11, dc: dc, ac: ac, big: 0.2, odd: 0.02}
		if i%3 == 2 {
			s.restart = 1 + rng.Intn(4)
		}
		f.Add(s.file(rng))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := stdjpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || c.Width*c.Height > 1<<18 {
			return
		}
		old := minParallelMCUs
		defer func() { minParallelMCUs = old }()
		for _, m := range []int{1, 1 << 30} {
			minParallelMCUs = m
			sameDecode(t, fmt.Sprintf("minParallelMCUs %d", m), data)
		}
	})
}
