-- PostgreSQL version of db/migrations/0011_catalogue.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0011: what the district's catalogue editor keeps beside the rule (issue 13).
--  * exclusions: the cases the district's notice refuses for this item, one
--    per line (五华's 三: 教师学历提高培训非国民教育系列、学历补偿教育不予登记
--    学时). The record form lists them; a record that states one is refused
--    with that line as the reason.
--  * organisers: the organisers the item accepts, one per line (五华's
--    辅导学生: 比赛主办方须为中国教育学会各专业委员会、学科学会、国家（省市）
--    教科院). With 'organiser' in asks the form requires the organiser, chosen
--    from this list when it is not empty.
ALTER TABLE item ADD COLUMN exclusions text NOT NULL DEFAULT ''
	CHECK (length(exclusions) <= 2000);
ALTER TABLE item ADD COLUMN organisers text NOT NULL DEFAULT ''
	CHECK (length(organisers) <= 2000);
UPDATE item SET exclusions = '教师学历提高培训非国民教育系列' || chr(10) || '学历补偿教育'
 WHERE category = '学历进修' AND school_year_id IN (SELECT y.id FROM school_year y
	JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua');
UPDATE item SET asks = asks || ' organiser',
	organisers = '中国教育学会各专业委员会' || chr(10) || '学科学会' || chr(10) || '国家（省市）教科院'
 WHERE code ILIKE 'fdxs-%' AND asks NOT ILIKE '%organiser%' AND school_year_id IN (SELECT y.id
	FROM school_year y JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua');
-- A cap group created or removed changes results too (0007 had the
-- update only). A catalogue change of one school year changes that year's results and
-- the 5-year cycles of the years after it, never an earlier year's: the
-- item and cap-group triggers of 0007 marked every teacher-year of the
-- district; these mark that year and the later ones (the catalogue editor
-- recomputes what they mark twice per change: once to show it, once to save).
DROP TRIGGER item_dirty_insert ON item;
DROP TRIGGER item_dirty_update ON item;
DROP TRIGGER item_dirty_delete ON item;
DROP TRIGGER cap_group_dirty_update ON cap_group;
CREATE OR REPLACE FUNCTION item_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c ON c.id = NEW.school_year_id
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_insert AFTER INSERT ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_insert();
CREATE OR REPLACE FUNCTION item_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c
	 ON c.id IN (NEW.school_year_id, OLD.school_year_id)
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_update AFTER UPDATE ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_update();
CREATE OR REPLACE FUNCTION item_dirty_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c ON c.id = OLD.school_year_id
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER item_dirty_delete AFTER DELETE ON item
	FOR EACH ROW EXECUTE FUNCTION item_dirty_delete();
CREATE OR REPLACE FUNCTION cap_group_dirty_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c ON c.id = NEW.school_year_id
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER cap_group_dirty_insert AFTER INSERT ON cap_group
	FOR EACH ROW EXECUTE FUNCTION cap_group_dirty_insert();
CREATE OR REPLACE FUNCTION cap_group_dirty_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c
	 ON c.id IN (NEW.school_year_id, OLD.school_year_id)
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER cap_group_dirty_update AFTER UPDATE ON cap_group
	FOR EACH ROW EXECUTE FUNCTION cap_group_dirty_update();
CREATE OR REPLACE FUNCTION cap_group_dirty_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id JOIN school_year c ON c.id = OLD.school_year_id
	 WHERE y.district_id = c.district_id AND y.starts_on >= c.starts_on
	 ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER cap_group_dirty_delete AFTER DELETE ON cap_group
	FOR EACH ROW EXECUTE FUNCTION cap_group_dirty_delete();
