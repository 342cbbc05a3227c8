// Package store keeps an ICP Desk workspace in one SQLite file: clients,
// applications (indexed columns plus the JSON document), revisions, photos,
// checklist PDFs, status events, settings and backups. It implements
// backend.Workspace; no SQLite detail leaves this package.
package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"icpdesk/backend"
)

// applicationID is stored in the SQLite header ("ICPD") so another program's
// database is never mistaken for a workspace.
const applicationID = 0x49435044

// Default limits.
const (
	DefaultKeepBackups    = 10
	DefaultMaxImportBytes = 256 << 20
)

// Options tune Open; the zero value is what the app uses.
type Options struct {
	Clock          backend.Clock // nil: the system clock
	MustExist      bool          // fail with not_found instead of creating a new workspace
	ReadOnly       bool          // open for viewing only: no migration, no backup, no writes
	NoBackupOnOpen bool          // skip the backup Open makes of an existing workspace
	KeepBackups    int           // backups kept per workspace; 0 means DefaultKeepBackups
	MaxImportBytes int64         // largest client file ImportClient reads; 0 means DefaultMaxImportBytes
	// Clerk is who works in this workspace (the OS user, or ""): recorded
	// with every event, revision and document change.
	Clerk string
}

// Store is an open workspace. It is safe for concurrent use.
type Store struct {
	path  string
	opts  Options
	clock backend.Clock
	lock  *workspaceLock

	mu       sync.RWMutex // write-held only while RestoreBackup swaps the file
	db       *sql.DB
	readOnly string // "" when writable, else the code writes fail with
	closed   bool
	// backupSkipped says why the backup Open makes could not be made (nil
	// when it was made or not due): the workspace opened all the same.
	backupSkipped *backend.Error
	// originalsInRow: the workspace was opened without migrating (read-only
	// or on a full disk) at a schema before photo_originals.
	originalsInRow bool
}

var _ backend.Workspace = (*Store)(nil)

// Open opens the workspace at path, creating it when missing (unless
// opts.MustExist), and applies pending migrations. It takes an exclusive lock:
// a second Open of the same file fails with ECodeLocked. A file that is not a
// workspace, is damaged or cannot be written fails with ECodeNotWorkspace,
// ECodeCorrupt or ECodeReadOnly and is left untouched. A workspace written by a
// newer ICP Desk returns a read-only *Store together with an ECodeTooNew error:
// show it, and let the user read but not write.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, backend.Errorf(backend.ECodeInvalid, "path", nil, "empty workspace path")
	}
	abs, err := canonicalPath(path)
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInvalid, err)
	}
	if opts.KeepBackups <= 0 {
		opts.KeepBackups = DefaultKeepBackups
	}
	if opts.MaxImportBytes <= 0 {
		opts.MaxImportBytes = DefaultMaxImportBytes
	}
	s := &Store{path: abs, opts: opts, clock: opts.Clock}
	if s.clock == nil {
		s.clock = backend.SystemClock{}
	}

	_, statErr := os.Stat(abs)
	if errors.Is(statErr, os.ErrNotExist) {
		if opts.MustExist || opts.ReadOnly {
			return nil, backend.Errorf(backend.ECodeNotFound, "path", nil, "%s does not exist", abs)
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fileErr(err)
		}
		if abs, err = canonicalPath(abs); err != nil { // the folder may be reached through a symlink
			return nil, backend.Wrap(backend.ECodeInvalid, err)
		}
		s.path = abs
	}
	if s.lock, err = acquireLock(abs); err != nil {
		return nil, err
	}
	var tooNew error
	if tooNew, err = s.open(); err != nil {
		s.lock.release()
		return nil, err
	}
	return s, tooNew
}

// open does Open's work once the lock is held; it is also how RestoreBackup
// reopens the swapped file.
func (s *Store) open() (tooNew error, err error) {
	created := false
	if _, err := os.Stat(s.path); errors.Is(err, os.ErrNotExist) {
		if err := createWorkspace(s.path, s.clock); err != nil {
			return nil, err
		}
		created = true
	}
	if err := s.lock.lockFile(s.path); err != nil {
		return nil, err
	}
	hdr, err := checkFile(s.path)
	if err != nil {
		return nil, err
	}
	readOnly := s.opts.ReadOnly
	if !readOnly {
		if err := checkWritable(s.path); err != nil {
			return nil, err
		}
	}
	if hdr.userVersion > latestVersion() {
		readOnly = true
	}
	db, err := connectChecked(s.path, readOnly, false)
	if backend.ErrorCode(err) == backend.ECodeDiskFull && readOnly && checkWritable(s.path) == nil {
		// Viewing only (the CLI's due, list, timeline) on a disk without room
		// for the shared-memory file: SQLite cannot read a WAL-mode file
		// read-only without one, so it gets the writable path's one exclusive
		// connection (WAL index in memory, the WAL's content read), held to
		// queries only; closing it may move the WAL into the file, as any
		// clean close does.
		if db, err = connectChecked(s.path, false, true); err == nil {
			if _, qerr := db.Exec("PRAGMA query_only=ON"); qerr != nil {
				db.Close()
				db, err = nil, dbErr(qerr)
			}
		}
	}
	diskFull := false
	if backend.ErrorCode(err) == backend.ECodeDiskFull && !readOnly {
		// Not even SQLite's shared-memory file (-shm) fits on the disk: open
		// it without one (see connect). Reading works; nothing can be saved
		// until space is freed, and the first save after that reopens it
		// normally (retryAfterDiskFull). A crash's leftovers go first: they
		// may be the very room needed.
		s.removeLeftovers()
		db, err = connectChecked(s.path, false, false)
		if backend.ErrorCode(err) == backend.ECodeDiskFull {
			// Opened without it and closed again, SQLite moves what a crash
			// left in the WAL into the file and removes the WAL: room too.
			if once, err := connect(s.path, false, true); err == nil {
				var v int
				_ = once.QueryRow("PRAGMA user_version").Scan(&v) // reads the WAL in
				once.Close()
			}
			db, err = connectChecked(s.path, false, false)
		}
		if backend.ErrorCode(err) == backend.ECodeDiskFull {
			db, err = connectChecked(s.path, false, true)
			diskFull = true
		}
	}
	if err != nil {
		return nil, err
	}
	fail := func(err error) (error, error) {
		db.Close()
		return nil, err
	}
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fail(dbErr(err))
	}
	if version > latestVersion() && !readOnly {
		// The header on disk lagged behind a newer version's WAL: reopen read-only.
		db.Close()
		readOnly = true
		if db, err = connect(s.path, true, false); err != nil {
			return nil, err
		}
	}
	s.db, s.readOnly, s.originalsInRow = db, "", false
	switch {
	case version > latestVersion():
		s.readOnly = backend.ECodeTooNew
		tooNew = backend.Errorf(backend.ECodeTooNew, "", map[string]any{"version": version, "supported": latestVersion()},
			"workspace schema %d is newer than %d", version, latestVersion())
		return tooNew, nil
	case readOnly:
		s.readOnly = backend.ECodeReadOnly
		s.originalsInRow = !hasTable(db, "photo_originals")
		return nil, nil
	case diskFull:
		s.openedOnFullDisk(created)
		return nil, nil
	}
	if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		if backend.ErrorCode(dbErr(err)) == backend.ECodeDiskFull {
			// A file in rollback-journal mode (a restored backup) reads
			// without any other file, but has no room for its WAL.
			s.openedOnFullDisk(created)
			return nil, nil
		}
		return fail(dbErr(err))
	}
	// What a crash left behind (a half-made backup, workspace or restore
	// copy) is removed first: it may be the very space the backup needs.
	s.removeLeftovers()
	s.backupSkipped = nil
	if !created && !s.opts.NoBackupOnOpen {
		if _, err := s.backup(context.Background()); err != nil {
			// A full disk (or an unwritable backups folder) must not make
			// the workspace unusable: open it without the backup and say so
			// (BackupSkipped). Migrations run in transactions either way.
			s.backupSkipped = backend.AsError(err)
		}
	}
	if err := migrate(db, version); err != nil {
		return fail(err)
	}
	secureFiles(s.path)
	return nil, nil
}

// openedOnFullDisk marks the workspace as opened on a disk without room to
// save (see retryAfterDiskFull), and the backup Open makes as skipped.
func (s *Store) openedOnFullDisk(created bool) {
	s.readOnly = backend.ECodeDiskFull
	s.originalsInRow = !hasTable(s.db, "photo_originals")
	if !created && !s.opts.NoBackupOnOpen {
		s.backupSkipped = backend.Errorf(backend.ECodeDiskFull, "", nil, "no room on the disk to open %s for writing", s.path)
	}
}

// connectChecked connects (see connect) and runs SQLite's quick check.
func connectChecked(path string, readOnly, noShm bool) (*sql.DB, error) {
	db, err := connect(path, readOnly, noShm)
	if err != nil {
		return nil, err
	}
	if err := quickCheck(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// connect is the one place connections are configured: every pooled
// connection gets the same pragmas through the DSN. noShm is for a disk
// without room for SQLite's shared-memory file: one connection in exclusive
// locking mode, which keeps the WAL index in memory
// (https://www.sqlite.org/wal.html#noshm) and still reads what the WAL holds.
func connect(path string, readOnly, noShm bool) (*sql.DB, error) {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	dsn := "file:" + p + "?_busy_timeout=10000&_foreign_keys=on&_synchronous=FULL&_txlock=immediate"
	if readOnly {
		dsn += "&mode=ro"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	db.SetMaxOpenConns(4)
	if noShm {
		db.Close()
		if db, err = sql.Open("sqlite3", dsn+"&_locking_mode=EXCLUSIVE"); err != nil {
			return nil, backend.Wrap(backend.ECodeInternal, err)
		}
		db.SetMaxOpenConns(1) // the exclusive lock is this one connection's
	}
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, dbErr(err)
	}
	return db, nil
}

// createWorkspace builds a new workspace under a temporary name and renames it
// into place, so a crash never leaves a half-made file at path.
func createWorkspace(path string, clock backend.Clock) error {
	tmp := fmt.Sprintf("%s.new-%d", path, os.Getpid())
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fileErr(err)
	}
	f.Close()
	defer os.Remove(tmp)
	db, err := connect(tmp, false, false)
	if err != nil {
		return err
	}
	if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		db.Close()
		return dbErr(err)
	}
	if err := migrate(db, 0); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return dbErr(err)
	}
	if err := syncFile(tmp); err != nil {
		return fileErr(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileErr(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

type header struct {
	userVersion int
}

// checkFile reads the SQLite header without SQLite, so files that are not
// workspaces are rejected before anything could write to them.
func checkFile(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, fileErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return header{}, fileErr(err)
	}
	if st.IsDir() {
		return header{}, backend.Errorf(backend.ECodeNotWorkspace, "path", nil, "%s is a folder", path)
	}
	buf := make([]byte, 100)
	n, err := io.ReadFull(f, buf)
	const magic = "SQLite format 3\x00"
	if n < len(magic) || string(buf[:len(magic)]) != magic {
		return header{}, backend.Errorf(backend.ECodeNotWorkspace, "path", nil, "%s is not an SQLite file", path)
	}
	if err != nil {
		return header{}, backend.Errorf(backend.ECodeCorrupt, "path", nil, "short header: %v", err)
	}
	if binary.BigEndian.Uint32(buf[68:72]) != applicationID {
		return header{}, backend.Errorf(backend.ECodeNotWorkspace, "path", nil, "%s is another program's database", path)
	}
	pageSize := int(binary.BigEndian.Uint16(buf[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 || st.Size()%int64(pageSize) != 0 {
		return header{}, backend.Errorf(backend.ECodeCorrupt, "path", nil, "bad page size %d for %d bytes", pageSize, st.Size())
	}
	return header{userVersion: int(binary.BigEndian.Uint32(buf[60:64]))}, nil
}

// checkWritable refuses files the user or the system marked read-only (the
// permission bits count even for root).
func checkWritable(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fileErr(err)
	}
	if st.Mode().Perm()&0o200 == 0 {
		return backend.Errorf(backend.ECodeReadOnly, "path", nil, "%s is read-only", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fileErr(err)
	}
	return f.Close()
}

func quickCheck(db *sql.DB) error {
	msgs, err := queryList(context.Background(), db, func(r scanner) (msg string, err error) {
		err = r.Scan(&msg)
		return msg, err
	}, "PRAGMA quick_check(1)")
	if err != nil {
		return dbErr(err)
	}
	for _, msg := range msgs {
		if msg != "ok" {
			return backend.Errorf(backend.ECodeCorrupt, "", nil, "quick_check: %s", msg)
		}
	}
	return nil
}

// IntegrityCheck runs SQLite's full integrity check; nil means the file is sound.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	return s.read(func(db *sql.DB) error {
		var msg string
		if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&msg); err != nil {
			return err
		}
		if msg != "ok" {
			return backend.Errorf(backend.ECodeCorrupt, "", nil, "integrity_check: %s", msg)
		}
		return nil
	})
}

// secureFiles keeps the workspace and its WAL files private to the user.
func secureFiles(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + ".lock"} {
		_ = os.Chmod(p, 0o600) // missing -wal/-shm is fine
	}
}

// BackupSkipped says why the backup taken on Open could not be made (nil
// when it was made, or was not due): the clerk is told no backup was made.
func (s *Store) BackupSkipped() *backend.Error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.backupSkipped
}

// Path returns the workspace file's absolute path.
func (s *Store) Path() string { return s.path }

// ReadOnly returns "" for a writable workspace, else the code every write
// fails with (backend.ECodeTooNew or backend.ECodeReadOnly; or
// backend.ECodeDiskFull until space is freed, see retryAfterDiskFull).
func (s *Store) ReadOnly() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.readOnly
}

// Close checkpoints and closes the workspace and releases its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.db.Close()
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	return dbErr(err)
}

// read runs fn with the database while no restore can swap it.
func (s *Store) read(fn func(db *sql.DB) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	return dbErr(fn(s.db))
}

// write runs fn in one immediate transaction.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.retryAfterDiskFull()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	if s.readOnly != "" {
		return backend.Errorf(s.readOnly, "", nil, "workspace is read-only")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return dbErr(err)
	}
	return dbErr(tx.Commit())
}

// retryAfterDiskFull reopens a workspace that was opened on a full disk
// (ReadOnly() == disk_full) the normal way, so saving works again as soon as
// space has been freed; while the disk is still full it stays as it was and
// the write fails with disk_full.
func (s *Store) retryAfterDiskFull() {
	s.mu.RLock()
	full := s.readOnly == backend.ECodeDiskFull && !s.closed
	s.mu.RUnlock()
	if !full {
		return
	}
	// Reopening checks the whole file: first a cheap look whether the room
	// a normal open needs (SQLite's shared-memory file, a first WAL page)
	// is there at all.
	if !hasRoom(s.path, 64<<10) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly != backend.ECodeDiskFull || s.closed {
		return
	}
	// The exclusive connection must go before a normal one can open (it is
	// gone whatever Close reports); open falls back to it again while there
	// is still no room.
	_ = s.db.Close()
	opts, skipped := s.opts, s.backupSkipped
	s.opts.NoBackupOnOpen = true
	_, err := s.open()
	s.opts, s.backupSkipped = opts, skipped
	if err != nil {
		// Not even the way it opened before works now: say so on every call.
		s.closed = true
	}
}

// hasRoom says whether n bytes can be written next to the workspace now
// (in "<workspace>.room-*", which removeLeftovers removes after a crash).
func hasRoom(workspace string, n int) bool {
	f, err := os.CreateTemp(filepath.Dir(workspace), filepath.Base(workspace)+".room-*")
	if err != nil {
		return false
	}
	_, err = f.Write(make([]byte, n))
	f.Close()
	os.Remove(f.Name())
	return err == nil
}

func (s *Store) now() int64 { return s.clock.Now().UnixMilli() }

// dbErr gives every database failure a code.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	var be *backend.Error
	if errors.As(err, &be) {
		return be
	}
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Wrap(backend.ECodeNotFound, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return backend.Wrap(backend.ECodeCancelled, err)
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		if se.Code == sqlite3.ErrFull || backend.IsDiskFull(se.SystemErrno) {
			return backend.Wrap(backend.ECodeDiskFull, err)
		}
		switch se.Code {
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return backend.Wrap(backend.ECodeCorrupt, err)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return backend.Wrap(backend.ECodeReadOnly, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return backend.Wrap(backend.ECodeLocked, err)
		case sqlite3.ErrConstraint:
			return backend.Wrap(backend.ECodeConflict, err)
		}
	}
	return backend.FileError(backend.ECodeInternal, err, "")
}

// fileErr gives file-system failures a code.
func fileErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist):
		return backend.Wrap(backend.ECodeNotFound, err)
	case errors.Is(err, os.ErrPermission), isReadOnlyFS(err):
		return backend.Wrap(backend.ECodeReadOnly, err)
	}
	return backend.FileError(backend.ECodeInternal, err, "")
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable; not possible (nor needed) on Windows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// hasTable says whether the workspace's schema has the table (false on an
// error: the reads that need it then fail with their own error).
func hasTable(db *sql.DB, name string) bool {
	var n int
	err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n)
	return err == nil && n > 0
}
