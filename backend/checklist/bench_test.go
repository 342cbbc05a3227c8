package checklist

import (
	"context"
	"testing"

	"icpdesk/backend"
)

// Goals (docs/bench.md): one checklist ≤ 50 ms and ≤ 300 KB.
func BenchmarkGenerate(b *testing.B) {
	for _, tc := range []int{0, 5} { // standard org, long values
		c := goldenCases[tc]
		b.Run(c.name, func(b *testing.B) {
			size := 0
			for b.Loop() {
				pdf, _, err := Generate(c.app, "w1", c.opts)
				if err != nil {
					b.Fatal(err)
				}
				size = len(pdf)
			}
			b.ReportMetric(float64(size)/1024, "KB/pdf")
		})
	}
}

func BenchmarkCombine100(b *testing.B) {
	var apps []backend.Application
	for i := range 100 {
		apps = append(apps, goldenCases[i%len(goldenCases)].app)
	}
	size := 0
	for b.Loop() {
		pdf, _, err := Combine(context.Background(), apps, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KB/batch")
}

func BenchmarkGenerate100Separate(b *testing.B) {
	size := 0
	for b.Loop() {
		size = 0
		for i := range 100 {
			c := goldenCases[i%len(goldenCases)]
			pdf, _, err := Generate(c.app, "w1", c.opts)
			if err != nil {
				b.Fatal(err)
			}
			size += len(pdf)
		}
	}
	b.ReportMetric(float64(size)/1024, "KB/100files")
}
