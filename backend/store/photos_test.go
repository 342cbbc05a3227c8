package store

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"path/filepath"
	"testing"

	"icpdesk/backend"
)

// randomBytes returns n incompressible bytes, so a blob spans overflow pages.
func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMigratePhotoOriginals makes a workspace at schema 2 (originals in the
// photos row), with current and replaced photos, with and without exports,
// and opens it: every original and export must come out byte-identical and
// agree with its stored checksum, and nothing may be left unreferenced.
func TestMigratePhotoOriginals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.icpdesk")
	all := migrations
	migrations = all[:2]
	s, err := Open(path, Options{Clock: newClock()})
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if s.db.QueryRow("PRAGMA user_version").Scan(&v); v != 2 {
		t.Fatalf("made schema %d, want 2", v)
	}
	c := mustClient(t, s, "Acme")
	r := mustApplication(t, s, c.ID)
	type blobs struct{ original, export []byte }
	want := map[int64]blobs{}
	for i, n := range []int{10, 300 << 10, 2 << 20, 5 << 10} {
		b := blobs{original: randomBytes(t, n)}
		var exp any
		sum, size := "", 0
		if i%2 == 0 {
			b.export = randomBytes(t, n/3+1)
			exp, sum, size = b.export, backend.HashHex(b.export), len(b.export)
		}
		slot := []string{"entity.cert", "entity.cert", "person.id_front", "websites.w1.person.id_front"}[i]
		if _, err := s.db.Exec(`UPDATE photos SET replaced_at = 1 WHERE application_id = ? AND slot = ? AND replaced_at IS NULL`, r.ID, slot); err != nil {
			t.Fatal(err)
		}
		res, err := s.db.Exec(`INSERT INTO photos(application_id, slot, original_sha256, original_size, original_mime,
			original_width, original_height, export_sha256, export_size, export_mime, export_width, export_height,
			adjustments, created_at, updated_at, original, export) VALUES (?, ?, ?, ?, 'image/jpeg', 40, 30, ?, ?, 'image/jpeg', 20, 15,
			'{"rotate90":1}', ?, ?, ?, ?)`, r.ID, slot, backend.HashHex(b.original), n, sum, size, 1000+i, 1000+i, b.original, exp)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		want[id] = b
	}
	s.Close()

	// Opened read-only (no migration), the schema-2 workspace still shows
	// its photos: the originals are read from their photos rows.
	ro, err := Open(path, Options{Clock: newClock(), ReadOnly: true, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	for id, b := range want {
		p, err := ro.GetPhoto(ctx, id)
		if err != nil || !bytes.Equal(p.Original, b.original) || !bytes.Equal(p.Export, b.export) {
			t.Errorf("read-only schema 2, photo %d: bytes differ (%v)", id, err)
		}
	}
	if p, err := ro.CurrentPhoto(ctx, r.ID, "person.id_front"); err != nil || len(p.Original) != 2<<20 {
		t.Errorf("read-only schema 2, current photo: %d bytes (%v)", len(p.Original), err)
	}
	var file bytes.Buffer
	var f backend.ClientFile
	if err := ro.ExportClient(ctx, c.ID, &file); err != nil {
		t.Errorf("read-only schema 2, client file: %v", err)
	} else if err := json.Unmarshal(file.Bytes(), &f); err != nil || len(f.Applications) != 1 || len(f.Applications[0].Photos) != len(want) {
		t.Errorf("read-only schema 2, client file: %v", err)
	}
	ro.Close()

	s, err = Open(path, Options{Clock: newClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.db.QueryRow("PRAGMA user_version").Scan(&v); v != latestVersion() {
		t.Fatalf("migrated to %d, want %d", v, latestVersion())
	}
	for id, b := range want {
		p, err := s.GetPhoto(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p.Original, b.original) || backend.HashHex(p.Original) != p.OriginalSHA256 || p.OriginalSize != int64(len(b.original)) {
			t.Errorf("photo %d: original differs after migration", id)
		}
		if !bytes.Equal(p.Export, b.export) || (b.export != nil && backend.HashHex(p.Export) != p.ExportSHA256) {
			t.Errorf("photo %d: export differs after migration", id)
		}
		if string(p.Adjustments) != `{"rotate90":1}` {
			t.Errorf("photo %d: adjustments %s", id, p.Adjustments)
		}
	}
	var cols int
	s.db.QueryRow(`SELECT COUNT(*) FROM pragma_table_info('photos') WHERE name = 'original'`).Scan(&cols)
	if cols != 0 {
		t.Error("photos still has its original column")
	}
	checkPhotoOriginals(t, s, len(want))
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	// The new export goes to the photos row; the original stays as it was.
	for id, b := range want {
		exp := randomBytes(t, 1000)
		p, err := s.SetPhotoExport(ctx, id, backend.PhotoExport{Export: exp, ExportMIME: "image/jpeg", ExportWidth: 2, ExportHeight: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.Original != nil || p.ExportSHA256 != backend.HashHex(exp) {
			t.Fatalf("SetPhotoExport returned %+v", p.ExportSHA256)
		}
		if p, _ = s.GetPhoto(ctx, id); !bytes.Equal(p.Original, b.original) || !bytes.Equal(p.Export, exp) {
			t.Errorf("photo %d after a new export: bytes differ", id)
		}
		break
	}
	if _, err := s.db.Exec(`UPDATE photo_originals SET original = x'00'`); err == nil {
		t.Error("an original could be changed")
	}

	// Open backed the schema-2 file up before migrating: restoring that
	// backup migrates it again, to the same bytes (the export changed above
	// comes back as it was).
	list, err := s.ListBackups(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups: %v %v", list, err)
	}
	if err := s.RestoreBackup(ctx, list[0].Name); err != nil {
		t.Fatal(err)
	}
	if s.db.QueryRow("PRAGMA user_version").Scan(&v); v != latestVersion() {
		t.Fatalf("restored schema-2 backup is at %d, want %d", v, latestVersion())
	}
	for id, b := range want {
		p, err := s.GetPhoto(ctx, id)
		if err != nil || !bytes.Equal(p.Original, b.original) || !bytes.Equal(p.Export, b.export) {
			t.Errorf("photo %d after restoring the schema-2 backup: bytes differ (%v)", id, err)
		}
	}
	checkPhotoOriginals(t, s, len(want))
}

// checkPhotoOriginals: one original per photo, none without its photo, and
// the foreign keys hold.
func checkPhotoOriginals(t *testing.T, s *Store, wantPhotos int) {
	t.Helper()
	var photos, originals, orphans, unmatched int
	s.db.QueryRow(`SELECT COUNT(*) FROM photos`).Scan(&photos)
	s.db.QueryRow(`SELECT COUNT(*) FROM photo_originals`).Scan(&originals)
	s.db.QueryRow(`SELECT COUNT(*) FROM photo_originals o LEFT JOIN photos p ON p.id = o.photo_id WHERE p.id IS NULL`).Scan(&orphans)
	s.db.QueryRow(`SELECT COUNT(*) FROM photos p LEFT JOIN photo_originals o ON o.photo_id = p.id WHERE o.photo_id IS NULL`).Scan(&unmatched)
	if photos != wantPhotos || originals != wantPhotos || orphans != 0 || unmatched != 0 {
		t.Fatalf("photos %d (want %d), originals %d, orphaned originals %d, photos without one %d",
			photos, wantPhotos, originals, orphans, unmatched)
	}
	rows, err := s.db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check reports a violation")
	}
}

// TestPurgeLeavesNoOriginals: emptying the trash deletes the originals of the
// application's photos (history included) and of nothing else; duplicating
// an application gives the copies their own originals.
func TestPurgeLeavesNoOriginals(t *testing.T) {
	s := mustOpen(t)
	c := mustClient(t, s, "Acme")
	keep, gone := mustApplication(t, s, c.ID), mustApplication(t, s, c.ID)
	put := func(appID int64, slot string, orig []byte) backend.Photo {
		p, err := s.PutPhoto(ctx, backend.PhotoInput{ApplicationID: appID, Slot: slot, Original: orig, OriginalMIME: "image/jpeg",
			OriginalWidth: 4, OriginalHeight: 3})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	kept := put(keep.ID, "entity.cert", randomBytes(t, 100<<10))
	put(gone.ID, "entity.cert", randomBytes(t, 100<<10))
	put(gone.ID, "entity.cert", randomBytes(t, 50<<10)) // the first one goes to history
	put(gone.ID, "person.id_front", randomBytes(t, 10))
	dup, err := s.DuplicateApplication(ctx, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkPhotoOriginals(t, s, 6)
	if err := s.TrashApplication(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.EmptyTrash(ctx); err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
	checkPhotoOriginals(t, s, 3)
	if p, err := s.GetPhoto(ctx, kept.ID); err != nil || backend.HashHex(p.Original) != kept.OriginalSHA256 {
		t.Fatalf("kept photo: %v", err)
	}
	for _, slot := range []string{"entity.cert", "person.id_front"} {
		if p, err := s.CurrentPhoto(ctx, dup.ID, slot); err != nil || backend.HashHex(p.Original) != p.OriginalSHA256 {
			t.Fatalf("duplicate's %s: %v", slot, err)
		}
	}
}
