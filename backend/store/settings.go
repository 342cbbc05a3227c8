package store

import (
	"context"
	"database/sql"

	"icpdesk/backend"
)

// Setting keys the app uses; any other short key works too.
const (
	SettingLanguage        = "language"
	SettingLastApplication = "last_application"
	SettingWindowState     = "window_state"
)

// GetSetting returns a setting's value, ECodeNotFound when never set.
func (s *Store) GetSetting(ctx context.Context, key string) (v string, err error) {
	err = s.read(func(db *sql.DB) error {
		err := db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
		if err == sql.ErrNoRows {
			return backend.Errorf(backend.ECodeNotFound, "key", map[string]any{"key": key}, "no setting %q", key)
		}
		return err
	})
	return v, err
}

// SetSetting stores a setting, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" || len(key) > 200 || len(value) > 1<<20 {
		return backend.Errorf(backend.ECodeInvalid, "key", map[string]any{"key": key}, "bad setting")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, s.now())
		return err
	})
}
