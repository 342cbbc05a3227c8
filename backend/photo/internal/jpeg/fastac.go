// Copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpeg

import "encoding/binary"

// This file is the fork's own: a fast path for the blocks of sequential
// scans. It reads the same bits as the general loop in processSOS (which
// is image/jpeg's) and hands a block over to it, at the coefficient where
// it stopped and with the bit and byte state as the general loop would
// have it, for everything unusual: a marker or the end of the data within
// the next 32 bits, an end-of-band run, a coefficient past the end of the
// block, a code the table does not have, an over-subscribed table.
//
// The fast path works on a local copy of the bit accumulator, aligned to
// its top bit (the next bit of the stream is bit 63), with n valid bits.
// The bits below those n are either zero or the stream's next bits (a
// refill reads 8 bytes at once and keeps a partial byte past n); either
// way, OR-ing the next bytes in at n gives the right bits.
//
// The accumulator (64 bits) reads further ahead than image/jpeg's, but only
// whole data bytes: a refill stops before a marker (0xff not followed by
// 0x00) and at the end of the data. nUnreadable describes the last byte
// read (1, or 2 for a stuffed 0xff 0x00) as after readByteStuffedByte, and
// is 0 once a refill met a marker or the end, as decodeHuffman leaves it
// after its failed read. So readFull's unread at the end of a restart
// interval or a scan works as before, and the data bytes still ahead of
// the marker are what image/jpeg skips too (findRST, the marker loop): both
// move forward over the same data to the same marker. The general loop
// takes over from any state the fast path leaves, as both keep to d.bits's
// meaning (the n low bits of a are the next bits of the stream).

// fastBits is the log-2 size of the fast look-up tables: the code and, for
// the combined entries, the magnitude bits that follow it.
const fastBits = 10

// buildFast derives the fast tables of h from the number of codes of each
// length (F.2.2.3's canonical codes). It leaves h.fastOK false for a table
// whose codes do not fit their lengths (an over-subscribed code: image/jpeg
// decodes those its own way, so the general path does).
func (h *huffman) buildFast(nCodes *[maxCodeLength]int32, ac bool) {
	h.fastOK = false
	clear(h.fast[:])
	clear(h.look[:])
	var code, k int32
	for l := int32(1); l <= maxCodeLength; l++ {
		cnt := nCodes[l-1]
		if code+cnt > 1<<l {
			return
		}
		for c := int32(0); c < cnt; c, code, k = c+1, code+1, k+1 {
			if l > fastBits {
				continue
			}
			sym := h.vals[k]
			shift := fastBits - l
			for s := int32(0); s < 1<<shift; s++ {
				i := code<<shift | s
				h.look[i] = uint16(sym)<<8 | uint16(l)
				// rest holds the bits after the code: the magnitude
				// bits, when there are enough of them.
				rest, size, run := s, int32(sym), int32(0)
				if ac {
					size, run = int32(sym&0x0f), int32(sym>>4)
				}
				switch {
				case ac && size == 0 && run == 0: // end of block
					h.fast[i] = 64<<8 | l
				case ac && size == 0 && run == 15: // 16 zeros
					h.fast[i] = 15<<8 | l
				case ac && size == 0: // an end-of-band run
				case !ac && size > 16: // image/jpeg's error
				case l+size <= fastBits:
					v := extend(rest>>(shift-size)&(1<<size-1), uint32(size))
					h.fast[i] = v<<16 | run<<8 | (l + size)
				}
			}
		}
		code <<= 1
	}
	h.fastOK = true
}

// extend is F.2.2.1's EXTEND of the t-bit value v.
func extend(v int32, t uint32) int32 {
	if t == 0 {
		return 0
	}
	if v < 1<<(t-1) {
		v += (-1 << t) + 1
	}
	return v
}

// slowCode decodes the code at the top of acc (which holds at least 16
// valid bits): its symbol and length, or a length of 0 when h has no such
// code.
func (h *huffman) slowCode(acc uint64) (uint8, uint) {
	if v := h.look[acc>>(64-fastBits)]; v != 0 {
		return uint8(v >> 8), uint(v & 0xff)
	}
	for l := fastBits + 1; l <= maxCodeLength; l++ {
		code := int32(acc >> (64 - l))
		if code <= h.maxCodes[l-1] {
			return h.vals[uint8(h.valsIndices[l-1]+code-h.minCodes[l-1])], uint(l)
		}
	}
	return 0, 0
}

// unzig8 is unzig in bytes (smaller, and a mask keeps the index in range).
var unzig8 = func() (u [blockSize]uint8) {
	for i, v := range unzig {
		u[i] = uint8(v)
	}
	return u
}()

// decodeBlockFast decodes block b of a sequential scan, DC (with the
// predictor *pred, updated) then AC, as far as it can. It returns where
// the general loop goes on: 0 when even the DC coefficient is left to it,
// the zig-zag index of the next AC coefficient otherwise, blockSize when
// the block is done. d.bits and d.bytes are left at the same bit of the
// stream as image/jpeg's decoder after the same symbols.
func (d *decoder) decodeBlockFast(b *block, dh, ah *huffman, pred *int32) int32 {
	n := uint(d.bits.n)
	acc := d.bits.a << (64 - n) // n == 0: 0
	pos := d.bytes.i
	zig := uint(0)
	// Every symbol (a code and its magnitude bits) has at most 32 bits.
	if n < 32 {
		if acc, n, pos = d.refill(acc, n, pos); n < 32 {
			goto out // a marker or the end of the data is near
		}
	}
	// DC, as specified in section F.2.2.1.
	if e := dh.fast[acc>>(64-fastBits)]; e != 0 {
		l := uint(uint8(e))
		acc <<= l & 63
		n -= l
		*pred += e >> 16
	} else {
		sym, l := dh.slowCode(acc)
		if l == 0 || sym > 16 {
			goto out // a bad code or image/jpeg's "excessive DC component"
		}
		acc <<= l & 63
		n -= l
		if t := uint(sym); t > 0 {
			*pred += extend(int32(acc>>((64-t)&63)), uint32(t))
			acc <<= t & 63
			n -= t
		}
	}
	b[0] = *pred
	// AC, as specified in section F.2.2.2.
	for zig = 1; zig < blockSize; {
		// A fast entry needs fastBits valid bits, a slow symbol 32 (below):
		// refilling only then takes 7 bytes at a time, and the refills'
		// branch is taken (and mispredicted) less often.
		if n < fastBits {
			if pos+8 <= d.bytes.j {
				x := binary.BigEndian.Uint64(d.bytes.buf[pos : pos+8])
				if t := ^x; (t-0x0101010101010101)&^t&0x8080808080808080 == 0 {
					// no 0xff among the next 8 bytes: take as many whole
					// bytes as fit (the rest of x below n is harmless)
					acc |= x >> (n & 63)
					pos += int((63 - n) >> 3)
					n |= 56
					d.bytes.nUnreadable = 1
				} else {
					acc, n, pos = d.refillSlow(acc, n, pos)
				}
			} else {
				acc, n, pos = d.refillSlow(acc, n, pos)
			}
			if n < 32 {
				break // a marker or the end of the data is near
			}
		}
		if e := ah.fast[acc>>(64-fastBits)]; e != 0 {
			l := uint(uint8(e)) // < 64: the mask below costs nothing
			z := zig + uint(uint8(e>>8))
			if z < blockSize {
				acc <<= l & 63
				n -= l
				b[unzig8[z]&(blockSize-1)] = e >> 16
				zig = z + 1
				continue
			}
			if e>>16 != 0 {
				break // a coefficient past the end: the general loop's business
			}
			// end of block, or 16 zeros that reach it
			acc <<= l & 63
			n -= l
			zig = blockSize
			break
		}
		if n < 32 {
			if acc, n, pos = d.refill(acc, n, pos); n < 32 {
				break // a marker or the end of the data is near
			}
			continue
		}
		sym, l := ah.slowCode(acc)
		if l == 0 {
			break // a bad code: the general loop reports it
		}
		run, size := uint(sym>>4), uint(sym&0x0f)
		if size == 0 {
			if run != 0 && run != 15 {
				break // an end-of-band run
			}
			acc <<= l & 63
			n -= l
			if run == 0 {
				zig = blockSize
				break
			}
			zig += 16
			continue
		}
		z := zig + run
		if z >= blockSize {
			break
		}
		acc <<= l & 63
		v := extend(int32(acc>>((64-size)&63)), uint32(size))
		acc <<= size & 63
		n -= l + size
		b[unzig8[z]&(blockSize-1)] = v
		zig = z + 1
	}
out:
	d.bits.a = acc >> (64 - n) // n == 0: 0
	d.bits.n = int32(n)
	d.bits.m = 0
	if n > 0 {
		d.bits.m = 1 << (n - 1)
	}
	d.bytes.i = pos
	return int32(min(zig, blockSize))
}

// refill tops the accumulator up to 56 bits or more, 8 bytes at once when
// none of them is 0xff, else through refillSlow.
func (d *decoder) refill(acc uint64, n uint, pos int) (uint64, uint, int) {
	if pos+8 <= d.bytes.j {
		x := binary.BigEndian.Uint64(d.bytes.buf[pos : pos+8])
		if t := ^x; (t-0x0101010101010101)&^t&0x8080808080808080 == 0 {
			d.bytes.nUnreadable = 1
			return acc | x>>(n&63), n | 56, pos + int((63-n)>>3)
		}
	}
	return d.refillSlow(acc, n, pos)
}

// refillSlow adds bytes to the accumulator one at a time, unstuffing 0xff
// 0x00 and refilling the byte buffer, until it holds 56 bits or more (63 at
// most) or the next bytes are a marker or the data ends. Like image/jpeg's
// decodeHuffman after a failed read, it leaves nUnreadable at 0 then.
func (d *decoder) refillSlow(acc uint64, n uint, pos int) (uint64, uint, int) {
	for n < 56 {
		var c byte
		if pos+2 <= d.bytes.j {
			c = d.bytes.buf[pos]
			if c != 0xff {
				pos++
				d.bytes.nUnreadable = 1
			} else if d.bytes.buf[pos+1] == 0x00 {
				pos += 2
				d.bytes.nUnreadable = 2
			} else {
				d.bytes.nUnreadable = 0
				break // a marker
			}
		} else {
			d.bytes.i = pos
			var err error
			c, err = d.readByteStuffedByte()
			if err != nil {
				d.bytes.i -= d.bytes.nUnreadable
				d.bytes.nUnreadable = 0
				pos = d.bytes.i
				break
			}
			pos = d.bytes.i
		}
		acc |= uint64(c) << (56 - n)
		n += 8
	}
	return acc, n, pos
}

// sequentialRows is processSOS's loop for a sequential scan whose MCU rows
// go to the workers: an interleaved scan, or the one component of a grey
// picture sampled 1×1 (there, an MCU is a block and every block is in the
// picture). It decodes the same blocks in the same order as the general
// loop, with less to do per block: the components' tables and sampling
// factors looked up once, the block positions counted, not divided, and
// each block decoded in place into the row (zero already, see rowJob).
func (d *decoder) sequentialRows(scan []scanComp, mxx, myy int, rows *rowPipeline, row *rowJob) error {
	type comp struct {
		h, v     int
		c        uint8
		fast     bool // both tables have fast tables
		dcH, acH *huffman
	}
	var comps [maxComponents]comp
	for i, s := range scan {
		c := &comps[i]
		c.h, c.v, c.c = d.comp[s.compIndex].h, d.comp[s.compIndex].v, s.compIndex
		c.dcH, c.acH = &d.huff[dcTable][s.td], &d.huff[acTable][s.ta]
		c.fast = c.dcH.fastOK && c.acH.fastOK
	}
	var (
		dc          [maxComponents]int32
		expectedRST = uint8(rst0Marker)
		left        = d.ri // MCUs left in the restart interval
		mcus        = mxx * myy
	)
	for my := 0; my < myy; my++ {
		for mx := 0; mx < mxx; mx++ {
			for i := range scan {
				c := &comps[i]
				for y := 0; y < c.v; y++ {
					for x := 0; x < c.h; x++ {
						k := len(row.blocks)
						row.blocks = row.blocks[:k+1]
						b := &row.blocks[k]
						zig := int32(0)
						if c.fast && d.eobRun == 0 {
							zig = d.decodeBlockFast(b, c.dcH, c.acH, &dc[c.c])
						}
						if zig < blockSize {
							if err := d.decodeBlock(b, c.dcH, c.acH, &dc[c.c], zig, blockSize-1, 0); err != nil {
								return err
							}
						}
						row.at = append(row.at, blockAt{int32(c.h*mx + x), int32(c.v*my + y), c.c})
					}
				}
			}
			mcus--
			if left--; left == 0 && mcus > 0 {
				if err := d.restart(&expectedRST); err != nil {
					return err
				}
				dc = [maxComponents]int32{}
				left = d.ri
			}
		}
		rows.jobs <- row
		row = nil
		if my < myy-1 {
			row = <-rows.free
		}
	}
	return nil
}
