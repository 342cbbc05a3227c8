package submit

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"icpdesk/backend"
)

// fakeStore is an in-memory Store whose clock ticks one second per write, so
// the order of edits, PDFs and status changes is visible in their times.
type fakeStore struct {
	mu       sync.Mutex
	now      time.Time
	apps     map[int64]*backend.ApplicationRecord
	events   map[int64][]backend.Event
	revs     []backend.Revision
	photos   map[int64]map[string]backend.Photo
	docs     map[int64][]backend.Document
	icp      map[int64]string
	settings map[string]string
	nextID   int64
}

func newFake() *fakeStore {
	return &fakeStore{
		now:  time.Date(2024, 3, 4, 2, 0, 0, 0, time.UTC),
		apps: map[int64]*backend.ApplicationRecord{}, events: map[int64][]backend.Event{},
		photos: map[int64]map[string]backend.Photo{}, docs: map[int64][]backend.Document{},
		icp: map[int64]string{}, settings: map[string]string{},
	}
}

func (f *fakeStore) tick() time.Time { f.now = f.now.Add(time.Second); return f.now }
func (f *fakeStore) id() int64       { f.nextID++; return f.nextID }

func (f *fakeStore) add(doc backend.Application, status backend.Status) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.tick()
	id := f.id()
	f.apps[id] = &backend.ApplicationRecord{ID: id, ClientID: 1, Status: status, Doc: doc, CreatedAt: t, UpdatedAt: t}
	f.events[id] = []backend.Event{{ID: f.id(), ApplicationID: id, To: status, At: t}}
	return id
}

// edit replaces the document as SaveDraft would and returns the saved record.
func (f *fakeStore) edit(id int64, change func(*backend.Application)) backend.ApplicationRecord {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.apps[id]
	before := docHash(r.Doc)
	change(&r.Doc)
	if docHash(r.Doc) != before {
		r.UpdatedAt = f.tick()
	}
	return *r
}

func (f *fakeStore) putPhoto(id int64, slot string, exported bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.photos[id] == nil {
		f.photos[id] = map[string]backend.Photo{}
	}
	p := backend.Photo{ID: f.id(), ApplicationID: id, Slot: slot, Current: true, Original: []byte("orig"), OriginalMIME: "image/jpeg", CreatedAt: f.tick()}
	if exported {
		p.Export, p.ExportMIME, p.ExportSize = []byte("jpeg of "+slot), "image/jpeg", int64(len("jpeg of "+slot))
	}
	f.photos[id][slot] = p
}

func (f *fakeStore) putDoc(id int64, website string, draft bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	pdf := []byte("%PDF-1.4 " + website)
	f.docs[id] = append(f.docs[id], backend.Document{ID: f.id(), ApplicationID: id, WebsiteID: website, PDF: pdf, Size: int64(len(pdf)), Draft: draft, CreatedAt: f.tick()})
}

func notFound(what string, id any) error {
	return backend.Errorf(backend.ECodeNotFound, "", nil, "%s %v", what, id)
}

func (f *fakeStore) GetApplication(_ context.Context, id int64) (backend.ApplicationRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.apps[id]
	if !ok {
		return backend.ApplicationRecord{}, notFound("application", id)
	}
	return *r, nil
}

func (f *fakeStore) SetStatus(_ context.Context, id int64, c backend.StatusChange) (backend.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.apps[id]
	if !ok {
		return backend.Event{}, notFound("application", id)
	}
	if r.Status == c.To {
		return backend.Event{}, backend.Errorf(backend.ECodeConflict, "status", nil, "already %s", c.To)
	}
	now := f.tick()
	at := c.At
	if at.IsZero() {
		at = now
	}
	ev := backend.Event{ID: f.id(), ApplicationID: id, From: r.Status, To: c.To, At: at, Note: c.Note, Actor: c.Actor}
	r.Status, r.UpdatedAt = c.To, now
	f.events[id] = append(f.events[id], ev)
	return ev, nil
}

func (f *fakeStore) ListEvents(_ context.Context, id int64) ([]backend.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	evs := append([]backend.Event{}, f.events[id]...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	return evs, nil
}

func (f *fakeStore) CreateRevision(_ context.Context, id int64, reason backend.RevisionReason, note string) (backend.Revision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.apps[id]
	if !ok {
		return backend.Revision{}, notFound("application", id)
	}
	doc := r.Doc
	n := 1
	for _, v := range f.revs {
		if v.ApplicationID == id {
			n++
		}
	}
	rev := backend.Revision{ID: f.id(), ApplicationID: id, Number: n, Reason: reason, Note: note, Status: r.Status, Doc: &doc, CreatedAt: f.tick()}
	f.revs = append(f.revs, rev)
	return rev, nil
}

func (f *fakeStore) ListPhotos(_ context.Context, id int64) ([]backend.Photo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []backend.Photo{}
	for _, p := range f.photos[id] {
		p.Original, p.Export = nil, nil
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slot < out[j].Slot })
	return out, nil
}

func (f *fakeStore) CurrentPhoto(_ context.Context, id int64, slot string) (backend.Photo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.photos[id][slot]
	if !ok {
		return p, notFound("photo", slot)
	}
	return p, nil
}

func (f *fakeStore) ListDocuments(_ context.Context, id int64) ([]backend.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []backend.Document{}
	for i := len(f.docs[id]) - 1; i >= 0; i-- {
		d := f.docs[id][i]
		d.PDF = nil
		out = append(out, d)
	}
	return out, nil
}

func (f *fakeStore) GetDocument(_ context.Context, docID int64) (backend.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, list := range f.docs {
		for _, d := range list {
			if d.ID == docID {
				return d, nil
			}
		}
	}
	return backend.Document{}, notFound("document", docID)
}

func (f *fakeStore) SetICPNumber(_ context.Context, id int64, number string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.apps[id]; !ok {
		return notFound("application", id)
	}
	f.icp[id] = number
	f.apps[id].UpdatedAt = f.tick()
	return nil
}

func (f *fakeStore) GetSetting(_ context.Context, key string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.settings[key]
	if !ok {
		return "", notFound("setting", key)
	}
	return v, nil
}

func (f *fakeStore) SetSetting(_ context.Context, key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.settings[key] = value
	return nil
}

func (f *fakeStore) status(id int64) backend.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.apps[id].Status
}

func (f *fakeStore) String() string { return fmt.Sprintf("fakeStore(%d apps)", len(f.apps)) }
