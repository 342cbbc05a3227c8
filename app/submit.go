package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo"
	"icpdesk/backend/rules"
	"icpdesk/backend/submit"
)

// EventSubmitProgress carries {done, total} while a batch of packages is written.
const EventSubmitProgress = "submit:progress"

// ReminderDays is how close a deadline must be for the start-up reminder.
const ReminderDays = 3

// SubmitService is bound to the frontend: the readiness gate, the clerk's
// decision to submit, the submission package, and tracking the order through
// Tencent's and the bureau's review to approval, footer and PSB filing. It is
// thin over backend/submit; the app cannot submit to Tencent itself.
type SubmitService struct {
	ctx   context.Context
	h     *workspaceHolder
	clock backend.Clock

	// Seams for tests; nil means the real Wails runtime.
	dialogs packageDialogs
	emit    func(name string, data any)

	export singleJob // the running batch export
}

// packageDialogs ask where a package goes; "" means the user cancelled.
type packageDialogs interface {
	saveZip(ctx context.Context, defaultName string) (string, error)
	chooseFolder(ctx context.Context, title string) (string, error)
	saveCalendar(ctx context.Context, defaultName string) (string, error)
}

type wailsPackageDialogs struct{}

func (wailsPackageDialogs) saveZip(ctx context.Context, defaultName string) (string, error) {
	return wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textExportPackage), DefaultFilename: defaultName,
		Filters: []wruntime.FileFilter{{DisplayName: "ZIP (*.zip)", Pattern: "*.zip"}},
	})
}

func (wailsPackageDialogs) saveCalendar(ctx context.Context, defaultName string) (string, error) {
	return wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{
		Title: nativeString(textExportCalendar), DefaultFilename: defaultName,
		Filters: []wruntime.FileFilter{{DisplayName: "iCalendar (*.ics)", Pattern: "*.ics"}},
	})
}

func (wailsPackageDialogs) chooseFolder(ctx context.Context, title string) (string, error) {
	return wruntime.OpenDirectoryDialog(ctx, wruntime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

func (s *SubmitService) dlg() packageDialogs {
	if s.dialogs == nil {
		return wailsPackageDialogs{}
	}
	return s.dialogs
}

func (s *SubmitService) context() context.Context { return orBackground(s.ctx) }
func (s *SubmitService) now() backend.Clock       { return orSystemClock(s.clock) }

func (s *SubmitService) gate() submit.Gate { return gateFor(s.now()) }

// gateFor is the readiness gate with the rules engine and the required photo
// slots under the storage keys PhotoService uses.
func gateFor(clock backend.Clock) submit.Gate {
	return submit.Gate{
		Check:         func(a backend.Application) []backend.Finding { return rules.Check(a, clock) },
		RequiredSlots: photo.RequiredSlotKeys,
		ScanSlots:     photo.ChecklistScanSlots,
		SlotNames:     slotNames,
	}
}

// counter counts a list row's open items with the same gate and rules.
func counter(clock backend.Clock) submit.Counter {
	return submit.Counter{Gate: gateFor(clock), ForStatus: rules.ForStatus, Confirmable: rules.Confirmable}
}

func (s *SubmitService) validator() submit.IDValidator {
	clock := s.now()
	return func(kind, value string) []backend.Finding { return rules.CheckID(kind, value, clock) }
}

// parseAt reads the time a status change happened: "" is now (the zero time,
// which the submit package takes as its clock's now); anything else must be
// RFC 3339, never silently recorded as now.
func parseAt(at string) (time.Time, error) {
	if at == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return time.Time{}, backend.Errorf(backend.ECodeInvalid, "at", map[string]any{"value": at}, "status time %q: %v", at, err)
	}
	return t, nil
}

// recording opens a status record: the open workspace and when the change
// happened (parseAt).
func (s *SubmitService) recording(at string) (backend.Workspace, time.Time, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, time.Time{}, err
	}
	t, err := parseAt(at)
	return ws, t, err
}

func nonNilReport(r submit.Report) submit.Report {
	if r.Items == nil {
		r.Items = []submit.Item{}
	}
	if r.Blocking == nil {
		r.Blocking = []backend.Finding{}
	}
	return r
}

// Readiness runs the gate on the application as saved now.
func (s *SubmitService) Readiness(id int64) (submit.Report, error) {
	ws, rec, err := s.h.application(s.context(), id)
	if err != nil {
		return submit.Report{}, err
	}
	r, err := s.gate().Evaluate(s.context(), ws, rec)
	return nonNilReport(r), err
}

// slotNames names the application's photo slots for the gate's report.
func slotNames(app backend.Application) map[string]submit.SlotName {
	out := map[string]submit.SlotName{}
	for _, ref := range photo.SlotsFor(app) {
		n := submit.SlotName{WebsiteID: ref.WebsiteID}
		if spec, ok := photo.SpecFor(ref); ok {
			n.NameZh, n.NameEn = spec.NameZh, spec.NameEn
		}
		out[ref.Key()] = n
	}
	return out
}

// GateResult is the gate's answer to MarkReady or Submit: when Report.Ready
// is false nothing changed and the items say why.
type GateResult struct {
	Report   submit.Report             `json:"report"`
	Record   backend.ApplicationRecord `json:"record"`
	Revision *backend.Revision         `json:"revision,omitempty"`
}

func (s *SubmitService) gateResult(id int64, r submit.Report, err error) (GateResult, error) {
	// A refusal of the gate is an answer, not a failure: the UI lists the items.
	if err != nil && !(backend.ErrorCode(err) == backend.ECodeConflict && !r.Ready && (len(r.Items) > 0 || len(r.Blocking) > 0)) {
		return GateResult{}, err
	}
	_, rec, err := s.h.application(s.context(), id)
	if err != nil {
		return GateResult{}, err
	}
	return GateResult{Report: nonNilReport(r), Record: rec}, nil
}

// MarkReady moves a draft (or returned order) to ready when the gate passes.
func (s *SubmitService) MarkReady(id int64) (GateResult, error) {
	ws, err := s.h.get()
	if err != nil {
		return GateResult{}, err
	}
	r, err := submit.MarkReady(s.context(), ws, id, s.gate())
	return s.gateResult(id, r, err)
}

// Submit records the clerk's decision that the order went into Tencent's
// console: the gate again, a frozen revision, status submitted. Never automatic.
func (s *SubmitService) Submit(id int64, note string) (GateResult, error) {
	ws, err := s.h.get()
	if err != nil {
		return GateResult{}, err
	}
	rev, r, err := submit.Submit(s.context(), ws, id, s.gate(), note, time.Time{})
	res, err := s.gateResult(id, r, err)
	if err == nil && r.Ready && rev.ID != 0 {
		res.Revision = &rev
	}
	return res, err
}

// PackageSummary is what an export wrote: where, the manifest, and what a
// re-check of the written package found wrong (normally nothing).
type PackageSummary struct {
	Path     string           `json:"path"` // "" when the user cancelled
	Manifest submit.Manifest  `json:"manifest"`
	Problems []submit.Problem `json:"problems"`
}

// ExportPackage writes the submission package of an application where the
// clerk chooses: a ZIP file, or (folder true) a new folder inside the one chosen.
func (s *SubmitService) ExportPackage(id int64, folder bool) (PackageSummary, error) {
	_, rec, err := s.h.application(s.context(), id)
	if err != nil {
		return PackageSummary{}, err
	}
	base := submit.PackageBaseName(rec.Doc, id)
	var path string
	if folder {
		dir, err := s.dlg().chooseFolder(s.context(), nativeString(textExportPackage))
		if err != nil || dir == "" {
			return PackageSummary{}, err
		}
		path = uniquePath(filepath.Join(dir, base))
	} else {
		path, err = s.dlg().saveZip(s.context(), base+".zip")
		if err != nil || path == "" {
			return PackageSummary{}, err
		}
		if !strings.HasSuffix(strings.ToLower(path), ".zip") {
			path += ".zip"
		}
	}
	return s.exportPackageTo(id, path)
}

func (s *SubmitService) exportPackageTo(id int64, path string) (PackageSummary, error) {
	ws, err := s.h.get()
	if err != nil {
		return PackageSummary{}, err
	}
	in, err := submit.LoadPackageInput(s.context(), ws, id, backend.Version, s.now().Now())
	if err != nil {
		return PackageSummary{}, err
	}
	m, err := submit.ExportPackage(s.context(), path, in)
	if err != nil {
		return PackageSummary{}, err
	}
	_, problems, err := submit.VerifyPackage(path)
	if err != nil {
		return PackageSummary{}, err
	}
	if problems == nil {
		problems = []submit.Problem{}
	}
	return PackageSummary{Path: path, Manifest: m, Problems: problems}, nil
}

// uniquePath appends " (2)", " (3)"… until nothing exists at the path.
func uniquePath(p string) string {
	if _, err := os.Stat(p); os.IsNotExist(err) {
		return p
	}
	for i := 2; ; i++ {
		q := p + " (" + strconv.Itoa(i) + ")"
		if _, err := os.Stat(q); os.IsNotExist(err) {
			return q
		}
	}
}

// BatchExport is what a batch export produced.
type BatchExport struct {
	Folder    string               `json:"folder"` // "" when the user cancelled the dialog
	Results   []submit.BatchResult `json:"results"`
	Cancelled bool                 `json:"cancelled"`
}

// ExportPackages writes one package ZIP per application into a folder the
// clerk chooses, emitting submit:progress; CancelExport stops it.
func (s *SubmitService) ExportPackages(ids []int64) (BatchExport, error) {
	dir, err := s.dlg().chooseFolder(s.context(), nativeString(textExportPackages))
	if err != nil || dir == "" {
		return BatchExport{Results: []submit.BatchResult{}}, err
	}
	return s.exportPackagesTo(ids, dir)
}

func (s *SubmitService) exportPackagesTo(ids []int64, dir string) (BatchExport, error) {
	ws, err := s.h.get()
	if err != nil {
		return BatchExport{}, err
	}
	ctx, done, ok := s.export.start(s.context())
	if !ok {
		return BatchExport{}, backend.Errorf(backend.ECodeConflict, "", nil, "a package export is already running")
	}
	defer done()
	res, err := submit.ExportBatch(ctx, ws, ids, dir, backend.Version, s.now().Now(), s.progress)
	out := BatchExport{Folder: dir, Results: res}
	if out.Results == nil {
		out.Results = []submit.BatchResult{}
	}
	if backend.ErrorCode(err) == backend.ECodeCancelled {
		out.Cancelled = true
		return out, nil
	}
	return out, err
}

func (s *SubmitService) progress(done, total int) {
	data := map[string]int{"done": done, "total": total}
	if s.emit != nil {
		s.emit(EventSubmitProgress, data)
	} else if s.ctx != nil {
		wruntime.EventsEmit(s.ctx, EventSubmitProgress, data)
	}
}

// CancelExport stops the running batch export at its next file.
func (s *SubmitService) CancelExport() { s.export.stop() }

// ConsoleFields lists the fields as Tencent's console asks for them, to copy.
func (s *SubmitService) ConsoleFields(id int64) ([]submit.ConsoleField, error) {
	_, rec, err := s.h.application(s.context(), id)
	if err != nil {
		return nil, err
	}
	fs := submit.ConsoleFields(rec.Doc)
	if fs == nil {
		fs = []submit.ConsoleField{}
	}
	return fs, nil
}

// Timeline returns the status history, open deadlines and allowed next
// statuses (submit.LoadTimeline).
func (s *SubmitService) Timeline(id int64) (submit.Timeline, error) {
	ws, err := s.h.get()
	if err != nil {
		return submit.Timeline{}, err
	}
	return submit.LoadTimeline(s.context(), ws, id, s.now().Now())
}

// SetStatus records a status change reported by Tencent or the bureau; at is
// RFC 3339 ("" = now). Ready and submitted go through MarkReady and Submit,
// returned through Reject, approved through Approve.
func (s *SubmitService) SetStatus(id int64, to backend.Status, note, at string) (backend.Event, error) {
	ws, t, err := s.recording(at)
	if err != nil {
		return backend.Event{}, err
	}
	return submit.Transition(s.context(), ws, id, to, note, t)
}

// RejectionReasons lists the common rejection reasons to choose from.
func (s *SubmitService) RejectionReasons() ([]assets.RejectionReason, error) {
	rs, err := assets.Rejections()
	if err != nil {
		return nil, backend.Wrap(backend.ECodeInternal, err)
	}
	return rs, nil
}

// Reject records that the order came back, with the reasons given; at is
// RFC 3339 ("" = now).
func (s *SubmitService) Reject(id int64, reasonIDs []string, note, at string) (submit.Rejection, error) {
	ws, t, err := s.recording(at)
	if err != nil {
		return submit.Rejection{}, err
	}
	return submit.Reject(s.context(), ws, id, reasonIDs, note, t)
}

// Reopen takes a returned order back to draft; Fields are the field paths the
// reasons concern, for the wizard to highlight and jump to.
func (s *SubmitService) Reopen(id int64) (submit.Reopened, error) {
	ws, err := s.h.get()
	if err != nil {
		return submit.Reopened{}, err
	}
	r, err := submit.Reopen(s.context(), ws, id)
	if r.Fields == nil {
		r.Fields = []string{}
	}
	return r, err
}

// RejectionMarks are the fields the last rejection concerns, with its
// reasons, while the reopened order is being fixed (none otherwise).
func (s *SubmitService) RejectionMarks(id int64) ([]submit.RejectionMark, error) {
	ws, err := s.h.get()
	if err != nil {
		return []submit.RejectionMark{}, err
	}
	return submit.RejectionMarks(s.context(), ws, id)
}

// ApprovalResult is the answer of Approve and RecordPSB: when a finding blocks
// nothing was recorded (Saved false) and the findings say why.
type ApprovalResult struct {
	Saved    bool              `json:"saved"`
	Approval submit.Approval   `json:"approval"`
	Findings []backend.Finding `json:"findings"`
}

func approvalResult(a submit.Approval, fs []backend.Finding, err error) (ApprovalResult, error) {
	fs = nonNil(fs)
	if err != nil {
		// Refused numbers are an answer for the form, not a failure.
		if backend.ErrorCode(err) == backend.ECodeInvalid && backend.Blocking(fs) {
			return ApprovalResult{Findings: fs}, nil
		}
		return ApprovalResult{}, err
	}
	return ApprovalResult{Saved: true, Approval: a, Findings: fs}, nil
}

// Approve records the approval with the entity ICP number and the website
// numbers (website id → number), checked; at is RFC 3339 ("" = now).
func (s *SubmitService) Approve(id int64, icp string, websiteNumbers map[string]string, at string) (ApprovalResult, error) {
	ws, t, err := s.recording(at)
	if err != nil {
		return ApprovalResult{}, err
	}
	a, fs, err := submit.Approve(s.context(), ws, id, strings.TrimSpace(icp), trimValues(websiteNumbers), s.validator(), t)
	return approvalResult(a, fs, err)
}

func trimValues(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

// Approval returns the recorded approval, or nil.
func (s *SubmitService) Approval(id int64) (*submit.Approval, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return submit.GetApproval(s.context(), ws, id)
}

// RecordPSB records a website's public-security filing progress.
func (s *SubmitService) RecordPSB(id int64, websiteID string, record submit.PSBRecord) (ApprovalResult, error) {
	ws, err := s.h.get()
	if err != nil {
		return ApprovalResult{}, err
	}
	record.Number = strings.TrimSpace(record.Number)
	a, fs, err := submit.RecordPSB(s.context(), ws, id, websiteID, record, s.validator())
	return approvalResult(a, fs, err)
}

// SetFooterDone records that the ICP number is on the live site.
func (s *SubmitService) SetFooterDone(id int64, done bool) (submit.Approval, error) {
	ws, err := s.h.get()
	if err != nil {
		return submit.Approval{}, err
	}
	return submit.SetFooterDone(s.context(), ws, id, done)
}

// FooterOptions are the clerk's choices for a footer.
type FooterOptions struct {
	Year    int    `json:"year"`    // 0: no year in the copyright line
	PSBIcon string `json:"psbIcon"` // "" → submit.DefaultPSBIcon
}

// FooterResult is a website's footer HTML and what to mind about it.
type FooterResult struct {
	HTML     string            `json:"html"`
	Findings []backend.Finding `json:"findings"`
}

// Footer returns the footer HTML of a website from the recorded numbers.
func (s *SubmitService) Footer(id int64, websiteID string, opts FooterOptions) (FooterResult, error) {
	ws, rec, err := s.h.application(s.context(), id)
	if err != nil {
		return FooterResult{}, err
	}
	a, err := submit.GetApproval(s.context(), ws, id)
	if err != nil {
		return FooterResult{}, err
	}
	in := submit.FooterInput{
		Province: rec.Doc.Entity.Province, EntityName: rec.Doc.Entity.Name, Year: opts.Year,
		PSBIcon: opts.PSBIcon, Validate: s.validator(),
	}
	if a != nil {
		in.ICPNumber, in.WebsiteNumber = a.ICPNumber, a.WebsiteNumbers[websiteID]
		in.PSBNumber = a.PSB[websiteID].Number
	}
	html, fs := submit.Footer(in)
	return FooterResult{HTML: html, Findings: nonNil(fs)}, nil
}

// DueSoon lists every deadline due within withinDays (overdue included) across
// the live applications of the workspace, soonest first (submit.DueAcross).
func (s *SubmitService) DueSoon(withinDays int) ([]submit.DueItem, error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, err
	}
	return submit.DueAcross(s.context(), ws, s.now().Now(), time.Duration(withinDays)*24*time.Hour)
}

// Reminders is what is overdue or due within three days, for the start-up
// notification and the one every half hour.
func (s *SubmitService) Reminders() ([]submit.DueItem, error) {
	return s.DueSoon(ReminderDays)
}
