-- PostgreSQL version of db/migrations/0006_first_week.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0006: what the first real-use audit needed (issue 10).
--  * policy.terms_per_year: per-term items (党建工作学习研讨, 每人每期 10 学时)
--    count at most this many terms a year (default 2: two terms a school year).
--  * record.district_returned: 1 while a record the district returned is on
--    its way back up (teacher or school corrects it, the school approves it
--    again) - the one path that works while the school's year is handed in.
--  * district.time_zone / utc_offset_minutes: the local time the audit page
--    and documents show (Asia/Shanghai, UTC+8, unless a district says other).
ALTER TABLE policy ADD COLUMN terms_per_year bigint NOT NULL DEFAULT 2
	CHECK (terms_per_year BETWEEN 1 AND 12);
ALTER TABLE record ADD COLUMN district_returned bigint NOT NULL DEFAULT 0
	CHECK (district_returned IN (0, 1));
ALTER TABLE district ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai';
ALTER TABLE district ADD COLUMN utc_offset_minutes bigint NOT NULL DEFAULT 480
	CHECK (utc_offset_minutes BETWEEN -720 AND 840);
