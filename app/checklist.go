package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/backend"
	"icpdesk/backend/checklist"
	"icpdesk/backend/rules"
)

// EventChecklistProgress carries {done, total} while a batch is drawn.
const EventChecklistProgress = "checklist:progress"

// ChecklistService is bound to the frontend: the verification checklist PDFs
// (核验单) of an application, stored in the workspace and shown, opened, saved
// and printed from there.
type ChecklistService struct {
	ctx   context.Context
	h     *workspaceHolder
	clock backend.Clock

	// Seams for tests; nil means the real Wails runtime / system viewer.
	dialogs  dialogs
	emit     func(name string, data any)
	start    commandStarter
	cacheDir string // folder for PDFs handed to the viewer; "" = user cache dir

	batch singleJob // the running Batch
}

// dialogs are the native dialogs the service asks for destinations with; ""
// means the user cancelled.
type dialogs interface {
	saveFile(ctx context.Context, title, defaultName string) (string, error)
	chooseFolder(ctx context.Context, title string) (string, error)
}

type wailsDialogs struct{}

func (wailsDialogs) saveFile(ctx context.Context, title, defaultName string) (string, error) {
	return wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{
		Title:           title,
		DefaultFilename: defaultName,
		Filters:         []wruntime.FileFilter{{DisplayName: "PDF (*.pdf)", Pattern: "*.pdf"}},
	})
}

func (wailsDialogs) chooseFolder(ctx context.Context, title string) (string, error) {
	return wruntime.OpenDirectoryDialog(ctx, wruntime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// devDialogs, set only in builds with the dev tag (dialogs_dev.go), answers
// the native dialogs for the browser e2e tests, which cannot click them.
var devDialogs dialogs

func (s *ChecklistService) dlg() dialogs {
	if s.dialogs == nil && devDialogs != nil {
		return devDialogs
	}
	if s.dialogs == nil {
		return wailsDialogs{}
	}
	return s.dialogs
}

func (s *ChecklistService) progress(done, total int) {
	data := map[string]int{"done": done, "total": total}
	if s.emit != nil {
		s.emit(EventChecklistProgress, data)
	} else if s.ctx != nil {
		wruntime.EventsEmit(s.ctx, EventChecklistProgress, data)
	}
}

func (s *ChecklistService) context() context.Context { return orBackground(s.ctx) }
func (s *ChecklistService) now() backend.Clock       { return orSystemClock(s.clock) }

// ChecklistResult is one website's checklist: the stored PDF (without its
// bytes; the page loads it from /media/document/<id>.pdf) and what the
// clerk still has to do on paper.
type ChecklistResult struct {
	DocumentID int64             `json:"documentId"` // 0: not generated yet
	WebsiteID  string            `json:"websiteId"`
	FileName   string            `json:"fileName"`
	Size       int64             `json:"size"`
	Draft      bool              `json:"draft"`
	CreatedAt  string            `json:"createdAt,omitempty"` // RFC 3339
	Variant    string            `json:"variant"`
	Findings   []backend.Finding `json:"findings"`
	// Statement is the text to copy by hand below the signature (Guangdong
	// individuals), "" when the variant has none.
	Statement string `json:"statement"`
}

// SaveResult says where a file went; Path is "" when the user cancelled.
type SaveResult struct {
	Path string `json:"path"`
}

// BatchSummary is what a batch produced.
type BatchSummary struct {
	Applications int               `json:"applications"`
	Websites     int               `json:"websites"`
	Files        []string          `json:"files"`  // paths written
	Folder       string            `json:"folder"` // destination folder (or the combined file's)
	Draft        bool              `json:"draft"`  // some forms carry the draft watermark
	Cancelled    bool              `json:"cancelled"`
	Findings     []backend.Finding `json:"findings"` // Params["application"] is the index in the batch
}

// draftOf: the checklist of rec carries the draft watermark (checklist.IsDraft
// with the rules engine).
func (s *ChecklistService) draftOf(rec backend.ApplicationRecord) bool {
	clock := s.now()
	return checklist.IsDraft(rec, func(a backend.Application) []backend.Finding { return rules.Check(a, clock) })
}

func (s *ChecklistService) options(rec backend.ApplicationRecord) checklist.Options {
	return checklist.Options{Draft: s.draftOf(rec), Clock: s.now()}
}

func nonNil(fs []backend.Finding) []backend.Finding {
	if fs == nil {
		return []backend.Finding{}
	}
	return fs
}

func websiteOf(app backend.Application, websiteID string) backend.Website {
	if i, ok := backend.WebsiteIndex(&app, websiteID); ok && i >= 0 {
		return app.Websites[i]
	}
	return backend.Website{ID: websiteID}
}

func result(app backend.Application, d backend.Document, fs []backend.Finding) ChecklistResult {
	v := checklist.VariantFor(app)
	r := ChecklistResult{
		DocumentID: d.ID, WebsiteID: d.WebsiteID, Size: d.Size, Draft: d.Draft,
		FileName: backend.ChecklistFileName(websiteOf(app, d.WebsiteID)),
		Variant:  string(v), Findings: nonNil(fs), Statement: checklist.HandCopiedStatement(v),
	}
	if !d.CreatedAt.IsZero() {
		r.CreatedAt = d.CreatedAt.Format("2006-01-02T15:04:05Z07:00")
	}
	return r
}

// generate draws and stores one website's checklist.
func (s *ChecklistService) generate(ws backend.Workspace, app backend.Application, appID int64, websiteID string, opts checklist.Options) (ChecklistResult, error) {
	pdf, fs, err := checklist.Generate(app, websiteID, opts)
	if err != nil {
		return ChecklistResult{}, err
	}
	d, err := ws.PutDocument(s.context(), appID, websiteID, pdf, opts.Draft)
	if err != nil {
		return ChecklistResult{}, err
	}
	return result(app, d, fs), nil
}

// Generate draws the checklist of one website of the application as it is
// saved now (the frontend flushes its edits first) and stores it. It is a
// draft, watermarked, while any finding blocks.
func (s *ChecklistService) Generate(applicationID int64, websiteID string) (ChecklistResult, error) {
	ws, rec, err := s.h.application(s.context(), applicationID)
	if err != nil {
		return ChecklistResult{}, err
	}
	return s.generate(ws, rec.Doc, applicationID, websiteID, s.options(rec))
}

// GenerateAll draws and stores the checklist of every website, in order.
func (s *ChecklistService) GenerateAll(applicationID int64) ([]ChecklistResult, error) {
	ws, rec, err := s.h.application(s.context(), applicationID)
	if err != nil {
		return nil, err
	}
	return s.generateAll(ws, rec)
}

func (s *ChecklistService) generateAll(ws backend.Workspace, rec backend.ApplicationRecord) ([]ChecklistResult, error) {
	opts := s.options(rec)
	out := make([]ChecklistResult, 0, len(rec.Doc.Websites))
	for _, w := range rec.Doc.Websites {
		r, err := s.generate(ws, rec.Doc, rec.ID, w.ID, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// List returns one entry per website of the application: its latest stored
// checklist (DocumentID 0 when none) and the to-dos for the current data.
// The to-dos come from drawing the form again (a few ms per website), so
// they are right even after a restart.
func (s *ChecklistService) List(applicationID int64) ([]ChecklistResult, error) {
	ctx := s.context()
	ws, rec, err := s.h.application(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	docs, err := ws.ListDocuments(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	latest := map[string]backend.Document{}
	for _, d := range docs { // newest first
		if _, ok := latest[d.WebsiteID]; !ok {
			latest[d.WebsiteID] = d
		}
	}
	opts := s.options(rec)
	out := make([]ChecklistResult, 0, len(rec.Doc.Websites))
	for _, w := range rec.Doc.Websites {
		_, fs, err := checklist.Generate(rec.Doc, w.ID, opts)
		if err != nil {
			return nil, err
		}
		d, ok := latest[w.ID]
		if !ok {
			d = backend.Document{WebsiteID: w.ID}
		}
		out = append(out, result(rec.Doc, d, fs))
	}
	return out, nil
}

// document loads a stored PDF with the file name it is shown under.
func (s *ChecklistService) document(documentID int64) (backend.Document, string, error) {
	ws, err := s.h.get()
	if err != nil {
		return backend.Document{}, "", err
	}
	d, err := ws.GetDocument(s.context(), documentID)
	if err != nil {
		return backend.Document{}, "", err
	}
	name := backend.ChecklistFileName(backend.Website{ID: d.WebsiteID})
	if rec, err := ws.GetApplication(s.context(), d.ApplicationID); err == nil {
		name = backend.ChecklistFileName(websiteOf(rec.Doc, d.WebsiteID))
	}
	return d, name, nil
}

// Open shows a stored checklist in the system's PDF viewer (to print it).
// It returns once the viewer is started, never waiting for it to close.
func (s *ChecklistService) Open(documentID int64) error {
	d, name, err := s.document(documentID)
	if err != nil {
		return err
	}
	return s.openBytes(fmt.Sprintf("document-%d", d.ID), name, d.PDF)
}

func (s *ChecklistService) openBytes(key, name string, pdf []byte) error {
	dir := s.cacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "ICPDesk", "open")
	}
	p, err := writePrivate(dir, key, name, pdf)
	if err != nil {
		return backend.FileError(backend.ECodeInternal, err, dir)
	}
	if err := openInViewer(s.start, p); err != nil {
		return backend.Errorf(backend.ECodeUnsupported, "viewer", nil, "open %s: %v", p, err)
	}
	return nil
}

// SaveAs asks where to save a stored checklist and writes it there.
func (s *ChecklistService) SaveAs(documentID int64) (SaveResult, error) {
	d, name, err := s.document(documentID)
	if err != nil {
		return SaveResult{}, err
	}
	return s.saveAs(name, d.PDF)
}

func (s *ChecklistService) saveAs(name string, pdf []byte) (SaveResult, error) {
	p, err := s.dlg().saveFile(s.context(), nativeString(textSaveAs), name)
	if err != nil {
		return SaveResult{}, backend.Wrap(backend.ECodeInternal, err)
	}
	if p == "" {
		return SaveResult{}, nil
	}
	if !strings.EqualFold(filepath.Ext(p), ".pdf") {
		p += ".pdf"
	}
	if err := writeAtomic(p, pdf); err != nil {
		return SaveResult{}, err
	}
	return SaveResult{Path: p}, nil
}

// Blank draws an empty form of the variant and asks where to save it.
func (s *ChecklistService) Blank(variant string) (SaveResult, error) {
	v, err := checklist.ParseVariant(variant)
	if err != nil {
		return SaveResult{}, err
	}
	pdf, err := checklist.Blank(v)
	if err != nil {
		return SaveResult{}, err
	}
	return s.saveAs(checklist.BlankFileName(v), pdf)
}

// PrintAll draws and stores every website's checklist, then opens them as one
// PDF in the system viewer, so the clerk prints the whole application at once.
func (s *ChecklistService) PrintAll(applicationID int64) ([]ChecklistResult, error) {
	ws, rec, err := s.h.application(s.context(), applicationID)
	if err != nil {
		return nil, err
	}
	res, err := s.generateAll(ws, rec)
	if err != nil {
		return nil, err
	}
	pdf, _, err := checklist.Combine(s.context(), []backend.Application{rec.Doc}, s.options(rec), nil)
	if err != nil {
		return nil, err
	}
	name := "核验单_全部.pdf"
	if d := rec.Doc.PrimaryDomain(); d != "" {
		name = backend.SafeFileName(strings.TrimSuffix(backend.ChecklistFileName(backend.Website{Domains: []string{d}}), ".pdf") + "_全部.pdf")
	}
	if err := s.openBytes(fmt.Sprintf("application-%d", applicationID), name, pdf); err != nil {
		return nil, err
	}
	return res, nil
}

// CancelBatch stops the running batch; it is harmless when none runs.
func (s *ChecklistService) CancelBatch() { s.batch.stop() }

// Batch draws the checklists of several applications: combined, into one PDF
// saved where the user says; otherwise one PDF per website into a folder the
// user picks. Progress goes out as EventChecklistProgress; CancelBatch stops
// it (files already written stay). Wails runs each bound call on its own
// goroutine, so the window stays responsive while this works.
func (s *ChecklistService) Batch(applicationIDs []int64, combined bool) (BatchSummary, error) {
	ctx, done, ok := s.batch.start(s.context())
	if !ok {
		return BatchSummary{}, backend.Errorf(backend.ECodeConflict, "batch", nil, "a batch is already running")
	}
	defer done()

	ws, err := s.h.get()
	if err != nil {
		return BatchSummary{}, err
	}
	if len(applicationIDs) == 0 {
		return BatchSummary{}, backend.Errorf(backend.ECodeInvalid, "applications", nil, "no application chosen")
	}
	recs := make([]backend.ApplicationRecord, 0, len(applicationIDs))
	apps := make([]backend.Application, 0, len(applicationIDs))
	for _, id := range applicationIDs {
		rec, err := ws.GetApplication(ctx, id)
		if err != nil {
			return BatchSummary{}, err
		}
		recs = append(recs, rec)
		apps = append(apps, rec.Doc)
	}
	sum := BatchSummary{Applications: len(apps), Files: []string{}, Findings: []backend.Finding{}}
	for _, a := range apps {
		sum.Websites += len(a.Websites)
	}

	var dest string
	if combined {
		dest, err = s.dlg().saveFile(ctx, nativeString(textSaveCombinedChecklists), "核验单_合并.pdf")
	} else {
		dest, err = s.dlg().chooseFolder(ctx, nativeString(textChooseChecklistFolder))
	}
	if err != nil {
		return sum, backend.Wrap(backend.ECodeInternal, err)
	}
	if dest == "" {
		sum.Cancelled = true
		return sum, nil
	}
	if combined {
		err = s.batchCombined(ctx, recs, apps, dest, &sum)
	} else {
		err = s.batchFiles(ctx, recs, apps, dest, &sum)
	}
	if backend.ErrorCode(err) == backend.ECodeCancelled {
		sum.Cancelled = true
		return sum, nil
	}
	if err == nil {
		err = s.keepPrinted(ws, recs)
	}
	return sum, err
}

// keepPrinted stores each website's checklist with its application, as
// Generate does, once a batch printed them: the readiness gate and the list
// then count them as made (before, a batch left "1 份核验单待生成" behind).
func (s *ChecklistService) keepPrinted(ws backend.Workspace, recs []backend.ApplicationRecord) error {
	for _, rec := range recs {
		opts := s.options(rec)
		for _, w := range rec.Doc.Websites {
			if _, err := s.generate(ws, rec.Doc, rec.ID, w.ID, opts); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *ChecklistService) batchCombined(ctx context.Context, recs []backend.ApplicationRecord, apps []backend.Application, dest string, sum *BatchSummary) error {
	if !strings.EqualFold(filepath.Ext(dest), ".pdf") {
		dest += ".pdf"
	}
	sum.Folder = filepath.Dir(dest)
	// The watermark per application: an approved one next to a draft stays clean.
	opts := checklist.Options{Clock: s.now(), Drafts: make([]bool, len(recs))}
	for i, r := range recs {
		opts.Drafts[i] = s.draftOf(r)
		sum.Draft = sum.Draft || opts.Drafts[i]
	}
	pdf, fs, err := checklist.Combine(ctx, apps, opts, s.progress)
	if err != nil {
		return err
	}
	sum.Findings = nonNil(fs)
	if err := writeAtomic(dest, pdf); err != nil {
		return err
	}
	sum.Files = append(sum.Files, dest)
	return nil
}

func (s *ChecklistService) batchFiles(ctx context.Context, recs []backend.ApplicationRecord, apps []backend.Application, dir string, sum *BatchSummary) error {
	sum.Folder = dir
	done, used := 0, backend.FileNames{}
	for ai, a := range apps {
		opts := s.options(recs[ai])
		sum.Draft = sum.Draft || opts.Draft
		for _, w := range a.Websites {
			if err := ctx.Err(); err != nil {
				return backend.Wrap(backend.ECodeCancelled, err)
			}
			pdf, fs, err := checklist.Generate(a, w.ID, opts)
			if err != nil {
				return err
			}
			for _, f := range fs {
				if f.Params == nil {
					f.Params = map[string]any{}
				}
				f.Params["application"] = ai
				sum.Findings = append(sum.Findings, f)
			}
			p := filepath.Join(dir, used.Take(backend.ChecklistFileName(w)))
			if err := writeAtomic(p, pdf); err != nil {
				return err
			}
			sum.Files = append(sum.Files, p)
			done++
			s.progress(done, sum.Websites)
		}
	}
	return nil
}
