package submit

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"icpdesk/backend"
)

var created = time.Date(2024, 3, 5, 1, 2, 3, 0, time.UTC)

func sampleInput() PackageInput {
	return PackageInput{
		ApplicationID: 7, App: sampleApp(), AppVersion: "0.9.0", Created: created,
		Photos: []PackagePhoto{
			{Slot: "websites.w1.backdrop", MIME: "image/jpeg", Data: []byte("\xff\xd8backdrop")},
			{Slot: "entity_cert", MIME: "image/jpeg", Data: []byte("\xff\xd8cert")},
			{Slot: "person_id_front", MIME: "image/png", Data: []byte("\x89PNGfront")},
		},
		Checklists: []PackageFile{
			{Name: backend.ChecklistFileName(sampleApp().Websites[0]), Data: []byte("%PDF-1.4 one")},
			{Name: backend.ChecklistFileName(sampleApp().Websites[1]), Data: []byte("%PDF-1.4 two")},
		},
	}
}

func TestWriteAndVerifyPackage(t *testing.T) {
	for _, kind := range []string{"zip", "dir"} {
		t.Run(kind, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pkg")
			if kind == "zip" {
				path += ".zip"
			}
			m, err := ExportPackage(ctx, path, sampleInput())
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range m.Files {
				names = append(names, f.Name)
			}
			want := []string{"fields.txt", "fields.html", "主办单位证件.jpg", "主体负责人证件-人像面.png", "网站1_example.com_网站负责人幕布照.jpg", "核验单_example.com.pdf", "核验单_example.net.pdf"}
			if !reflect.DeepEqual(names, want) {
				t.Fatalf("files %v\nwant %v", names, want)
			}
			if f := m.Files[4]; f.Slot != "websites.w1.backdrop" || f.Label != "网站负责人幕布照" || f.Kind != "photo" {
				t.Errorf("manifest photo entry %+v", f)
			}
			// What is really in the package: the ZIP's entries or the folder's files.
			if got := listPackage(t, path); !reflect.DeepEqual(got, sortedCopy(append(want, ManifestName))) {
				t.Errorf("package holds %v", got)
			}
			if m.Photos != 3 || m.PhotosMissing != "" || m.SchemaVersion != backend.SchemaVersion || m.AppVersion != "0.9.0" || !m.Created.Equal(created) {
				t.Errorf("manifest %+v", m)
			}
			got, problems, err := VerifyPackage(path)
			if err != nil || len(problems) != 0 {
				t.Fatalf("verify: %v %v", err, problems)
			}
			if !reflect.DeepEqual(got.Files, m.Files) {
				t.Errorf("manifest read back differs")
			}
			pdf, err := readPackageFile(path, "核验单_example.net.pdf")
			if err != nil || string(pdf) != "%PDF-1.4 two" {
				t.Errorf("checklist %q %v", pdf, err)
			}
			txt, _ := readPackageFile(path, "fields.txt")
			if !bytes.HasPrefix(txt, []byte("\ufeffICP备案提交资料 — 杭州某某科技有限公司\r\n")) ||
				!bytes.Contains(txt, []byte("\r\n【主办单位信息】\r\n备案地域：浙江省 / 杭州市 / 西湖区\r\n单位名称：杭州某某科技有限公司\r\n")) ||
				!bytes.HasSuffix(txt, []byte("\r\n【上传材料】\r\n主办单位证件：主办单位证件.jpg\r\n主体负责人证件-人像面：主体负责人证件-人像面.png\r\n"+
					"网站1（example.com） 网站负责人幕布照：网站1_example.com_网站负责人幕布照.jpg\r\n")) {
				t.Errorf("fields.txt:\n%s", txt)
			}
			page, _ := readPackageFile(path, "fields.html")
			root := parseFooter(t, string(page)) // well-formed and parseable
			if !strings.Contains(text(root), "网站信息（2）") {
				t.Error("fields.html misses the second website")
			}
			if !strings.Contains(string(page), `<td data-path="websites.0.photos.backdrop">网站1_example.com_网站负责人幕布照.jpg</td>`) {
				t.Error("fields.html does not name the backdrop photo's file")
			}
		})
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pkg")
	if _, err := ExportPackage(ctx, dir, sampleInput()); err != nil {
		t.Fatal(err)
	}
	// Same size, one byte changed.
	p := filepath.Join(dir, "主办单位证件.jpg")
	b, _ := os.ReadFile(p)
	b[len(b)-1] ^= 1
	os.WriteFile(p, b, 0o644)
	os.WriteFile(filepath.Join(dir, "主体负责人证件-人像面.png"), []byte("short"), 0o644)
	os.Remove(filepath.Join(dir, "核验单_example.com.pdf"))
	os.WriteFile(filepath.Join(dir, "extra.exe"), []byte("MZ"), 0o644)
	_, problems, err := VerifyPackage(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{ProblemChecksum, "主办单位证件.jpg"}, {ProblemSize, "主体负责人证件-人像面.png"}, {ProblemMissing, "核验单_example.com.pdf"}, {ProblemUnexpected, "extra.exe"}}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems %v\nwant %v", problems, want)
	}

	// A manifest naming a file outside the package is refused, not followed.
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(secret, []byte("x"), 0o644)
	mb, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	var m Manifest
	json.Unmarshal(mb, &m)
	m.Files = []ManifestFile{{Name: "../secret.txt", Size: 1, SHA256: "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}}
	mb, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(dir, ManifestName), mb, 0o644)
	_, problems, _ = VerifyPackage(dir)
	if len(problems) == 0 || problems[0] != (Problem{ProblemBadName, "../secret.txt"}) {
		t.Errorf("escaping manifest name: %v", problems)
	}

	// A tampered ZIP entry.
	zpath := filepath.Join(t.TempDir(), "p.zip")
	if _, err := ExportPackage(ctx, zpath, sampleInput()); err != nil {
		t.Fatal(err)
	}
	rewriteZip(t, zpath, func(name string, data []byte) (string, []byte) {
		if name == "fields.txt" {
			return name, bytes.Replace(data, []byte("张三"), []byte("李四"), 1)
		}
		return name, data
	})
	if _, problems, err := VerifyPackage(zpath); err != nil || !reflect.DeepEqual(problems, []Problem{{ProblemChecksum, "fields.txt"}}) {
		t.Errorf("tampered zip: %v %v", problems, err)
	}
	if _, _, err := VerifyPackage(filepath.Join(t.TempDir(), "none")); backend.ErrorCode(err) != backend.ECodeNotFound {
		t.Errorf("missing package: %v", err)
	}
	empty := t.TempDir()
	if _, _, err := VerifyPackage(empty); backend.ErrorCode(err) != backend.ECodeNotWorkspace {
		t.Errorf("folder without manifest: %v", err)
	}
}

// listPackage lists a package's file names as stored: a ZIP's entries
// (unzipped) or a folder's files, sorted.
func listPackage(t *testing.T, path string) []string {
	t.Helper()
	var names []string
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
	} else {
		entries, err := os.ReadDir(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			names = append(names, e.Name())
		}
	}
	return sortedCopy(names)
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func rewriteZip(t *testing.T, path string, change func(string, []byte) (string, []byte)) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		name, data := change(f.Name, b.Bytes())
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zr.Close()
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeZip builds a ZIP with raw entry names (and optionally a symlink entry).
func writeZip(t *testing.T, entries map[string]string, symlink string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if symlink != "" {
		h := &zip.FileHeader{Name: symlink}
		h.SetMode(os.ModeSymlink | 0o777)
		w, _ := zw.CreateHeader(h)
		w.Write([]byte("/etc/passwd"))
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "in.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func TestExtractPackageRefusesZipSlip(t *testing.T) {
	for _, name := range []string{"../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", `..\evil.txt`, `C:\evil.txt`, "C:/evil.txt", "a/b/../../../evil.txt", "..", ""} {
		t.Run(name, func(t *testing.T) {
			base := t.TempDir()
			dest := filepath.Join(base, "out")
			zp := writeZip(t, map[string]string{"ok.txt": "fine", name: "pwned"}, "")
			_, _, err := ExtractPackage(ctx, zp, dest)
			if backend.ErrorCode(err) != backend.ECodeInvalid {
				t.Fatalf("err %v, want invalid", err)
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("target folder left behind: %v", err)
			}
			filepath.Walk(base, func(p string, info os.FileInfo, err error) error {
				if info != nil && !info.IsDir() && filepath.Base(p) != "in.zip" {
					t.Errorf("file written: %s", p)
				}
				return nil
			})
		})
	}
	t.Run("symlink", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "out")
		zp := writeZip(t, map[string]string{"ok.txt": "fine"}, "link")
		if _, _, err := ExtractPackage(ctx, zp, dest); backend.ErrorCode(err) != backend.ECodeInvalid {
			t.Fatalf("symlink entry: %v", err)
		}
	})
}

func TestExtractPackageRoundTrip(t *testing.T) {
	zp := filepath.Join(t.TempDir(), "p.zip")
	if _, err := ExportPackage(ctx, zp, sampleInput()); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "import")
	m, problems, err := ExtractPackage(ctx, zp, dest)
	if err != nil || len(problems) != 0 || len(m.Files) != 7 {
		t.Fatalf("extract: %v %v %d", err, problems, len(m.Files))
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "网站1_example.com_网站负责人幕布照.jpg")); string(b) != "\xff\xd8backdrop" {
		t.Errorf("photo %q", b)
	}
	// A second extraction into the now non-empty folder is refused.
	if _, _, err := ExtractPackage(ctx, zp, dest); backend.ErrorCode(err) != backend.ECodeConflict {
		t.Errorf("extract into a full folder: %v", err)
	}
}

func TestExportBatchCancel(t *testing.T) {
	f := newFake()
	var ids []int64
	for i := 0; i < 3; i++ {
		id := f.add(sampleApp(), backend.StatusReady)
		f.putPhoto(id, "entity_cert", true)
		f.putPhoto(id, "person_id_front", false) // not exported: left out
		f.putDoc(id, "w1", false)
		f.putDoc(id, "w1", true) // a newer draft is not the one packaged
		ids = append(ids, id)
	}
	ids = append(ids, 999) // a missing application fails alone
	dir := t.TempDir()
	var calls [][2]int
	res, err := ExportBatch(ctx, f, ids, dir, "1.0", created, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil || len(res) != 4 || res[3].Error != backend.ECodeNotFound || len(calls) != 4 || calls[3] != [2]int{4, 4} {
		t.Fatalf("batch: %v %+v %v", err, res, calls)
	}
	if res[0].Path == res[1].Path {
		t.Error("two applications share a file name")
	}
	m, problems, err := VerifyPackage(res[0].Path)
	if err != nil || len(problems) != 0 || m.Photos != 1 {
		t.Fatalf("batch package: %v %v %+v", err, problems, m)
	}
	pdf, _ := readPackageFile(res[0].Path, "核验单_example.com.pdf")
	if string(pdf) != "%PDF-1.4 w1" {
		t.Errorf("packaged checklist %q", pdf)
	}

	// Cancel after the first package: no more files, no temporary leftovers.
	dir2 := t.TempDir()
	cctx, cancel := context.WithCancel(ctx)
	res, err = ExportBatch(cctx, f, ids, dir2, "1.0", created, func(done, total int) { cancel() })
	if backend.ErrorCode(err) != backend.ECodeCancelled || len(res) != 1 {
		t.Fatalf("cancelled batch: %v %d results", err, len(res))
	}
	entries, _ := os.ReadDir(dir2)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files after cancel: %v", names)
	}
}
