-- 0015: the district's notices (通报, issue 15) and the first hand-in of a school's year.
--
-- notice: one 通报 of a school year. The district composes it (a draft,
-- edited as often as needed) and publishes it once. Its lists are never
-- typed: while it is a draft they are read from the data each time it is
-- shown (store/notice.c); publishing copies them into notice_entry, so the
-- published notice says what it said that day whatever changes later.
--  * number: its document number (文号, e.g. 五教发中心〔2022〕1 号), unique
--    in the district when given; title, addressee (主送), opening and
--    closing text, issuer (落款) and issued_on (成文日期), copy_to (抄送)
--    and printer (印发: the office whose line ends the page).
--  * nonstandard_over: 登记不规范 lists the schools with more than this many
--    records returned or not accepted at the district's review (复核).
--  * state: draft or published; published_at/by say when and by whom.
CREATE TABLE notice (
	id INTEGER PRIMARY KEY,
	district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	number TEXT NOT NULL DEFAULT '' CHECK (length(number) <= 64),
	title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	addressee TEXT NOT NULL DEFAULT '' CHECK (length(addressee) <= 200),
	opening TEXT NOT NULL DEFAULT '' CHECK (length(opening) <= 4000),
	closing TEXT NOT NULL DEFAULT '' CHECK (length(closing) <= 4000),
	issuer TEXT NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),
	issued_on TEXT NOT NULL CHECK (date(issued_on) = issued_on),
	copy_to TEXT NOT NULL DEFAULT '' CHECK (length(copy_to) <= 200),
	printer TEXT NOT NULL DEFAULT '' CHECK (length(printer) <= 100),
	nonstandard_over INTEGER NOT NULL DEFAULT 0 CHECK (nonstandard_over BETWEEN 0 AND 100000),
	state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	created_by INTEGER REFERENCES account(id),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	published_at TEXT,
	published_by INTEGER REFERENCES account(id),
	CHECK ((state = 'published') = (published_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX notice_number ON notice(district_id, number) WHERE number <> '';
CREATE INDEX notice_year ON notice(school_year_id, id);

-- notice_entry: a published notice's lists, as they stood when it was
-- published, in order (position) within each section:
--  late         a school that handed its year in after its deadline
--               (deadline, handed_in: the first hand-in, "" still not)
--  nonstandard  a school with records returned or not accepted at 复核
--               (irregular: the records either befell, returned, rejected,
--               reviewed: the records the district decided at all)
--  below        a teacher below the threshold (staff_no, teacher_name,
--               category, confirmed/threshold/normative tenths)
CREATE TABLE notice_entry (
	id INTEGER PRIMARY KEY,
	notice_id INTEGER NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
	section TEXT NOT NULL CHECK (section IN ('late', 'nonstandard', 'below')),
	position INTEGER NOT NULL,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	school_name TEXT NOT NULL,
	deadline TEXT NOT NULL DEFAULT '',
	handed_in TEXT NOT NULL DEFAULT '',
	irregular INTEGER NOT NULL DEFAULT 0,
	returned INTEGER NOT NULL DEFAULT 0,
	rejected INTEGER NOT NULL DEFAULT 0,
	reviewed INTEGER NOT NULL DEFAULT 0,
	teacher_year_id INTEGER REFERENCES teacher_year(id) ON DELETE SET NULL,
	staff_no TEXT NOT NULL DEFAULT '',
	teacher_name TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL DEFAULT '',
	confirmed_tenths INTEGER NOT NULL DEFAULT 0,
	threshold_tenths INTEGER NOT NULL DEFAULT 0,
	normative_tenths INTEGER NOT NULL DEFAULT 0,
	normative_min_tenths INTEGER NOT NULL DEFAULT 0,
	UNIQUE (notice_id, section, position)
) STRICT;
-- A school's published notices: the schools an entry names.
CREATE INDEX notice_entry_school ON notice_entry(school_id, notice_id);

-- The first hand-in of a school's year: 延期送审 is judged by it, so a year
-- the district reopens and the school hands in again is not late for that.
ALTER TABLE school_year_state ADD COLUMN first_submitted_at TEXT;
UPDATE school_year_state SET first_submitted_at = submitted_at WHERE submitted_at IS NOT NULL;

-- The inbox learns notice_published (the school's admins and leaders: a
-- notice that names their school was published; detail: its title) and
-- points at the notice. SQLite cannot change a CHECK: the table is rebuilt
-- with its rows and indexes (nothing references it).
CREATE TABLE notification_new (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('record_returned', 'record_rejected', 'record_approved',
		'district_returned', 'year_reopened', 'year_confirmed', 'year_submitted', 'deadline_near',
		'notice_published')),
	record_id INTEGER REFERENCES record(id) ON DELETE SET NULL,
	school_id INTEGER REFERENCES school(id) ON DELETE SET NULL,
	school_year_id INTEGER REFERENCES school_year(id) ON DELETE CASCADE,
	detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 1000),
	days INTEGER CHECK (days IS NULL OR days BETWEEN 0 AND 366),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	read_at TEXT,
	notice_id INTEGER REFERENCES notice(id) ON DELETE CASCADE
) STRICT;
INSERT INTO notification_new (id, account_id, kind, record_id, school_id, school_year_id, detail,
	days, created_at, read_at)
	SELECT id, account_id, kind, record_id, school_id, school_year_id, detail, days, created_at, read_at
	FROM notification;
DROP TABLE notification;
ALTER TABLE notification_new RENAME TO notification;
CREATE INDEX notification_inbox ON notification(account_id, id);
CREATE INDEX notification_unread ON notification(account_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notification_reminder ON notification(account_id, school_year_id, detail, days)
	WHERE kind = 'deadline_near';
