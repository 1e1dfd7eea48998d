-- 0008: deadlines enforced (issue 12). The district extends one school's
-- teacher-registration or school-review deadline of a year; the school's
-- effective deadline is the later of the year's and its extensions'
-- (store/deadline.c). Every extension is audited (deadline_extend).
CREATE TABLE deadline_extension (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('register', 'school_review')),
	until TEXT NOT NULL CHECK (date(until) = until),
	reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
	by_account INTEGER NOT NULL REFERENCES account(id),
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX deadline_extension_school ON deadline_extension(school_id, school_year_id, kind);

-- /healthz writes one row here inside a transaction it always rolls back.
CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT;
