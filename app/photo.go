package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo"
)

// PreviewMaxSide is the long edge of the preview the cropper shows; crop
// coordinates are always sent in full-size upright pixels, never preview ones.
const PreviewMaxSide = 1600

// PhotoService is bound to the frontend: the upload slots of an application,
// importing pictures into them and adjusting them. Pictures are shown through
// the media handler (/media/photo/<id>/…), never as base64 over the bridge.
type PhotoService struct {
	ctx    context.Context
	h      *workspaceHolder
	limits photo.Limits

	// Originals never change under an id, but ids start at 1 in every
	// workspace (and again after a backup is restored): what is kept here
	// is keyed by the original's checksum too, never by the id alone.
	mu       sync.Mutex
	previews map[int64]cachedPreview // preview JPEGs by photo id
	order    []int64
	lastID   int64  // the last decoded original, kept while the crop dialog renders previews
	lastSHA  string // its checksum
	lastOrig *photo.Original
}

type cachedPreview struct {
	sha string // the original's checksum
	b   []byte
}

// original decodes photo p's original, reusing the last one decoded. p may
// have been read without its original (GetPhotoExport): its bytes are then
// read from ws only when the decoded one kept here is not p's.
func (s *PhotoService) original(ctx context.Context, ws backend.Workspace, p backend.Photo) (*photo.Original, error) {
	s.mu.Lock()
	if s.lastID == p.ID && s.lastSHA == p.OriginalSHA256 && s.lastOrig != nil {
		o := s.lastOrig
		s.mu.Unlock()
		return o, nil
	}
	s.mu.Unlock()
	if p.Original == nil {
		full, err := ws.GetPhoto(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		if full.OriginalSHA256 != p.OriginalSHA256 {
			return nil, backend.Errorf(backend.ECodeConflict, "photo", map[string]any{"id": p.ID}, "photo %d changed while read", p.ID)
		}
		p = full
	}
	o, err := photo.DecodeBytes(p.Original, s.limits)
	if err != nil {
		return nil, err
	}
	s.keepOriginal(p, o)
	return o, nil
}

func (s *PhotoService) keepOriginal(p backend.Photo, o *photo.Original) {
	s.mu.Lock()
	s.lastID, s.lastSHA, s.lastOrig = p.ID, p.OriginalSHA256, o
	s.mu.Unlock()
}

// RenderMaxSide is the long edge of the crop dialog's "after" preview.
const RenderMaxSide = 900

// render is the crop dialog's "after" view: the adjustment rendered by the
// same code as the export, at preview size.
func (s *PhotoService) render(ctx context.Context, id int64, adj photo.Adjust) (b []byte, originalSHA string, err error) {
	ws, err := s.h.get()
	if err != nil {
		return nil, "", err
	}
	p, err := ws.GetPhotoExport(ctx, id) // the original only if not kept decoded
	if err != nil {
		return nil, "", err
	}
	o, err := s.original(ctx, ws, p)
	if err != nil {
		return nil, "", err
	}
	img, err := photo.RenderForExport(o.Image, adj, RenderMaxSide) // YCbCr planes straight to the encoder
	if err != nil {
		return nil, "", err
	}
	b, err = photo.Preview(img, RenderMaxSide)
	return b, p.OriginalSHA256, err
}

// newPhotoService returns the service with the default decode limits.
func newPhotoService(h *workspaceHolder) *PhotoService {
	return &PhotoService{h: h, limits: photo.DefaultLimits(), previews: map[int64]cachedPreview{}}
}

// SlotState is one upload slot of an application as the materials step shows
// it: what is needed, and the current picture with its findings, if any.
type SlotState struct {
	photo.SlotRef
	Key      string            `json:"key"` // storage key, what ImportFile/Remove take
	NameZh   string            `json:"nameZh"`
	NameEn   string            `json:"nameEn"`
	NeedZh   string            `json:"needZh"`
	NeedEn   string            `json:"needEn"`
	Aspect   float64           `json:"aspect"` // long/short edge of the target shape, 0 = any
	Portrait bool              `json:"portrait"`
	Photo    *PhotoInfo        `json:"photo,omitempty"`
	Findings []backend.Finding `json:"findings"`
	// WaitingFor names the step that comes first in the real work: the
	// signed checklist can only be scanned once the checklist has been
	// generated ("checklist"); "" = nothing to wait for.
	WaitingFor string `json:"waitingFor,omitempty"`
}

// PhotoInfo is a stored picture as the UI needs it.
type PhotoInfo struct {
	ID             int64            `json:"id"`
	OriginalMIME   string           `json:"originalMime"`
	OriginalWidth  int              `json:"originalWidth"` // upright
	OriginalHeight int              `json:"originalHeight"`
	OriginalSize   int64            `json:"originalSize"`
	ExportWidth    int              `json:"exportWidth"`
	ExportHeight   int              `json:"exportHeight"`
	ExportSize     int64            `json:"exportSize"`
	PreviewURL     string           `json:"previewUrl"`
	RenderURL      string           `json:"renderUrl"` // + "&a=<Adjust as JSON>": the crop dialog's after view
	ExportURL      string           `json:"exportUrl,omitempty"`
	Adjust         photo.Adjust     `json:"adjust"`
	Suggestion     photo.Suggestion `json:"suggestion"`
	UpdatedAt      time.Time        `json:"updatedAt"`
}

// photoMeta is what is stored in Photo.Adjustments: the photo package's
// Adjust (inline, so readers of that shape still work), the crop suggestion
// and the findings of the last check, so listing slots needs no decoding.
type photoMeta struct {
	photo.Adjust
	Suggestion photo.Suggestion  `json:"suggestion"`
	Findings   []backend.Finding `json:"findings"`
}

// PhotoSlotKey is the storage key of a slot (photo.SlotRef.Key).
func PhotoSlotKey(ref photo.SlotRef) string { return ref.Key() }

// Slots lists the application's upload slots with their current pictures.
func (s *PhotoService) Slots(applicationID int64) ([]SlotState, error) {
	ws, rec, err := s.h.application(s.ctx, applicationID)
	if err != nil {
		return nil, err
	}
	photos, err := ws.ListPhotos(s.ctx, applicationID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]backend.Photo{}
	for _, p := range photos {
		byKey[p.Slot] = p
	}
	docs, err := ws.ListDocuments(s.ctx, applicationID)
	if err != nil {
		return nil, err
	}
	generated := map[string]bool{} // websites with a final checklist
	for _, d := range docs {
		if !d.Draft {
			generated[d.WebsiteID] = true
		}
	}
	refs := photo.SlotsFor(rec.Doc)
	out := make([]SlotState, 0, len(refs))
	for _, ref := range refs {
		st := slotState(ref)
		if p, ok := byKey[st.Key]; ok {
			if st.Photo, st.Findings, err = photoInfo(p); err != nil {
				return nil, err
			}
			st.Findings = rec.Doc.MarkConfirmed(st.Findings)
		}
		if ref.Slot == "checklist_scan" && !generated[ref.WebsiteID] {
			st.WaitingFor = "checklist"
		}
		out = append(out, st)
	}
	return out, nil
}

func slotState(ref photo.SlotRef) SlotState {
	st := SlotState{SlotRef: ref, Key: PhotoSlotKey(ref), Findings: []backend.Finding{}}
	if spec, ok := photo.SpecFor(ref); ok {
		st.NameZh, st.NameEn, st.NeedZh, st.NeedEn = spec.NameZh, spec.NameEn, spec.NeedZh, spec.NeedEn
		if spec.Aspect != "" {
			st.Aspect = assets.MustPhotos().Aspects[spec.Aspect].Ratio
		}
		st.Portrait = spec.Face
	}
	return st
}

// photoInfo is a stored photo as the slot shows it; unreadable stored
// settings are an error (corrupt), not a photo with no crop and no checks.
func photoInfo(p backend.Photo) (*PhotoInfo, []backend.Finding, error) {
	meta, err := readPhotoMeta(p)
	if err != nil {
		return nil, nil, err
	}
	info := &PhotoInfo{
		ID: p.ID, OriginalMIME: p.OriginalMIME, OriginalWidth: p.OriginalWidth, OriginalHeight: p.OriginalHeight,
		OriginalSize: p.OriginalSize, ExportWidth: p.ExportWidth, ExportHeight: p.ExportHeight, ExportSize: p.ExportSize,
		// ?v= the original's checksum: the same URL is always the same picture.
		PreviewURL: fmt.Sprintf("/media/photo/%d/preview.jpg?v=%.12s", p.ID, p.OriginalSHA256),
		RenderURL:  fmt.Sprintf("/media/photo/%d/render.jpg?v=%.12s", p.ID, p.OriginalSHA256),
		Adjust:     meta.Adjust, Suggestion: meta.Suggestion, UpdatedAt: p.UpdatedAt,
	}
	if p.ExportSize > 0 {
		// The export changes under the same id; the checksum keeps the webview from showing a stale one.
		info.ExportURL = fmt.Sprintf("/media/photo/%d/export.jpg?v=%.12s", p.ID, p.ExportSHA256)
	}
	// Each finding as the clerk confirms it (field photos.<slot>, keyed by
	// this photo and its export), so the slot's "我已核对此照片" tick uses the
	// generic confirmation and the readiness gate sees the same key.
	fs := make([]backend.Finding, 0, len(meta.Findings))
	for _, f := range meta.Findings {
		fs = append(fs, backend.PhotoConfirmation(p, f))
	}
	return info, fs, nil
}

// slotRef finds the slot with storage key in the application's slots.
func (s *PhotoService) slotRef(ws backend.Workspace, applicationID int64, key string) (photo.SlotRef, assets.PhotoSlot, error) {
	ref, spec, _, err := s.slotRefApp(ws, applicationID, key)
	return ref, spec, err
}

// slotRefApp is slotRef with the application it was found in.
func (s *PhotoService) slotRefApp(ws backend.Workspace, applicationID int64, key string) (photo.SlotRef, assets.PhotoSlot, backend.Application, error) {
	rec, err := ws.GetApplication(s.ctx, applicationID)
	if err != nil {
		return photo.SlotRef{}, assets.PhotoSlot{}, backend.Application{}, err
	}
	for _, ref := range photo.SlotsFor(rec.Doc) {
		if PhotoSlotKey(ref) == key {
			spec, ok := photo.SpecFor(ref)
			if !ok {
				break
			}
			return ref, spec, rec.Doc, nil
		}
	}
	return photo.SlotRef{}, assets.PhotoSlot{}, backend.Application{}, backend.Errorf(backend.ECodeInvalid, "slot", map[string]any{"slot": key},
		"application %d has no slot %q", applicationID, key)
}

// ImportFile reads an image file into a slot: the original is kept as read,
// the suggested crop is applied, the result checked and exported to the
// slot's specification. Nothing is stored unless all of that worked, so a
// failed import leaves the slot's previous picture in place.
func (s *PhotoService) ImportFile(applicationID int64, slot, path string) (SlotState, error) {
	if fi, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return SlotState{}, backend.Errorf(backend.ECodeNotFound, "path", map[string]any{"path": path}, "stat: %v", err)
		}
		return SlotState{}, backend.Errorf(backend.ECodeUnsupported, "path", map[string]any{"reason": "read", "path": path}, "stat: %v", err)
	} else if fi.IsDir() {
		return SlotState{}, backend.Errorf(backend.ECodeUnsupported, "path", map[string]any{"reason": "format", "accepted": "JPEG, PNG"}, "%s is a folder", path)
	} else if fi.Size() > s.limits.MaxFileBytes {
		return SlotState{}, tooLargeFile(fi.Size(), s.limits.MaxFileBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return SlotState{}, backend.Errorf(backend.ECodeUnsupported, "path", map[string]any{"reason": "read", "path": path}, "open: %v", err)
	}
	defer f.Close()
	o, err := photo.Decode(f, s.limits, photo.ForSuggestion) // importOriginal suggests a crop
	if err != nil {
		return SlotState{}, importError(err, s.limits)
	}
	return s.importOriginal(applicationID, slot, o)
}

// ImportBytes imports a pasted image (base64, optionally a data: URL).
func (s *PhotoService) ImportBytes(applicationID int64, slot, data string) (SlotState, error) {
	if i := strings.Index(data, ","); strings.HasPrefix(data, "data:") && i > 0 {
		data = data[i+1:]
	}
	if n := int64(base64.StdEncoding.DecodedLen(len(data))); n > s.limits.MaxFileBytes+3 {
		return SlotState{}, tooLargeFile(n, s.limits.MaxFileBytes)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return SlotState{}, backend.Errorf(backend.ECodeCorrupt, "", map[string]any{"reason": "data"}, "base64: %v", err)
	}
	o, err := photo.DecodeBytes(b, s.limits, photo.ForSuggestion)
	if err != nil {
		return SlotState{}, importError(err, s.limits)
	}
	return s.importOriginal(applicationID, slot, o)
}

// ImportDialog asks for a file with the system dialog and imports it; a
// closed dialog returns the "cancelled" code, which the UI ignores.
func (s *PhotoService) ImportDialog(applicationID int64, slot string) (SlotState, error) {
	path, err := wruntime.OpenFileDialog(s.ctx, wruntime.OpenDialogOptions{
		Title: nativeString(textChoosePicture),
		Filters: []wruntime.FileFilter{
			// HEIC and PDF are listed so choosing one explains how to convert it.
			{DisplayName: nativeString(textFilterImages), Pattern: "*.jpg;*.jpeg;*.png;*.webp;*.bmp;*.tif;*.tiff;*.heic;*.heif;*.JPG;*.JPEG;*.PNG;*.HEIC"},
			{DisplayName: nativeString(textFilterAll), Pattern: "*"},
		},
	})
	if err != nil {
		return SlotState{}, backend.Wrap(backend.ECodeInternal, err)
	}
	if path == "" {
		return SlotState{}, backend.Errorf(backend.ECodeCancelled, "", nil, "dialog closed")
	}
	return s.ImportFile(applicationID, slot, path)
}

func tooLargeFile(size, limit int64) error {
	return backend.Errorf(backend.ECodeTooLarge, "", map[string]any{
		"reason": "file_bytes", "bytes": size, "maxBytes": limit, "mb": mb(size), "maxMb": mb(limit)}, "file of %d bytes", size)
}

func mb(n int64) float64 { return float64(n*10>>20) / 10 }

// importError adds megabyte figures to the decoder's file-size error, so the
// message can say "45 MB, limit 40 MB".
func importError(err error, lim photo.Limits) error {
	e := backend.AsError(err)
	if e.Code == backend.ECodeTooLarge && e.Params != nil && e.Params["reason"] == "file_bytes" {
		e.Params["maxMb"] = mb(lim.MaxFileBytes)
	}
	return e
}

// storableOriginal returns the bytes and MIME type kept as the original: the
// file as read for JPEG and PNG; other formats (WebP, TIFF, BMP) are kept as
// lossless PNG because the workspace holds JPEG and PNG only.
func storableOriginal(o *photo.Original) ([]byte, string, error) {
	switch o.Format {
	case "jpeg":
		return o.Bytes, "image/jpeg", nil
	case "png":
		return o.Bytes, "image/png", nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, o.Image); err != nil {
		return nil, "", backend.Wrap(backend.ECodeInternal, err)
	}
	return buf.Bytes(), "image/png", nil
}

func (s *PhotoService) importOriginal(applicationID int64, key string, o *photo.Original) (SlotState, error) {
	ws, err := s.h.get()
	if err != nil {
		return SlotState{}, err
	}
	ref, spec, app, err := s.slotRefApp(ws, applicationID, key)
	if err != nil {
		return SlotState{}, err
	}
	org := photo.IsOrganisation(app)
	sugg := o.SuggestCrop(spec)
	var adj photo.Adjust
	if sugg.Found && sugg.Auto {
		// Only a confident detection is applied; otherwise the original stays
		// and the clerk sees the suggestion with the reasons it was not applied.
		corners := sugg.Corners
		adj.Corners = &corners
	}
	exp, err := process(o, adj, sugg, spec, ref.Field, org)
	if err != nil && adj.Corners != nil {
		// A suggestion the warp cannot use must not fail the import: keep the whole picture.
		adj = photo.Adjust{}
		exp, err = process(o, adj, sugg, spec, ref.Field, org)
	}
	if err != nil {
		return SlotState{}, err
	}
	orig, mime, err := storableOriginal(o)
	if err != nil {
		return SlotState{}, err
	}
	p, err := ws.PutPhoto(s.ctx, backend.PhotoInput{
		ApplicationID: applicationID, Slot: key, Original: orig, OriginalMIME: mime,
		OriginalWidth: o.Width, OriginalHeight: o.Height, PhotoExport: exp,
	})
	if err != nil {
		return SlotState{}, err
	}
	s.keepOriginal(p, o) // the crop dialog usually follows
	// The slot shows the export; the original's preview is made when the crop
	// dialog asks for it (from the original kept above, without decoding).
	st := slotState(ref)
	if st.Photo, st.Findings, err = photoInfo(p); err != nil {
		return SlotState{}, err
	}
	return st, nil
}

// process renders the adjustment straight at the slot's export size (one
// pass from the original), checks and exports it; the findings travel in
// Adjustments.
func process(o *photo.Original, adj photo.Adjust, sugg photo.Suggestion, spec assets.PhotoSlot, field string, org bool) (backend.PhotoExport, error) {
	p, err := photo.Process(o.Image, adj, sugg, spec, photo.ProcessOptions{Field: field, Organisation: org})
	if err != nil {
		return backend.PhotoExport{}, err
	}
	meta, err := json.Marshal(photoMeta{Adjust: adj, Suggestion: sugg, Findings: p.Findings})
	if err != nil {
		return backend.PhotoExport{}, backend.Wrap(backend.ECodeInternal, err)
	}
	e := backend.PhotoExport{Adjustments: meta}
	if p.Data != nil {
		e.Export, e.ExportMIME, e.ExportWidth, e.ExportHeight = p.Data, "image/jpeg", p.Width, p.Height
	}
	return e, nil
}

// Apply re-makes a photo's export from its original with the crop dialog's
// settings (coordinates in full-size upright original pixels).
func (s *PhotoService) Apply(photoID int64, adjust photo.Adjust) (SlotState, error) {
	ws, err := s.h.get()
	if err != nil {
		return SlotState{}, err
	}
	p, err := ws.GetPhotoExport(s.ctx, photoID) // the original only if not kept decoded
	if err != nil {
		return SlotState{}, err
	}
	if !p.Current {
		return SlotState{}, backend.Errorf(backend.ECodeConflict, "photo", map[string]any{"id": photoID}, "photo %d was replaced", photoID)
	}
	ref, spec, app, err := s.slotRefApp(ws, p.ApplicationID, p.Slot)
	if err != nil {
		return SlotState{}, err
	}
	o, err := s.original(s.ctx, ws, p)
	if err != nil {
		return SlotState{}, err
	}
	old, err := readPhotoMeta(p)
	if err != nil {
		return SlotState{}, err
	}
	exp, err := process(o, adjust, old.Suggestion, spec, ref.Field, photo.IsOrganisation(app))
	if err != nil {
		return SlotState{}, err
	}
	if p, err = ws.SetPhotoExport(s.ctx, photoID, exp); err != nil {
		return SlotState{}, err
	}
	st := slotState(ref)
	if st.Photo, st.Findings, err = photoInfo(p); err != nil {
		return SlotState{}, err
	}
	return st, nil
}

// Remove empties a slot (the picture stays in the slot's history).
func (s *PhotoService) Remove(applicationID int64, slot string) (SlotState, error) {
	ws, err := s.h.get()
	if err != nil {
		return SlotState{}, err
	}
	ref, _, err := s.slotRef(ws, applicationID, slot)
	if err != nil {
		return SlotState{}, err
	}
	if err := ws.RemovePhoto(s.ctx, applicationID, slot); err != nil && backend.ErrorCode(err) != backend.ECodeNotFound {
		return SlotState{}, err
	}
	return slotState(ref), nil
}

// preview returns the preview JPEG of photo id, made from the original with
// its orientation applied; previews are cached since originals never change.
// version is the URL's v (a prefix of the original's checksum): a cached
// preview of that original is served without reading the workspace. current
// reports whether the preview is of the original version names.
func (s *PhotoService) preview(ctx context.Context, id int64, version string) (b []byte, current bool, err error) {
	s.mu.Lock()
	c, ok := s.previews[id]
	s.mu.Unlock()
	if ok && version != "" && strings.HasPrefix(c.sha, version) {
		return c.b, true, nil
	}
	ws, err := s.h.get()
	if err != nil {
		return nil, false, err
	}
	p, err := ws.GetPhotoExport(ctx, id) // the original only if not kept decoded
	if err != nil {
		return nil, false, err
	}
	current = version != "" && strings.HasPrefix(p.OriginalSHA256, version)
	if ok && c.sha == p.OriginalSHA256 {
		return c.b, current, nil
	}
	o, err := s.original(ctx, ws, p)
	if err != nil {
		return nil, false, err
	}
	return s.cachePreview(p, o.Image), current, nil
}

const maxCachedPreviews = 24

func (s *PhotoService) cachePreview(p backend.Photo, img image.Image) []byte {
	b, err := photo.Preview(img, PreviewMaxSide)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := p.ID
	if _, ok := s.previews[id]; !ok {
		s.order = append(s.order, id)
	}
	s.previews[id] = cachedPreview{sha: p.OriginalSHA256, b: b}
	for len(s.order) > maxCachedPreviews {
		delete(s.previews, s.order[0])
		s.order = s.order[1:]
	}
	return b
}

// readPhotoMeta decodes the settings stored with a photo ("" when none yet).
func readPhotoMeta(p backend.Photo) (photoMeta, error) {
	var meta photoMeta
	if len(p.Adjustments) == 0 {
		return meta, nil
	}
	if err := json.Unmarshal(p.Adjustments, &meta); err != nil {
		return meta, backend.Errorf(backend.ECodeCorrupt, "", map[string]any{"photo": p.ID}, "photo %d: stored settings: %v", p.ID, err)
	}
	return meta, nil
}
