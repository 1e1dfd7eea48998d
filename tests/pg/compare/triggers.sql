-- tests/pg/schema_compare.sh: the same statements on SQLite and PostgreSQL;
-- the rows the SELECTs print must be the same text.
-- Explicit ids throughout: PostgreSQL's identity sequences do not move for
-- them (SQLite's next rowid is max(id) + 1), so rows without one would
-- collide here.
INSERT INTO district (id, code, name) VALUES (1, 'wuhua', '五华区');
INSERT INTO school_year (id, district_id, label, starts_on, ends_on, is_current) VALUES
	(1, 1, '2023-2024', '2023-07-01', '2024-06-30', 0), (2, 1, '2024-2025', '2024-07-01', '2025-06-30', 1);
INSERT INTO school (id, district_id, code, name, kind) VALUES (1, 1, 's1', 'S1', 'primary'), (2, 1, 's2', 'S2', 'primary');
INSERT INTO teacher (id, district_id, name, gender, id_number) VALUES
	(1, 1, 'A', 'F', '110101199001011234'), (2, 1, 'B', 'M', '110101199001015678'), (3, 1, 'C', 'M', '11010119900101999X');
SELECT 'defaults', self_registration, year_start_md, time_zone, utc_offset_minutes, card_title, length(created_at),
	substr(created_at, 5, 1) || substr(created_at, 11, 1) || substr(created_at, 20, 1) FROM district;
INSERT INTO teacher_year (id, teacher_id, school_year_id, school_id) VALUES (1, 1, 1, 1), (2, 1, 2, 1), (3, 2, 2, 1), (4, 3, 2, 2);
SELECT 'teacher_year insert', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE teacher_year SET category = 'new_teacher' WHERE id = 3;
SELECT 'teacher_year update', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
SELECT 'version 0', n FROM catalogue_version;
INSERT INTO policy (school_year_id, min_tenths) VALUES (2, 900);
SELECT 'policy insert', teacher_year_id FROM result_dirty ORDER BY 2;
SELECT 'policy defaults', normative_min_tenths, cycle_years, points_reading, terms_per_year FROM policy;
SELECT 'version policy', n FROM catalogue_version;
DELETE FROM result_dirty;
INSERT INTO cap_group (id, school_year_id, code, name, cap_tenths) VALUES (1, 2, 'g', 'G', 100);
SELECT 'cap_group insert', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
INSERT INTO item (id, school_year_id, code, category, name, hours_tenths, unit, rule_type) VALUES
	(1, 1, 'i1', 'c', 'I1', 10, 'u', 'per_unit'), (2, 2, 'fdxs-1', 'c', 'I2', 10, 'u', 'participant_limit');
SELECT 'item insert', teacher_year_id FROM result_dirty ORDER BY 2;
SELECT 'version items', n FROM catalogue_version;
DELETE FROM result_dirty;
UPDATE item SET name = 'I2b' WHERE id = 2;
SELECT 'item update year 2', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE item SET sort_order = 5;
SELECT 'item update all', teacher_year_id FROM result_dirty ORDER BY 2;
SELECT 'version item updates', n FROM catalogue_version;
DELETE FROM result_dirty;
INSERT INTO training_project (id, school_year_id, name) VALUES (1, 2, 'P');
SELECT 'project defaults', state, approved, reject_reason FROM training_project;
INSERT INTO record (id, teacher_year_id, item_id, project_id, started_on, ended_on, certificate_no) VALUES
	(1, 3, 2, 1, '2024-09-01', '2024-09-01', 'C1'), (2, 4, 2, NULL, '2024-09-02', '2024-09-02', 'C1');
SELECT 'record insert', teacher_year_id FROM result_dirty ORDER BY 2;
SELECT 'record defaults', state, claimed_tenths, district_returned, length(created_at), CASE WHEN created_at = updated_at THEN 1 ELSE 0 END FROM record ORDER BY id;
DELETE FROM result_dirty;
UPDATE training_project SET name = 'P2' WHERE id = 1;
SELECT 'project rename', count(*) FROM result_dirty;
UPDATE training_project SET max_participants = 10 WHERE id = 1;
SELECT 'project size', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE training_project SET state = 'approved', approved = 1, approval_no = 'N1' WHERE id = 1;
SELECT 'project approve', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE record SET certificate_no = 'C2' WHERE id = 2;
SELECT 'record update', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
DELETE FROM record WHERE id = 1;
SELECT 'record delete', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE school_year SET register_deadline = '2025-01-01' WHERE id = 2;
SELECT 'school_year update', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
UPDATE cap_group SET cap_tenths = 200 WHERE id = 1;
DELETE FROM cap_group WHERE id = 1;
SELECT 'cap_group update delete', teacher_year_id FROM result_dirty ORDER BY 2;
DELETE FROM result_dirty;
DELETE FROM item WHERE id = 1;
SELECT 'item delete year 1', teacher_year_id FROM result_dirty ORDER BY 2;
UPDATE policy SET min_tenths = 800;
DELETE FROM policy;
SELECT 'version end', n FROM catalogue_version;
INSERT INTO audit (action, object_type) VALUES ('x', 'y');
SELECT 'audit', count(*), length(at), substr(at, 20, 1), substr(at, 24, 1) FROM audit GROUP BY at;
INSERT INTO school_year (id, district_id, label, starts_on, ends_on) VALUES (3, 1, '2030-2031', '2030-02-30', '2031-06-30');
INSERT INTO school_year (id, district_id, label, starts_on, ends_on) VALUES (4, 1, '2031-2032', '2031-7-1', '2032-6-30');
SELECT 'loose dates kept', label, starts_on, ends_on FROM school_year WHERE id > 2 ORDER BY id;
INSERT INTO account (id, login, role) VALUES (1, 'sys', 'system_admin');
INSERT INTO notification (id, account_id, kind, detail) VALUES (1, 1, 'notice_published', 'n');
SELECT 'notification', id, account_id, kind, detail, coalesce(notice_id, 0), coalesce(read_at, 'unread') FROM notification;
