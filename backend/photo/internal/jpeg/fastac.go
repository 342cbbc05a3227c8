// Copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpeg

// This file is the fork's own: a faster path for the AC coefficients of
// sequential scans. It reads the same bits as the general loop in
// processSOS and falls back to it for everything unusual.

// refill tops the bit accumulator up to more than 24 bits straight from the
// byte buffer while the bytes there are plain data (a stuffed 0xff 0x00
// included), without a call per byte. It stops at a marker or near the
// buffer's end and leaves those to ensureNBits. nUnreadable keeps describing
// the last byte read, as unreadByteStuffedByte expects.
func (d *decoder) refill() {
	a, n := d.bits.a, d.bits.n
	i, j := d.bytes.i, d.bytes.j
	for n <= 24 && i+2 <= j {
		c := d.bytes.buf[i]
		if c != 0xff {
			i++
			d.bytes.nUnreadable = 1
		} else if d.bytes.buf[i+1] == 0x00 {
			i += 2
			d.bytes.nUnreadable = 2
		} else {
			break // a marker
		}
		a = a<<8 | uint32(c)
		n += 8
	}
	d.bits.a, d.bits.n, d.bytes.i = a, n, i
	if n > 0 {
		d.bits.m = 1 << uint32(n-1)
	} else {
		d.bits.m = 0
	}
}

// decodeACFast decodes a sequential block's AC coefficients from zig on
// while the next code and its extra bits are at hand (the code in the
// 8-bit look-up table, at least 24 bits buffered) and are a coefficient, a
// run of 16 zeros or the end of the block. It returns where it stopped:
// blockSize when the block is done, otherwise the general loop continues
// from there with the bits not yet consumed.
func (d *decoder) decodeACFast(b *block, h *huffman, zig int32) int32 {
	for zig < blockSize {
		if d.bits.n < 24 {
			d.refill()
			if d.bits.n < 24 {
				return zig
			}
		}
		n := d.bits.n
		v := h.lut[(d.bits.a>>uint32(n-lutSize))&0xff]
		if v == 0 {
			return zig // a code longer than the table
		}
		value := uint8(v >> 8)
		run, size := int32(value>>4), uint32(value&0x0f)
		if size == 0 && value != 0x00 && value != 0xf0 {
			return zig // an end-of-band run: the general loop's business
		}
		n -= int32(v&0xff) - 1
		if size == 0 {
			d.setBits(n)
			if value == 0x00 {
				return blockSize // end of block
			}
			zig += 16 // ZRL
			continue
		}
		zig += run
		if zig >= blockSize {
			// as the general loop: past the end, the extra bits stay unread
			d.setBits(n)
			return blockSize
		}
		n -= int32(size)
		s := int32(1) << size
		x := int32(d.bits.a>>uint32(n)) & (s - 1)
		if x < s>>1 {
			x += ((-1) << size) + 1
		}
		b[unzig[zig]] = x
		zig++
		d.setBits(n)
	}
	return zig
}

// setBits records that n bits are left in the accumulator.
func (d *decoder) setBits(n int32) {
	d.bits.n = n
	if n > 0 {
		d.bits.m = 1 << uint32(n-1)
	} else {
		d.bits.m = 0
	}
}
