-- Schema 2: who has which application open now, so lists can say "李四 正在编辑".
-- One row per app session; seen_at is the server's clock (ms), refreshed while
-- the application stays open, so a crashed app's row simply ages out.
CREATE TABLE editing (
	session        text   PRIMARY KEY,
	clerk          text   NOT NULL,
	application_id bigint NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
	seen_at        bigint NOT NULL
);
CREATE INDEX editing_application ON editing(application_id, seen_at);
