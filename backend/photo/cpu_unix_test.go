//go:build unix

package photo

import (
	"syscall"
	"testing"
)

// cpuMS reports the process's CPU time (user + system, all threads) per
// op as cpu-ms/op: steadier than wall time on a shared machine.
func cpuMS(b *testing.B) func() {
	var r0 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	return func() {
		var r1 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		ns := r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano()
		b.ReportMetric(float64(ns)/1e6/float64(b.N), "cpu-ms/op")
	}
}
