//go:build dev

package app

import (
	"context"
	"os"
	"path/filepath"
)

// In the e2e build (dev tag) ICPDESK_E2E_DIALOG_DIR answers the save and
// folder dialogs with that folder, so a browser test can run a batch print.
// Production builds do not compile this file.
func init() {
	if dir := os.Getenv("ICPDESK_E2E_DIALOG_DIR"); dir != "" {
		devDialogs = folderDialogs{dir: dir}
	}
}

type folderDialogs struct{ dir string }

func (d folderDialogs) saveFile(_ context.Context, _ string, defaultName string) (string, error) {
	return filepath.Join(d.dir, defaultName), os.MkdirAll(d.dir, 0o700)
}

func (d folderDialogs) chooseFolder(context.Context, string) (string, error) {
	return d.dir, os.MkdirAll(d.dir, 0o700)
}
