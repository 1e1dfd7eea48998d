-- PostgreSQL version of db/migrations/0014_print.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0014: printing (issue 15). Verification of printed documents, and an index for the charts.
-- Every printed card (登记卡),
-- 5-year cycle statement and summary table (汇总表) carries a code and a QR
-- code leading to the public /verify page.
--
-- install_secret: the per-install key of the codes' HMAC, made once from
-- libsodium's random bytes by the first program that needs it (pages/verify.c);
-- on a consolidated deployment every host reads the same row. Never shown,
-- never exported; `xueshictl backup` copies it with the database (a restored
-- backup still verifies what was printed before).
CREATE TABLE install_secret (
	name text PRIMARY KEY,
	value bytea NOT NULL CHECK (length(value) = 32)
);

-- printed_document: one row per distinct content printed. code is the first
-- 80 bits of HMAC-SHA256(secret, kind, objects, digest) in Crockford base32;
-- digest is the SHA-256 (hex) of the canonical content the document showed
-- (pages/verify.c says what each kind covers); statement is the XML of what
-- /verify shows (the name already masked). Printing the same content again
-- gives the same code (INSERT OR IGNORE); a changed content a new one. The
-- code names no sequence: guessing one is guessing 80 bits.
CREATE TABLE printed_document (
	code text PRIMARY KEY CHECK (length(code) = 16),
	kind text NOT NULL CHECK (kind IN ('card', 'cycle', 'summary')),
	district_id bigint NOT NULL REFERENCES district(id) ON DELETE CASCADE,
	school_year_id bigint NOT NULL REFERENCES school_year(id) ON DELETE CASCADE,
	school_id bigint REFERENCES school(id) ON DELETE CASCADE,
	teacher_year_id bigint REFERENCES teacher_year(id) ON DELETE CASCADE,
	digest text NOT NULL CHECK (length(digest) = 64),
	statement text NOT NULL CHECK (length(statement) <= 20000),
	printed_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	printed_by bigint REFERENCES account(id) ON DELETE SET NULL,
	CHECK ((kind = 'summary') = (teacher_year_id IS NULL))
);
CREATE INDEX printed_document_object ON printed_document(kind, teacher_year_id, school_id, school_year_id);

-- The district's charts (/district/stats): records registered per week read
-- each record's start date; with the state beside it the count is read from
-- the index alone (about 40 ms instead of 65 for 64,000 records).
CREATE INDEX record_year_state_started ON record(teacher_year_id, state, started_on);
