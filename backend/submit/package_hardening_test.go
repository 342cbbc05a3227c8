package submit

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"icpdesk/backend"
)

// leftovers lists every file and folder under base except the input ZIP.
func leftovers(t *testing.T, base string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if p != base && err == nil && filepath.Ext(p) != ".zip" {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// An entry declaring 2 GB is refused before a byte is written.
func TestExtractPackageRefusesOversizedEntryBeforeWriting(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("ok.txt")
	w.Write([]byte("fine"))
	var small bytes.Buffer
	fw, _ := flate.NewWriter(&small, flate.BestCompression)
	fw.Write(make([]byte, 1000))
	fw.Close()
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "huge.jpg", Method: zip.Deflate, CompressedSize64: uint64(small.Len()), UncompressedSize64: 2 << 30})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(small.Bytes())
	zw.Close()
	base := t.TempDir()
	zp := filepath.Join(base, "in.zip")
	os.WriteFile(zp, buf.Bytes(), 0o600)
	_, _, err = ExtractPackage(ctx, zp, filepath.Join(base, "out"))
	if backend.ErrorCode(err) != backend.ECodeTooLarge {
		t.Fatalf("err = %v, want too_large", err)
	}
	if left := leftovers(t, base); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// A refused extraction leaves nothing, not even the parent folders it made:
// here the archive has no manifest, which only verification finds.
func TestExtractPackageRefusedLeavesNothing(t *testing.T) {
	base := t.TempDir()
	zp := writeZip(t, map[string]string{"fields.txt": "x", "photo.jpg": "y"}, "")
	_, _, err := ExtractPackage(ctx, zp, filepath.Join(base, "a", "b", "out"))
	if backend.ErrorCode(err) != backend.ECodeNotWorkspace {
		t.Fatalf("err = %v, want not_workspace", err)
	}
	if left := leftovers(t, base); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
	// An existing empty target folder stays, emptied.
	dest := filepath.Join(base, "empty")
	os.Mkdir(dest, 0o700)
	if _, _, err := ExtractPackage(ctx, zp, dest); err == nil {
		t.Fatal("no manifest accepted")
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Fatalf("left %d files in the target folder", len(entries))
	}
}

// Packages hold ID photos: folders 0700, files 0600, whether exported as a
// folder or extracted from a ZIP (a ZIP itself is 0600).
func TestPackagesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	base := t.TempDir()
	dir := filepath.Join(base, "new", "pkg")
	if _, err := ExportPackage(ctx, dir, sampleInput()); err != nil {
		t.Fatal(err)
	}
	zp := filepath.Join(base, "pkg.zip")
	if _, err := ExportPackage(ctx, zp, sampleInput()); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "extracted")
	if _, _, err := ExtractPackage(ctx, zp, out); err != nil {
		t.Fatal(err)
	}
	check := func(p string, want fs.FileMode) {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
	check(zp, 0o600)
	for _, root := range []string{filepath.Join(base, "new"), dir, out} {
		check(root, 0o700)
	}
	for _, root := range []string{dir, out} {
		entries, _ := os.ReadDir(root)
		if len(entries) == 0 {
			t.Fatalf("%s is empty", root)
		}
		for _, e := range entries {
			check(filepath.Join(root, e.Name()), 0o600)
		}
	}
}

// manyEntryPackage writes a ZIP package of n tiny files with a manifest.
func manyEntryPackage(b testing.TB, n int) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	m := Manifest{Format: PackageFormat, FormatVersion: PackageFormatVersion}
	for i := range n {
		name := fmt.Sprintf("f%06d.txt", i)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		data := []byte(name)
		w.Write(data)
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, ManifestFile{Name: name, Kind: "fields", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	}
	w, _ := zw.Create(ManifestName)
	json.NewEncoder(w).Encode(m)
	zw.Close()
	p := filepath.Join(b.TempDir(), "many.zip")
	os.WriteFile(p, buf.Bytes(), 0o600)
	return p
}

// VerifyPackage is linear in the number of entries: compare ns/op of the
// two sizes (ten times the entries, about ten times the time; it was a
// hundred times, 25 s for 100,000 entries).
func BenchmarkVerifyPackage(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		p := manyEntryPackage(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, problems, err := VerifyPackage(p); err != nil || len(problems) != 0 {
					b.Fatal(err, problems)
				}
			}
		})
	}
}
