package pgstore

import (
	"crypto/rand"
	"testing"

	"icpdesk/backend"
	"icpdesk/backend/workspacetest"
)

// TestSetPhotoExportLeavesTheOriginal: the SQLite workspace keeps originals
// in their own table because SQLite rewrites a whole row on UPDATE. Here
// the original stays in the photos row: PostgreSQL stores a large bytea out
// of line (TOAST) and a new row version reuses an unchanged TOAST value, so
// a new export must not write the original again — the TOAST table must not
// grow by an original per export.
func TestSetPhotoExportLeavesTheOriginal(t *testing.T) {
	schema := newSchema(t)
	s := openAs(t, schema, clerkA, workspacetest.Config{})
	c, err := s.CreateClient(ctx, backend.Client{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateApplication(ctx, c.ID, backend.Application{})
	if err != nil {
		t.Fatal(err)
	}
	random := func(n int) []byte {
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	const size = 2 << 20
	p, err := s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: r.ID, Slot: "entity.cert", Original: random(size),
		OriginalMIME: "image/jpeg", OriginalWidth: 4, OriginalHeight: 3})
	if err != nil {
		t.Fatal(err)
	}
	toastSize := func() int64 {
		var n int64
		if err := s.pool.QueryRow(ctx, `SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE oid = $1::regclass`,
			schema+".photos").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := toastSize()
	if before < size {
		t.Fatalf("the original is not stored out of line: TOAST table %d bytes", before)
	}
	for i := 0; i < 5; i++ {
		if _, err := s.SetPhotoExport(ctx, p.ID, backend.PhotoExport{Export: random(1000 + i), ExportMIME: "image/jpeg",
			ExportWidth: 2, ExportHeight: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if grown := toastSize() - before; grown >= size {
		t.Fatalf("5 new exports grew the TOAST table by %d bytes: the original was written again", grown)
	}
}
