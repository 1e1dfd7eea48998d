-- tests/pg/schema_compare.sh: each line one statement, run after
-- triggers.sql on both engines; each must be refused by both (on
-- PostgreSQL with an SQLSTATE of class 23, as SQLite's SQLITE_CONSTRAINT).
-- Explicit ids: an identity's next id would collide with triggers.sql's.
UPDATE audit SET client = 'x';
DELETE FROM audit;
INSERT INTO training_project (id, school_year_id, name, state) VALUES (5, 2, 'Q', 'approved');
INSERT INTO training_project (id, school_year_id, name, state, approved) VALUES (6, 2, 'Q', 'filed', 1);
UPDATE training_project SET state = 'rejected', approved = 0 WHERE id = 1;
INSERT INTO district (id, code, name) VALUES (101, 'X1', 'n');
INSERT INTO district (id, code, name) VALUES (102, 'a', 'n');
INSERT INTO school_year (id, district_id, label, starts_on, ends_on) VALUES (103, 1, '2024-25', '2024-07-01', '2025-06-30');
INSERT INTO school_year (id, district_id, label, starts_on, ends_on) VALUES (104, 1, '2040-2041', '2040-07-01', '2040-06-30');
INSERT INTO school_year (id, district_id, label, starts_on, ends_on, is_current) VALUES (105, 1, '2041-2042', '2041-07-01', '2042-06-30', 1);
INSERT INTO school_year (id, district_id, label, starts_on, ends_on) VALUES (106, 1, '2042-2043', '2042-07-01', '2042-02-30');
INSERT INTO record (id, teacher_year_id, item_id, started_on, ended_on) VALUES (107, 2, 2, '2024-09-01', '2024-08-01');
INSERT INTO record (id, teacher_year_id, item_id, started_on, ended_on) VALUES (108, 99, 2, '2024-09-01', '2024-09-01');
INSERT INTO teacher_year (id, teacher_id, school_year_id, school_id, status) VALUES (109, 2, 1, 1, 'loan');
INSERT INTO catalogue_version (id, n, epoch) VALUES (2, 0, 0);
INSERT INTO printed_document (code, kind, district_id, school_year_id, digest, statement) VALUES ('0123456789ABCDEF', 'card', 1, 2, '0123456789012345678901234567890123456789012345678901234567890123', 'x');
INSERT INTO printed_document (code, kind, district_id, school_year_id, teacher_year_id, digest, statement) VALUES ('0123456789ABCDEG', 'summary', 1, 2, 2, '0123456789012345678901234567890123456789012345678901234567890123', 'x');
INSERT INTO notification (id, account_id, kind) VALUES (110, 1, 'bogus');
