package app

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"icpdesk/backend"
	"icpdesk/backend/rules"
	"icpdesk/backend/submit"
)

// FilingService is bound to the frontend: one application being edited in the
// wizard. Every change is saved as it happens and answered with the findings
// of the rules engine, so the form shows problems beside the fields.
type FilingService struct {
	ctx   context.Context
	h     *workspaceHolder
	clock backend.Clock

	// confirmMu makes each Confirm's read-modify-write of the confirmations
	// one step: two ticks clicked in quick succession must both be kept.
	confirmMu sync.Mutex
}

// ApplicationView is an application with what the rules say about it.
type ApplicationView struct {
	Record   backend.ApplicationRecord `json:"record"`
	Findings []backend.Finding         `json:"findings"`
	Type     rules.TypeResult          `json:"type"`
	Hints    []backend.Finding         `json:"hints"`
	Suggest  rules.Suggestion          `json:"suggest"` // what the certificate number says about fields not yet filled
	// Repaired lists websites of an imported file that shared an ID with an
	// earlier website and got a fresh one (only set by an import).
	Repaired []backend.WebsiteIDRepair `json:"repaired,omitempty"`
	// Conflicts are the clerk's changes not saved because another clerk
	// changed the same field meanwhile (SaveDraftFrom); the clerk chooses.
	Conflicts []backend.DraftConflict `json:"conflicts,omitempty"`
	Flags     backend.StatusFlags     `json:"flags"` // the status rules, so the UI keeps none of its own
}

func (s *FilingService) view(rec backend.ApplicationRecord) ApplicationView {
	// What no longer applies in the order's status is dropped; what the clerk
	// confirmed is marked (and stays listed, ticked).
	fs := rec.Doc.MarkConfirmed(rules.ForStatus(rules.Check(rec.Doc, s.clock), rec.Status))
	hints := rules.ProvinceHints(rec.Doc)
	if hints == nil {
		hints = []backend.Finding{}
	}
	return ApplicationView{Record: rec, Findings: fs, Type: rules.IdentifyType(rec.Doc.Answers, rec.Doc.Entity), Hints: hints,
		Suggest: rules.Suggest(rec.Doc.Entity), Flags: backend.Flags(rec.Status)}
}

// NewApplication starts a draft for a client. With clientID 0 a client named
// clientName is created, so a single clerk never has to manage clients.
func (s *FilingService) NewApplication(clientID int64, clientName string) (ApplicationView, error) {
	return s.NewApplicationFor(clientID, clientName, "")
}

// NewApplicationFor starts a draft with the entity name typed in the
// new-application dialog (may be empty: it is filled in later). With
// clientID 0 a client named clientName is created, or named after the entity
// when clientName is empty; left at the dialog's default name, the client
// takes the entity's name once that is known (see nameDefaultClient).
func (s *FilingService) NewApplicationFor(clientID int64, clientName, entityName string) (ApplicationView, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApplicationView{}, err
	}
	entityName = strings.TrimSpace(entityName)
	if clientID == 0 {
		if strings.TrimSpace(clientName) == "" {
			clientName = entityName
		}
		c, err := ws.CreateClient(s.ctx, backend.Client{Name: clientName})
		if err != nil {
			return ApplicationView{}, err
		}
		clientID = c.ID
	}
	doc := backend.NewApplication()
	doc.Entity.Name = entityName
	rec, err := ws.CreateApplication(s.ctx, clientID, doc)
	if err != nil {
		return ApplicationView{}, err
	}
	return s.view(rec), nil
}

// DefaultClientNames are the names the new-application dialog gives a client
// when the clerk names none (i18n newApp.defaultClient in each language).
var DefaultClientNames = []string{"我的单位", "My organisation"}

// nameDefaultClient renames the application's client after its entity once
// the entity name is typed, if the client still has the dialog's default name.
func nameDefaultClient(ctx context.Context, ws backend.Workspace, rec backend.ApplicationRecord, patches []backend.DraftPatch) {
	name := strings.TrimSpace(rec.Doc.Entity.Name)
	if name == "" || !slices.ContainsFunc(patches, func(p backend.DraftPatch) bool { return p.Path == "entity.name" || p.Path == "entity" }) {
		return
	}
	c, err := ws.GetClient(ctx, rec.ClientID)
	if err != nil || !slices.Contains(DefaultClientNames, c.Name) {
		return
	}
	c.Name = name
	_, _ = ws.UpdateClient(ctx, c) // a convenience: the draft is saved either way
}

// NewWebsiteFrom starts a new-website application reusing the entity data of
// application fromID (no retyping).
func (s *FilingService) NewWebsiteFrom(fromID int64) (ApplicationView, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApplicationView{}, err
	}
	rec, err := ws.NewWebsiteApplication(s.ctx, fromID, "")
	if err != nil {
		return ApplicationView{}, err
	}
	return s.view(rec), nil
}

// Duplicate copies an application into a new draft.
func (s *FilingService) Duplicate(id int64) (ApplicationView, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApplicationView{}, err
	}
	rec, err := ws.DuplicateApplication(s.ctx, id)
	if err != nil {
		return ApplicationView{}, err
	}
	return s.view(rec), nil
}

// Get loads an application with its findings.
func (s *FilingService) Get(id int64) (ApplicationView, error) {
	ws, rec, err := s.h.application(s.ctx, id)
	if err != nil {
		return ApplicationView{}, err
	}
	_ = ws.SetSetting(s.ctx, "last_application", strconv.FormatInt(id, 10))
	return s.view(rec), nil
}

// SaveDraft applies the changed fields and returns the saved application with
// fresh findings. It never refuses a value because a rule fails: saving and
// checking are separate, so nothing typed is lost.
func (s *FilingService) SaveDraft(id int64, patches []backend.DraftPatch) (ApplicationView, error) {
	return s.SaveDraftFrom(id, 0, patches)
}

// SaveDraftFrom is SaveDraft for changes made on revision base of the
// document (the record's rev the screen showed): another clerk's later change
// of another field is merged; of the same field it is not overwritten but
// returned in Conflicts, for the clerk to keep theirs or save theirs over it.
// base 0 saves over whatever is there.
func (s *FilingService) SaveDraftFrom(id int64, base int64, patches []backend.DraftPatch) (ApplicationView, error) {
	ws, cur, err := s.h.application(s.ctx, id)
	if err != nil {
		return ApplicationView{}, err
	}
	if !backend.Editable(cur.Status) {
		// Submitted applications are frozen until a rejection reopens them.
		return ApplicationView{}, backend.Errorf(backend.ECodeReadOnly, "status", map[string]any{"status": cur.Status}, "application %d is %s", id, cur.Status)
	}
	res, err := ws.SaveDraftFrom(s.ctx, id, base, patches...)
	if err != nil {
		return ApplicationView{}, err
	}
	rec := res.Record
	nameDefaultClient(s.ctx, ws, rec, patches)
	// A real change sends a ready application back to draft.
	if rec, err = submit.OnEdited(s.ctx, ws, rec); err != nil {
		return ApplicationView{}, err
	}
	v := s.view(rec)
	if len(res.Conflicts) > 0 {
		v.Conflicts = res.Conflicts
	}
	return v, nil
}

// Confirm records (confirmed true) or takes back the clerk's confirmation of
// the check a finding asks for, in any status: a tick is bookkeeping, not an
// edit, so it neither reopens a ready application nor makes its checklists
// stale. Any finding can be confirmed (see backend/confirmation.go); the
// frontend offers it for hand-checks and, later, photo warnings.
func (s *FilingService) Confirm(id int64, f backend.Finding, confirmed bool) (ApplicationView, error) {
	if f.Rule == "" || len(f.Rule)+len(f.Field) > 500 {
		return ApplicationView{}, backend.Errorf(backend.ECodeInvalid, "rule", nil, "no finding to confirm")
	}
	ws, err := s.h.get()
	if err != nil {
		return ApplicationView{}, err
	}
	s.confirmMu.Lock()
	defer s.confirmMu.Unlock()
	cur, err := ws.GetApplication(s.ctx, id)
	if err != nil {
		return ApplicationView{}, err
	}
	last, err := submit.LastEdit(s.ctx, ws, cur)
	if err != nil {
		return ApplicationView{}, err
	}
	doc := cur.Doc
	if confirmed {
		doc.Confirm(f, s.clock.Now())
	} else {
		doc.Unconfirm(f)
	}
	patch := backend.DraftPatch{Path: "confirmations", Delete: true}
	if doc.Confirmations != nil {
		raw, err := json.Marshal(doc.Confirmations)
		if err != nil {
			return ApplicationView{}, backend.Wrap(backend.ECodeInternal, err)
		}
		patch = backend.DraftPatch{Path: "confirmations", Value: raw}
	}
	rec, err := ws.SaveDraft(s.ctx, id, patch)
	if err != nil {
		return ApplicationView{}, err
	}
	if err := submit.KeepLastEdit(s.ctx, ws, rec, last); err != nil {
		return ApplicationView{}, err
	}
	return s.view(rec), nil
}

// SetStep remembers the wizard step shown, so reopening resumes there.
func (s *FilingService) SetStep(id int64, step string) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	return ws.SetStep(s.ctx, id, step)
}

// LastApplication returns the id of the application last opened (0: none), so
// the app reopens where the clerk left off.
func (s *FilingService) LastApplication() int64 {
	ws, err := s.h.get()
	if err != nil {
		return 0
	}
	v, err := ws.GetSetting(s.ctx, "last_application")
	if err != nil {
		return 0
	}
	var id int64
	if json.Unmarshal([]byte(v), &id) != nil {
		return 0
	}
	if rec, err := ws.GetApplication(s.ctx, id); err != nil || rec.DeletedAt != nil {
		return 0
	}
	return id
}

// Options returns the rule tables the forms offer as choices (natures,
// certificate types, ID types, provinces, service content, languages…).
func (s *FilingService) Options() (FormOptions, error) {
	return formOptions()
}

// SaveRevision freezes the application as it is now, on the clerk's request.
func (s *FilingService) SaveRevision(id int64, note string) (backend.Revision, error) {
	ws, err := s.h.get()
	if err != nil {
		return backend.Revision{}, err
	}
	return ws.CreateRevision(s.ctx, id, backend.RevisionManual, note)
}

// Revisions lists the application's snapshots, oldest first.
func (s *FilingService) Revisions(id int64) ([]backend.Revision, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return ws.ListRevisions(s.ctx, id)
}

// CompareRevisions lists field by field what changed from revision fromID to
// revision toID (0: the current draft).
func (s *FilingService) CompareRevisions(fromID, toID int64) ([]backend.FieldChange, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return ws.DiffRevisions(s.ctx, fromID, toID)
}

// Editing tells the other clerks of a team workspace that this app shows
// application id now (0: none); the screen repeats it while the application
// stays open. A local workspace has nobody to tell.
func (s *FilingService) Editing(id int64) error {
	ws, err := s.h.get()
	if err != nil {
		return err
	}
	if p, ok := ws.(backend.Presence); ok {
		return p.SetEditing(s.ctx, id)
	}
	return nil
}
