package backend

import (
	"context"
	"encoding/json"
	"io"
	"time"
)

// Workspace is everything the screens keep on disk: clients, applications with
// their revisions, photos, checklist PDFs and status timeline, and settings.
// backend/store implements it on one SQLite file; nothing here is SQLite
// specific, so a shared (PostgreSQL) implementation can follow. Every method
// returns coded errors (*Error): not_found, invalid, conflict, read_only, …
type Workspace interface {
	ClientStore
	ApplicationStore
	RevisionStore
	PhotoStore
	DocumentStore
	EventStore
	SettingStore
	BackupStore
	TransferStore
	// Close releases the workspace; later calls fail.
	Close() error
}

// ClientStore keeps the clients an agency files for.
type ClientStore interface {
	// CreateClient stores a new client; ID and timestamps are assigned.
	CreateClient(ctx context.Context, c Client) (Client, error)
	// UpdateClient replaces name, contact, phone and notes of client c.ID.
	UpdateClient(ctx context.Context, c Client) (Client, error)
	GetClient(ctx context.Context, id int64) (Client, error)
	// ListClients returns every client by name with its application counts.
	ListClients(ctx context.Context) ([]ClientSummary, error)
	// DeleteClient removes a client that has no applications (trash included);
	// otherwise it fails with ECodeConflict.
	DeleteClient(ctx context.Context, id int64) error
}

// ClientSummary is a client with how many of its live applications are in
// each status (trash not counted).
type ClientSummary struct {
	Client
	Counts map[Status]int `json:"counts"`
	Total  int            `json:"total"`
}

// ApplicationStore keeps filing orders: the JSON document the wizard edits plus
// the columns lists filter and sort on.
type ApplicationStore interface {
	// CreateApplication stores doc (NewApplication() when its Version is 0) for
	// a client, in status draft, and records a "created" event.
	CreateApplication(ctx context.Context, clientID int64, doc Application) (ApplicationRecord, error)
	GetApplication(ctx context.Context, id int64) (ApplicationRecord, error)
	// SaveDraft applies patches to the application's document in one
	// transaction. Saving the same patches twice leaves the same document.
	// It never checks for other clerks' changes (last writer wins).
	SaveDraft(ctx context.Context, id int64, patches ...DraftPatch) (ApplicationRecord, error)
	// SaveDraftFrom applies patches a clerk made on revision base (the Rev of
	// the record they edited) without silently overwriting another clerk's
	// later change: a patch whose field another clerk changed after base is
	// not applied but returned as a conflict; the other patches are applied
	// (merged). base 0 checks nothing, like SaveDraft.
	SaveDraftFrom(ctx context.Context, id int64, base int64, patches ...DraftPatch) (DraftResult, error)
	// SetStep remembers the wizard step last shown, for resuming.
	SetStep(ctx context.Context, id int64, step string) error
	// SetICPNumber records the ICP number granted on approval (or "" to clear).
	SetICPNumber(ctx context.Context, id int64, number string) error
	// ListApplications returns one page of applications and the total count.
	ListApplications(ctx context.Context, f ApplicationFilter) (ApplicationPage, error)
	// DuplicateApplication copies an application's document and current photos
	// into a new draft of the same client.
	DuplicateApplication(ctx context.Context, id int64) (ApplicationRecord, error)
	// NewWebsiteApplication starts a new draft with the entity data (and entity
	// photos) of application fromID and one empty website; typ "" means
	// add_website_tencent.
	NewWebsiteApplication(ctx context.Context, fromID int64, typ ApplicationType) (ApplicationRecord, error)
	// NewWebsiteApplicationForClient does the same from the client's latest
	// approved application, or its latest one when none is approved.
	NewWebsiteApplicationForClient(ctx context.Context, clientID int64, typ ApplicationType) (ApplicationRecord, error)
	// TrashApplication moves an application to the trash; RestoreApplication
	// takes it back out.
	TrashApplication(ctx context.Context, id int64) error
	RestoreApplication(ctx context.Context, id int64) error
	// EmptyTrash deletes every trashed application with its revisions, photos,
	// documents and events, and returns how many applications went.
	EmptyTrash(ctx context.Context) (int, error)
}

// DraftPatch sets (or with Delete removes) the value at Path in the
// application document. Path is a dotted JSON path using the json tags:
// "entity.person.mobile", "websites.1" (a whole website), "websites.0.domains.2"
// (index == length appends), "" (the whole document). Missing intermediate
// objects are created.
type DraftPatch struct {
	Path   string          `json:"path"`
	Value  json.RawMessage `json:"value,omitempty" ts_type:"unknown"` // ts_type: its type in the generated TS models
	Delete bool            `json:"delete,omitempty"`
}

// ApplicationSort orders application lists.
type ApplicationSort string

const (
	SortUpdated    ApplicationSort = "updated"     // most recently changed first (default)
	SortCreated    ApplicationSort = "created"     // newest first
	SortEntityName ApplicationSort = "entity_name" // A→Z by entity name
)

// ApplicationFilter selects applications; zero fields do not filter.
type ApplicationFilter struct {
	ClientID int64             `json:"clientId,omitempty"`
	Statuses []Status          `json:"statuses,omitempty"`
	Province string            `json:"province,omitempty"`
	Types    []ApplicationType `json:"types,omitempty"`
	// Text matches entity name, any domain, ICP numbers and certificate
	// number, case-insensitively.
	Text    string          `json:"text,omitempty"`
	Sort    ApplicationSort `json:"sort,omitempty"`
	Reverse bool            `json:"reverse,omitempty"`
	// Trashed lists the trash instead of live applications.
	Trashed bool `json:"trashed,omitempty"`
	Limit   int  `json:"limit,omitempty"` // 0 means 50; at most 500
	Offset  int  `json:"offset,omitempty"`
}

// ApplicationSummary is one row of an application list (no document).
type ApplicationSummary struct {
	ID            int64           `json:"id"`
	ClientID      int64           `json:"clientId"`
	ClientName    string          `json:"clientName"`
	Type          ApplicationType `json:"type"`
	Status        Status          `json:"status"`
	Province      string          `json:"province"`
	EntityName    string          `json:"entityName"`
	PrimaryDomain string          `json:"primaryDomain"`
	ICPNumber     string          `json:"icpNumber"`
	Step          string          `json:"step,omitempty"`
	UpdatedBy     string          `json:"updatedBy,omitempty"` // clerk of the last change
	// EditingBy are the other clerks who have the application open now
	// (workspaces with Presence; empty otherwise).
	EditingBy []string   `json:"editingBy,omitempty"`
	CreatedAt time.Time  `json:"createdAt"`
	UpdatedAt time.Time  `json:"updatedAt"`
	DeletedAt *time.Time `json:"deletedAt,omitempty"`
}

// ApplicationPage is one page of a list and the number of matches in all.
type ApplicationPage struct {
	Items []ApplicationSummary `json:"items"`
	Total int                  `json:"total"`
}

// RevisionReason says why a snapshot was taken.
type RevisionReason string

const (
	RevisionSubmit    RevisionReason = "submit"    // frozen at console submission
	RevisionRejection RevisionReason = "rejection" // kept when a rejection reopens the order
	RevisionManual    RevisionReason = "manual"    // the clerk asked for one
)

// Revision is an immutable snapshot of an application. Doc is empty in lists.
type Revision struct {
	ID            int64          `json:"id"`
	ApplicationID int64          `json:"applicationId"`
	Number        int            `json:"number"` // 1, 2, … per application
	Reason        RevisionReason `json:"reason"`
	Note          string         `json:"note"`
	Status        Status         `json:"status"`          // status when taken
	Clerk         string         `json:"clerk,omitempty"` // who took it ("" unknown)
	Doc           *Application   `json:"doc,omitempty"`
	CreatedAt     time.Time      `json:"createdAt"`
}

// FieldChange is one difference between two documents; Before or After is
// null where the field did not exist.
type FieldChange struct {
	Path   string          `json:"path"`
	Before json.RawMessage `json:"before" ts_type:"unknown"`
	After  json.RawMessage `json:"after" ts_type:"unknown"`
}

// RevisionStore keeps snapshots and compares them.
type RevisionStore interface {
	// CreateRevision snapshots the application's current document and status.
	CreateRevision(ctx context.Context, applicationID int64, reason RevisionReason, note string) (Revision, error)
	// ListRevisions returns the application's revisions, oldest first, without documents.
	ListRevisions(ctx context.Context, applicationID int64) ([]Revision, error)
	GetRevision(ctx context.Context, id int64) (Revision, error)
	// DiffRevisions lists what changed from revision fromID to revision toID;
	// toID 0 compares with the current draft.
	DiffRevisions(ctx context.Context, fromID, toID int64) ([]FieldChange, error)
}

// PhotoInput is a picture the clerk put into a slot: the original as read and,
// once processed, the export for the slot's spec.
type PhotoInput struct {
	ApplicationID  int64  `json:"applicationId"`
	Slot           string `json:"slot"` // "entity.cert", "person.id_front", "websites.w1.checklist"
	Original       []byte `json:"-"`
	OriginalMIME   string `json:"originalMime"`
	OriginalWidth  int    `json:"originalWidth"`
	OriginalHeight int    `json:"originalHeight"`
	PhotoExport
}

// PhotoExport is the processed picture and the adjustments that made it.
type PhotoExport struct {
	Export       []byte          `json:"-"`
	ExportMIME   string          `json:"exportMime,omitempty"`
	ExportWidth  int             `json:"exportWidth,omitempty"`
	ExportHeight int             `json:"exportHeight,omitempty"`
	Adjustments  json.RawMessage `json:"adjustments,omitempty"` // crop/rotate/levels, photo package's shape
}

// Photo is a stored picture. Original and Export are nil in lists.
type Photo struct {
	ID             int64  `json:"id"`
	ApplicationID  int64  `json:"applicationId"`
	Slot           string `json:"slot"`
	Original       []byte `json:"-"`
	OriginalMIME   string `json:"originalMime"`
	OriginalWidth  int    `json:"originalWidth"`
	OriginalHeight int    `json:"originalHeight"`
	OriginalSHA256 string `json:"originalSha256"`
	OriginalSize   int64  `json:"originalSize"`
	PhotoExport
	ExportSHA256 string     `json:"exportSha256,omitempty"`
	ExportSize   int64      `json:"exportSize,omitempty"`
	Current      bool       `json:"current"` // false once replaced or removed
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
	ReplacedAt   *time.Time `json:"replacedAt,omitempty"`
}

// PhotoStore keeps photos per application and slot. Replacing a photo keeps
// the old one in the slot's history; originals are never overwritten.
type PhotoStore interface {
	// PutPhoto makes p the slot's current photo; checksums are computed here.
	PutPhoto(ctx context.Context, p PhotoInput) (Photo, error)
	// SetPhotoExport stores a new export of photo id (its original stays).
	SetPhotoExport(ctx context.Context, id int64, e PhotoExport) (Photo, error)
	// GetPhoto returns a photo with its bytes.
	GetPhoto(ctx context.Context, id int64) (Photo, error)
	// GetPhotoExport returns a photo with its export's bytes, without its
	// original's (Original is nil): for what needs only the export or the
	// metadata, as originals are large (a phone camera's is 5–6 MB).
	GetPhotoExport(ctx context.Context, id int64) (Photo, error)
	// CurrentPhoto returns the slot's current photo with its bytes.
	CurrentPhoto(ctx context.Context, applicationID int64, slot string) (Photo, error)
	// ListPhotos returns the application's current photos by slot, without bytes.
	ListPhotos(ctx context.Context, applicationID int64) ([]Photo, error)
	// PhotoHistory returns every photo the slot has had, newest first, without bytes.
	PhotoHistory(ctx context.Context, applicationID int64, slot string) ([]Photo, error)
	// RemovePhoto empties the slot; the photo stays in its history.
	RemovePhoto(ctx context.Context, applicationID int64, slot string) error
}

// Document is a generated checklist PDF for one website. PDF is nil in lists.
type Document struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"applicationId"`
	WebsiteID     string    `json:"websiteId"`
	PDF           []byte    `json:"-"`
	SHA256        string    `json:"sha256"`
	Size          int64     `json:"size"`
	Draft         bool      `json:"draft"`
	CreatedAt     time.Time `json:"createdAt"`
}

// DocumentStore keeps generated PDFs; each generation is a new document.
type DocumentStore interface {
	PutDocument(ctx context.Context, applicationID int64, websiteID string, pdf []byte, draft bool) (Document, error)
	GetDocument(ctx context.Context, id int64) (Document, error)
	// LatestDocument returns the newest PDF of one website, with its bytes.
	LatestDocument(ctx context.Context, applicationID int64, websiteID string) (Document, error)
	// ListDocuments returns the application's PDFs, newest first, without bytes.
	ListDocuments(ctx context.Context, applicationID int64) ([]Document, error)
}

// StatusChange asks to move an application to another status. At is when it
// happened (zero: now); the caller has checked the transition is allowed.
type StatusChange struct {
	To    Status    `json:"to"`
	Note  string    `json:"note,omitempty"`
	Actor string    `json:"actor,omitempty"` // "user", "system", an agent's name
	At    time.Time `json:"at,omitempty"`
}

// Event is one step of an application's status timeline.
type Event struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"applicationId"`
	From          Status    `json:"from"` // "" for creation
	To            Status    `json:"to"`
	At            time.Time `json:"at"`
	Note          string    `json:"note,omitempty"`
	Actor         string    `json:"actor,omitempty"`
	Clerk         string    `json:"clerk,omitempty"` // the clerk whose session recorded it ("" unknown)
}

// EventStore keeps the status timeline.
type EventStore interface {
	// SetStatus changes the application's status and records the event.
	SetStatus(ctx context.Context, applicationID int64, c StatusChange) (Event, error)
	// ListEvents returns the timeline, oldest first.
	ListEvents(ctx context.Context, applicationID int64) ([]Event, error)
}

// SettingStore keeps small key/value settings (language, last application,
// window state); values are opaque strings, usually JSON.
type SettingStore interface {
	// GetSetting returns ECodeNotFound for a key never set.
	GetSetting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// BackupInfo names one backup file.
type BackupInfo struct {
	// Partial marks an unfinished backup (a crash's leftover, or one being
	// written): listed so its size counts, never restorable.
	Partial   bool      `json:"partial,omitempty"`
	Name      string    `json:"name"` // file name inside the backups folder
	Path      string    `json:"path"`
	Size      int64     `json:"size"`
	CreatedAt time.Time `json:"createdAt"`
}

// BackupStore makes and restores whole-workspace backups.
type BackupStore interface {
	// Backup writes a consistent copy of the workspace now.
	Backup(ctx context.Context) (BackupInfo, error)
	// ListBackups returns the backups, newest first.
	ListBackups(ctx context.Context) ([]BackupInfo, error)
	// RestoreBackup replaces the workspace with the backup called name, after
	// backing up the current state.
	RestoreBackup(ctx context.Context, name string) error
}

// ImportResult says what an import created.
type ImportResult struct {
	Client       Client `json:"client"`
	Applications int    `json:"applications"`
	// WebsiteIDsRepaired counts websites that shared an ID with an earlier
	// website of their application and got a fresh one (EnsureWebsiteIDs).
	WebsiteIDsRepaired int `json:"websiteIdsRepaired"`
}

// TransferStore moves one client with everything it owns between workspaces.
type TransferStore interface {
	// ExportClient writes the client, its live applications and their
	// revisions, photos, documents and events to w as one file.
	ExportClient(ctx context.Context, clientID int64, w io.Writer) error
	// ImportClient reads such a file into new records (new ids, nothing
	// overwritten). The file is untrusted: size-limited and validated.
	ImportClient(ctx context.Context, r io.Reader) (ImportResult, error)
}

// Presence is kept by workspaces several clerks share (the team workspace):
// which application each clerk's app shows now, for the lists.
type Presence interface {
	// SetEditing says this app shows application id now (0: none). Call it
	// again at least every PresenceTTL/2 to stay listed.
	SetEditing(ctx context.Context, applicationID int64) error
}

// PresenceTTL is how long a SetEditing counts without being repeated.
const PresenceTTL = time.Minute
