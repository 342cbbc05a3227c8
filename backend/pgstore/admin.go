package pgstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"icpdesk/backend"
)

// ClerkRole is the group role holding exactly the rights a clerk needs in
// the workspace's schema; each clerk's login role is a member.
func ClerkRole(schema string) string { return schema + "_clerk" }

// InitResult says what Init did.
type InitResult struct {
	From, To int // schema version before and after
}

// Init creates the workspace's schema when missing and applies pending
// migrations, each in its own transaction that also records the version
// (schema_migrations); concurrent Inits wait on an advisory lock. It also
// creates the clerks' group role and grants it what clerks need. Run it as
// the database's owner (IT's admin role), not as a clerk.
func Init(ctx context.Context, dsn string, opts Options) (InitResult, error) {
	var res InitResult
	if err := opts.fill(); err != nil {
		return res, err
	}
	cfg, err := parseConfig(dsn, opts)
	if err != nil {
		return res, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return res, pgErr(err)
	}
	defer conn.Close(context.Background())
	schema := pgx.Identifier{opts.Schema}.Sanitize()
	lock := `SELECT pg_advisory_xact_lock(hashtext('icpdesk.migrate.' || $1))`
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lock, opts.Schema); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+schema); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer PRIMARY KEY,
			name       text        NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now(),
			applied_by text        NOT NULL DEFAULT current_user)`)
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&res.From)
	})
	if err != nil {
		return res, pgErr(err)
	}
	if res.From > LatestVersion() {
		return res, backend.Errorf(backend.ECodeTooNew, "", map[string]any{"version": res.From, "supported": LatestVersion()},
			"team workspace schema %d is newer than %d", res.From, LatestVersion())
	}
	res.To = res.From
	for _, m := range migrations[res.From:] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, lock, opts.Schema); err != nil {
				return err
			}
			var done bool // another Init got here first
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.version).Scan(&done); err != nil || done {
				return err
			}
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES ($1, $2)`, m.version, m.name)
			return err
		})
		if err != nil {
			return res, pgErr(err)
		}
		res.To = m.version
	}
	if err := grantClerkRights(ctx, conn, opts.Schema); err != nil {
		return res, pgErr(err)
	}
	return res, nil
}

// grantClerkRights (re)creates the clerks' group role's rights: read
// everything; add and change clients, applications, photos and settings;
// only add revisions, documents, events and draft changes (the record of who
// did what is never rewritten); delete only clients, applications (emptying
// the trash cascades as the tables' owner) and their own settings. No DDL.
func grantClerkRights(ctx context.Context, conn *pgx.Conn, schema string) error {
	role := ClerkRole(schema)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role).Scan(&exists); err != nil {
		return err
	}
	r := pgx.Identifier{role}.Sanitize()
	sc := pgx.Identifier{schema}.Sanitize()
	stmts := []string{
		`REVOKE ALL ON SCHEMA ` + sc + ` FROM PUBLIC`,
		`GRANT USAGE ON SCHEMA ` + sc + ` TO ` + r,
		`GRANT SELECT ON ALL TABLES IN SCHEMA ` + sc + ` TO ` + r,
		`GRANT INSERT, UPDATE, DELETE ON ` + sc + `.clients, ` + sc + `.applications, ` + sc + `.settings, ` + sc + `.editing TO ` + r,
		`GRANT INSERT, UPDATE ON ` + sc + `.photos TO ` + r,
		`GRANT INSERT ON ` + sc + `.revisions, ` + sc + `.documents, ` + sc + `.events, ` + sc + `.draft_changes TO ` + r,
		`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ` + sc + ` TO ` + r,
	}
	if !exists {
		stmts = append([]string{`CREATE ROLE ` + r + ` NOLOGIN`}, stmts...)
	}
	for _, q := range stmts {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// clerkNamePattern is compiled on first use: its Unicode classes repeated 63
// times take ~2 ms to compile, which every start of the app paid at package
// init (before the window), team workspace or not.
var clerkNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\p{L}\p{N}_.@-]{1,63}$`) })

// AddClerk creates a login role called name (a Chinese name works: it is
// what the timeline shows) with password, member of the workspace's clerk
// role and nothing else; an existing role is made a member (and gets the
// password when one is given). Run it as a role that may create roles.
func AddClerk(ctx context.Context, dsn string, opts Options, name, password string) (created bool, err error) {
	if err := opts.fill(); err != nil {
		return false, err
	}
	if !clerkNamePattern().MatchString(name) || len(name) > 63 {
		return false, backend.Errorf(backend.ECodeInvalid, "name", map[string]any{"name": name}, "bad clerk name %q", name)
	}
	cfg, err := parseConfig(dsn, opts)
	if err != nil {
		return false, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return false, pgErr(err)
	}
	defer conn.Close(context.Background())
	group := ClerkRole(opts.Schema)
	for attempt := 0; ; attempt++ {
		created, err = addClerk(ctx, conn, group, name, password)
		// Roles are global to the server: another AddClerk of the same name
		// (for this workspace or another) may have created the role or the
		// membership meanwhile; then it exists, and the next try grants it.
		if err == nil || attempt >= 4 || !raced(err) {
			return created, pgErr(err)
		}
	}
}

// raced says err is what losing a race to create the same role or
// membership gives: PostgreSQL says "already exists" (duplicate_object) when
// the other transaction committed before this statement began, and a unique
// violation when it committed while this one waited.
func raced(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42710" {
		return true
	}
	return backend.ErrorCode(pgErr(err)) == backend.ECodeConflict
}

func addClerk(ctx context.Context, conn *pgx.Conn, group, name, password string) (created bool, err error) {
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var hasGroup, exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1), EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2)`,
			group, name).Scan(&hasGroup, &exists); err != nil {
			return err
		}
		if !hasGroup {
			return backend.Errorf(backend.ECodeNotWorkspace, "", nil, "no role %s: run icpdesk-cli team init first", group)
		}
		// format() quotes the name and the password on the server.
		var stmt string
		switch {
		case !exists && password != "":
			err = tx.QueryRow(ctx, `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)`, name, password, group).Scan(&stmt)
		case !exists:
			err = tx.QueryRow(ctx, `SELECT format('CREATE ROLE %I LOGIN IN ROLE %I', $1::text, $2::text)`, name, group).Scan(&stmt)
		default:
			err = tx.QueryRow(ctx, `SELECT format('GRANT %I TO %I', $1::text, $2::text)`, group, name).Scan(&stmt)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
		if exists && password != "" {
			if err := tx.QueryRow(ctx, `SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text)`, name, password).Scan(&stmt); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return err
			}
		}
		created = !exists
		return nil
	})
	return created, err
}
