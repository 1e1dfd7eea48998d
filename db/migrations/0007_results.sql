-- 0007: every teacher-year's assessment, kept up to date (issue 11). The
-- school and district pages read these rows instead of assessing every
-- teacher on every request. They are derived data: a change that can alter
-- a result marks the teacher-years it affects in result_dirty (the triggers
-- below), and the store recomputes those in the same transaction before it
-- commits (store/assess.c, assess_refresh); a page that reads results first
-- refreshes any left dirty by a change made outside the programs.
CREATE TABLE teacher_year_result (
	teacher_year_id INTEGER PRIMARY KEY REFERENCES teacher_year(id) ON DELETE CASCADE,
	confirmed_tenths INTEGER NOT NULL,
	pending_tenths INTEGER NOT NULL,
	normative_confirmed_tenths INTEGER NOT NULL,
	normative_pending_tenths INTEGER NOT NULL,
	threshold_tenths INTEGER NOT NULL,
	normative_min_tenths INTEGER NOT NULL,
	gap_tenths INTEGER NOT NULL,
	pass INTEGER NOT NULL CHECK (pass IN (0, 1)),
	below_total INTEGER NOT NULL,
	below_normative INTEGER NOT NULL,
	cycle_applies INTEGER NOT NULL,
	cycle_pass INTEGER NOT NULL,
	cycle_tenths INTEGER NOT NULL,
	cycle_gap_tenths INTEGER NOT NULL
) STRICT;

-- Teacher-years whose result must be computed again (no foreign key: a
-- deleted teacher-year simply has nothing to compute).
CREATE TABLE result_dirty (teacher_year_id INTEGER PRIMARY KEY) STRICT;
INSERT INTO result_dirty SELECT id FROM teacher_year;

CREATE INDEX record_project ON record(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX record_certificate ON record(item_id, certificate_no) WHERE certificate_no <> '';

-- A record's teacher, in every year (the 5-year cycle sums them).
CREATE TRIGGER record_dirty_insert AFTER INSERT ON record BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id = (SELECT teacher_id FROM teacher_year WHERE id = NEW.teacher_year_id);
	-- the other members of a project or certificate, and of a class
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE NEW.certificate_no <> '' AND r.item_id = NEW.item_id AND r.certificate_no = NEW.certificate_no;
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE NEW.project_id IS NOT NULL AND r.project_id = NEW.project_id;
END;
CREATE TRIGGER record_dirty_update AFTER UPDATE ON record BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id IN (SELECT teacher_id FROM teacher_year WHERE id IN (NEW.teacher_year_id, OLD.teacher_year_id));
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE (NEW.certificate_no <> '' AND r.item_id = NEW.item_id AND r.certificate_no = NEW.certificate_no)
	 OR (OLD.certificate_no <> '' AND r.item_id = OLD.item_id AND r.certificate_no = OLD.certificate_no);
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE (NEW.project_id IS NOT NULL AND r.project_id = NEW.project_id)
	 OR (OLD.project_id IS NOT NULL AND r.project_id = OLD.project_id);
END;
CREATE TRIGGER record_dirty_delete AFTER DELETE ON record BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id = (SELECT teacher_id FROM teacher_year WHERE id = OLD.teacher_year_id);
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE OLD.certificate_no <> '' AND r.item_id = OLD.item_id AND r.certificate_no = OLD.certificate_no;
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE OLD.project_id IS NOT NULL AND r.project_id = OLD.project_id;
END;

-- A teacher-year joining, moving or changing category: the teacher's years.
CREATE TRIGGER teacher_year_dirty_insert AFTER INSERT ON teacher_year BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year WHERE teacher_id = NEW.teacher_id;
END;
CREATE TRIGGER teacher_year_dirty_update AFTER UPDATE ON teacher_year BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year
	 WHERE teacher_id IN (NEW.teacher_id, OLD.teacher_id);
END;

-- The rules themselves: every teacher-year of the district.
CREATE TRIGGER policy_dirty_insert AFTER INSERT ON policy BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id);
END;
CREATE TRIGGER policy_dirty_update AFTER UPDATE ON policy BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id);
END;
CREATE TRIGGER item_dirty_insert AFTER INSERT ON item BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id);
END;
CREATE TRIGGER item_dirty_update AFTER UPDATE ON item BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id);
END;
CREATE TRIGGER item_dirty_delete AFTER DELETE ON item BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = OLD.school_year_id);
END;
CREATE TRIGGER cap_group_dirty_update AFTER UPDATE ON cap_group BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id
	 WHERE y.district_id = (SELECT district_id FROM school_year WHERE id = NEW.school_year_id);
END;
CREATE TRIGGER school_year_dirty_update AFTER UPDATE ON school_year BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty.id FROM teacher_year ty
	 JOIN school_year y ON y.id = ty.school_year_id WHERE y.district_id = NEW.district_id;
END;
-- A class's size decides its excellent trainees.
CREATE TRIGGER training_project_dirty_update AFTER UPDATE ON training_project BEGIN
	INSERT OR IGNORE INTO result_dirty SELECT ty2.id FROM record r
	 JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher_year ty2 ON ty2.teacher_id = ty.teacher_id
	 WHERE r.project_id = NEW.id;
END;
