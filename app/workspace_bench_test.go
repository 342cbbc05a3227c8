package app

import (
	"context"
	"path/filepath"
	"testing"

	"icpdesk/backend"
)

// BenchmarkListApplicationsPage is one page (50 rows) of the home list as the
// UI asks for it: each row with its findings and the readiness gate's items.
func BenchmarkListApplicationsPage(b *testing.B) {
	h := &workspaceHolder{clock: testClock}
	h.open(filepath.Join(b.TempDir(), "w.icpdesk"))
	if h.openErr != nil {
		b.Fatal(h.openErr)
	}
	defer h.close()
	ws, _ := h.get()
	ctx := context.Background()
	c, err := ws.CreateClient(ctx, backend.Client{Name: "云帆科技"})
	if err != nil {
		b.Fatal(err)
	}
	app := exampleApp(b)
	for range 200 {
		if _, err := ws.CreateApplication(ctx, c.ID, app); err != nil {
			b.Fatal(err)
		}
	}
	svc := &WorkspaceService{ctx: ctx, h: h}
	b.ResetTimer()
	for b.Loop() {
		rows, err := svc.ListApplications(backend.ApplicationFilter{Limit: 50})
		if err != nil || len(rows.Items) != 50 {
			b.Fatalf("%d rows, %v", len(rows.Items), err)
		}
	}
}
