// Package submit takes an application from draft to approval: the state
// machine's guarded transitions, the readiness gate, the frozen submission,
// the submission package, deadlines, rejections, approval and the footer.
// It imports only backend and assets; the rules engine, the checklist maker
// and the photo slots are handed in by app/ as small functions.
package submit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"icpdesk/backend"
)

// Store is the part of backend.Workspace the submission flow uses.
type Store interface {
	GetApplication(ctx context.Context, id int64) (backend.ApplicationRecord, error)
	SetStatus(ctx context.Context, applicationID int64, c backend.StatusChange) (backend.Event, error)
	ListEvents(ctx context.Context, applicationID int64) ([]backend.Event, error)
	CreateRevision(ctx context.Context, applicationID int64, reason backend.RevisionReason, note string) (backend.Revision, error)
	ListPhotos(ctx context.Context, applicationID int64) ([]backend.Photo, error)
	CurrentPhoto(ctx context.Context, applicationID int64, slot string) (backend.Photo, error)
	ListDocuments(ctx context.Context, applicationID int64) ([]backend.Document, error)
	GetDocument(ctx context.Context, id int64) (backend.Document, error)
	SetICPNumber(ctx context.Context, id int64, number string) error
	GetSetting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

var _ Store = backend.Workspace(nil)

// Checker runs the rules on an application (rules.Check with the app's clock).
type Checker func(backend.Application) []backend.Finding

// IDValidator checks one identifier of a kind ("icp", "psb"), like rules.CheckID.
type IDValidator func(kind, value string) []backend.Finding

// Actor names who changed a status in the timeline.
const Actor = "user"

// gated are the statuses only the readiness gate may set (MarkReady, Submit).
var gated = map[backend.Status]bool{backend.StatusReady: true, backend.StatusSubmitted: true}

func illegal(from, to backend.Status) error {
	return backend.Errorf(backend.ECodeIllegalChange, "status", map[string]any{"from": string(from), "to": string(to)},
		"%s → %s is not a legal transition", from, to)
}

// Transition moves an application to status to, recording note and the time
// it happened (zero at: now). Illegal changes fail with ECodeIllegalChange;
// ready and submitted need the gate (MarkReady, Submit): ECodeConflict here.
func Transition(ctx context.Context, st Store, appID int64, to backend.Status, note string, at time.Time) (backend.Event, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return backend.Event{}, err
	}
	if !backend.CanTransition(rec.Status, to) {
		return backend.Event{}, illegal(rec.Status, to)
	}
	if gated[to] {
		return backend.Event{}, backend.Errorf(backend.ECodeConflict, "status", map[string]any{"from": string(rec.Status), "to": string(to), "gate": true},
			"%s needs the readiness gate", to)
	}
	return st.SetStatus(ctx, appID, backend.StatusChange{To: to, Note: note, Actor: Actor, At: at})
}

// move is Transition without the gate check, for the gated operations.
func move(ctx context.Context, st Store, rec backend.ApplicationRecord, to backend.Status, note string, at time.Time) (backend.Event, error) {
	if !backend.CanTransition(rec.Status, to) {
		return backend.Event{}, illegal(rec.Status, to)
	}
	return st.SetStatus(ctx, rec.ID, backend.StatusChange{To: to, Note: note, Actor: Actor, At: at})
}

// editMark remembers when the document last changed and what it was then, so
// a no-op save is not an edit and a status change is not mistaken for one.
type editMark struct {
	At  time.Time `json:"at"`
	SHA string    `json:"sha"`
}

func editKey(id int64) string { return "submit.edit." + strconv.FormatInt(id, 10) }

func docHash(app backend.Application) string {
	// The clerk's ticks (confirmations) are not an edit of the filed data.
	b, _ := json.Marshal(app.FiledData()) // a struct of strings, slices and bools cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func getJSON(ctx context.Context, st Store, key string, v any) (bool, error) {
	s, err := st.GetSetting(ctx, key)
	if backend.ErrorCode(err) == backend.ECodeNotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return false, backend.Wrap(backend.ECodeCorrupt, err)
	}
	return true, nil
}

func setJSON(ctx context.Context, st Store, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return backend.Wrap(backend.ECodeInternal, err)
	}
	return st.SetSetting(ctx, key, string(b))
}

// LastEdit is when the application's document last changed: the time OnEdited
// or MarkReady recorded for this very document, else (an edit nobody
// reported) the record's UpdatedAt, which is never too early.
func LastEdit(ctx context.Context, st Store, rec backend.ApplicationRecord) (time.Time, error) {
	var m editMark
	ok, err := getJSON(ctx, st, editKey(rec.ID), &m)
	if err != nil {
		return time.Time{}, err
	}
	if ok && m.SHA == docHash(rec.Doc) {
		return m.At, nil
	}
	return rec.UpdatedAt, nil
}

// KeepLastEdit records that rec's document was not edited since at, after a
// change that is not an edit of the filed data (a confirmation): without it
// the record's new UpdatedAt would make printed checklists look stale.
func KeepLastEdit(ctx context.Context, st Store, rec backend.ApplicationRecord, at time.Time) error {
	return setJSON(ctx, st, editKey(rec.ID), editMark{At: at, SHA: docHash(rec.Doc)})
}

// OnEdited is called by the app after every SaveDraft with the saved record.
// A real change is remembered as the last edit, and a READY application goes
// back to DRAFT (its checklist and checks no longer describe it).
func OnEdited(ctx context.Context, st Store, rec backend.ApplicationRecord) (backend.ApplicationRecord, error) {
	var m editMark
	ok, err := getJSON(ctx, st, editKey(rec.ID), &m)
	if err != nil {
		return rec, err
	}
	h := docHash(rec.Doc)
	if ok && m.SHA == h {
		return rec, nil
	}
	if err := setJSON(ctx, st, editKey(rec.ID), editMark{At: rec.UpdatedAt, SHA: h}); err != nil {
		return rec, err
	}
	if rec.Status != backend.StatusReady {
		return rec, nil
	}
	if _, err := move(ctx, st, rec, backend.StatusDraft, "edited", time.Time{}); err != nil {
		return rec, err
	}
	return st.GetApplication(ctx, rec.ID)
}
