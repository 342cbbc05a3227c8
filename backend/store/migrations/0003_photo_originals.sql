-- Schema 3: photo originals in their own table. SQLite rewrites a whole
-- record (overflow pages included) on any UPDATE, so with the original in the
-- photos row every new export (each crop 应用) rewrote the original too —
-- 55–62 ms for a phone camera's 5.7 MB file. The original is written once,
-- when the photo is added, and never again; the photos row keeps the
-- metadata and the export, which is replaced whenever the export changes.
-- A row per photo (not shared by checksum), so deleting a photo or purging
-- its application removes its original by cascade and leaves no orphans.
CREATE TABLE photo_originals (
	photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
	original BLOB    NOT NULL
);
INSERT INTO photo_originals(photo_id, original) SELECT id, original FROM photos;

DROP TRIGGER photos_original_immutable;
ALTER TABLE photos DROP COLUMN original;
CREATE TRIGGER photos_original_immutable BEFORE UPDATE OF original_sha256 ON photos
BEGIN
	SELECT RAISE(ABORT, 'photo originals are immutable');
END;
CREATE TRIGGER photo_originals_immutable BEFORE UPDATE ON photo_originals
BEGIN
	SELECT RAISE(ABORT, 'photo originals are immutable');
END;
