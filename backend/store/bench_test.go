package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"icpdesk/backend"
)

// reportPercentiles adds p50/p99 in milliseconds to a benchmark's output.
func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	pct := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
}

// BenchmarkSaveDraft measures one debounced save (three fields) with
// synchronous=FULL: each op is a committed, fsynced transaction.
func BenchmarkSaveDraft(b *testing.B) {
	s := mustOpen(b)
	c := mustClient(b, s, "Bench")
	r := mustApplication(b, s, c.ID, set("entity.name", "杭州某某网络科技有限公司"), set("websites.0.domains.0", "example.cn"))
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := s.SaveDraft(ctx, r.ID, set("entity.person.mobile", fmt.Sprintf("138%08d", i)),
			set("entity.address", fmt.Sprintf("文一西路%d号", i)), set("websites.0.name", fmt.Sprintf("官网%d", i))); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, durations)
}

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigWorkspace builds (once per run) a workspace of 10,000 applications over
// 200 clients, each with a realistic document and a creation event.
func bigWorkspace(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "icpdesk-bench")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.icpdesk")
		s, err := Open(bigPath, Options{})
		if err != nil {
			bigErr = err
			return
		}
		defer s.Close()
		provinces := []string{"beijing", "shanghai", "zhejiang", "guangdong", "jiangsu", "sichuan"}
		types := []backend.ApplicationType{backend.TypeFirst, backend.TypeAddWebsiteTencent, backend.TypeTransfer}
		statuses := []backend.Status{backend.StatusDraft, backend.StatusReady, backend.StatusSubmitted, backend.StatusApproved, backend.StatusReturned}
		bigErr = s.write(context.Background(), func(tx *sql.Tx) error {
			var clients []int64
			for i := 0; i < 200; i++ {
				c, err := insertClient(ctx, tx, backend.Client{Name: fmt.Sprintf("客户%03d", i)}, s.now(), s.now())
				if err != nil {
					return err
				}
				clients = append(clients, c.ID)
			}
			for i := 0; i < 10000; i++ {
				doc := backend.NewApplication()
				doc.Type = types[i%len(types)]
				doc.Entity.Name = fmt.Sprintf("某某%05d网络科技有限公司", i)
				doc.Entity.Province = provinces[i%len(provinces)]
				doc.Entity.CertNumber = fmt.Sprintf("91330100MA%08dX", i)
				doc.Entity.Address = "浙江省杭州市西湖区文一西路100号"
				doc.Entity.Person = backend.Person{Name: "张三", IDType: "resident_id", IDNumber: "110101199003071234", Mobile: "13800138000", Email: "a@example.cn"}
				doc.Websites[0].Name = "官网"
				doc.Websites[0].Domains = []string{fmt.Sprintf("site%05d.cn", i), fmt.Sprintf("www.site%05d.cn", i)}
				id, err := insertApplication(ctx, tx, clients[i%len(clients)], doc, "", s.now()+int64(i), "created", "")
				if err != nil {
					return err
				}
				if _, err := tx.Exec(`UPDATE applications SET status = ? WHERE id = ?`, statuses[i%len(statuses)], id); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkListApplications runs the lists the home screen shows over 10,000
// applications: one page plus the total count.
func BenchmarkListApplications(b *testing.B) {
	path := bigWorkspace(b)
	s, err := Open(path, Options{NoBackupOnOpen: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	filters := map[string]backend.ApplicationFilter{
		"all-by-updated":          {},
		"status+province":         {Statuses: []backend.Status{backend.StatusDraft, backend.StatusReturned}, Province: "zhejiang"},
		"client":                  {ClientID: 17},
		"text-by-entity-name":     {Text: "site0123", Sort: backend.SortEntityName},
		"text-no-match":           {Text: "nothing-like-this"},
		"type-page-50-by-created": {Types: []backend.ApplicationType{backend.TypeFirst}, Sort: backend.SortCreated, Offset: 2000},
	}
	for name, f := range filters {
		b.Run(name, func(b *testing.B) {
			durations := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				p, err := s.ListApplications(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				if p.Total == 0 && name != "text-no-match" {
					b.Fatalf("%s matched nothing", name)
				}
				durations = append(durations, time.Since(t0))
			}
			reportPercentiles(b, durations)
		})
	}
	b.Run("clients-with-counts", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if cs, err := s.ListClients(ctx); err != nil || len(cs) != 200 {
				b.Fatal(len(cs), err)
			}
		}
	})
}

// BenchmarkOpen measures opening the 10,000-application workspace: header
// check, lock, quick_check, migrations check, with and without the backup
// made on open.
func BenchmarkOpen(b *testing.B) {
	path := bigWorkspace(b)
	for _, tc := range []struct {
		name string
		opts Options
	}{{"no-backup", Options{NoBackupOnOpen: true}}, {"with-backup", Options{KeepBackups: 2}}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, err := Open(path, tc.opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}
