-- 0013: each user's inbox (issue 14). A row is made in the same
-- transaction as the change that causes it (pages/review.c's move,
-- pages/review_pages.c's school-year move) or by `xueshictl remind`
-- (deadline reminders, 7, 3 and 1 days ahead); read_at marks it read.
--  record_returned, record_rejected  the teacher: the school or the district
--                                    returned or rejected a record (detail: the reason)
--  record_approved                   the teacher: the district approved a record (复核通过)
--  district_returned                 the school's admins: the district returned a record
--  year_reopened, year_confirmed     the school's admins: the district reopened
--                                    (detail: the reason) or confirmed the year
--  year_submitted                    the district's admins: a school handed its year in
--  deadline_near                     the teacher: the registration deadline is `days`
--                                    away (detail: the date) and hours are still missing
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('record_returned', 'record_rejected', 'record_approved',
		'district_returned', 'year_reopened', 'year_confirmed', 'year_submitted', 'deadline_near')),
	record_id INTEGER REFERENCES record(id) ON DELETE SET NULL,
	school_id INTEGER REFERENCES school(id) ON DELETE SET NULL,
	school_year_id INTEGER REFERENCES school_year(id) ON DELETE CASCADE,
	detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 1000),
	days INTEGER CHECK (days IS NULL OR days BETWEEN 0 AND 366),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	read_at TEXT
) STRICT;
CREATE INDEX notification_inbox ON notification(account_id, id);
CREATE INDEX notification_unread ON notification(account_id) WHERE read_at IS NULL;
-- A reminder once per account, year, deadline and distance.
CREATE UNIQUE INDEX notification_reminder ON notification(account_id, school_year_id, detail, days)
	WHERE kind = 'deadline_near';
