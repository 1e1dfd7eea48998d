-- 0005: roster imports. The uploaded file is kept between the preview and
-- the commit (the commit re-reads and re-checks it against the database);
-- committed_at marks one that has been applied.
CREATE TABLE roster_import (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	account_id INTEGER REFERENCES account(id),
	filename TEXT NOT NULL,
	content BLOB NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	committed_at TEXT,
	added INTEGER NOT NULL DEFAULT 0,
	changed INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX roster_import_school ON roster_import(school_id, created_at);
