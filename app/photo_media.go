package app

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"icpdesk/backend"
	"icpdesk/backend/photo"
)

// PhotoMediaPrefix is the URL path the photo media handler serves.
const PhotoMediaPrefix = "/media/photo/"

// media returns the handler for PhotoMediaPrefix; it is not a method of the
// service itself, so Wails does not bind it to the frontend.
func (s *PhotoService) media() http.Handler { return http.HandlerFunc(s.serveMedia) }

// serveMedia serves /media/photo/<id>/preview.jpg (the original, upright, long
// edge ≤ PreviewMaxSide) and /media/photo/<id>/export.jpg (the exported file).
func (s *PhotoService) serveMedia(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, PhotoMediaPrefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	idText, file, ok := strings.Cut(rest, "/")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		http.NotFound(w, r)
		return
	}
	var body []byte
	switch file {
	case "preview.jpg":
		// ?v=<the original's checksum prefix>, as PhotoInfo.PreviewURL gives
		// it: that URL always means the same picture, so the webview may keep
		// it (an id alone does not: every workspace has a photo 1).
		var current bool
		body, current, err = s.preview(r.Context(), id, r.URL.Query().Get("v"))
		if current {
			w.Header().Set("Cache-Control", "private, max-age=86400")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
	case "render.jpg":
		// ?v=<the original's checksum prefix>&a=<the crop dialog's Adjust as
		// JSON>, as PhotoInfo.RenderURL + "&a=…": what Apply would export, small
		var adj photo.Adjust
		if jerr := json.Unmarshal([]byte(r.URL.Query().Get("a")), &adj); jerr != nil {
			http.Error(w, backend.ECodeInvalid, http.StatusBadRequest)
			return
		}
		var sha string
		body, sha, err = s.render(r.Context(), id, adj)
		if backend.ErrorCode(err) == backend.ECodeInvalid {
			http.Error(w, backend.ECodeInvalid, http.StatusBadRequest)
			return
		}
		if v := r.URL.Query().Get("v"); v == "" || !strings.HasPrefix(sha, v) {
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", "private, max-age=3600")
		}
	case "export.jpg":
		ws, werr := s.h.get()
		if werr != nil {
			err = werr
			break
		}
		p, gerr := ws.GetPhotoExport(r.Context(), id)
		body, err = p.Export, gerr
		w.Header().Set("Cache-Control", "no-cache")
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil || len(body) == 0 {
		if err == nil || backend.ErrorCode(err) == backend.ECodeNotFound {
			http.NotFound(w, r)
		} else {
			http.Error(w, backend.ErrorCode(err), http.StatusInternalServerError)
		}
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}
