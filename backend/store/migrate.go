package store

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"icpdesk/backend"
)

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
			panic(fmt.Sprintf("store: migration %s out of sequence", base))
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(body)})
	}
	return ms
}()

func latestVersion() int { return len(migrations) }

// migrate applies every migration after version, each in its own transaction
// that also records the new schema version (PRAGMA user_version).
func migrate(db *sql.DB, version int) error {
	for _, m := range migrations[version:] {
		tx, err := db.Begin()
		if err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return backend.Wrap(backend.ECodeInternal, fmt.Errorf("migration %s: %w", m.name, err))
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return dbErr(err)
		}
		if err := tx.Commit(); err != nil {
			return dbErr(err)
		}
	}
	return nil
}
