-- PostgreSQL version of db/migrations/0001_districts.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0001: districts (tenants) and their school years.
-- Every later table that belongs to a district references district(id).

-- SQLite-compatible functions (issue 18), so that the programs' SQL text
-- runs unchanged on PostgreSQL. Each gives the text SQLite gives for the
-- forms the programs use, and NULL for a NULL input as SQLite does. Times are
-- UTC throughout: a value is read as SQLite reads it (YYYY-MM-DD, with an
-- optional [T ]HH:MM[:SS[.SSS]] and Z or +-HH:MM, HH:MM alone, a Julian day
-- number, or 'now') into a timestamp without time zone holding UTC.

-- xs_sqlite_time: SQLite's reading of a time value and its modifiers
-- (+-N days/hours/minutes/seconds/months/years, start of day/month/year,
-- unixepoch as the first modifier of a number); NULL for what SQLite refuses.
CREATE OR REPLACE FUNCTION public.xs_sqlite_time(v text, mods text[]) RETURNS timestamp
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
	m text[];
	t timestamp;
	i int := 1;
	md text;
	num numeric;
	n bigint;
	y int; mo int; d int;
	tod interval;
	secs numeric;
	ry int; rmo int; rd int;   -- the date as written, until a modifier computes
BEGIN
	IF v IS NULL THEN
		RETURN NULL;
	END IF;
	IF mods IS NOT NULL AND array_position(mods, NULL) IS NOT NULL THEN
		RETURN NULL;
	END IF;
	IF lower(btrim(v)) = 'now' THEN
		t := date_trunc('milliseconds', statement_timestamp() AT TIME ZONE 'UTC');
	ELSIF v ~ '^\s*[-+]?[0-9]+(\.[0-9]*)?\s*$' THEN
		num := btrim(v)::numeric;
		IF mods IS NOT NULL AND cardinality(mods) >= 1 AND lower(btrim(mods[1])) = 'unixepoch' THEN
			t := timestamp '1970-01-01' + num * interval '1 second';
			i := 2;
		ELSE
			t := timestamp '1970-01-01' + (num - 2440587.5) * interval '1 day';
		END IF;
		t := date_trunc('milliseconds', t);
	ELSE
		m := regexp_match(v, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:(?:T|\s+)([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]*)?))?\s*(Z|[-+][0-9]{2}:[0-9]{2})?)?\s*$', 'i');
		IF m IS NULL THEN
			m := regexp_match(v, '^\s*()()()([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]*)?))?\s*(Z|[-+][0-9]{2}:[0-9]{2})?\s*$', 'i');
			IF m IS NULL THEN
				RETURN NULL;
			END IF;
			m[1] := '2000'; m[2] := '01'; m[3] := '01';
		END IF;
		y := m[1]::int; mo := m[2]::int; d := m[3]::int;
		IF mo < 1 OR mo > 12 OR d < 1 OR d > 31 THEN
			RETURN NULL;
		END IF;
		secs := coalesce(m[6], '0')::numeric;
		IF coalesce(m[4], '0')::int > 23 OR coalesce(m[5], '0')::int > 59 OR secs >= 60 THEN
			RETURN NULL;
		END IF;
		t := make_date(y, mo, 1) + (d - 1) * interval '1 day'
			+ coalesce(m[4], '0')::int * interval '1 hour' + coalesce(m[5], '0')::int * interval '1 minute'
			+ round(secs, 3) * interval '1 second';
		ry := y; rmo := mo; rd := d;
		IF m[7] IS NOT NULL AND upper(m[7]) <> 'Z' THEN
			ry := NULL;
			t := t - (CASE WHEN left(m[7], 1) = '-' THEN -1 ELSE 1 END)
				* (substr(m[7], 2, 2)::int * interval '1 hour' + substr(m[7], 5, 2)::int * interval '1 minute');
		END IF;
	END IF;
	WHILE mods IS NOT NULL AND i <= cardinality(mods) LOOP
		md := lower(btrim(mods[i]));
		m := regexp_match(md, '^([-+]?[0-9]+(?:\.[0-9]*)?|[-+]?\.[0-9]+)\s*(day|hour|minute|second|month|year)s?$');
		IF m IS NOT NULL THEN
			num := m[1]::numeric;
			IF m[2] IN ('month', 'year') THEN
				-- SQLite adds to the month (or year) field and lets the day overflow:
				-- 2024-01-31 +1 months is 2024-03-02, 2024-02-29 +1 years 2025-03-01.
				n := trunc(num);
				IF m[2] = 'year' THEN
					n := n * 12;
				END IF;
				tod := t - date_trunc('day', t);
				IF ry IS NOT NULL THEN
					y := ry; mo := rmo; d := rd;
				ELSE
					y := extract(year FROM t)::int; mo := extract(month FROM t)::int; d := extract(day FROM t)::int;
				END IF;
				n := y::bigint * 12 + (mo - 1) + n;
				t := make_date((n / 12)::int, (n % 12)::int + 1, 1) + (d - 1) * interval '1 day' + tod;
				IF num <> trunc(num) THEN
					t := t + (num - trunc(num)) * (CASE WHEN m[2] = 'year' THEN 365 ELSE 30 END) * interval '1 day';
				END IF;
			ELSE
				t := t + num * ('1 ' || m[2])::interval;
			END IF;
			t := date_trunc('milliseconds', t);
			ry := NULL;
		ELSIF md = 'start of day' THEN
			t := date_trunc('day', t);
		ELSIF md = 'start of month' THEN
			IF ry IS NOT NULL THEN
				t := make_date(ry, rmo, 1);
				rd := 1;
			ELSE
				t := date_trunc('month', t);
			END IF;
		ELSIF md = 'start of year' THEN
			IF ry IS NOT NULL THEN
				t := make_date(ry, 1, 1);
				rmo := 1; rd := 1;
			ELSE
				t := date_trunc('year', t);
			END IF;
		ELSE
			RETURN NULL;
		END IF;
		i := i + 1;
	END LOOP;
	RETURN t;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format OR numeric_value_out_of_range THEN
	RETURN NULL;
END
$fn$;

-- strftime(format, time [, modifier...]): %d %f %H %j %J %m %M %s %S %w %W %Y %%.
CREATE OR REPLACE FUNCTION public.strftime(fmt text, v text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
	t timestamp := public.xs_sqlite_time(v, mods);
	out text := '';
	i int := 1;
	c text;
	doy int;
BEGIN
	IF fmt IS NULL OR t IS NULL THEN
		RETURN NULL;
	END IF;
	IF fmt = '%Y-%m-%dT%H:%M:%SZ' THEN
		RETURN to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
	END IF;
	WHILE i <= length(fmt) LOOP
		c := substr(fmt, i, 1);
		IF c <> '%' THEN
			out := out || c;
		ELSE
			i := i + 1;
			c := substr(fmt, i, 1);
			CASE c
			WHEN 'Y' THEN out := out || to_char(t, 'YYYY');
			WHEN 'm' THEN out := out || to_char(t, 'MM');
			WHEN 'd' THEN out := out || to_char(t, 'DD');
			WHEN 'H' THEN out := out || to_char(t, 'HH24');
			WHEN 'M' THEN out := out || to_char(t, 'MI');
			WHEN 'S' THEN out := out || to_char(t, 'SS');
			WHEN 'f' THEN out := out || to_char(t, 'SS.MS');
			WHEN 'j' THEN out := out || to_char(t, 'DDD');
			WHEN 's' THEN out := out || floor(extract(epoch FROM t))::bigint::text;
			WHEN 'w' THEN out := out || extract(dow FROM t)::int::text;
			WHEN 'W' THEN
				doy := extract(doy FROM t)::int - 1;
				out := out || lpad(((doy + 7 - ((extract(dow FROM t)::int + 6) % 7)) / 7)::text, 2, '0');
			WHEN 'J' THEN out := out || public.julianday(v, VARIADIC mods)::text;
			WHEN '%' THEN out := out || '%';
			ELSE RETURN NULL;
			END CASE;
		END IF;
		i := i + 1;
	END LOOP;
	RETURN out;
END
$fn$;

-- date(time [, modifier...]): YYYY-MM-DD.
-- SQLite keeps the date as written until a modifier computes with it:
-- date('2024-02-30') is '2024-02-30' (so CHECK (date(x) = x) lets it by),
-- date('2024-02-30', '+0 days') is '2024-03-01'; start of day/month/year
-- keep the fields as written too. A +-HH:MM zone computes.
CREATE OR REPLACE FUNCTION public.date(v text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
	m text[];
	md text;
	t timestamp;
BEGIN
	m := regexp_match(v, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:(?:T|\s+)([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]*)?))?\s*(Z|[-+]00:00)?)?\s*$', 'i');
	IF m IS NOT NULL AND m[2]::int BETWEEN 1 AND 12 AND m[3]::int BETWEEN 1 AND 31
		AND public.xs_sqlite_time(v, '{}') IS NOT NULL
		AND (mods IS NULL OR array_position(mods, NULL) IS NULL) THEN
		FOREACH md IN ARRAY coalesce(mods, '{}') LOOP
			md := lower(btrim(md));
			IF md = 'start of month' THEN
				m[3] := '01';
			ELSIF md = 'start of year' THEN
				m[2] := '01'; m[3] := '01';
			ELSIF md <> 'start of day' THEN
				m := NULL;
				EXIT;
			END IF;
		END LOOP;
		IF m IS NOT NULL THEN
			RETURN m[1] || '-' || m[2] || '-' || m[3];
		END IF;
	END IF;
	RETURN to_char(public.xs_sqlite_time(v, mods), 'YYYY-MM-DD');
END
$fn$;

-- datetime(time [, modifier...]): YYYY-MM-DD HH:MM:SS.
CREATE OR REPLACE FUNCTION public.datetime(v text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE AS $fn$
	SELECT to_char(public.xs_sqlite_time(v, mods), 'YYYY-MM-DD HH24:MI:SS')
$fn$;

-- julianday(time [, modifier...]): as SQLite computes it, from whole milliseconds.
CREATE OR REPLACE FUNCTION public.julianday(v text, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE sql STABLE AS $fn$
	SELECT (round(extract(epoch FROM t) * 1000) + 210866760000000)::double precision / 86400000.0
	FROM public.xs_sqlite_time(v, mods) AS t
$fn$;

-- instr(haystack, needle): the 1-based character position, 0 when absent.
CREATE OR REPLACE FUNCTION public.instr(a text, b text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $fn$
	SELECT position(b IN a)::bigint
$fn$;

-- printf(format, args...): the conversions d i s c f % with flags - + 0 space,
-- width and precision; a missing or NULL argument prints as 0 or ''.
CREATE OR REPLACE FUNCTION public.xs_printf(fmt text, args text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
	out text := '';
	m text[];
	rest text := fmt;
	k int := 1;
	a text;
	s text;
	flags text; width int; prec int; conv text;
	num numeric;
	sign text;
BEGIN
	IF fmt IS NULL THEN
		RETURN NULL;
	END IF;
	LOOP
		m := regexp_match(rest, '^([^%]*)%([-+ 0#]*)([0-9]*)(?:\.([0-9]*))?([dicsf%])(.*)$', 's');
		IF m IS NULL THEN
			RETURN out || rest;
		END IF;
		out := out || m[1];
		flags := m[2]; width := nullif(m[3], '')::int; prec := coalesce(nullif(m[4], '')::int, CASE WHEN m[4] = '' THEN 0 END);
		conv := m[5]; rest := m[6];
		IF conv = '%' THEN
			out := out || '%';
			CONTINUE;
		END IF;
		a := CASE WHEN args IS NOT NULL AND k <= cardinality(args) THEN args[k] END;
		k := k + 1;
		IF conv IN ('d', 'i', 'f') THEN
			num := coalesce(substring(btrim(coalesce(a, '')) FROM '^[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?')::numeric, 0);
			IF conv = 'f' THEN
				num := round(num, coalesce(prec, 6));
				s := abs(num)::text;
			ELSE
				s := abs(trunc(num))::text;
			END IF;
			sign := CASE WHEN num < 0 AND (conv = 'f' OR trunc(num) <> 0) THEN '-' WHEN position('+' IN flags) > 0 THEN '+'
				WHEN position(' ' IN flags) > 0 THEN ' ' ELSE '' END;
			IF width IS NOT NULL AND length(sign || s) < width AND position('-' IN flags) = 0 AND position('0' IN flags) > 0 THEN
				s := lpad(s, width - length(sign), '0');
			END IF;
			s := sign || s;
		ELSIF conv = 'c' THEN
			s := left(coalesce(a, ''), 1);
		ELSE
			s := coalesce(a, '');
			IF prec IS NOT NULL THEN
				s := left(s, prec);
			END IF;
		END IF;
		IF width IS NOT NULL AND length(s) < width THEN
			s := CASE WHEN position('-' IN flags) > 0 THEN rpad(s, width) ELSE lpad(s, width) END;
		END IF;
		out := out || s;
	END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION public.printf(fmt text, VARIADIC args text[] DEFAULT '{}') RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT public.xs_printf(fmt, args)
$fn$;
CREATE OR REPLACE FUNCTION public.printf(fmt text, VARIADIC args bigint[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT public.xs_printf(fmt, args::text[])
$fn$;

-- json(text): the JSON minified (whitespace outside strings removed), as
-- SQLite's json() gives it; malformed JSON is an error.
CREATE OR REPLACE FUNCTION public.json(x text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
BEGIN
	PERFORM x::json;
	RETURN (SELECT string_agg(tok[1], '' ORDER BY n)
		FROM regexp_matches(x, '("(?:[^"\\]|\\.)*"|[^"\s]+)', 'g') WITH ORDINALITY AS r(tok, n));
END
$fn$;

-- json_valid(text): whether it is well-formed JSON. Boolean, not SQLite's
-- integer: the programs use it as a condition (CASE WHEN json_valid(?1) ...).
CREATE OR REPLACE FUNCTION public.json_valid(x text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
BEGIN
	PERFORM x::json;
	RETURN true;
EXCEPTION WHEN others THEN
	RETURN false;
END
$fn$;

-- xs_json_sql: a JSON value as SQLite gives it to SQL, as text: a string
-- unquoted, a number as written (integers) or as a double (reals), true 1,
-- false 0, null NULL, an object or array as minified JSON.
CREATE OR REPLACE FUNCTION public.xs_json_sql(v json) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $fn$
	SELECT CASE json_typeof(v)
		WHEN 'string' THEN v #>> '{}'
		WHEN 'number' THEN CASE WHEN v::text ~ '^\s*-?[0-9]+\s*$' THEN btrim(v::text)
			ELSE (v::text)::double precision::text END
		WHEN 'boolean' THEN CASE WHEN v::text ~ 'true' THEN '1' ELSE '0' END
		WHEN 'null' THEN NULL
		ELSE public.json(v::text) END
$fn$;

-- json_extract(json, path) for paths of $, .key, ."key" and [n] steps. Text:
-- the value as xs_json_sql gives it (the programs read the numbers with
-- sql_int and '$.role' as text); NULL when the path is absent.
CREATE OR REPLACE FUNCTION public.json_extract(x text, path text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
	steps text[] := '{}';
	m text[];
	rest text;
BEGIN
	IF left(path, 1) <> '$' THEN
		RAISE EXCEPTION 'JSON path error near ''%''', path USING ERRCODE = 'invalid_parameter_value';
	END IF;
	rest := substr(path, 2);
	WHILE rest <> '' LOOP
		m := regexp_match(rest, '^(?:\.([^.\["]+)|\."([^"]*)"|\[([0-9]+)\])(.*)$');
		IF m IS NULL THEN
			RAISE EXCEPTION 'JSON path error near ''%''', rest USING ERRCODE = 'invalid_parameter_value';
		END IF;
		steps := steps || coalesce(m[1], m[2], m[3]);
		rest := m[4];
	END LOOP;
	RETURN public.xs_json_sql(x::json #> steps);
END
$fn$;

-- json_each(json): key, value, type (SQLite's type names) and the rest of
-- SQLite's columns, for an object or an array (a scalar gives one row).
CREATE OR REPLACE FUNCTION public.json_each(x text)
RETURNS TABLE (key text, value text, type text, atom text, id bigint, parent bigint, fullkey text, path text)
LANGUAGE sql IMMUTABLE STRICT AS $fn$
	WITH j AS (SELECT x::json AS doc), e AS (
		SELECT k, v, n FROM j, json_each(j.doc) WITH ORDINALITY AS o(k, v, n) WHERE json_typeof(j.doc) = 'object'
		UNION ALL
		SELECT (n - 1)::text, v, n FROM j, json_array_elements(j.doc) WITH ORDINALITY AS o(v, n) WHERE json_typeof(j.doc) = 'array'
		UNION ALL
		SELECT NULL, j.doc, 1 FROM j WHERE json_typeof(j.doc) NOT IN ('object', 'array'))
	SELECT e.k,
		public.xs_json_sql(e.v),
		CASE json_typeof(e.v) WHEN 'string' THEN 'text'
			WHEN 'number' THEN CASE WHEN e.v::text ~ '^\s*-?[0-9]+\s*$' THEN 'integer' ELSE 'real' END
			WHEN 'boolean' THEN CASE WHEN e.v::text ~ 'true' THEN 'true' ELSE 'false' END
			ELSE json_typeof(e.v) END,
		CASE WHEN json_typeof(e.v) IN ('object', 'array') THEN NULL ELSE public.xs_json_sql(e.v) END,
		e.n, NULL::bigint,
		'$' || CASE WHEN e.k IS NULL THEN '' WHEN json_typeof((SELECT doc FROM j)) = 'array' THEN '[' || e.k || ']' ELSE '.' || e.k END,
		'$'
	FROM e ORDER BY e.n
$fn$;

-- group_concat(value [, separator]): NULL values skipped; NULL for no rows.
CREATE OR REPLACE FUNCTION public.xs_group_concat_step(s text, v text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN v IS NULL THEN s WHEN s IS NULL THEN v ELSE s || coalesce(sep, '') || v END
$fn$;
CREATE OR REPLACE FUNCTION public.xs_group_concat_step(s text, v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN v IS NULL THEN s WHEN s IS NULL THEN v ELSE s || ',' || v END
$fn$;
CREATE OR REPLACE AGGREGATE public.group_concat(text, text) (SFUNC = public.xs_group_concat_step, STYPE = text);
CREATE OR REPLACE AGGREGATE public.group_concat(text) (SFUNC = public.xs_group_concat_step, STYPE = text);

-- Scalar max(a, b) and min(a, b): NULL when either is NULL (SQLite's; unlike
-- greatest and least, which skip NULLs).
CREATE OR REPLACE FUNCTION public.max(a anycompatible, b anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a >= b THEN a ELSE b END
$fn$;
CREATE OR REPLACE FUNCTION public.min(a anycompatible, b anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a <= b THEN a ELSE b END
$fn$;

-- max(boolean) and min(boolean) aggregates: SQLite's comparisons are
-- integers, so max(rv.decision = 'return') is its "any"; here a boolean
-- (true when any is), usable as the condition the programs make of it.
CREATE OR REPLACE FUNCTION public.xs_bool_max(s boolean, v boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN v IS NULL THEN s WHEN s IS NULL THEN v ELSE s OR v END
$fn$;
CREATE OR REPLACE FUNCTION public.xs_bool_min(s boolean, v boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE WHEN v IS NULL THEN s WHEN s IS NULL THEN v ELSE s AND v END
$fn$;
CREATE OR REPLACE AGGREGATE public.max(boolean) (SFUNC = public.xs_bool_max, STYPE = boolean);
CREATE OR REPLACE AGGREGATE public.min(boolean) (SFUNC = public.xs_bool_min, STYPE = boolean);

CREATE TABLE district (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE CHECK (code ~ '^[a-z]' AND length(code) BETWEEN 2 AND 32),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	province text NOT NULL DEFAULT '',
	city text NOT NULL DEFAULT '',
	authority text NOT NULL DEFAULT '',         -- the office that runs the hours (e.g. 区教师发展中心)
	self_registration bigint NOT NULL DEFAULT 1 CHECK (self_registration IN (0, 1)),
	year_start_md text NOT NULL DEFAULT '07-01', -- the school year's first day, month-day
	created_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE school_year (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	district_id bigint NOT NULL REFERENCES district(id) ON DELETE RESTRICT,
	label text NOT NULL CHECK (label ~ '^[0-9]{4}-[0-9]{4}$'),
	starts_on text NOT NULL CHECK (date(starts_on) = starts_on),
	ends_on text NOT NULL CHECK (date(ends_on) = ends_on AND ends_on > starts_on),
	is_current bigint NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
	register_deadline text CHECK (register_deadline IS NULL OR date(register_deadline) = register_deadline),
	school_review_deadline text CHECK (school_review_deadline IS NULL OR date(school_review_deadline) = school_review_deadline),
	district_review_deadline text CHECK (district_review_deadline IS NULL OR date(district_review_deadline) = district_review_deadline),
	UNIQUE (district_id, label)
);

-- At most one current year per district.
CREATE UNIQUE INDEX school_year_current ON school_year(district_id) WHERE is_current = 1;
