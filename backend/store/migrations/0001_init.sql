-- ICP Desk workspace, schema 1. Times are Unix milliseconds (UTC).
PRAGMA application_id = 1229148228; -- "ICPD": tells our files from other SQLite files

CREATE TABLE clients (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	contact    TEXT    NOT NULL DEFAULT '',
	phone      TEXT    NOT NULL DEFAULT '',
	notes      TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX clients_name ON clients(name);

CREATE TABLE applications (
	id             INTEGER PRIMARY KEY,
	client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
	type           TEXT    NOT NULL DEFAULT '',
	status         TEXT    NOT NULL,
	province       TEXT    NOT NULL DEFAULT '',
	entity_name    TEXT    NOT NULL DEFAULT '',
	primary_domain TEXT    NOT NULL DEFAULT '',
	icp_number     TEXT    NOT NULL DEFAULT '',
	search_text    TEXT    NOT NULL DEFAULT '', -- lower-cased names, domains, numbers for free-text search
	step           TEXT    NOT NULL DEFAULT '',
	doc_version    INTEGER NOT NULL,
	doc            TEXT    NOT NULL,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL,
	deleted_at     INTEGER
);
CREATE INDEX applications_updated ON applications(deleted_at, updated_at);
CREATE INDEX applications_created ON applications(deleted_at, created_at);
CREATE INDEX applications_entity_name ON applications(deleted_at, entity_name);
CREATE INDEX applications_client ON applications(client_id, deleted_at, status);
CREATE INDEX applications_status ON applications(status, deleted_at);
CREATE INDEX applications_province ON applications(province, deleted_at);
-- covering index: free-text search scans this instead of rows holding whole documents
CREATE INDEX applications_search ON applications(deleted_at, search_text);

CREATE TABLE revisions (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	number         INTEGER NOT NULL,
	reason         TEXT    NOT NULL CHECK (reason IN ('submit', 'rejection', 'manual')),
	note           TEXT    NOT NULL DEFAULT '',
	status         TEXT    NOT NULL,
	doc_version    INTEGER NOT NULL,
	doc            TEXT    NOT NULL,
	created_at     INTEGER NOT NULL,
	UNIQUE (application_id, number)
);
CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
BEGIN
	SELECT RAISE(ABORT, 'revisions are immutable');
END;

-- Blobs come last so listing metadata does not read their overflow pages.
CREATE TABLE photos (
	id              INTEGER PRIMARY KEY,
	application_id  INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	slot            TEXT    NOT NULL,
	original_sha256 TEXT    NOT NULL,
	original_size   INTEGER NOT NULL,
	original_mime   TEXT    NOT NULL,
	original_width  INTEGER NOT NULL,
	original_height INTEGER NOT NULL,
	export_sha256   TEXT    NOT NULL DEFAULT '',
	export_size     INTEGER NOT NULL DEFAULT 0,
	export_mime     TEXT    NOT NULL DEFAULT '',
	export_width    INTEGER NOT NULL DEFAULT 0,
	export_height   INTEGER NOT NULL DEFAULT 0,
	adjustments     TEXT    NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	replaced_at     INTEGER,
	original        BLOB    NOT NULL,
	export          BLOB
);
CREATE UNIQUE INDEX photos_current ON photos(application_id, slot) WHERE replaced_at IS NULL;
CREATE INDEX photos_slot ON photos(application_id, slot, created_at);
CREATE TRIGGER photos_original_immutable BEFORE UPDATE OF original, original_sha256 ON photos
BEGIN
	SELECT RAISE(ABORT, 'photo originals are immutable');
END;

CREATE TABLE documents (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	website_id     TEXT    NOT NULL,
	sha256         TEXT    NOT NULL,
	size           INTEGER NOT NULL,
	draft          INTEGER NOT NULL DEFAULT 0,
	created_at     INTEGER NOT NULL,
	pdf            BLOB    NOT NULL
);
CREATE INDEX documents_website ON documents(application_id, website_id, created_at);

CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	from_status    TEXT    NOT NULL,
	to_status      TEXT    NOT NULL,
	at             INTEGER NOT NULL,
	note           TEXT    NOT NULL DEFAULT '',
	actor          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX events_application ON events(application_id, at);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT    NOT NULL,
	updated_at INTEGER NOT NULL
);
