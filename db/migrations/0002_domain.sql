-- 0002: the domain. Schools, teachers and their years, accounts, the
-- catalogue with cap groups and its rules, training projects, records with
-- evidence and reviews, the school-year submission state, and the audit log.
-- Hours are integer tenths of an hour everywhere (90 h = 900).
-- JSON columns are validated in C: json_valid() is not allowed in CHECK
-- constraints while trusted_schema is off.

-- Assessment policy per district and school year (domain.md, 考核).
CREATE TABLE policy (
	school_year_id INTEGER PRIMARY KEY REFERENCES school_year(id) ON DELETE CASCADE,
	min_tenths INTEGER NOT NULL CHECK (min_tenths >= 0),                 -- regular teachers
	normative_min_tenths INTEGER NOT NULL DEFAULT 0 CHECK (normative_min_tenths >= 0),
	new_teacher_tenths INTEGER CHECK (new_teacher_tenths IS NULL OR new_teacher_tenths >= 0),
	new_principal_tenths INTEGER CHECK (new_principal_tenths IS NULL OR new_principal_tenths >= 0),
	cycle_years INTEGER NOT NULL DEFAULT 5 CHECK (cycle_years BETWEEN 1 AND 10),
	cycle_min_tenths INTEGER CHECK (cycle_min_tenths IS NULL OR cycle_min_tenths >= 0),
	flag_percent INTEGER CHECK (flag_percent IS NULL OR flag_percent BETWEEN 1 AND 100),
	-- 学习强国: 'quarters' (default: 20 is a cap reached by four qualifying
	-- quarters) or 'year_total' (a year total >= the threshold earns the full cap).
	points_reading TEXT NOT NULL DEFAULT 'quarters' CHECK (points_reading IN ('quarters', 'year_total'))
) STRICT;

CREATE TABLE school (
	id INTEGER PRIMARY KEY,
	district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	kind TEXT NOT NULL CHECK (kind IN ('kindergarten', 'primary', 'secondary',
		'nine_year', 'complete', 'vocational', 'special', 'teacher_school',
		'youth_center', 'research_center', 'adult', 'other')),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	UNIQUE (district_id, code),
	UNIQUE (district_id, name)
) STRICT;
CREATE INDEX school_district ON school(district_id);

CREATE TABLE teacher (
	id INTEGER PRIMARY KEY,
	district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
	gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
	id_number TEXT NOT NULL CHECK (length(id_number) = 18),  -- validated (check digit) in C
	staff_no TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',   -- professional title (职称)
	phone TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	UNIQUE (district_id, id_number)
) STRICT;
CREATE INDEX teacher_district ON teacher(district_id, name);

-- A teacher's school year: the school that registers them (the dispatching
-- school for teachers on support teaching, exchange or loan), category, status.
CREATE TABLE teacher_year (
	id INTEGER PRIMARY KEY,
	teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	category TEXT NOT NULL DEFAULT 'regular' CHECK (category IN ('regular', 'new_teacher', 'new_principal')),
	status TEXT NOT NULL DEFAULT 'in_post' CHECK (status IN ('in_post', 'support_out', 'exchange_in', 'loan')),
	receiving_unit TEXT NOT NULL DEFAULT '',
	CHECK (status = 'in_post' OR length(receiving_unit) > 0),
	UNIQUE (teacher_id, school_year_id)
) STRICT;
CREATE INDEX teacher_year_school ON teacher_year(school_id, school_year_id);

-- Accounts. The accounts work adds sessions and the rest; the scope columns
-- say which district / school / teacher an account belongs to.
CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
	display_name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('teacher', 'school_admin', 'school_leader', 'district_admin', 'system_admin')),
	district_id INTEGER REFERENCES district(id) ON DELETE RESTRICT,
	school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,
	teacher_id INTEGER REFERENCES teacher(id) ON DELETE RESTRICT,
	password_hash TEXT NOT NULL DEFAULT '',
	must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),  -- since the last success
	last_failed_at INTEGER NOT NULL DEFAULT 0,   -- unix seconds
	locked_until INTEGER NOT NULL DEFAULT 0,     -- unix seconds; 0: not locked
	password_set_at TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (role = 'system_admin' OR district_id IS NOT NULL),
	CHECK (role NOT IN ('teacher', 'school_admin', 'school_leader') OR school_id IS NOT NULL OR role = 'teacher'),
	CHECK (role <> 'teacher' OR teacher_id IS NOT NULL)
) STRICT;

-- The catalogue (登记项目及标准), per district and school year.
CREATE TABLE cap_group (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	cap_tenths INTEGER NOT NULL CHECK (cap_tenths > 0),
	UNIQUE (school_year_id, code)
) STRICT;

CREATE TABLE item (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	category TEXT NOT NULL,            -- 项目分类
	name TEXT NOT NULL,                -- 项目
	hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),  -- 学时 per unit (0: by rule)
	unit TEXT NOT NULL,                -- 计算单位
	conditions TEXT NOT NULL DEFAULT '',  -- 登记条件, as the source states them
	rule_type TEXT NOT NULL CHECK (rule_type IN ('per_unit', 'tiered_level', 'as_certified',
		'points_quarters', 'per_term', 'roster', 'trainee_multiplier',
		'once_per_certificate', 'participant_limit')),
	-- Rule parameters as JSON, by rule type (docs/rules.md): tiers, maximum
	-- certified hours, points base/gain/hours/max/threshold, add-ons,
	-- multiplier percent and quota, participant limits.
	params TEXT NOT NULL DEFAULT '{}',
	normative INTEGER NOT NULL DEFAULT 0 CHECK (normative IN (0, 1)),  -- 规范性培训
	evidence_required INTEGER NOT NULL DEFAULT 1 CHECK (evidence_required IN (0, 1)),
	cap_tenths INTEGER CHECK (cap_tenths IS NULL OR cap_tenths > 0),   -- yearly cap of this item
	cap_group_id INTEGER REFERENCES cap_group(id) ON DELETE SET NULL,
	needs_project INTEGER NOT NULL DEFAULT 0 CHECK (needs_project IN (0, 1)), -- 审批备案
	asks TEXT NOT NULL DEFAULT '' ,   -- extra fields the form asks: 'cn', 'isbn', 'certificate', 'first_author'
	sort_order INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	UNIQUE (school_year_id, code)
) STRICT;
CREATE INDEX item_year ON item(school_year_id, sort_order);

-- Training projects by higher authorities need the district's prior approval (审批备案).
CREATE TABLE training_project (
	id INTEGER PRIMARY KEY,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	name TEXT NOT NULL,
	organiser TEXT NOT NULL DEFAULT '',
	level TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'school', 'district', 'city', 'province', 'national')),
	max_participants INTEGER CHECK (max_participants IS NULL OR max_participants > 0),
	approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
	approval_no TEXT NOT NULL DEFAULT '',
	approved_at TEXT,
	approved_by INTEGER REFERENCES account(id)
) STRICT;

-- One registered activity for one teacher in one school year.
CREATE TABLE record (
	id INTEGER PRIMARY KEY,
	teacher_year_id INTEGER NOT NULL REFERENCES teacher_year(id) ON DELETE RESTRICT,
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE RESTRICT,
	project_id INTEGER REFERENCES training_project(id) ON DELETE RESTRICT,
	started_on TEXT NOT NULL CHECK (date(started_on) = started_on),
	ended_on TEXT NOT NULL CHECK (date(ended_on) = ended_on AND ended_on >= started_on),
	-- The inputs the item's rule needs (NULL where it needs none).
	quantity INTEGER CHECK (quantity IS NULL OR quantity BETWEEN 1 AND 1000),
	level TEXT CHECK (level IS NULL OR level IN ('school', 'district', 'city', 'province', 'national')),
	certified_tenths INTEGER CHECK (certified_tenths IS NULL OR certified_tenths BETWEEN 1 AND 100000),
	points TEXT,   -- [q1, q2, q3, q4] cumulative totals
	addons TEXT,   -- roster add-ons taken, e.g. ["video"]
	role TEXT CHECK (role IS NULL OR role IN ('leader', 'member', 'trainee', 'excellent')),
	certificate_no TEXT NOT NULL DEFAULT '',
	certificate_on TEXT CHECK (certificate_on IS NULL OR date(certificate_on) = certificate_on),
	cn_number TEXT NOT NULL DEFAULT '',
	isbn TEXT NOT NULL DEFAULT '',
	first_author INTEGER CHECK (first_author IS NULL OR first_author IN (0, 1)),
	organiser TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	claimed_tenths INTEGER NOT NULL DEFAULT 0 CHECK (claimed_tenths >= 0),
	state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'school_approved',
		'district_approved', 'returned', 'rejected')),
	bulk_id INTEGER,                  -- records registered together share it
	created_by INTEGER REFERENCES account(id),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	submitted_at TEXT
) STRICT;
CREATE INDEX record_teacher_year ON record(teacher_year_id, state);
CREATE INDEX record_item ON record(item_id);
CREATE INDEX record_state ON record(state);

-- Evidence files are stored once by SHA-256 outside the web root.
CREATE TABLE evidence_file (
	sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
	size INTEGER NOT NULL CHECK (size >= 0),
	content_type TEXT NOT NULL,
	stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE evidence (
	id INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
	sha256 TEXT NOT NULL REFERENCES evidence_file(sha256) ON DELETE RESTRICT,
	filename TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'roster')),
	uploaded_by INTEGER REFERENCES account(id),
	uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (record_id, sha256)
) STRICT;
CREATE INDEX evidence_sha ON evidence(sha256);

CREATE TABLE review (
	id INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
	stage TEXT NOT NULL CHECK (stage IN ('school', 'district')),
	decision TEXT NOT NULL CHECK (decision IN ('approve', 'return', 'reject')),
	reason TEXT NOT NULL DEFAULT '',
	reviewer_id INTEGER REFERENCES account(id),
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (decision = 'approve' OR length(reason) > 0)
) STRICT;
CREATE INDEX review_record ON review(record_id, at);

-- A school's year as the district sees it: open, submitted by the school,
-- confirmed (签字盖章) by the district, which locks it; reopening is audited.
CREATE TABLE school_year_state (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted', 'confirmed')),
	submitted_at TEXT,
	submitted_by INTEGER REFERENCES account(id),
	confirmed_at TEXT,
	confirmed_by INTEGER REFERENCES account(id),
	reopened_reason TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (school_id, school_year_id)
) STRICT;

-- The audit log: append-only, written in the same transaction as the change.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	account_id INTEGER REFERENCES account(id),
	district_id INTEGER REFERENCES district(id),
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id INTEGER,
	before TEXT,
	after TEXT,
	client TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_object ON audit(object_type, object_id);
CREATE INDEX audit_district ON audit(district_id, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
