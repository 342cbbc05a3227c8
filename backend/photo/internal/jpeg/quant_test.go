package jpeg

import (
	"math"
	"testing"
)

// divisor.div is div for every quantizer step (8 × 1…255) and every a a
// DCT of 8-bit samples gives and far beyond (±2²¹; -short: every 7th),
// at the edge of its multiplication (2²⁴) and at the ends of int32.
func TestDivisorIsDiv(t *testing.T) {
	step := int32(1)
	if testing.Short() || raceBuild {
		step = 7
	}
	for q := int32(1); q <= 255; q++ {
		b := 8 * q
		d := newDivisor(b)
		check := func(a int32) {
			if got, want := d.div(a), div(a, b); got != want {
				t.Fatalf("div(%d, %d) = %d, want %d", a, b, got, want)
			}
		}
		for a := int32(-1 << 21); a <= 1<<21; a += step {
			check(a)
		}
		for _, a := range []int32{1<<24 - d.half - 1, 1<<24 - d.half, 1 << 24, 1<<24 + 1, math.MaxInt32 - d.half, math.MinInt32 + 1} {
			check(a)
			check(-a)
		}
	}
}
