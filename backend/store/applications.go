package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"icpdesk/backend"
)

// derived are the columns lists filter and sort on, taken from the document.
type derived struct {
	typ, province, entityName, primaryDomain, searchText string
}

func deriveColumns(app *backend.Application, icpNumber string) derived {
	parts := []string{app.Entity.Name, app.Entity.CertNumber, app.Answers.ExistingICPNumber, icpNumber}
	for _, w := range app.Websites {
		parts = append(parts, w.Name)
		parts = append(parts, w.Domains...)
	}
	return derived{
		typ:           string(app.Type),
		province:      app.Entity.Province,
		entityName:    strings.TrimSpace(app.Entity.Name),
		primaryDomain: app.PrimaryDomain(),
		searchText:    strings.ToLower(strings.Join(parts, "\n")),
	}
}

const applicationColumns = `a.id, a.client_id, a.status, a.step, a.doc, a.rev, a.updated_by, a.created_at, a.updated_at, a.deleted_at`

func scanApplication(row interface{ Scan(...any) error }) (backend.ApplicationRecord, error) {
	var r backend.ApplicationRecord
	var status, doc string
	var created, updated int64
	var deleted sql.NullInt64
	if err := row.Scan(&r.ID, &r.ClientID, &status, &r.Step, &doc, &r.Rev, &r.UpdatedBy, &created, &updated, &deleted); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(doc), &r.Doc); err != nil {
		return r, backend.Wrap(backend.ECodeCorrupt, err)
	}
	// A workspace written before duplicate website IDs were repaired on the
	// way in may still hold some: every reader sees them repaired (checklists
	// stored under the ID stay with the first website), and the next save
	// keeps the repair.
	backend.EnsureWebsiteIDs(&r.Doc)
	r.Status = backend.Status(status)
	r.CreatedAt, r.UpdatedAt, r.DeletedAt = fromMS(created), fromMS(updated), nullableTime(deleted)
	return r, nil
}

func getApplication(ctx context.Context, q queryer, id int64) (backend.ApplicationRecord, error) {
	r, err := scanApplication(q.QueryRowContext(ctx, `SELECT `+applicationColumns+` FROM applications a WHERE a.id = ?`, id))
	if err == sql.ErrNoRows {
		return r, notFoundApplication(id)
	}
	return r, err
}

func notFoundApplication(id int64) error {
	return backend.Errorf(backend.ECodeNotFound, "applicationId", map[string]any{"id": id}, "no application %d", id)
}

// GetApplication returns one application, trashed or not.
func (s *Store) GetApplication(ctx context.Context, id int64) (r backend.ApplicationRecord, err error) {
	err = s.read(func(db *sql.DB) error {
		r, err = getApplication(ctx, db, id)
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
	err = s.write(ctx, func(tx *sql.Tx) error {
		id, err := insertApplication(ctx, tx, clientID, doc, "", s.now(), "created", s.opts.Clerk)
		if err != nil {
			return err
		}
		r, err = getApplication(ctx, tx, id)
		return err
	})
	return r, err
}

// insertApplication adds a draft for clientID and its creation event.
func insertApplication(ctx context.Context, tx *sql.Tx, clientID int64, doc backend.Application, icpNumber string, now int64, note, clerk string) (int64, error) {
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
	d := deriveColumns(&doc, icpNumber)
	res, err := tx.ExecContext(ctx, `INSERT INTO applications(client_id, type, status, province, entity_name, primary_domain,
		icp_number, search_text, doc_version, doc, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		clientID, d.typ, backend.StatusDraft, d.province, d.entityName, d.primaryDomain, icpNumber, d.searchText,
		doc.Version, string(raw), clerk, now, now)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO events(application_id, from_status, to_status, at, note, actor, clerk) VALUES (?, '', ?, ?, ?, 'system', ?)`,
		id, backend.StatusDraft, now, note, clerk)
	return id, err
}

// SaveDraft applies patches to the application's document in one
// transaction: the result must still decode as a backend.Application, and the
// list columns follow it. A save that changes nothing writes nothing.
func (s *Store) SaveDraft(ctx context.Context, id int64, patches ...backend.DraftPatch) (r backend.ApplicationRecord, err error) {
	res, err := s.SaveDraftFrom(ctx, id, 0, patches...)
	return res.Record, err
}

// SetStep remembers the wizard step last shown.
func (s *Store) SetStep(ctx context.Context, id int64, step string) error {
	if len(step) > 100 {
		return backend.Errorf(backend.ECodeInvalid, "step", nil, "step too long")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE applications SET step = ? WHERE id = ?`, step, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "application", id)
	})
}

// SetICPNumber records the ICP number granted on approval ("" clears it).
func (s *Store) SetICPNumber(ctx context.Context, id int64, number string) error {
	number = strings.TrimSpace(number)
	if len(number) > 100 {
		return backend.Errorf(backend.ECodeInvalid, "icpNumber", nil, "ICP number too long")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		r, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		d := deriveColumns(&r.Doc, number)
		_, err = tx.ExecContext(ctx, `UPDATE applications SET icp_number = ?, search_text = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			number, d.searchText, s.now(), s.opts.Clerk, id)
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
	if f.ClientID != 0 {
		where = append(where, "a.client_id = ?")
		args = append(args, f.ClientID)
	}
	if len(f.Statuses) > 0 {
		where = append(where, "a.status IN ("+placeholders(len(f.Statuses))+")")
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	if len(f.Types) > 0 {
		where = append(where, "a.type IN ("+placeholders(len(f.Types))+")")
		for _, t := range f.Types {
			args = append(args, string(t))
		}
	}
	if f.Province != "" {
		where = append(where, "a.province = ?")
		args = append(args, f.Province)
	}
	if text := strings.ToLower(strings.TrimSpace(f.Text)); text != "" {
		where = append(where, `a.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscaper.Replace(text)+"%")
	}
	order := map[backend.ApplicationSort][2]string{
		"":                     {"a.updated_at DESC, a.id DESC", "a.updated_at ASC, a.id ASC"},
		backend.SortUpdated:    {"a.updated_at DESC, a.id DESC", "a.updated_at ASC, a.id ASC"},
		backend.SortCreated:    {"a.created_at DESC, a.id DESC", "a.created_at ASC, a.id ASC"},
		backend.SortEntityName: {"a.entity_name ASC, a.id ASC", "a.entity_name DESC, a.id DESC"},
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

	err := s.read(func(db *sql.DB) error {
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM applications a WHERE `+cond, args...).Scan(&page.Total); err != nil {
			return err
		}
		return eachRow(ctx, db, func(r scanner) error {
			var it backend.ApplicationSummary
			var typ, status string
			var existing sql.NullString
			var created, updated int64
			var deleted sql.NullInt64
			if err := r.Scan(&it.ID, &it.ClientID, &it.ClientName, &typ, &status, &it.Province, &it.EntityName,
				&it.PrimaryDomain, &it.ICPNumber, &existing, &it.Step, &it.UpdatedBy, &created, &updated, &deleted); err != nil {
				return err
			}
			if it.ICPNumber == "" {
				it.ICPNumber = existing.String // the entity's number from an earlier filing
			}
			it.Type, it.Status = backend.ApplicationType(typ), backend.Status(status)
			it.CreatedAt, it.UpdatedAt, it.DeletedAt = fromMS(created), fromMS(updated), nullableTime(deleted)
			page.Items = append(page.Items, it)
			return nil
		}, `SELECT a.id, a.client_id, c.name, a.type, a.status, a.province, a.entity_name,
			a.primary_domain, a.icp_number, a.doc ->> '$.answers.existingIcpNumber', a.step, a.updated_by, a.created_at, a.updated_at, a.deleted_at
			FROM applications a JOIN clients c ON c.id = a.client_id
			WHERE `+cond+` ORDER BY `+orderBy+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	})
	return page, err
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// DuplicateApplication copies the document and current photos into a new draft.
func (s *Store) DuplicateApplication(ctx context.Context, id int64) (r backend.ApplicationRecord, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		src, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		newID, err := insertApplication(ctx, tx, src.ClientID, src.Doc, "", s.now(), "duplicate", s.opts.Clerk)
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
	err = s.write(ctx, func(tx *sql.Tx) error {
		r, err = newWebsiteApplication(ctx, tx, fromID, typ, s.now(), s.opts.Clerk)
		return err
	})
	return r, err
}

// NewWebsiteApplicationForClient does NewWebsiteApplication from the client's
// latest approved application, or its latest live one when none is approved.
func (s *Store) NewWebsiteApplicationForClient(ctx context.Context, clientID int64, typ backend.ApplicationType) (r backend.ApplicationRecord, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		var fromID int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM applications WHERE client_id = ? AND deleted_at IS NULL
			ORDER BY status = ? DESC, updated_at DESC, id DESC LIMIT 1`, clientID, backend.StatusApproved).Scan(&fromID)
		if err == sql.ErrNoRows {
			if _, err := getClient(ctx, tx, clientID); err != nil {
				return err
			}
			return backend.Errorf(backend.ECodeNotFound, "clientId", map[string]any{"id": clientID}, "client %d has no application", clientID)
		}
		if err != nil {
			return err
		}
		r, err = newWebsiteApplication(ctx, tx, fromID, typ, s.now(), s.opts.Clerk)
		return err
	})
	return r, err
}

func newWebsiteApplication(ctx context.Context, tx *sql.Tx, fromID int64, typ backend.ApplicationType, now int64, clerk string) (backend.ApplicationRecord, error) {
	var icp string
	if err := tx.QueryRowContext(ctx, `SELECT icp_number FROM applications WHERE id = ?`, fromID).Scan(&icp); err == sql.ErrNoRows {
		return backend.ApplicationRecord{}, notFoundApplication(fromID)
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
	doc.Answers = backend.Answers{Goal: "file", EntityFiled: &filed, EntityAtTencent: &atTencent, ExistingICPNumber: src.Doc.Answers.ExistingICPNumber}
	if typ == backend.TypeAddWebsiteTencent || typ == backend.TypeAddWebsiteOther {
		doc.Answers.DomainStatus = "none" // a new website: its domain is not filed yet
	}
	if icp != "" {
		doc.Answers.ExistingICPNumber = icp
	}
	newID, err := insertApplication(ctx, tx, src.ClientID, doc, "", now, "new website", clerk)
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
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE applications SET deleted_at = COALESCE(deleted_at, ?) WHERE id = ?`, s.now(), id)
		if err != nil {
			return err
		}
		return mustAffect(res, "application", id)
	})
}

// RestoreApplication takes an application out of the trash.
func (s *Store) RestoreApplication(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE applications SET deleted_at = NULL WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "application", id)
	})
}

// EmptyTrash deletes trashed applications with everything they own.
func (s *Store) EmptyTrash(ctx context.Context) (n int, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM applications WHERE deleted_at IS NOT NULL`)
		if err != nil {
			return err
		}
		affected, err := res.RowsAffected()
		n = int(affected)
		return err
	})
	return n, err
}
