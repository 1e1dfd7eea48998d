-- PostgreSQL version of db/migrations/0007_results.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0007: every teacher-year's assessment, kept up to date (issue 11). The
-- school and district pages read these rows instead of assessing every
-- teacher on every request. They are derived data: a change that can alter
-- a result marks the teacher-years it affects in result_dirty (the triggers
-- below), and the store recomputes those in the same transaction before it
-- commits (store/assess.c, assess_refresh); a page that reads results first
-- refreshes any left dirty by a change made outside the programs.
CREATE TABLE teacher_year_result (
	teacher_year_id bigint PRIMARY KEY REFERENCES teacher_year(id) ON DELETE CASCADE,
	confirmed_tenths bigint NOT NULL,
	pending_tenths bigint NOT NULL,
	normative_confirmed_tenths bigint NOT NULL,
	normative_pending_tenths bigint NOT NULL,
	threshold_tenths bigint NOT NULL,
	normative_min_tenths bigint NOT NULL,
	gap_tenths bigint NOT NULL,
	pass bigint NOT NULL CHECK (pass IN (0, 1)),
	below_total bigint NOT NULL,
	below_normative bigint NOT NULL,
	cycle_applies bigint NOT NULL,
	cycle_pass bigint NOT NULL,
	cycle_tenths bigint NOT NULL,
	cycle_gap_tenths bigint NOT NULL
);

-- Teacher-years whose result must be computed again (no foreign key: a
-- deleted teacher-year simply has nothing to compute).
CREATE TABLE result_dirty (teacher_year_id bigint PRIMARY KEY);
INSERT INTO result_dirty SELECT id FROM teacher_year;

CREATE INDEX record_project ON record(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX record_certificate ON record(item_id, certificate_no) WHERE certificate_no <> '';

-- The triggers as PL/pgSQL functions, each doing what SQLite's trigger of
-- the same name does (INSERT OR IGNORE: ON CONFLICT DO NOTHING).
-- result_dirty has no identity column: no trigger inserts into a table with one.

-- A record's teacher, in every year (the 5-year cycle sums them).
CREATE OR REPLACE FUNCTION record_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id = (SELECT teacher_id FROM teacher_year WHERE id = NEW.teacher_year_id)
	 ON CONFLICT DO NOTHING;
	-- the other members of a project or certificate, and of a class
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE NEW.certificate_no <> '' AND r.item_id = NEW.item_id AND r.certificate_no = NEW.certificate_no
	 ON CONFLICT DO NOTHING;
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE NEW.project_id IS NOT NULL AND r.project_id = NEW.project_id
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER record_dirty_insert AFTER INSERT ON record
	FOR EACH ROW EXECUTE FUNCTION record_dirty_insert();

CREATE OR REPLACE FUNCTION record_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id IN (SELECT teacher_id FROM teacher_year WHERE id IN (NEW.teacher_year_id, OLD.teacher_year_id))
	 ON CONFLICT DO NOTHING;
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE (NEW.certificate_no <> '' AND r.item_id = NEW.item_id AND r.certificate_no = NEW.certificate_no)
	 OR (OLD.certificate_no <> '' AND r.item_id = OLD.item_id AND r.certificate_no = OLD.certificate_no)
	 ON CONFLICT DO NOTHING;
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE (NEW.project_id IS NOT NULL AND r.project_id = NEW.project_id)
	 OR (OLD.project_id IS NOT NULL AND r.project_id = OLD.project_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER record_dirty_update AFTER UPDATE ON record
	FOR EACH ROW EXECUTE FUNCTION record_dirty_update();

CREATE OR REPLACE FUNCTION record_dirty_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id = (SELECT teacher_id FROM teacher_year WHERE id = OLD.teacher_year_id)
	 ON CONFLICT DO NOTHING;
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE OLD.certificate_no <> '' AND r.item_id = OLD.item_id AND r.certificate_no = OLD.certificate_no
	 ON CONFLICT DO NOTHING;
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE OLD.project_id IS NOT NULL AND r.project_id = OLD.project_id
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER record_dirty_delete AFTER DELETE ON record
	FOR EACH ROW EXECUTE FUNCTION record_dirty_delete();

-- A teacher-year joining, moving or changing category: the teacher's years.
CREATE OR REPLACE FUNCTION teacher_year_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT id FROM teacher_year WHERE teacher_id = NEW.teacher_id
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER teacher_year_dirty_insert AFTER INSERT ON teacher_year
	FOR EACH ROW EXECUTE FUNCTION teacher_year_dirty_insert();

CREATE OR REPLACE FUNCTION teacher_year_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id IN (NEW.teacher_id, OLD.teacher_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER teacher_year_dirty_update AFTER UPDATE ON teacher_year
	FOR EACH ROW EXECUTE FUNCTION teacher_year_dirty_update();

-- The rules themselves: every teacher-year of the district.
CREATE OR REPLACE FUNCTION policy_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER policy_dirty_insert AFTER INSERT ON policy
	FOR EACH ROW EXECUTE FUNCTION policy_dirty_insert();

CREATE OR REPLACE FUNCTION policy_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER policy_dirty_update AFTER UPDATE ON policy
	FOR EACH ROW EXECUTE FUNCTION policy_dirty_update();

-- (0011 replaces the four item and cap-group triggers below.)
CREATE OR REPLACE FUNCTION item_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_insert AFTER INSERT ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_insert();

CREATE OR REPLACE FUNCTION item_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_update AFTER UPDATE ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_update();

CREATE OR REPLACE FUNCTION item_dirty_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = OLD.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_delete AFTER DELETE ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_delete();

CREATE OR REPLACE FUNCTION cap_group_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id)
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER cap_group_dirty_update AFTER UPDATE ON cap_group
	FOR EACH ROW EXECUTE FUNCTION cap_group_dirty_update();

CREATE OR REPLACE FUNCTION school_year_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id WHERE y.district_id = NEW.district_id
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER school_year_dirty_update AFTER UPDATE ON school_year
	FOR EACH ROW EXECUTE FUNCTION school_year_dirty_update();

-- A class's size decides its excellent trainees. (0010 replaces it.)
CREATE OR REPLACE FUNCTION training_project_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE r.project_id = NEW.id
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER training_project_dirty_update AFTER UPDATE ON training_project
	FOR EACH ROW EXECUTE FUNCTION training_project_dirty_update();

