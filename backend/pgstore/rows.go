package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// eachRow runs a query and calls fn on every row; any query, scan or
// iteration error fails it. Every multi-row read goes through it (or
// queryList, built on it).
func eachRow(ctx context.Context, q querier, fn func(pgx.Row) error, query string, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryList runs a query and scans every row with scan; the list is empty
// (not nil) when nothing matches, and any scan or iteration error fails it.
func queryList[T any](ctx context.Context, q querier, scan func(pgx.Row) (T, error), query string, args ...any) ([]T, error) {
	list := []T{}
	err := eachRow(ctx, q, func(r pgx.Row) error {
		v, err := scan(r)
		if err != nil {
			return err
		}
		list = append(list, v)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return list, nil
}
