-- 0001: districts (tenants) and their school years.
-- Every later table that belongs to a district references district(id).

CREATE TABLE district (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) BETWEEN 2 AND 32),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	province TEXT NOT NULL DEFAULT '',
	city TEXT NOT NULL DEFAULT '',
	authority TEXT NOT NULL DEFAULT '',         -- the office that runs the hours (e.g. 区教师发展中心)
	self_registration INTEGER NOT NULL DEFAULT 1 CHECK (self_registration IN (0, 1)),
	year_start_md TEXT NOT NULL DEFAULT '07-01', -- the school year's first day, month-day
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE school_year (
	id INTEGER PRIMARY KEY,
	district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	label TEXT NOT NULL CHECK (label GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
	starts_on TEXT NOT NULL CHECK (date(starts_on) = starts_on),
	ends_on TEXT NOT NULL CHECK (date(ends_on) = ends_on AND ends_on > starts_on),
	is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
	register_deadline TEXT CHECK (register_deadline IS NULL OR date(register_deadline) = register_deadline),
	school_review_deadline TEXT CHECK (school_review_deadline IS NULL OR date(school_review_deadline) = school_review_deadline),
	district_review_deadline TEXT CHECK (district_review_deadline IS NULL OR date(district_review_deadline) = district_review_deadline),
	UNIQUE (district_id, label)
) STRICT;

-- At most one current year per district.
CREATE UNIQUE INDEX school_year_current ON school_year(district_id) WHERE is_current = 1;
