-- PostgreSQL version of db/migrations/0017_catalogue_version.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0017: a version of the catalogue, for the programs' per-connection cache
-- of a school year's items (store/assess.c, issue 17).
--
-- catalogue_version has one row. n counts every change to item, cap_group
-- and policy (what an assessment reads of the catalogue), by the triggers
-- below, in the changing transaction: a rolled-back change takes its count
-- back with it. epoch is drawn once, when the table is made, so that a
-- database put in this one's place (a restore from another district's
-- backup) is not taken for this one at the same count. A program keeps the
-- items it read with the (n, epoch) it read them at and reads them again
-- when either differs.
CREATE TABLE catalogue_version (
	id bigint PRIMARY KEY CHECK (id = 1),
	n bigint NOT NULL DEFAULT 0,
	epoch bigint NOT NULL
);
INSERT INTO catalogue_version (id, n, epoch) VALUES (1, 0, (floor(random() * 9007199254740991))::bigint);

CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER catalogue_item_insert AFTER INSERT ON item FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_item_update AFTER UPDATE ON item FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_item_delete AFTER DELETE ON item FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_cap_group_insert AFTER INSERT ON cap_group FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_cap_group_update AFTER UPDATE ON cap_group FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_cap_group_delete AFTER DELETE ON cap_group FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_policy_insert AFTER INSERT ON policy FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_policy_update AFTER UPDATE ON policy FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_policy_delete AFTER DELETE ON policy FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
