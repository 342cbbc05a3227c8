package pgstore

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

// ExportClient writes the client, its live applications (not the trash) and
// their revisions, photos (with history), documents and events to w as one
// client file (backend.ClientFile), read in one consistent snapshot.
func (s *Store) ExportClient(ctx context.Context, clientID int64, w io.Writer) error {
	var f backend.ClientFile
	err := s.read(func(q querier) error {
		tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		f, err = readClientFile(ctx, tx, clientID)
		return err
	})
	if err != nil {
		return err
	}
	f.ExportedAt = s.opts.Clock.Now().UTC()
	if err := json.NewEncoder(w).Encode(f); err != nil {
		return backend.Wrap(backend.ECodeInternal, err)
	}
	return nil
}

func readClientFile(ctx context.Context, q querier, clientID int64) (backend.ClientFile, error) {
	f := backend.ClientFile{Format: backend.ClientFileFormat, Version: backend.ClientFileVersion, Applications: []backend.FileApplication{}}
	c, err := getClient(ctx, q, clientID)
	if err != nil {
		return f, err
	}
	f.Client = backend.FileClient{Name: c.Name, Contact: c.Contact, Phone: c.Phone, Notes: c.Notes, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	var ids []int64
	if err := eachRow(ctx, q, func(r pgx.Row) error {
		var id, created, updated int64
		var a backend.FileApplication
		var doc string
		if err := r.Scan(&id, &a.Status, &a.Step, &a.ICPNumber, &doc, &created, &updated); err != nil {
			return err
		}
		a.Doc, a.CreatedAt, a.UpdatedAt = json.RawMessage(doc), fromMS(created), fromMS(updated)
		a.Revisions, a.Photos, a.Documents, a.Events = []backend.FileRevision{}, []backend.FilePhoto{}, []backend.FileDocument{}, []backend.FileEvent{}
		ids = append(ids, id)
		f.Applications = append(f.Applications, a)
		return nil
	}, `SELECT id, status, step, icp_number, doc, created_at, updated_at FROM applications
		WHERE client_id = $1 AND deleted_at IS NULL ORDER BY id`, clientID); err != nil {
		return f, err
	}
	for i, id := range ids {
		a := &f.Applications[i]
		if err := eachRow(ctx, q, func(r pgx.Row) error {
			var v backend.FileRevision
			var doc string
			var at int64
			err := r.Scan(&v.Number, &v.Reason, &v.Note, &v.Status, &doc, &at)
			v.Doc, v.CreatedAt = json.RawMessage(doc), fromMS(at)
			a.Revisions = append(a.Revisions, v)
			return err
		}, `SELECT number, reason, note, status, doc, created_at FROM revisions WHERE application_id = $1 ORDER BY number`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r pgx.Row) error {
			p, err := scanPhoto(r, photoAll)
			a.Photos = append(a.Photos, backend.FilePhotoOf(p))
			return err
		}, `SELECT `+photoColumns+`, original, export FROM photos WHERE application_id = $1 ORDER BY id`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r pgx.Row) error {
			d, err := scanDocument(r, true)
			a.Documents = append(a.Documents, backend.FileDocumentOf(d))
			return err
		}, `SELECT `+documentColumns+`, pdf FROM documents WHERE application_id = $1 ORDER BY id`, id); err != nil {
			return f, err
		}
		if err := eachRow(ctx, q, func(r pgx.Row) error {
			var e backend.FileEvent
			var at int64
			err := r.Scan(&e.From, &e.To, &at, &e.Note, &e.Actor)
			e.At = fromMS(at)
			a.Events = append(a.Events, e)
			return err
		}, `SELECT from_status, to_status, at, note, actor FROM events WHERE application_id = $1 ORDER BY at, id`, id); err != nil {
			return f, err
		}
	}
	return f, nil
}

// ImportClient reads a client file into new records: a new client (even when
// one of the same name exists), new application ids, nothing overwritten. The
// file is hostile until proven otherwise (backend.ReadClientFile); nothing is
// written unless the whole file is valid.
func (s *Store) ImportClient(ctx context.Context, r io.Reader) (backend.ImportResult, error) {
	var res backend.ImportResult
	f, err := backend.ReadClientFile(r, s.opts.MaxImportBytes)
	if err != nil {
		return res, err
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		res = backend.ImportResult{}
		now := s.now()
		c, err := insertClient(ctx, tx, backend.Client{Name: f.Client.Name, Contact: f.Client.Contact, Phone: f.Client.Phone, Notes: f.Client.Notes},
			msOr(f.Client.CreatedAt, now), msOr(f.Client.UpdatedAt, now))
		if err != nil {
			return err
		}
		res.Client = c
		for i := range f.Applications {
			n, err := s.importApplication(ctx, tx, c.ID, &f.Applications[i], now)
			if err != nil {
				return err
			}
			res.Applications++
			res.WebsiteIDsRepaired += n
		}
		return s.notify(ctx, tx, 0)
	})
	return res, err
}

func msOr(t time.Time, fallback int64) int64 {
	if t.IsZero() {
		return fallback
	}
	return t.UnixMilli()
}

func (s *Store) importApplication(ctx context.Context, tx pgx.Tx, clientID int64, a *backend.FileApplication, now int64) (repaired int, err error) {
	app, err := backend.DecodeApplication(a.Doc)
	if err != nil {
		return 0, err
	}
	// Website IDs key photos and checklists: give missing ones theirs, and
	// websites repeating an earlier one's ID fresh ones (documents keyed by
	// the ID stay with the first).
	repaired = len(backend.EnsureWebsiteIDs(&app))
	doc, err := json.Marshal(app) // canonical form, as SaveDraft keeps it
	if err != nil {
		return 0, backend.Wrap(backend.ECodeInternal, err)
	}
	id, err := s.insertApplicationRow(ctx, tx, clientID, &app, doc, a.Status, a.Step, a.ICPNumber, msOr(a.CreatedAt, now), msOr(a.UpdatedAt, now))
	if err != nil {
		return 0, err
	}
	for _, r := range a.Revisions {
		rev, _ := backend.DecodeApplication(r.Doc)
		backend.EnsureWebsiteIDs(&rev)
		raw, _ := json.Marshal(rev)
		if _, err := tx.Exec(ctx, `INSERT INTO revisions(application_id, number, reason, note, status, doc_version, doc, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, r.Number, r.Reason, r.Note, r.Status, rev.Version, string(raw), msOr(r.CreatedAt, now)); err != nil {
			return 0, err
		}
	}
	for _, p := range a.Photos {
		var replaced *int64
		if p.ReplacedAt != nil {
			v := msOr(*p.ReplacedAt, now)
			replaced = &v
		}
		if _, err := insertPhoto(ctx, tx, p.Input(id), msOr(p.CreatedAt, now), msOr(p.UpdatedAt, now), replaced); err != nil {
			return 0, err
		}
	}
	for _, d := range a.Documents {
		if _, err := insertDocument(ctx, tx, id, d.WebsiteID, d.PDF, d.Draft, msOr(d.CreatedAt, now)); err != nil {
			return 0, err
		}
	}
	for _, e := range a.Events {
		if _, err := tx.Exec(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor) VALUES ($1, $2, $3, $4, $5, $6)`,
			id, e.From, e.To, msOr(e.At, now), e.Note, e.Actor); err != nil {
			return 0, err
		}
	}
	return repaired, nil
}

// Backup is not how a team workspace is kept safe: the server's own backups
// (pg_dump, base backups, the provider's snapshots) apply. It fails with
// ECodeUnsupported (params reason "server_backups"); ExportClient gives a
// full copy of each client, and `icpdesk-cli team copy` a whole workspace.
func (s *Store) Backup(ctx context.Context) (backend.BackupInfo, error) {
	return backend.BackupInfo{}, serverBackups()
}

// ListBackups lists none: see Backup.
func (s *Store) ListBackups(ctx context.Context) ([]backend.BackupInfo, error) {
	return []backend.BackupInfo{}, nil
}

// RestoreBackup fails like Backup: restoring is the server administrator's job.
func (s *Store) RestoreBackup(ctx context.Context, name string) error {
	return serverBackups()
}

func serverBackups() error {
	return backend.Errorf(backend.ECodeUnsupported, "", map[string]any{"reason": "server_backups"},
		"a team workspace is backed up by its server")
}
