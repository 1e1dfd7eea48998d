#!/usr/bin/env bash
# Compare db/migrations (SQLite) with db/migrations-pg (PostgreSQL), issue 18.
#
#   tests/pg/schema_compare.sh [CONNINFO]
#
# Builds a fresh SQLite database from db/migrations (sqlite3, each file in
# order) and a fresh PostgreSQL one from db/migrations-pg: on the database
# CONNINFO names (it must be empty), else on a throwaway cluster made with
# tests/pg/cluster.sh in a temporary directory and removed after. Then
# compares:
#  * the tables and, per table, its columns in order with their type
#    (INTEGER: bigint, TEXT: text, BLOB: bytea, REAL: double precision) and
#    whether they are NOT NULL (or in the primary key);
#  * the indexes: the created ones by name, table, uniqueness, columns and
#    whether partial; those of PRIMARY KEY and UNIQUE constraints by table
#    and columns;
#  * the triggers (name and table) and views;
#  * function results: each SELECT of tests/pg/compare/functions.sql
#    (strftime, date, julianday, instr, printf, json_extract, json_valid,
#    json, json_each, group_concat, scalar max/min) gives the same text;
#  * behaviour: tests/pg/compare/triggers.sql run on both (defaults,
#    result_dirty marks, catalogue_version counts, ...) prints the same rows,
#    and every statement of tests/pg/compare/refusals.sql is refused by both
#    (on PostgreSQL with an SQLSTATE of class 23).
# Prints each difference; exits 0 when all agree, 1 otherwise (2: usage or
# setup failure). schema_version (made by the programs) is left out.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
sqlite_dir=$top/db/migrations
pg_dir=$top/db/migrations-pg
cmp_dir=$here/compare

command -v sqlite3 >/dev/null || { echo "schema_compare: sqlite3 not found" >&2; exit 2; }
command -v psql >/dev/null || PATH=$PATH:/usr/lib/postgresql/15/bin
command -v psql >/dev/null || { echo "schema_compare: psql not found" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/schema_compare.XXXXXX")
cluster=""
cleanup() {
	if [ -n "$cluster" ]; then "$here/cluster.sh" stop "$cluster" || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
	conn=$1
else
	cluster=$tmp/cluster
	conn=$("$here/cluster.sh" start "$cluster") || { echo "schema_compare: no cluster" >&2; exit 2; }
fi

status=0
fail() { echo "DIFF: $*"; status=1; }

# ---------------------------------------------------------------- build
db=$tmp/sqlite.db
sq() { sqlite3 -bail -batch -noheader -list -cmd 'PRAGMA foreign_keys=ON' "$db" "$@"; }
pq() { psql -X -q -At -v ON_ERROR_STOP=1 "$@" "$conn"; }

for f in "$sqlite_dir"/[0-9]*.sql; do
	sq ".read $f" >/dev/null || { echo "schema_compare: sqlite3 failed on $f" >&2; exit 2; }
done
for f in "$sqlite_dir"/[0-9]*.sql; do
	g=$pg_dir/$(basename "$f")
	[ -f "$g" ] || { fail "no PostgreSQL migration $(basename "$f")"; continue; }
done
for g in "$pg_dir"/[0-9]*.sql; do
	[ -f "$sqlite_dir/$(basename "$g")" ] || fail "PostgreSQL migration $(basename "$g") has no SQLite one"
	psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$g" "$conn" >"$tmp/psql.out" 2>&1 ||
		{ cat "$tmp/psql.out" >&2; echo "schema_compare: psql failed on $g" >&2; exit 2; }
done

# Compare two outputs, printing the differences under a title.
compare() { # title a b
	if ! LC_ALL=C diff -u --label "sqlite: $1" --label "postgresql: $1" "$2" "$3" >"$tmp/diff"; then
		fail "$1"
		sed 's/^/    /' "$tmp/diff"
	fi
}

# ---------------------------------------------------------------- schema
sq "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
	AND name <> 'schema_version' ORDER BY name" | LC_ALL=C sort >"$tmp/s.tables"
pq -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
	AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'" | LC_ALL=C sort >"$tmp/p.tables"
compare tables "$tmp/s.tables" "$tmp/p.tables"

sq "SELECT m.name, c.cid + 1, c.name, CASE upper(c.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
	WHEN 'BLOB' THEN 'bytea' WHEN 'REAL' THEN 'double precision' ELSE c.type END,
	CASE WHEN c.\"notnull\" OR c.pk > 0 THEN 'not null' ELSE 'null' END
	FROM sqlite_schema m, pragma_table_info(m.name) c
	WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_version'" |
	LC_ALL=C sort -t'|' -k1,1 -k2,2n >"$tmp/s.columns"
pq -c "SELECT table_name, row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position), column_name,
	data_type, CASE is_nullable WHEN 'NO' THEN 'not null' ELSE 'null' END
	FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_version'
	AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
	AND table_type = 'BASE TABLE')" | LC_ALL=C sort -t'|' -k1,1 -k2,2n >"$tmp/p.columns"
compare "columns (table|position|name|type|nullability)" "$tmp/s.columns" "$tmp/p.columns"

# Indexes: made by CREATE INDEX (origin c) by name; the others (primary key,
# UNIQUE) by table and columns, as their names differ between the engines.
sq "SELECT m.name, CASE WHEN l.origin = 'c' THEN l.name ELSE '(' || l.origin || ')' END,
	CASE WHEN l.\"unique\" THEN 'unique' ELSE '' END,
	(SELECT group_concat(name, ',') FROM (SELECT i.name FROM pragma_index_info(l.name) i ORDER BY i.seqno)),
	CASE WHEN l.partial THEN 'partial' ELSE '' END
	FROM sqlite_schema m, pragma_index_list(m.name) l
	WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_version'
	UNION ALL
	SELECT m.name, '(pk)', 'unique', c.name, ''
	FROM sqlite_schema m, pragma_table_info(m.name) c
	WHERE m.type = 'table' AND m.name <> 'schema_version' AND c.pk = 1 AND upper(c.type) = 'INTEGER'
	AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1" |
	sed 's/|(u)|/|(constraint)|/; s/|(pk)|/|(constraint)|/' | LC_ALL=C sort >"$tmp/s.indexes"
pq -c "SELECT t.relname, CASE WHEN c.oid IS NULL THEN ic.relname ELSE '(constraint)' END,
	CASE WHEN x.indisunique THEN 'unique' ELSE '' END,
	(SELECT string_agg(replace(pg_get_indexdef(x.indexrelid, k, true), '\"', ''), ',' ORDER BY k)
	 FROM generate_series(1, x.indnatts) k),
	CASE WHEN x.indpred IS NOT NULL THEN 'partial' ELSE '' END
	FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
	JOIN pg_namespace n ON n.oid = t.relnamespace
	LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype IN ('p', 'u')
	WHERE n.nspname = 'public' AND t.relname <> 'schema_version'" | LC_ALL=C sort >"$tmp/p.indexes"
compare "indexes (table|name|unique|columns|partial)" "$tmp/s.indexes" "$tmp/p.indexes"

sq "SELECT tbl_name, name FROM sqlite_schema WHERE type = 'trigger'" | LC_ALL=C sort >"$tmp/s.triggers"
pq -c "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal" |
	LC_ALL=C sort >"$tmp/p.triggers"
compare "triggers (table|name)" "$tmp/s.triggers" "$tmp/p.triggers"

sq "SELECT name FROM sqlite_schema WHERE type = 'view'" | LC_ALL=C sort >"$tmp/s.views"
pq -c "SELECT table_name FROM information_schema.views WHERE table_schema = 'public'" | LC_ALL=C sort >"$tmp/p.views"
compare views "$tmp/s.views" "$tmp/p.views"

# ---------------------------------------------------------------- functions
grep -v '^--' "$cmp_dir/functions.sql" | grep -v '^[[:space:]]*$' >"$tmp/functions.sql"
sq ".read $tmp/functions.sql" >"$tmp/s.functions" 2>&1 || fail "functions.sql failed on SQLite: $(tail -n 3 "$tmp/s.functions")"
pq -f "$tmp/functions.sql" >"$tmp/p.functions" 2>&1 || fail "functions.sql failed on PostgreSQL: $(tail -n 3 "$tmp/p.functions")"
compare "function results" "$tmp/s.functions" "$tmp/p.functions"

# ---------------------------------------------------------------- behaviour
sq ".read $cmp_dir/triggers.sql" >"$tmp/s.triggers.out" 2>&1 || fail "triggers.sql failed on SQLite: $(tail -n 3 "$tmp/s.triggers.out")"
pq -f "$cmp_dir/triggers.sql" >"$tmp/p.triggers.out" 2>&1 || fail "triggers.sql failed on PostgreSQL: $(tail -n 3 "$tmp/p.triggers.out")"
compare "trigger behaviour (triggers.sql)" "$tmp/s.triggers.out" "$tmp/p.triggers.out"

while IFS= read -r stmt; do
	case "$stmt" in '' | --*) continue ;; esac
	if sq "$stmt" >/dev/null 2>"$tmp/s.err"; then
		fail "SQLite accepted: $stmt"
	elif ! grep -q 'constraint failed\|append-only\|disagree' "$tmp/s.err"; then
		fail "SQLite refused other than by a constraint ($(head -c 200 "$tmp/s.err")): $stmt"
	fi
	if psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$stmt" "$conn" >/dev/null 2>"$tmp/p.err"; then
		fail "PostgreSQL accepted: $stmt"
	elif ! grep -q '^ERROR:  23' "$tmp/p.err"; then
		fail "PostgreSQL refused other than with SQLSTATE class 23 ($(head -n 1 "$tmp/p.err")): $stmt"
	fi
done <"$cmp_dir/refusals.sql"

if [ "$status" = 0 ]; then
	echo "schema_compare: SQLite and PostgreSQL agree ($(wc -l <"$tmp/s.tables") tables, $(wc -l <"$tmp/s.columns") columns, $(wc -l <"$tmp/s.indexes") indexes, $(wc -l <"$tmp/s.triggers") triggers, $(wc -l <"$tmp/s.functions") function checks)"
fi
exit "$status"
