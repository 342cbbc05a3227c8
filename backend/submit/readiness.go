package submit

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"icpdesk/backend"
)

// Readiness item codes; each is an i18n key in frontend/src/i18n/submit.*.json.
const (
	ReadyBlocking         = "submit.ready.blocking"           // {count}
	ReadyNotChecked       = "submit.ready.not_checked"        // no rules engine given
	ReadyNoWebsite        = "submit.ready.no_website"         //
	ReadyPhotoMissing     = "submit.ready.photo_missing"      // {slot}
	ReadyPhotoNotExported = "submit.ready.photo_not_exported" // {slot}
	ReadyChecklistMissing = "submit.ready.checklist_missing"  // {website, domain}
	ReadyChecklistDraft   = "submit.ready.checklist_draft"    // {website, domain}
	ReadyChecklistStale   = "submit.ready.checklist_stale"    // {website, domain}
	// ReadyChecklistScanStale: the signed scan is of an older checklist than
	// the one generated from the current data (or it came before any was made).
	ReadyChecklistScanStale = "submit.ready.checklist_scan_stale" // {website, domain, slot}
	// ReadyPhotoWarning: a photo's warning not yet dealt with; key (slot#rule)
	// is the stable key a clerk's "我已核对此照片" confirmation refers to.
	ReadyPhotoWarning = "submit.ready.photo_warning" // {slot, rule, key}
)

// PhotoWarningKey is the stable key of one photo warning: slot key and rule.
func PhotoWarningKey(slot, rule string) string { return slot + "#" + rule }

// Item is one unmet condition of the readiness gate.
type Item struct {
	Code   string         `json:"code"`
	Field  string         `json:"field,omitempty"`
	Params map[string]any `json:"params,omitempty"`
}

// Report is the readiness gate's answer: Ready, or what is missing.
type Report struct {
	Ready    bool              `json:"ready"`
	Items    []Item            `json:"items"`
	Blocking []backend.Finding `json:"blocking"` // the blocking findings behind ReadyBlocking
}

// Summary counts the items per code, for "3 blocking problems, checklist not printed".
func (r Report) Summary() map[string]int {
	out := map[string]int{}
	for _, it := range r.Items {
		if it.Code == ReadyBlocking {
			out[it.Code] += len(r.Blocking)
			continue
		}
		out[it.Code]++
	}
	return out
}

// ReadinessInput is what the gate looks at.
type ReadinessInput struct {
	App           backend.Application
	LastEdit      time.Time          // when the document last changed (LastEdit)
	Photos        []backend.Photo    // the current photos (ListPhotos)
	Documents     []backend.Document // the generated PDFs (ListDocuments)
	RequiredSlots []string           // the photo slot keys the application needs
	// ScanSlots maps a website id to the slot key of its signed checklist
	// scan (console flow); nil = not checked.
	ScanSlots map[string]string
}

// Readiness checks that nothing blocks, every required photo slot is filled
// and exported, and every website has a final (not draft) checklist PDF made
// after the last edit.
func Readiness(in ReadinessInput, check Checker) Report {
	r := Report{Items: []Item{}, Blocking: []backend.Finding{}}
	if check == nil {
		r.Items = append(r.Items, Item{Code: ReadyNotChecked})
	} else {
		for _, f := range check(in.App) {
			if f.Severity == backend.Block {
				r.Blocking = append(r.Blocking, f)
			}
		}
		if len(r.Blocking) > 0 {
			r.Items = append(r.Items, Item{Code: ReadyBlocking, Params: map[string]any{"count": len(r.Blocking)}})
		}
	}
	photos := map[string]backend.Photo{}
	for _, p := range in.Photos {
		if p.Current {
			photos[p.Slot] = p
		}
	}
	seen := map[string]bool{}
	for _, slot := range in.RequiredSlots {
		if seen[slot] {
			continue
		}
		seen[slot] = true
		p, ok := photos[slot]
		switch {
		case !ok:
			r.Items = append(r.Items, Item{Code: ReadyPhotoMissing, Field: "photos." + slot, Params: map[string]any{"slot": slot}})
		case p.ExportSize <= 0 && len(p.Export) == 0:
			r.Items = append(r.Items, Item{Code: ReadyPhotoNotExported, Field: "photos." + slot, Params: map[string]any{"slot": slot}})
		default:
			// A photo with a warning counts as done only once the clerk has
			// looked at it (backend.PhotoConfirmation: keyed by the photo's
			// id and export, so a new photo needs checking again); each
			// unconfirmed warning is an item under its stable key.
			seenRule := map[string]bool{}
			for _, f := range backend.PhotoFindings(p.Adjustments) {
				if f.Severity == backend.Info || seenRule[f.Rule] {
					continue
				}
				if _, ok := in.App.Confirmed(backend.PhotoConfirmation(p, f)); ok && f.Severity == backend.Warn {
					continue // the clerk checked this photo ("我已核对此照片"); a block is not ticked away
				}
				seenRule[f.Rule] = true
				r.Items = append(r.Items, Item{Code: ReadyPhotoWarning, Field: "photos." + slot,
					Params: map[string]any{"slot": slot, "rule": f.Rule, "key": PhotoWarningKey(slot, f.Rule)}})
			}
		}
	}
	if len(in.App.Websites) == 0 {
		r.Items = append(r.Items, Item{Code: ReadyNoWebsite, Field: "websites"})
	}
	docs := append([]backend.Document{}, in.Documents...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].CreatedAt.After(docs[j].CreatedAt) })
	for i, w := range in.App.Websites {
		if in.App.Flow == backend.FlowMiniProgram {
			break // the mini program takes a 网站备案承诺书 instead of the checklist
		}
		params := map[string]any{"website": w.ID, "domain": firstDomain(w)}
		field := fmt.Sprintf("websites.%d", i)
		var final, draft *backend.Document
		for k := range docs {
			d := &docs[k]
			if d.WebsiteID != w.ID {
				continue
			}
			if d.Draft {
				if draft == nil {
					draft = d
				}
				continue
			}
			final = d
			break
		}
		switch {
		case final == nil && draft != nil:
			r.Items = append(r.Items, Item{Code: ReadyChecklistDraft, Field: field, Params: params})
		case final == nil:
			r.Items = append(r.Items, Item{Code: ReadyChecklistMissing, Field: field, Params: params})
		case final.CreatedAt.Before(in.LastEdit):
			r.Items = append(r.Items, Item{Code: ReadyChecklistStale, Field: field, Params: params})
		}
		if slot, ok := in.ScanSlots[w.ID]; ok && final != nil {
			if p, ok := photos[slot]; ok && scanStale(p, final, docs, w.ID) {
				ps := map[string]any{"website": w.ID, "domain": firstDomain(w), "slot": slot}
				r.Items = append(r.Items, Item{Code: ReadyChecklistScanStale, Field: "photos." + slot, Params: ps})
			}
		}
	}
	r.Ready = len(r.Items) == 0
	return r
}

// scanStale: the scan was imported before the newest final checklist was
// generated, and that checklist differs from the one current at the import
// (reprinting the same document does not make the signed scan stale).
func scanStale(scan backend.Photo, newest *backend.Document, docs []backend.Document, websiteID string) bool {
	if !scan.CreatedAt.Before(newest.CreatedAt) {
		return false
	}
	for _, d := range docs { // newest first
		if d.WebsiteID != websiteID || d.Draft || d.CreatedAt.After(scan.CreatedAt) {
			continue
		}
		return d.SHA256 != newest.SHA256
	}
	return true // no checklist existed when it was scanned
}

func firstDomain(w backend.Website) string {
	for _, d := range w.Domains {
		if d = strings.TrimSpace(d); d != "" {
			return d
		}
	}
	return ""
}

// Gate is what MarkReady and Submit need from the app: the rules engine and
// the photo slots an application requires (photo.SlotsFor, required ones).
type Gate struct {
	Check         Checker
	RequiredSlots func(backend.Application) []string
	// ScanSlots gives each website's signed-checklist slot key (nil: not checked).
	ScanSlots func(backend.Application) map[string]string
	// SlotNames names the application's photo slots by key (nil: items keep
	// only the key), so a report reads "幕布照（yunfan-tech.cn）".
	SlotNames func(backend.Application) map[string]SlotName
}

// SlotName is how a photo slot is called in both languages, and the website
// it belongs to ("" for the entity's slots).
type SlotName struct {
	NameZh, NameEn, WebsiteID string
}

// NameSlots adds the slot's names (nameZh, nameEn) and its website's first
// domain to the report's photo items; other items are left as they are.
func NameSlots(app backend.Application, r Report, names map[string]SlotName) Report {
	for i, it := range r.Items {
		key, _ := it.Params["slot"].(string)
		n, ok := names[key]
		if !ok || (it.Code != ReadyPhotoMissing && it.Code != ReadyPhotoNotExported &&
			it.Code != ReadyPhotoWarning && it.Code != ReadyChecklistScanStale) {
			continue
		}
		p := make(map[string]any, len(it.Params)+3)
		for k, v := range it.Params {
			p[k] = v
		}
		if n.NameZh != "" || n.NameEn != "" {
			p["nameZh"], p["nameEn"] = n.NameZh, n.NameEn
		}
		if n.WebsiteID != "" {
			delete(p, "domain")
			if i, ok := backend.WebsiteIndex(&app, n.WebsiteID); ok && i >= 0 && len(app.Websites[i].Domains) > 0 {
				p["domain"] = app.Websites[i].Domains[0]
			}
		}
		r.Items[i].Params = p
	}
	return r
}

// Evaluate runs the readiness gate on a stored application.
func (g Gate) Evaluate(ctx context.Context, st Store, rec backend.ApplicationRecord) (Report, error) {
	last, err := LastEdit(ctx, st, rec)
	if err != nil {
		return Report{}, err
	}
	photos, err := st.ListPhotos(ctx, rec.ID)
	if err != nil {
		return Report{}, err
	}
	docs, err := st.ListDocuments(ctx, rec.ID)
	if err != nil {
		return Report{}, err
	}
	var slots []string
	if g.RequiredSlots != nil {
		slots = g.RequiredSlots(rec.Doc)
	}
	var scans map[string]string
	if g.ScanSlots != nil {
		scans = g.ScanSlots(rec.Doc)
	}
	r := Readiness(ReadinessInput{App: rec.Doc, LastEdit: last, Photos: photos, Documents: docs, RequiredSlots: slots, ScanSlots: scans}, g.Check)
	if g.SlotNames != nil {
		r = NameSlots(rec.Doc, r, g.SlotNames(rec.Doc))
	}
	return r, nil
}

func notReady(r Report) error {
	return backend.Errorf(backend.ECodeConflict, "status", map[string]any{"to": string(backend.StatusReady), "items": len(r.Items)},
		"not ready: %d unmet items", len(r.Items))
}

// MarkReady moves a draft (or a returned order) to READY when the gate
// passes; otherwise it returns the report with an ECodeConflict error.
func MarkReady(ctx context.Context, st Store, appID int64, g Gate) (Report, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return Report{}, err
	}
	if !backend.CanTransition(rec.Status, backend.StatusReady) {
		return Report{}, illegal(rec.Status, backend.StatusReady)
	}
	r, err := g.Evaluate(ctx, st, rec)
	if err != nil || !r.Ready {
		if err == nil {
			err = notReady(r)
		}
		return r, err
	}
	last, err := LastEdit(ctx, st, rec)
	if err != nil {
		return r, err
	}
	// Pin the document the gate passed on, so OnEdited can tell a real edit.
	if err := setJSON(ctx, st, editKey(rec.ID), editMark{At: last, SHA: docHash(rec.Doc)}); err != nil {
		return r, err
	}
	_, err = move(ctx, st, rec, backend.StatusReady, "", time.Time{})
	return r, err
}

// Submit records the user's decision that the order went into Tencent's
// console: the gate again, a frozen RevisionSubmit, then status submitted.
func Submit(ctx context.Context, st Store, appID int64, g Gate, note string, at time.Time) (backend.Revision, Report, error) {
	rec, err := st.GetApplication(ctx, appID)
	if err != nil {
		return backend.Revision{}, Report{}, err
	}
	if !backend.CanTransition(rec.Status, backend.StatusSubmitted) {
		return backend.Revision{}, Report{}, illegal(rec.Status, backend.StatusSubmitted)
	}
	r, err := g.Evaluate(ctx, st, rec)
	if err != nil || !r.Ready {
		if err == nil {
			err = notReady(r)
		}
		return backend.Revision{}, r, err
	}
	rev, err := st.CreateRevision(ctx, appID, backend.RevisionSubmit, note)
	if err != nil {
		return rev, r, err
	}
	_, err = move(ctx, st, rec, backend.StatusSubmitted, note, at)
	return rev, r, err
}
