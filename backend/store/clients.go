package store

import (
	"context"
	"database/sql"
	"time"

	"icpdesk/backend"
)

// CreateClient stores a new client; ID and timestamps are assigned.
func (s *Store) CreateClient(ctx context.Context, c backend.Client) (backend.Client, error) {
	c, err := backend.ValidateClient(c)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		c, err = insertClient(ctx, tx, c, s.now(), s.now())
		return err
	})
	return c, err
}

func insertClient(ctx context.Context, tx *sql.Tx, c backend.Client, created, updated int64) (backend.Client, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO clients(name, contact, phone, notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, c.Name, c.Contact, c.Phone, c.Notes, created, updated)
	if err != nil {
		return c, err
	}
	c.ID, err = res.LastInsertId()
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return c, err
}

// UpdateClient replaces name, contact, phone and notes of client c.ID.
func (s *Store) UpdateClient(ctx context.Context, c backend.Client) (backend.Client, error) {
	c, err := backend.ValidateClient(c)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE clients SET name = ?, contact = ?, phone = ?, notes = ?, updated_at = ? WHERE id = ?`,
			c.Name, c.Contact, c.Phone, c.Notes, s.now(), c.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "client", c.ID); err != nil {
			return err
		}
		c, err = getClient(ctx, tx, c.ID)
		return err
	})
	return c, err
}

// GetClient returns one client.
func (s *Store) GetClient(ctx context.Context, id int64) (c backend.Client, err error) {
	err = s.read(func(db *sql.DB) error {
		c, err = getClient(ctx, db, id)
		return err
	})
	return c, err
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getClient(ctx context.Context, q queryer, id int64) (backend.Client, error) {
	var c backend.Client
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT id, name, contact, phone, notes, created_at, updated_at FROM clients WHERE id = ?`, id).
		Scan(&c.ID, &c.Name, &c.Contact, &c.Phone, &c.Notes, &created, &updated)
	if err == sql.ErrNoRows {
		return c, backend.Errorf(backend.ECodeNotFound, "clientId", map[string]any{"id": id}, "no client %d", id)
	}
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return c, err
}

// ListClients returns every client by name with its live applications counted by status.
func (s *Store) ListClients(ctx context.Context) ([]backend.ClientSummary, error) {
	list := []backend.ClientSummary{}
	err := s.read(func(db *sql.DB) error {
		index := map[int64]int{}
		err := eachRow(ctx, db, func(r scanner) error {
			var c backend.Client
			var created, updated int64
			if err := r.Scan(&c.ID, &c.Name, &c.Contact, &c.Phone, &c.Notes, &created, &updated); err != nil {
				return err
			}
			c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
			index[c.ID] = len(list)
			list = append(list, backend.ClientSummary{Client: c, Counts: map[backend.Status]int{}})
			return nil
		}, `SELECT id, name, contact, phone, notes, created_at, updated_at FROM clients ORDER BY name, id`)
		if err != nil {
			return err
		}
		return eachRow(ctx, db, func(r scanner) error {
			var id int64
			var status string
			var n int
			if err := r.Scan(&id, &status, &n); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				list[i].Counts[backend.Status(status)] = n
				list[i].Total += n
			}
			return nil
		}, `SELECT client_id, status, COUNT(*) FROM applications WHERE deleted_at IS NULL GROUP BY client_id, status`)
	})
	return list, err
}

// DeleteClient removes a client without applications (trash included).
func (s *Store) DeleteClient(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applications WHERE client_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return backend.Errorf(backend.ECodeConflict, "clientId", map[string]any{"applications": n}, "client %d has %d applications", id, n)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "client", id)
	})
}

func mustAffect(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return backend.Errorf(backend.ECodeNotFound, what+"Id", map[string]any{"id": id}, "no %s %d", what, id)
	}
	return nil
}

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullableTime(ms sql.NullInt64) *time.Time {
	if !ms.Valid {
		return nil
	}
	t := fromMS(ms.Int64)
	return &t
}
