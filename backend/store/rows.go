package store

import (
	"context"
	"database/sql"
)

// scanner is what a row scanner reads from: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryList runs a query and scans every row with scan; the list is empty
// (not nil) when nothing matches, and any scan or iteration error fails it.
func queryList[T any](ctx context.Context, db *sql.DB, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, nil
}
