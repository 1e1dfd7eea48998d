-- PostgreSQL version of db/migrations/0010_projects.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0010: training projects filed for the district's approval (审批备案, issue 13).
-- A school admin (or the district itself) files a project; the district
-- approves it with an approval number or rejects it with a reason. A record
-- of an item that needs a project names an approved one (a record naming a
-- project that is not approved is refused at save and cannot be approved).
--
--  * item_id: the catalogue item the project credits (NULL on the rows from
--    before this migration that no record tells; such a project is offered
--    for every item that needs one, as before).
--  * starts_on, ends_on: the project's dates; hours_tenths: its hours (学时).
--  * expected_participants: how many the filing expects.
--  * max_participants (0002) stays the class size (培训班人数) of the
--    excellent-trainee 125% rule; excellent_quota_percent overrides the
--    item's quota (NULL: the item's, 五华 10%).
--  * state: filed, approved or rejected, kept equal to the old approved
--    column (approved = 1 exactly when state = 'approved', and a rejection
--    has its reason: checked by the triggers below, since ALTER TABLE
--    cannot add a table CHECK). The approval number is required by the
--    store when the district approves (older approved rows may lack one).
--  * reject_reason: the district's reason, required when rejected.
--  * filed_by, school_id (the filing school; NULL when the district filed
--    it), filed_at; decided_at, decided_by (approval or rejection).
ALTER TABLE training_project ADD COLUMN item_id bigint REFERENCES item(id) ON DELETE RESTRICT;
ALTER TABLE training_project ADD COLUMN starts_on text
	CHECK (starts_on IS NULL OR date(starts_on) = starts_on);
ALTER TABLE training_project ADD COLUMN ends_on text
	CHECK (ends_on IS NULL OR (date(ends_on) = ends_on AND (starts_on IS NULL OR ends_on >= starts_on)));
ALTER TABLE training_project ADD COLUMN hours_tenths bigint
	CHECK (hours_tenths IS NULL OR hours_tenths BETWEEN 1 AND 100000);
ALTER TABLE training_project ADD COLUMN expected_participants bigint
	CHECK (expected_participants IS NULL OR expected_participants BETWEEN 1 AND 100000);
ALTER TABLE training_project ADD COLUMN excellent_quota_percent bigint
	CHECK (excellent_quota_percent IS NULL OR excellent_quota_percent BETWEEN 0 AND 100);
ALTER TABLE training_project ADD COLUMN state text NOT NULL DEFAULT 'filed'
	CHECK (state IN ('filed', 'approved', 'rejected'));
ALTER TABLE training_project ADD COLUMN reject_reason text NOT NULL DEFAULT ''
	CHECK (length(reject_reason) <= 1000);
ALTER TABLE training_project ADD COLUMN filed_by bigint REFERENCES account(id);
ALTER TABLE training_project ADD COLUMN school_id bigint REFERENCES school(id);
ALTER TABLE training_project ADD COLUMN filed_at text;
ALTER TABLE training_project ADD COLUMN decided_at text;
ALTER TABLE training_project ADD COLUMN decided_by bigint REFERENCES account(id);

UPDATE training_project SET state = 'approved', decided_at = approved_at, decided_by = approved_by
	WHERE approved = 1;
-- The item a project credits, where its records agree on one.
UPDATE training_project SET item_id = (SELECT min(r.item_id) FROM record r
	WHERE r.project_id = training_project.id)
	WHERE (SELECT count(DISTINCT r.item_id) FROM record r WHERE r.project_id = training_project.id) = 1;

-- An approval number is unique in its school year (the district's register).
CREATE UNIQUE INDEX training_project_approval_no ON training_project(school_year_id, approval_no)
	WHERE approval_no <> '';
CREATE INDEX training_project_year ON training_project(school_year_id, state);

CREATE OR REPLACE FUNCTION training_project_state_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	RAISE EXCEPTION 'training_project: state, approved and reject_reason disagree'
		USING ERRCODE = 'integrity_constraint_violation';
END
$fn$;
CREATE TRIGGER training_project_state_insert BEFORE INSERT ON training_project
	FOR EACH ROW WHEN ((NEW.state = 'approved') <> (NEW.approved = 1)
	OR (NEW.state = 'rejected' AND NEW.reject_reason = ''))
	EXECUTE FUNCTION training_project_state_check();
CREATE TRIGGER training_project_state_update BEFORE UPDATE ON training_project
	FOR EACH ROW WHEN ((NEW.state = 'approved') <> (NEW.approved = 1)
	OR (NEW.state = 'rejected' AND NEW.reject_reason = ''))
	EXECUTE FUNCTION training_project_state_check();

-- Results depend on a class's size, its quota and its approval, not on its
-- name or dates: only those mark the teachers of its records dirty.
DROP TRIGGER training_project_dirty_update ON training_project;
CREATE TRIGGER training_project_dirty_update
	AFTER UPDATE OF max_participants, excellent_quota_percent, approved, state ON training_project
	FOR EACH ROW EXECUTE FUNCTION training_project_dirty_update();

