-- 0016: training events with sign-in by QR code (issue 16). Attendance becomes hours.
--
-- event: one day's event of a school year that credits one catalogue item
-- (a per-unit item: 专题培训, 教研活动 by the half-day), run by the district
-- (school_id NULL) or by one school (school_id). Its sessions are the
-- morning, the afternoon or both (each a half-day, with its hours HH:MM in
-- the district's local time); who may attend: the whole district, the
-- schools in event_school, or the teachers in event_teacher. Closing it
-- (state closed) makes one record per teacher who attended, quantity the
-- sessions attended, in review at review_stage (school: 初核 first;
-- district: straight to 复核, for the district's own events only).
CREATE TABLE event (
	id INTEGER PRIMARY KEY,
	district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	school_year_id INTEGER NOT NULL REFERENCES school_year(id) ON DELETE RESTRICT,
	school_id INTEGER REFERENCES school(id) ON DELETE RESTRICT,
	title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE RESTRICT,
	project_id INTEGER REFERENCES training_project(id) ON DELETE RESTRICT,
	held_on TEXT NOT NULL CHECK (date(held_on) = held_on),
	sessions TEXT NOT NULL CHECK (sessions IN ('morning', 'afternoon', 'both')),
	morning_from TEXT NOT NULL DEFAULT '08:30', morning_to TEXT NOT NULL DEFAULT '11:30',
	afternoon_from TEXT NOT NULL DEFAULT '14:00', afternoon_to TEXT NOT NULL DEFAULT '17:00',
	place TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 200),
	organiser TEXT NOT NULL DEFAULT '' CHECK (length(organiser) <= 100),
	audience TEXT NOT NULL CHECK (audience IN ('district', 'schools', 'list')),
	review_stage TEXT NOT NULL CHECK (review_stage IN ('school', 'district')),
	state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	created_by INTEGER REFERENCES account(id),
	closed_at TEXT,
	closed_by INTEGER REFERENCES account(id),
	CHECK (review_stage = 'school' OR school_id IS NULL),
	CHECK ((state = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX event_year ON event(school_year_id, held_on);
CREATE INDEX event_day ON event(district_id, held_on, state);

CREATE TABLE event_school (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE RESTRICT,
	PRIMARY KEY (event_id, school_id)
) STRICT;

CREATE TABLE event_teacher (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	teacher_id INTEGER NOT NULL REFERENCES teacher(id) ON DELETE RESTRICT,
	PRIMARY KEY (event_id, teacher_id)
) STRICT;

-- attendance: one row per teacher-year and session. signed_in_at and
-- signed_out_at are UTC stamps (sign-out is optional); via how the row came
-- (qr, code: typed, organiser: added by a correction); present 0 when the
-- organiser struck the row out. Every correction is also an audit row
-- (event_attendance_correct) with its reason.
CREATE TABLE attendance (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	teacher_year_id INTEGER NOT NULL REFERENCES teacher_year(id) ON DELETE RESTRICT,
	session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon')),
	signed_in_at TEXT NOT NULL,
	signed_out_at TEXT,
	via TEXT NOT NULL CHECK (via IN ('qr', 'code', 'organiser')),
	present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
	corrected_reason TEXT NOT NULL DEFAULT '' CHECK (length(corrected_reason) <= 1000),
	PRIMARY KEY (event_id, teacher_year_id, session)
) STRICT;

-- event_record: the record closing made for a teacher-year (one at most:
-- closing again makes none).
CREATE TABLE event_record (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	teacher_year_id INTEGER NOT NULL REFERENCES teacher_year(id) ON DELETE RESTRICT,
	record_id INTEGER REFERENCES record(id) ON DELETE SET NULL,
	PRIMARY KEY (event_id, teacher_year_id)
) STRICT;
