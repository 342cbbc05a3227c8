package rules

import (
	"testing"

	"icpdesk/backend"
)

// benchApp is the documented Beijing enterprise with a third website.
func benchApp(b *testing.B) backend.Application {
	app := loadExample(b)
	w := app.Websites[1]
	w.ID, w.Name, w.Domains, w.HomeURLs = "w3", "云帆开发者社区资讯", []string{"yunfandev.com"}, []string{"www.yunfandev.com"}
	w.Person.Mobile, w.Person.Email = "13911113333", "dev@yunfan-tech.cn"
	app.Websites = append(app.Websites, w)
	return app
}

func BenchmarkCheckApplication(b *testing.B) {
	app := benchApp(b)
	clock := clockAt("2025-06-15")
	Check(app, clock) // tables loaded once, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fs := Check(app, clock); len(fs) == 0 {
			b.Fatal("no findings")
		}
	}
}

func BenchmarkCheckID(b *testing.B) {
	clock := clockAt("2025-06-15")
	for i := 0; i < b.N; i++ {
		CheckID("uscc", "91110000600037341L", clock)
		CheckID("idcard", "11010519491231002X", clock)
		CheckID("domain", "例子.中国", clock)
	}
}
