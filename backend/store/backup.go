package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"icpdesk/backend"
)

const backupTimeFormat = "20060102T150405.000Z"

// backupDir is the backups/ folder beside the workspace; workspaces sharing a
// folder share it, told apart by the file-name stem.
func (s *Store) backupDir() string { return filepath.Join(filepath.Dir(s.path), "backups") }

func (s *Store) backupStemExt() (string, string) {
	base := filepath.Base(s.path)
	ext := filepath.Ext(base)
	return strings.TrimSuffix(base, ext) + "-", ext
}

// Backup writes a consistent copy of the workspace (VACUUM INTO) to
// backups/<name>-<UTC time><ext> and keeps the newest Options.KeepBackups.
func (s *Store) Backup(ctx context.Context) (backend.BackupInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return backend.BackupInfo{}, backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	return s.backup(ctx)
}

// backup does Backup's work; the caller holds s.mu (either way).
func (s *Store) backup(ctx context.Context) (backend.BackupInfo, error) {
	dir := s.backupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return backend.BackupInfo{}, fileErr(err)
	}
	_ = os.Chmod(dir, 0o700)
	stem, ext := s.backupStemExt()
	t := s.clock.Now().UTC()
	var name, path string
	for {
		name = stem + t.Format(backupTimeFormat) + ext
		path = filepath.Join(dir, name)
		if _, err := os.Stat(path); os.IsNotExist(err) {
			break
		}
		t = t.Add(time.Millisecond) // two backups within a millisecond
	}
	tmp := path + partialSuffix
	os.Remove(tmp)
	// VACUUM INTO accepts an existing empty file: create it private first.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return backend.BackupInfo{}, fileErr(err)
	}
	f.Close()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return backend.BackupInfo{}, dbErr(err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return backend.BackupInfo{}, fileErr(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return backend.BackupInfo{}, fileErr(err)
	}
	syncDir(dir)
	st, err := os.Stat(path)
	if err != nil {
		return backend.BackupInfo{}, fileErr(err)
	}
	list, err := s.listBackups()
	if err != nil {
		return backend.BackupInfo{}, err
	}
	complete := list[:0:0]
	for _, b := range list {
		if !b.Partial {
			complete = append(complete, b)
		}
	}
	for _, old := range complete[min(len(complete), s.opts.KeepBackups):] {
		_ = os.Remove(old.Path)
	}
	return backend.BackupInfo{Name: name, Path: path, Size: st.Size(), CreatedAt: t}, nil
}

// partialSuffix marks a backup being written (renamed away when complete);
// one left behind is a crash's leftover.
const partialSuffix = ".tmp"

// removeLeftovers deletes what an interrupted backup, workspace creation or
// restore left behind. The caller holds the workspace lock, so none of them
// is still being written.
func (s *Store) removeLeftovers() {
	list, err := s.listBackups()
	if err == nil {
		for _, b := range list {
			if b.Partial {
				_ = os.Remove(b.Path)
			}
		}
	}
	_ = os.Remove(s.path + ".restore")
	dir, base := filepath.Split(s.path)
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if (strings.HasPrefix(e.Name(), base+".new-") || strings.HasPrefix(e.Name(), base+".room-")) && e.Type().IsRegular() {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// ListBackups returns this workspace's backups, newest first, including any
// partial one (Partial: a crash's leftover that could not be removed, or a
// backup being written now), so the listing's size is what the folder takes.
func (s *Store) ListBackups(ctx context.Context) ([]backend.BackupInfo, error) {
	return s.listBackups()
}

func (s *Store) listBackups() ([]backend.BackupInfo, error) {
	entries, err := os.ReadDir(s.backupDir())
	if os.IsNotExist(err) {
		return []backend.BackupInfo{}, nil
	}
	if err != nil {
		return nil, fileErr(err)
	}
	stem, ext := s.backupStemExt()
	list := []backend.BackupInfo{}
	for _, e := range entries {
		name := e.Name()
		base, partial := strings.CutSuffix(name, partialSuffix)
		if !e.Type().IsRegular() || !strings.HasPrefix(base, stem) || !strings.HasSuffix(base, ext) {
			continue
		}
		t, err := time.Parse(backupTimeFormat, strings.TrimSuffix(strings.TrimPrefix(base, stem), ext))
		if err != nil {
			continue // another workspace's backup whose stem starts like ours
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		list = append(list, backend.BackupInfo{Name: name, Path: filepath.Join(s.backupDir(), name), Size: info.Size(), CreatedAt: t, Partial: partial})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].CreatedAt.After(list[j].CreatedAt) })
	return list, nil
}

// RestoreBackup replaces the workspace with one of its backups: the backup is
// checked first, the current state is backed up, and the file is swapped by an
// atomic rename while the workspace lock is held.
func (s *Store) RestoreBackup(ctx context.Context, name string) error {
	if name == "" || filepath.Base(name) != name {
		return backend.Errorf(backend.ECodeInvalid, "name", nil, "bad backup name %q", name)
	}
	list, err := s.listBackups()
	if err != nil {
		return err
	}
	var src string
	for _, b := range list {
		if b.Name == name && !b.Partial {
			src = b.Path
		}
	}
	if src == "" {
		return backend.Errorf(backend.ECodeNotFound, "name", nil, "no backup %q", name)
	}
	if err := checkBackup(src); err != nil {
		return err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	if s.readOnly != "" {
		return backend.Errorf(s.readOnly, "", nil, "workspace is read-only")
	}
	if _, err := s.backup(ctx); err != nil {
		return err
	}
	tmp := s.path + ".restore"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return fileErr(err)
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return dbErr(err)
	}
	s.closed = true      // until reopened
	s.lock.releaseFile() // taken again on the new file by reopenAfterRestore (the .lock file is held throughout)
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return s.reopenAfterRestore(fileErr(err))
	}
	// A WAL left by the old file must never be replayed into the restored one.
	os.Remove(s.path + "-wal")
	os.Remove(s.path + "-shm")
	syncDir(filepath.Dir(s.path))
	return s.reopenAfterRestore(nil)
}

func (s *Store) reopenAfterRestore(cause error) error {
	opts := s.opts
	s.opts.NoBackupOnOpen = true
	_, err := s.open()
	s.opts = opts
	if err != nil {
		return err
	}
	s.closed = false
	return cause
}

// checkBackup makes sure a backup is a sound workspace this version can open.
func checkBackup(path string) error {
	hdr, err := checkFile(path)
	if err != nil {
		return err
	}
	if hdr.userVersion > latestVersion() {
		return backend.Errorf(backend.ECodeTooNew, "", nil, "backup schema %d", hdr.userVersion)
	}
	db, err := connect(path, true, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return quickCheck(db)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
