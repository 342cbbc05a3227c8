package pgstore

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"icpdesk/backend"
)

const applicationColumns = `a.id, a.client_id, a.status, a.step, a.doc, a.rev, a.updated_by, a.created_at, a.updated_at, a.deleted_at`

func scanApplication(row pgx.Row) (backend.ApplicationRecord, error) {
	var r backend.ApplicationRecord
	var status, doc string
	var created, updated int64
	var deleted *int64
	if err := row.Scan(&r.ID, &r.ClientID, &status, &r.Step, &doc, &r.Rev, &r.UpdatedBy, &created, &updated, &deleted); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(doc), &r.Doc); err != nil {
		return r, backend.Wrap(backend.ECodeCorrupt, err)
	}
	// A document stored with duplicate website IDs (by an older version, or
	// written behind the store's back) is read repaired, as the SQLite store
	// reads it; the next save keeps the repair.
	backend.EnsureWebsiteIDs(&r.Doc)
	r.Status = backend.Status(status)
	r.CreatedAt, r.UpdatedAt, r.DeletedAt = fromMS(created), fromMS(updated), nullableTime(deleted)
	return r, nil
}

func getApplication(ctx context.Context, q querier, id int64) (backend.ApplicationRecord, error) {
	r, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+` FROM applications a WHERE a.id = $1`, id))
	if err == pgx.ErrNoRows {
		return r, notFound("application", id)
	}
	return r, err
}

// GetApplication returns one application, trashed or not.
func (s *Store) GetApplication(ctx context.Context, id int64) (r backend.ApplicationRecord, err error) {
	err = s.read(func(q querier) error {
		r, err = getApplication(ctx, q, id)
		return err
	})
	return r, err
}

// CreateApplication stores doc (backend.NewApplication() when doc.Version is
// 0) for a client as a draft and records the creation event.
func (s *Store) CreateApplication(ctx context.Context, clientID int64, doc backend.Application) (r backend.ApplicationRecord, err error) {
	if doc.Version == 0 {
		doc = backend.NewApplication()
	}
	err = s.write(ctx, func(tx pgx.Tx) error {
		id, err := s.insertApplication(ctx, tx, clientID, doc, "", s.now(), "created")
		if err != nil {
			return err
		}
		r, err = getApplication(ctx, tx, id)
		return err
	})
	return r, err
}

// insertApplication adds a draft for clientID and its creation event.
func (s *Store) insertApplication(ctx context.Context, tx pgx.Tx, clientID int64, doc backend.Application, icpNumber string, now int64, note string) (int64, error) {
	if _, err := getClient(ctx, tx, clientID); err != nil {
		return 0, err
	}
	// An imported or hand-written document may lack website IDs; photos and
	// checklists are keyed by them. (A copy: the caller's slice is not touched.)
	doc.Websites = slices.Clone(doc.Websites)
	backend.EnsureWebsiteIDs(&doc)
	raw, err := json.Marshal(doc)
	if err != nil {
		return 0, backend.Wrap(backend.ECodeInternal, err)
	}
	if _, err := backend.DecodeApplication(raw); err != nil {
		return 0, err
	}
	if err := backend.DefaultDocLimits.Check(&doc); err != nil {
		return 0, err
	}
	id, err := s.insertApplicationRow(ctx, tx, clientID, &doc, raw, backend.StatusDraft, "", icpNumber, now, now)
	if err != nil {
		return 0, err
	}
	if _, err = tx.Exec(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor, clerk) VALUES ($1, '', $2, $3, $4, 'system', $5)`,
		id, backend.StatusDraft, now, note, s.clerk); err != nil {
		return 0, err
	}
	return id, s.notify(ctx, tx, id)
}

func (s *Store) insertApplicationRow(ctx context.Context, tx pgx.Tx, clientID int64, doc *backend.Application, raw []byte,
	status backend.Status, step, icpNumber string, created, updated int64) (int64, error) {
	d := backend.DeriveListColumns(doc, icpNumber)
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO applications(client_id, type, status, province, entity_name, primary_domain,
		icp_number, existing_icp, search_text, step, doc_version, doc, updated_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		clientID, d.Type, status, d.Province, d.EntityName, d.PrimaryDomain, icpNumber, doc.Answers.ExistingICPNumber,
		d.SearchText, step, doc.Version, string(raw), s.clerk, created, updated).Scan(&id)
	return id, err
}

// SaveDraft applies patches to the application's document in one
// transaction, whatever others saved meanwhile (last writer wins).
func (s *Store) SaveDraft(ctx context.Context, id int64, patches ...backend.DraftPatch) (backend.ApplicationRecord, error) {
	res, err := s.SaveDraftFrom(ctx, id, 0, patches...)
	return res.Record, err
}

// SaveDraftFrom applies patches made on revision base of the document, merged
// with later changes by other clerks (backend.MergeDraft): patches on fields
// another clerk changed after base come back as conflicts, unapplied. The row
// is locked for the transaction, so concurrent saves of one application are
// applied one after the other and each sees the other's changes.
func (s *Store) SaveDraftFrom(ctx context.Context, id int64, base int64, patches ...backend.DraftPatch) (res backend.DraftResult, err error) {
	err = s.write(ctx, func(tx pgx.Tx) error {
		res = backend.DraftResult{Conflicts: []backend.DraftConflict{}}
		var doc, icp string
		var rev int64
		var deleted *int64
		err := tx.QueryRow(ctx, `SELECT doc, icp_number, rev, deleted_at FROM applications WHERE id = $1 FOR UPDATE`, id).Scan(&doc, &icp, &rev, &deleted)
		if err == pgx.ErrNoRows {
			return notFound("application", id)
		}
		if err != nil {
			return err
		}
		if deleted != nil {
			return backend.Errorf(backend.ECodeConflict, "applicationId", map[string]any{"id": id}, "application %d is in the trash", id)
		}
		if base < 0 || base > rev {
			return backend.Errorf(backend.ECodeInvalid, "rev", map[string]any{"rev": base}, "no revision %d of application %d", base, id)
		}
		apply := patches
		if base > 0 && base < rev {
			later, err := draftChangesAfter(ctx, tx, id, base)
			if err != nil {
				return err
			}
			apply, res.Conflicts = backend.MergeDraft([]byte(doc), patches, later, s.clerk)
		}
		raw, app, err := backend.ApplyDraftPatches([]byte(doc), apply)
		if err != nil {
			return err
		}
		if string(raw) != doc {
			now := s.now()
			d := backend.DeriveListColumns(&app, icp)
			if _, err := tx.Exec(ctx, `UPDATE applications SET doc = $1, doc_version = $2, type = $3, province = $4, entity_name = $5,
				primary_domain = $6, search_text = $7, existing_icp = $8, updated_at = $9, updated_by = $10, rev = rev + 1 WHERE id = $11`,
				string(raw), app.Version, d.Type, d.Province, d.EntityName, d.PrimaryDomain, d.SearchText, app.Answers.ExistingICPNumber,
				now, s.clerk, id); err != nil {
				return err
			}
			paths := backend.DraftPaths(apply)
			if _, err := tx.Exec(ctx, `INSERT INTO draft_changes(application_id, rev, path, clerk, at)
				SELECT $1, $2, p, $3, $4 FROM unnest($5::text[]) AS p`, id, rev+1, s.clerk, now, paths); err != nil {
				return err
			}
			if err := s.notify(ctx, tx, id); err != nil {
				return err
			}
		}
		res.Record, err = getApplication(ctx, tx, id)
		return err
	})
	return res, err
}

func draftChangesAfter(ctx context.Context, q querier, id, base int64) ([]backend.DraftChange, error) {
	return queryList(ctx, q, func(r pgx.Row) (backend.DraftChange, error) {
		var c backend.DraftChange
		var at int64
		err := r.Scan(&c.Rev, &c.Path, &c.Clerk, &at)
		c.At = fromMS(at)
		return c, err
	}, `SELECT rev, path, clerk, at FROM draft_changes WHERE application_id = $1 AND rev > $2 ORDER BY rev`, id, base)
}

// SetStep remembers the wizard step last shown.
func (s *Store) SetStep(ctx context.Context, id int64, step string) error {
	if len(step) > 100 {
		return backend.Errorf(backend.ECodeInvalid, "step", nil, "step too long")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE applications SET step = $1 WHERE id = $2`, step, id)
		if err != nil {
			return err
		}
		return mustAffect(tag, "application", id)
	})
}

// SetICPNumber records the ICP number granted on approval ("" clears it).
func (s *Store) SetICPNumber(ctx context.Context, id int64, number string) error {
	number = strings.TrimSpace(number)
	if len(number) > 100 {
		return backend.Errorf(backend.ECodeInvalid, "icpNumber", nil, "ICP number too long")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		r, err := scanApplication(tx.QueryRow(ctx, `SELECT `+applicationColumns+` FROM applications a WHERE a.id = $1 FOR UPDATE`, id))
		if err == pgx.ErrNoRows {
			return notFound("application", id)
		}
		if err != nil {
			return err
		}
		d := backend.DeriveListColumns(&r.Doc, number)
		_, err = tx.Exec(ctx, `UPDATE applications SET icp_number = $1, search_text = $2, updated_at = $3, updated_by = $4 WHERE id = $5`,
			number, d.SearchText, s.now(), s.clerk, id)
		if err == nil {
			err = s.notify(ctx, tx, id)
		}
		return err
	})
}

// ListApplications returns one page of matching applications and their total.
func (s *Store) ListApplications(ctx context.Context, f backend.ApplicationFilter) (backend.ApplicationPage, error) {
	page := backend.ApplicationPage{Items: []backend.ApplicationSummary{}}
	where := []string{"a.deleted_at IS NULL"}
	if f.Trashed {
		where[0] = "a.deleted_at IS NOT NULL"
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.ClientID != 0 {
		where = append(where, "a.client_id = "+arg(f.ClientID))
	}
	if len(f.Statuses) > 0 {
		sts := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			sts[i] = string(st)
		}
		where = append(where, "a.status = ANY("+arg(sts)+"::text[])")
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		where = append(where, "a.type = ANY("+arg(ts)+"::text[])")
	}
	if f.Province != "" {
		where = append(where, "a.province = "+arg(f.Province))
	}
	if text := strings.ToLower(strings.TrimSpace(f.Text)); text != "" {
		where = append(where, `strpos(a.search_text, `+arg(text)+`) > 0`)
	}
	order := map[backend.ApplicationSort][2]string{
		"":                     {"a.updated_at DESC, a.id DESC", "a.updated_at ASC, a.id ASC"},
		backend.SortUpdated:    {"a.updated_at DESC, a.id DESC", "a.updated_at ASC, a.id ASC"},
		backend.SortCreated:    {"a.created_at DESC, a.id DESC", "a.created_at ASC, a.id ASC"},
		backend.SortEntityName: {`a.entity_name COLLATE "C" ASC, a.id ASC`, `a.entity_name COLLATE "C" DESC, a.id DESC`},
	}[f.Sort]
	if order[0] == "" {
		return page, backend.Errorf(backend.ECodeInvalid, "sort", map[string]any{"sort": f.Sort}, "unknown sort %q", f.Sort)
	}
	orderBy := order[0]
	if f.Reverse {
		orderBy = order[1]
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	offset := max(f.Offset, 0)
	cond := strings.Join(where, " AND ")
	countArgs := slices.Clone(args)
	lim, off, me := arg(limit), arg(offset), arg(s.session)

	err := s.read(func(q querier) error {
		if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM applications a WHERE `+cond, countArgs...).Scan(&page.Total); err != nil {
			return err
		}
		return eachRow(ctx, q, func(r pgx.Row) error {
			var it backend.ApplicationSummary
			var typ, status, existing string
			var created, updated int64
			var deleted *int64
			if err := r.Scan(&it.ID, &it.ClientID, &it.ClientName, &typ, &status, &it.Province, &it.EntityName,
				&it.PrimaryDomain, &it.ICPNumber, &existing, &it.Step, &it.UpdatedBy, &created, &updated, &deleted, &it.EditingBy); err != nil {
				return err
			}
			if it.ICPNumber == "" {
				it.ICPNumber = existing // the entity's number from an earlier filing
			}
			it.Type, it.Status = backend.ApplicationType(typ), backend.Status(status)
			it.CreatedAt, it.UpdatedAt, it.DeletedAt = fromMS(created), fromMS(updated), nullableTime(deleted)
			page.Items = append(page.Items, it)
			return nil
		}, `SELECT a.id, a.client_id, c.name, a.type, a.status, a.province, a.entity_name,
			a.primary_domain, a.icp_number, a.existing_icp, a.step, a.updated_by, a.created_at, a.updated_at, a.deleted_at,
			`+s.editingBy(me+"::text")+`
			FROM applications a JOIN clients c ON c.id = a.client_id
			WHERE `+cond+` ORDER BY `+orderBy+` LIMIT `+lim+` OFFSET `+off, args...)
	})
	return page, err
}

// DuplicateApplication copies the document and current photos into a new draft.
func (s *Store) DuplicateApplication(ctx context.Context, id int64) (r backend.ApplicationRecord, err error) {
	err = s.write(ctx, func(tx pgx.Tx) error {
		src, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		newID, err := s.insertApplication(ctx, tx, src.ClientID, src.Doc, "", s.now(), "duplicate")
		if err != nil {
			return err
		}
		if err := copyCurrentPhotos(ctx, tx, id, newID, false, s.now()); err != nil {
			return err
		}
		r, err = getApplication(ctx, tx, newID)
		return err
	})
	return r, err
}

// NewWebsiteApplication starts a draft that files another website for the
// entity of application fromID: entity data and entity photos are copied, the
// answers say the entity is already filed, and there is one empty website.
func (s *Store) NewWebsiteApplication(ctx context.Context, fromID int64, typ backend.ApplicationType) (r backend.ApplicationRecord, err error) {
	err = s.write(ctx, func(tx pgx.Tx) error {
		r, err = s.newWebsiteApplication(ctx, tx, fromID, typ)
		return err
	})
	return r, err
}

// NewWebsiteApplicationForClient does NewWebsiteApplication from the client's
// latest approved application, or its latest live one when none is approved.
func (s *Store) NewWebsiteApplicationForClient(ctx context.Context, clientID int64, typ backend.ApplicationType) (r backend.ApplicationRecord, err error) {
	err = s.write(ctx, func(tx pgx.Tx) error {
		var fromID int64
		err := tx.QueryRow(ctx, `SELECT id FROM applications WHERE client_id = $1 AND deleted_at IS NULL
			ORDER BY status = $2 DESC, updated_at DESC, id DESC LIMIT 1`, clientID, backend.StatusApproved).Scan(&fromID)
		if err == pgx.ErrNoRows {
			if _, err := getClient(ctx, tx, clientID); err != nil {
				return err
			}
			return backend.Errorf(backend.ECodeNotFound, "clientId", map[string]any{"id": clientID}, "client %d has no application", clientID)
		}
		if err != nil {
			return err
		}
		r, err = s.newWebsiteApplication(ctx, tx, fromID, typ)
		return err
	})
	return r, err
}

func (s *Store) newWebsiteApplication(ctx context.Context, tx pgx.Tx, fromID int64, typ backend.ApplicationType) (backend.ApplicationRecord, error) {
	var icp string
	if err := tx.QueryRow(ctx, `SELECT icp_number FROM applications WHERE id = $1`, fromID).Scan(&icp); err == pgx.ErrNoRows {
		return backend.ApplicationRecord{}, notFound("application", fromID)
	} else if err != nil {
		return backend.ApplicationRecord{}, err
	}
	src, err := getApplication(ctx, tx, fromID)
	if err != nil {
		return src, err
	}
	if typ == backend.TypeUnknown {
		typ = backend.TypeAddWebsiteTencent
	}
	doc := backend.NewApplication()
	doc.Type = typ
	doc.Entity = src.Doc.Entity
	filed, atTencent := true, typ == backend.TypeAddWebsiteTencent
	doc.Answers = backend.Answers{EntityFiled: &filed, EntityAtTencent: &atTencent, ExistingICPNumber: src.Doc.Answers.ExistingICPNumber}
	if icp != "" {
		doc.Answers.ExistingICPNumber = icp
	}
	now := s.now()
	newID, err := s.insertApplication(ctx, tx, src.ClientID, doc, "", now, "new website")
	if err != nil {
		return backend.ApplicationRecord{}, err
	}
	if err := copyCurrentPhotos(ctx, tx, fromID, newID, true, now); err != nil {
		return backend.ApplicationRecord{}, err
	}
	return getApplication(ctx, tx, newID)
}

// TrashApplication moves an application to the trash (again is a no-op).
func (s *Store) TrashApplication(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE applications SET deleted_at = COALESCE(deleted_at, $1) WHERE id = $2`, s.now(), id)
		if err != nil {
			return err
		}
		if err := mustAffect(tag, "application", id); err != nil {
			return err
		}
		return s.notify(ctx, tx, id)
	})
}

// RestoreApplication takes an application out of the trash.
func (s *Store) RestoreApplication(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE applications SET deleted_at = NULL WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if err := mustAffect(tag, "application", id); err != nil {
			return err
		}
		return s.notify(ctx, tx, id)
	})
}

// EmptyTrash deletes trashed applications with everything they own.
func (s *Store) EmptyTrash(ctx context.Context) (n int, err error) {
	err = s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM applications WHERE deleted_at IS NOT NULL`)
		n = int(tag.RowsAffected())
		if err == nil && n > 0 {
			err = s.notify(ctx, tx, 0)
		}
		return err
	})
	return n, err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
