-- Schema 2: who did what, and per-application revisions for merging saves.
ALTER TABLE applications ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;          -- bumped by every document change
ALTER TABLE applications ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';     -- clerk of the last change
ALTER TABLE revisions ADD COLUMN clerk TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN clerk TEXT NOT NULL DEFAULT '';

-- The fields each document change touched, so a save made from an older rev
-- can be merged field by field (SaveDraftFrom).
CREATE TABLE draft_changes (
	application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	rev            INTEGER NOT NULL,
	path           TEXT    NOT NULL,
	clerk          TEXT    NOT NULL,
	at             INTEGER NOT NULL
);
CREATE INDEX draft_changes_application ON draft_changes(application_id, rev);
