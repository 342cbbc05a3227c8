package submit

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"icpdesk/backend"
)

// Exporting a package onto a full disk says disk_full (not "internal") and
// leaves nothing behind, as a ZIP and as a folder.
func TestExportPackageDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	disk := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(disk, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", disk).Run() })
	photo := make([]byte, 2<<20) // more than the disk holds
	r := rand.New(rand.NewPCG(1, 2))
	for i := range photo {
		photo[i] = byte(r.Uint32()) // random: does not compress
	}
	in := PackageInput{App: backend.NewApplication(), Photos: []PackagePhoto{{Slot: "entity.cert", MIME: "image/jpeg", Data: photo}}, Created: time.Now()}
	for _, name := range []string{"p.zip", "p-dir"} {
		_, err := ExportPackage(context.Background(), filepath.Join(disk, name), in)
		if backend.ErrorCode(err) != backend.ECodeDiskFull {
			t.Errorf("%s: err = %v, want disk_full", name, err)
		}
		entries, _ := os.ReadDir(disk)
		if len(entries) != 0 {
			t.Errorf("%s: left %d files behind", name, len(entries))
		}
	}
}
