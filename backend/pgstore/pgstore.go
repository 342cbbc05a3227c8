// Package pgstore keeps an ICP Desk team workspace in PostgreSQL: the same
// records as the SQLite workspace (backend/store), in one schema of an
// agency's database, shared by several clerks. Each clerk connects as their
// own role, which every event, revision and change records. It implements
// backend.Workspace; no SQL leaves this package.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"icpdesk/backend"
)

// DefaultSchema is where a team workspace lives in its database.
const DefaultSchema = "icpdesk"

// DefaultMaxImportBytes is the largest client file ImportClient reads.
const DefaultMaxImportBytes = 256 << 20

// Options tune Open and Init; the zero value is what the app uses.
type Options struct {
	Clock          backend.Clock // nil: the system clock
	Schema         string        // "" means DefaultSchema
	MaxImportBytes int64         // 0 means DefaultMaxImportBytes
	MaxConns       int32         // pool size; 0 means 4
}

func (o *Options) fill() error {
	if o.Schema == "" {
		o.Schema = DefaultSchema
	}
	if !schemaPattern.MatchString(o.Schema) {
		return backend.Errorf(backend.ECodeInvalid, "schema", map[string]any{"schema": o.Schema}, "bad schema name %q", o.Schema)
	}
	if o.MaxImportBytes <= 0 {
		o.MaxImportBytes = DefaultMaxImportBytes
	}
	if o.MaxConns <= 0 {
		o.MaxConns = 4
	}
	if o.Clock == nil {
		o.Clock = backend.SystemClock{}
	}
	return nil
}

var schemaPattern = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,40}$`)

// Store is an open team workspace. It is safe for concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	opts    Options
	clerk   string
	label   string
	session string // tells this Store's change notices from others'
	closed  atomic.Bool
}

var _ backend.Workspace = (*Store)(nil)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the embedded NNNN_name.sql files, numbered 1, 2, 3… without gaps.
var migrations = func() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			panic(fmt.Sprintf("pgstore: migration %s out of sequence", base))
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(body)})
	}
	return ms
}()

// LatestVersion is the schema version this ICP Desk writes.
func LatestVersion() int { return len(migrations) }

// parseConfig reads a URL or key=value DSN (passwords may come from the
// pgpass file, as libpq does) and points the session at the schema.
func parseConfig(dsn string, o Options) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, backend.Errorf(backend.ECodeInvalid, "url", nil, "team workspace address: %v", err)
	}
	rp := cfg.ConnConfig.RuntimeParams
	rp["search_path"] = o.Schema
	rp["application_name"] = "icpdesk"
	rp["TimeZone"] = "UTC"
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	cfg.MaxConns = o.MaxConns
	cfg.MaxConnIdleTime = time.Minute
	return cfg, nil
}

// Open connects to the team workspace at dsn (postgres://… or key=value).
// The schema must have been created by Init at this version: an older one
// fails with ECodeNotWorkspace (params version/want: ask IT to run
// `icpdesk-cli team init`), a newer one with ECodeTooNew. An unreachable
// server fails with ECodeUnavailable, a refused login with ECodeAuth.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	cfg, err := parseConfig(dsn, opts)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, pgErr(err)
	}
	s := &Store{pool: pool, opts: opts, session: newSession()}
	var version int
	var exists bool
	err = pool.QueryRow(ctx, `SELECT current_user, to_regclass('schema_migrations') IS NOT NULL`).Scan(&s.clerk, &exists)
	if err == nil && exists {
		err = pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version)
	}
	if err != nil {
		pool.Close()
		return nil, pgErr(err)
	}
	switch {
	case version > LatestVersion():
		pool.Close()
		return nil, backend.Errorf(backend.ECodeTooNew, "", map[string]any{"version": version, "supported": LatestVersion()},
			"team workspace schema %d is newer than %d", version, LatestVersion())
	case version < LatestVersion():
		pool.Close()
		return nil, backend.Errorf(backend.ECodeNotWorkspace, "", map[string]any{"version": version, "want": LatestVersion()},
			"schema %q is at version %d, not %d: run icpdesk-cli team init", opts.Schema, version, LatestVersion())
	}
	cc := cfg.ConnConfig
	host := cc.Host
	if strings.HasPrefix(host, "/") {
		host = "localhost"
	}
	s.label = fmt.Sprintf("%s/%s", host, cc.Database)
	if cc.Port != 5432 && cc.Port != 0 {
		s.label = fmt.Sprintf("%s:%d/%s", host, cc.Port, cc.Database)
	}
	return s, nil
}

// Clerk is the role this session works as; every change records it.
func (s *Store) Clerk() string { return s.clerk }

// Label names the workspace for the status line: host[:port]/database.
func (s *Store) Label() string { return s.label }

// Close closes the connections; later calls fail.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	// Best effort: leave the lists at once rather than after PresenceTTL.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	_, _ = s.pool.Exec(ctx, `DELETE FROM editing WHERE session = $1`, s.session)
	cancel()
	s.pool.Close()
	return nil
}

func (s *Store) now() int64 { return s.opts.Clock.Now().UnixMilli() }

// querier is what reads need: the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func (s *Store) read(fn func(q querier) error) error {
	if s.closed.Load() {
		return backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	return pgErr(fn(s.pool))
}

// write runs fn in one transaction, again (a few times) when the server
// aborted it for a serialization failure or a deadlock; fn must not keep
// state between attempts. A connection lost before COMMIT was acknowledged
// leaves the server as it was (PostgreSQL rolls back) and fails with
// ECodeUnavailable; nothing is half-saved.
func (s *Store) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	if s.closed.Load() {
		return backend.Errorf(backend.ECodeInternal, "", nil, "workspace closed")
	}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = pgx.BeginFunc(ctx, s.pool, fn)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "40001" && pe.Code != "40P01") {
			break
		}
	}
	return pgErr(err)
}

// pgErr gives every database failure a code.
func pgErr(err error) error {
	if err == nil {
		return nil
	}
	var be *backend.Error
	if errors.As(err, &be) {
		return be
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return backend.Wrap(backend.ECodeNotFound, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return backend.Wrap(backend.ECodeCancelled, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return backend.Wrap(backend.ECodeAuth, err)
		case pe.Code == "42501":
			return backend.Wrap(backend.ECodeReadOnly, err)
		case pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "55P03":
			return backend.Wrap(backend.ECodeLocked, err)
		case pe.Code == "3D000" || pe.Code == "3F000" || pe.Code == "42P01":
			return backend.Wrap(backend.ECodeNotWorkspace, err)
		case strings.HasPrefix(pe.Code, "22"): // bad text (invalid UTF-8, NUL), out of range
			return backend.Wrap(backend.ECodeInvalid, err)
		case strings.HasPrefix(pe.Code, "23"):
			return backend.Wrap(backend.ECodeConflict, err)
		case pe.Code == "53100": // disk_full: the server's disk, not the clerk's; its administrator frees space
			return &backend.Error{Code: backend.ECodeDiskFull, Params: map[string]any{"reason": "server_disk_full"}, Err: err}
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57P"), pe.Code == "53300":
			return backend.Wrap(backend.ECodeUnavailable, err)
		}
		return backend.Wrap(backend.ECodeInternal, err)
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.As(err, &ne) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "unexpected EOF") {
		return backend.Wrap(backend.ECodeUnavailable, err)
	}
	return backend.Wrap(backend.ECodeInternal, err)
}

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullableTime(ms *int64) *time.Time {
	if ms == nil {
		return nil
	}
	t := fromMS(*ms)
	return &t
}

func notFound(what string, id int64) error {
	return backend.Errorf(backend.ECodeNotFound, what+"Id", map[string]any{"id": id}, "no %s %d", what, id)
}

func mustAffect(tag pgconn.CommandTag, what string, id int64) error {
	if tag.RowsAffected() == 0 {
		return notFound(what, id)
	}
	return nil
}
