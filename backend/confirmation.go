package backend

import (
	"fmt"
	"time"
)

// Confirmations are the clerk's ticks on things only a person can check: a
// hand-check reminder ("请确认：域名持有者…"), a province requirement read and
// done, a photo warning looked at ("我已核对此照片"). They are generic: any
// finding can be confirmed, keyed by ConfirmationKey, and the key says nothing
// about what kind of finding it was. A confirmed finding is still produced by
// the rules and still shown (ticked, with the time); it only leaves the list
// of what is pending. Confirming is undoable (Unconfirm) and is recorded in
// the application document, so it travels with exports, revisions and the
// trash, but it is bookkeeping, not filed data: FiledData leaves it out, so a
// tick neither sends a ready application back to draft nor makes a printed
// checklist stale, and revision comparisons ignore it.
//
// A confirmation outlives the finding it ticked: when the finding comes back
// (the same rule on the same field) it is confirmed again; a finding the
// clerk never confirmed has no entry. Keys of findings that no longer occur
// are harmless and are kept, so an undo of an edit restores the tick too.

// Confirmation is one tick: when the clerk confirmed it.
type Confirmation struct {
	At time.Time `json:"at"`
}

// ConfirmationKey identifies what a finding asks the clerk to check: its rule
// and field and, for rules that emit several findings on one field (a
// province's extra documents), the finding's "key" param. Two findings with
// the same key are the same check.
func ConfirmationKey(f Finding) string {
	k := f.Rule + "@" + f.Field
	if s, ok := f.Params["key"].(string); ok && s != "" {
		k += "#" + s
	}
	return k
}

// Confirm records that the clerk checked what f asks for, at at. Confirming
// again keeps the first time.
func (a *Application) Confirm(f Finding, at time.Time) {
	k := ConfirmationKey(f)
	if _, ok := a.Confirmations[k]; ok {
		return
	}
	if a.Confirmations == nil {
		a.Confirmations = map[string]Confirmation{}
	}
	a.Confirmations[k] = Confirmation{At: at.UTC()}
}

// Unconfirm takes the clerk's tick back.
func (a *Application) Unconfirm(f Finding) {
	delete(a.Confirmations, ConfirmationKey(f))
	if len(a.Confirmations) == 0 {
		a.Confirmations = nil
	}
}

// Confirmed returns when f was confirmed, and whether it was.
func (a *Application) Confirmed(f Finding) (time.Time, bool) {
	c, ok := a.Confirmations[ConfirmationKey(f)]
	return c.At, ok
}

// MarkConfirmed sets ConfirmedAt on the findings the application has confirmed
// (a copy of fs; fs itself is not changed).
func (a *Application) MarkConfirmed(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.ConfirmedAt = nil
		if at, ok := a.Confirmed(f); ok {
			at := at
			f.ConfirmedAt = &at
		}
		out[i] = f
	}
	return out
}

// Pending returns the findings the clerk has not confirmed.
func Pending(fs []Finding) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.ConfirmedAt == nil {
			out = append(out, f)
		}
	}
	return out
}

// FiledData is the application without the clerk's bookkeeping
// (confirmations): what is filed, for change detection and comparisons.
func (a Application) FiledData() Application {
	a.Confirmations = nil
	return a
}

// PhotoConfirmation is the finding a clerk confirms for warning f of photo p
// ("我已核对此照片"): f on field photos.<slot>, keyed by the photo's id and
// export checksum, so a new photo in the slot (a new import) or a new export
// of it (a re-applied adjustment) needs confirming again.
func PhotoConfirmation(p Photo, f Finding) Finding {
	params := make(map[string]any, len(f.Params)+1)
	for k, v := range f.Params {
		params[k] = v
	}
	sum := p.ExportSHA256
	if len(sum) > 16 {
		sum = sum[:16]
	}
	params["key"] = fmt.Sprintf("photo:%d:%s", p.ID, sum)
	f.Params = params
	f.Field = "photos." + p.Slot
	f.ConfirmedAt = nil
	return f
}
