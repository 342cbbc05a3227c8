package main

// The local workspace (SQLite) and the team workspace (PostgreSQL) side by
// side in the same run, as docs/bench.md reports them:
//   scripts/with-postgres.sh --durable go test -run '^$' -bench Workspaces -benchtime 200x ./cmd/icpdesk-cli
// Without ICPDESK_TEST_PG the PostgreSQL halves are skipped.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
	"icpdesk/backend/pgstore"
	"icpdesk/backend/store"
)

var benchCtx = context.Background()

func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	pct := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// benchKinds opens a new workspace of each kind as clerk n (0…9); a
// PostgreSQL workspace is one fresh schema per benchmark, dropped after.
type benchKind struct {
	name string
	// open returns a workspace and a way to open the same one as another clerk.
	open func(b *testing.B) (backend.Workspace, func(clerk int) backend.Workspace)
}

var schemaN atomic.Int64

func benchKinds() []benchKind {
	return []benchKind{
		{"sqlite", func(b *testing.B) (backend.Workspace, func(int) backend.Workspace) {
			s, err := store.Open(filepath.Join(b.TempDir(), "bench.icpdesk"), store.Options{Clerk: "bench", MaxImportBytes: 1 << 30})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			// one file, one app: every clerk's goroutine shares the store
			return s, func(int) backend.Workspace { return s }
		}},
		{"postgres", func(b *testing.B) (backend.Workspace, func(int) backend.Workspace) {
			dsn := os.Getenv("ICPDESK_TEST_PG")
			if dsn == "" {
				b.Skip("ICPDESK_TEST_PG not set: run through scripts/with-postgres.sh --durable")
			}
			schema := fmt.Sprintf("bench%d_%d", os.Getpid(), schemaN.Add(1))
			if _, err := pgstore.Init(benchCtx, dsn, pgstore.Options{Schema: schema}); err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() {
				conn, err := pgx.Connect(benchCtx, dsn)
				if err != nil {
					return
				}
				defer conn.Close(benchCtx)
				conn.Exec(benchCtx, `DROP SCHEMA `+schema+` CASCADE`)
				conn.Exec(benchCtx, `DROP ROLE `+pgstore.ClerkRole(schema))
			})
			open := func(clerk int) backend.Workspace {
				name := fmt.Sprintf("bench_clerk%d", clerk)
				if _, err := pgstore.AddClerk(benchCtx, dsn, pgstore.Options{Schema: schema}, name, ""); err != nil {
					b.Fatal(err)
				}
				s, err := pgstore.Open(benchCtx, dsn+" user="+name, pgstore.Options{Schema: schema, MaxImportBytes: 1 << 30})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { s.Close() })
				return s
			}
			return open(0), open
		}},
	}
}

func benchPatch(path string, v any) backend.DraftPatch {
	raw, _ := json.Marshal(v)
	return backend.DraftPatch{Path: path, Value: raw}
}

// BenchmarkWorkspacesAutosave: one debounced save (three fields, from the
// rev last seen) by 1 clerk, and by 10 clerks at once each on their own
// application; p50/p99 of one save as the clerk waits for it.
func BenchmarkWorkspacesAutosave(b *testing.B) {
	for _, k := range benchKinds() {
		for _, clerks := range []int{1, 10} {
			b.Run(fmt.Sprintf("%s/clerks=%d", k.name, clerks), func(b *testing.B) {
				first, as := k.open(b)
				c, err := first.CreateClient(benchCtx, backend.Client{Name: "Bench"})
				if err != nil {
					b.Fatal(err)
				}
				type clerk struct {
					ws  backend.Workspace
					id  int64
					rev int64
				}
				cs := make([]*clerk, clerks)
				for i := range cs {
					ws := first
					if i > 0 {
						ws = as(i)
					}
					r, err := ws.CreateApplication(benchCtx, c.ID, backend.Application{})
					if err != nil {
						b.Fatal(err)
					}
					cs[i] = &clerk{ws: ws, id: r.ID, rev: r.Rev}
				}
				var mu sync.Mutex
				durations := make([]time.Duration, 0, b.N)
				var next atomic.Int64
				b.ResetTimer()
				var wg sync.WaitGroup
				for _, cl := range cs {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							i := next.Add(1)
							if i > int64(b.N) {
								return
							}
							t0 := time.Now()
							res, err := cl.ws.SaveDraftFrom(benchCtx, cl.id, cl.rev, benchPatch("entity.person.mobile", fmt.Sprintf("138%08d", i)),
								benchPatch("entity.address", fmt.Sprintf("文一西路%d号", i)), benchPatch("websites.0.name", fmt.Sprintf("官网%d", i)))
							d := time.Since(t0)
							if err != nil {
								b.Error(err)
								return
							}
							cl.rev = res.Record.Rev
							mu.Lock()
							durations = append(durations, d)
							mu.Unlock()
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				reportPercentiles(b, durations)
			})
		}
	}
}

// benchClientFile is a client file of n applications with realistic
// documents (no photos), as an agency's export would be.
func benchClientFile(name string, n int) []byte {
	provinces := []string{"zhejiang", "guangdong", "beijing", "shanghai", "jiangsu"}
	statuses := []backend.Status{backend.StatusDraft, backend.StatusReady, backend.StatusSubmitted, backend.StatusApproved}
	f := backend.ClientFile{Format: backend.ClientFileFormat, Version: backend.ClientFileVersion, Client: backend.FileClient{Name: name}}
	for i := range n {
		doc := backend.NewApplication()
		doc.Type = backend.TypeFirst
		doc.Entity.Name = fmt.Sprintf("%s第%d号网络科技有限公司", name, i)
		doc.Entity.Province = provinces[i%len(provinces)]
		doc.Entity.City = "杭州"
		doc.Entity.CertNumber = fmt.Sprintf("91330100MA%08d", i)
		doc.Entity.Person = backend.Person{Name: "张三", Mobile: "13800138000", Email: "a@example.cn"}
		doc.Websites[0].Name = fmt.Sprintf("官网%d", i)
		doc.Websites[0].Domains = []string{fmt.Sprintf("site%d-%s.cn", i, name)}
		raw, _ := json.Marshal(doc)
		f.Applications = append(f.Applications, backend.FileApplication{Status: statuses[i%len(statuses)], Doc: raw,
			Revisions: []backend.FileRevision{}, Photos: []backend.FilePhoto{}, Documents: []backend.FileDocument{},
			Events: []backend.FileEvent{{To: backend.StatusDraft, At: time.Now(), Actor: "system"}}})
	}
	raw, _ := json.Marshal(f)
	return raw
}

// BenchmarkWorkspacesFilteredList: one page (50) of a filtered, sorted list
// over 10,000 applications (status + province + free text, newest change first).
func BenchmarkWorkspacesFilteredList(b *testing.B) {
	for _, k := range benchKinds() {
		b.Run(k.name, func(b *testing.B) {
			ws, _ := k.open(b)
			for c := range 10 {
				if _, err := ws.ImportClient(benchCtx, bytes.NewReader(benchClientFile(fmt.Sprintf("客户%d", c), 1000))); err != nil {
					b.Fatal(err)
				}
			}
			f := backend.ApplicationFilter{Statuses: []backend.Status{backend.StatusDraft, backend.StatusReady}, Province: "zhejiang", Text: "科技", Sort: backend.SortUpdated}
			if page, err := ws.ListApplications(benchCtx, f); err != nil || page.Total != 1000 {
				b.Fatalf("list: %d %v", page.Total, err)
			}
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				if _, err := ws.ListApplications(benchCtx, f); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(t0))
			}
			b.StopTimer()
			reportPercentiles(b, durations)
		})
	}
}

// BenchmarkWorkspacesImport1000: importing a client file of 1,000
// applications (one transaction), as `team copy` does per client.
func BenchmarkWorkspacesImport1000(b *testing.B) {
	file := benchClientFile("导入", 1000)
	for _, k := range benchKinds() {
		b.Run(k.name, func(b *testing.B) {
			ws, _ := k.open(b)
			b.ResetTimer()
			for range b.N {
				if res, err := ws.ImportClient(benchCtx, bytes.NewReader(file)); err != nil || res.Applications != 1000 {
					b.Fatalf("import: %+v %v", res, err)
				}
			}
			b.ReportMetric(float64(len(file))/(1<<20), "file-MiB")
		})
	}
}
