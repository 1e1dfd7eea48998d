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
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL DEFAULT 0,
	epoch INTEGER NOT NULL
);
INSERT INTO catalogue_version (id, n, epoch) VALUES (1, 0, random());

CREATE TRIGGER catalogue_item_insert AFTER INSERT ON item BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_item_update AFTER UPDATE ON item BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_item_delete AFTER DELETE ON item BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_cap_group_insert AFTER INSERT ON cap_group BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_cap_group_update AFTER UPDATE ON cap_group BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_cap_group_delete AFTER DELETE ON cap_group BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_policy_insert AFTER INSERT ON policy BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_policy_update AFTER UPDATE ON policy BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_policy_delete AFTER DELETE ON policy BEGIN
	UPDATE catalogue_version SET n = n + 1 WHERE id = 1;
END;
