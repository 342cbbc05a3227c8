package app

import (
	"net/http"
	"strconv"
	"strings"

	"icpdesk/backend"
)

// mediaRoute serves the requests under one path prefix; rest is the path
// after the prefix.
type mediaRoute struct {
	prefix string
	serve  func(w http.ResponseWriter, r *http.Request, rest string)
}

// mediaHandler serves stored bytes (checklist PDFs, later photos) to the page
// through the Wails AssetServer, which hands it every request its embedded
// assets do not answer. Only GET/HEAD under known prefixes; the rest is 404.
type mediaHandler struct {
	h      *workspaceHolder
	routes []mediaRoute
}

func newMediaHandler(h *workspaceHolder) *mediaHandler {
	m := &mediaHandler{h: h}
	m.routes = []mediaRoute{
		{prefix: "/media/document/", serve: m.document},
	}
	return m
}

// mount adds a handler for every path under prefix (e.g. the photo service's
// ServeHTTP for "/media/photo/"); it sees the full request path.
func (m *mediaHandler) mount(prefix string, h http.Handler) *mediaHandler {
	m.routes = append(m.routes, mediaRoute{prefix: prefix, serve: func(w http.ResponseWriter, r *http.Request, _ string) {
		h.ServeHTTP(w, r)
	}})
	return m
}

func (m *mediaHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, rt := range m.routes {
		if rest, ok := strings.CutPrefix(r.URL.Path, rt.prefix); ok {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			rt.serve(w, r, rest)
			return
		}
	}
	http.NotFound(w, r)
}

// mediaID parses "<id><ext>" (a positive decimal id); ok is false otherwise.
func mediaID(rest, ext string) (int64, bool) {
	s, ok := strings.CutSuffix(rest, ext)
	if !ok || s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// document serves /media/document/<id>.pdf: a stored checklist PDF.
func (m *mediaHandler) document(w http.ResponseWriter, r *http.Request, rest string) {
	id, ok := mediaID(rest, ".pdf")
	if !ok {
		http.NotFound(w, r)
		return
	}
	ws, err := m.h.get()
	if err != nil {
		http.Error(w, "workspace unavailable", http.StatusServiceUnavailable)
		return
	}
	d, err := ws.GetDocument(r.Context(), id)
	if err != nil {
		if backend.ErrorCode(err) == backend.ECodeNotFound {
			http.NotFound(w, r)
		} else {
			http.Error(w, "cannot read document", http.StatusInternalServerError)
		}
		return
	}
	serveBytes(w, r, "application/pdf", d.PDF)
}

// serveBytes answers with data, never cached: a regenerated document or a
// replaced photo must show at once.
func serveBytes(w http.ResponseWriter, r *http.Request, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}
