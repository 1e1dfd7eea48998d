-- 0004: the roster's changes (变动情况). Every change a school makes to its
-- roster for a school year is one row: a teacher joins (added by hand or by
-- an import), leaves (deactivated), transfers to another school of the
-- district (one row for each school), or has their category, status or
-- details changed. The district reads them per school; a school reports
-- (上报) the changes it has made so far, which stamps reported_at.

CREATE TABLE roster_change (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,
	kind TEXT NOT NULL CHECK (kind IN ('joined', 'left', 'rejoined', 'transfer_out',
		'transfer_in', 'category', 'status', 'details')),
	-- the other school of a transfer
	other_school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,
	-- what changed, as "field: before -> after" codes for the XML (not prose)
	before TEXT NOT NULL DEFAULT '',
	after TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	import_id INTEGER,                 -- the import that made it, if any
	account_id INTEGER REFERENCES account(id),
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	reported_at TEXT,                  -- when the school reported it to the district
	reported_by INTEGER REFERENCES account(id)
) STRICT;
CREATE INDEX roster_change_school ON roster_change(school_id, school_year_id, at);
CREATE INDEX roster_change_teacher ON roster_change(teacher_id);
