-- 0012: catalogue spreadsheet imports (issue 13). As with roster imports
-- (0005), the uploaded file is kept between the preview and the commit,
-- which re-reads and re-checks it; committed_at marks one that was applied,
-- with how many items it added, changed and retired.
CREATE TABLE catalogue_import (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
	account_id INTEGER REFERENCES account(id),
	filename TEXT NOT NULL,
	content BLOB NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	committed_at TEXT,
	added INTEGER NOT NULL DEFAULT 0,
	changed INTEGER NOT NULL DEFAULT 0,
	retired INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX catalogue_import_year ON catalogue_import(school_year_id, created_at);
