package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

// CreateClient stores a new client; ID and timestamps are assigned.
func (s *Store) CreateClient(ctx context.Context, c backend.Client) (backend.Client, error) {
	c, err := backend.ValidateClient(c)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		if c, err = insertClient(ctx, tx, c, s.now(), s.now()); err != nil {
			return err
		}
		return s.notify(ctx, tx, 0)
	})
	return c, err
}

func insertClient(ctx context.Context, tx pgx.Tx, c backend.Client, created, updated int64) (backend.Client, error) {
	err := tx.QueryRow(ctx, `INSERT INTO clients(name, contact, phone, notes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.Name, c.Contact, c.Phone, c.Notes, created, updated).Scan(&c.ID)
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return c, err
}

// UpdateClient replaces name, contact, phone and notes of client c.ID.
func (s *Store) UpdateClient(ctx context.Context, c backend.Client) (backend.Client, error) {
	c, err := backend.ValidateClient(c)
	if err != nil {
		return c, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE clients SET name = $1, contact = $2, phone = $3, notes = $4, updated_at = $5 WHERE id = $6`,
			c.Name, c.Contact, c.Phone, c.Notes, s.now(), c.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(tag, "client", c.ID); err != nil {
			return err
		}
		if c, err = getClient(ctx, tx, c.ID); err != nil {
			return err
		}
		return s.notify(ctx, tx, 0)
	})
	return c, err
}

// GetClient returns one client.
func (s *Store) GetClient(ctx context.Context, id int64) (c backend.Client, err error) {
	err = s.read(func(q querier) error {
		c, err = getClient(ctx, q, id)
		return err
	})
	return c, err
}

const clientColumns = `id, name, contact, phone, notes, created_at, updated_at`

func scanClient(row pgx.Row) (backend.Client, error) {
	var c backend.Client
	var created, updated int64
	err := row.Scan(&c.ID, &c.Name, &c.Contact, &c.Phone, &c.Notes, &created, &updated)
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return c, err
}

func getClient(ctx context.Context, q querier, id int64) (backend.Client, error) {
	c, err := scanClient(q.QueryRow(ctx, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, id))
	if err == pgx.ErrNoRows {
		return c, notFound("client", id)
	}
	return c, err
}

// ListClients returns every client by name with its live applications counted by status.
func (s *Store) ListClients(ctx context.Context) ([]backend.ClientSummary, error) {
	list := []backend.ClientSummary{}
	err := s.read(func(q querier) error {
		index := map[int64]int{}
		err := eachRow(ctx, q, func(r pgx.Row) error {
			c, err := scanClient(r)
			if err != nil {
				return err
			}
			index[c.ID] = len(list)
			list = append(list, backend.ClientSummary{Client: c, Counts: map[backend.Status]int{}})
			return nil
		}, `SELECT `+clientColumns+` FROM clients ORDER BY name COLLATE "C", id`)
		if err != nil {
			return err
		}
		return eachRow(ctx, q, func(r pgx.Row) error {
			var id, n int64
			var status string
			if err := r.Scan(&id, &status, &n); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				list[i].Counts[backend.Status(status)] = int(n)
				list[i].Total += int(n)
			}
			return nil
		}, `SELECT client_id, status, COUNT(*) FROM applications WHERE deleted_at IS NULL GROUP BY client_id, status`)
	})
	return list, err
}

// DeleteClient removes a client without applications (trash included).
func (s *Store) DeleteClient(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		// Lock the client so no application is added while we count.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM clients WHERE id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM applications WHERE client_id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return backend.Errorf(backend.ECodeConflict, "clientId", map[string]any{"applications": n}, "client %d has %d applications", id, n)
		}
		tag, err := tx.Exec(ctx, `DELETE FROM clients WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if err := mustAffect(tag, "client", id); err != nil {
			return err
		}
		return s.notify(ctx, tx, 0)
	})
}
