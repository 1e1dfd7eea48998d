/* store/move.c - see move.h */
#include "store/move.h"
#include "store/assess.h"
#include "store/grow.h"
#include "store/sql.h"

#include <stdio.h>
#include <string.h>

struct column {
	const char *name;
	const char *type;      /* PostgreSQL's data_type */
	int identity;
};

struct table {
	const char *name;
	struct column *cols;
	size_t ncols;
};

/* The tables of the PostgreSQL schema (the migrations'), with their columns in order. */
static enum db_result
pg_tables(struct db *dst, arena *a, struct table **out, size_t *n)
{
	static const char sql_tables[] =
	    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
	    " AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' ORDER BY table_name";
	static const char sql_cols[] =
	    "SELECT column_name, data_type, CASE WHEN is_identity = 'YES' THEN 1 ELSE 0 END"
	    " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?1"
	    " ORDER BY ordinal_position";
	sql_stmt *st = db_stmt(dst, sql_tables);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct table *t = store_grow(a, (void **)out, *n, &cap, sizeof(**out));
		if (t == NULL || (t->name = sql_dup(a, st, 0)) == NULL) {
			sql_reset(st);
			return DB_ERROR;
		}
		(*n)++;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r;
	for (size_t i = 0; i < *n; i++) {
		struct table *t = &(*out)[i];
		size_t ccap = 0;
		if ((st = db_stmt(dst, sql_cols)) == NULL)
			return DB_ERROR;
		sql_bind_text(st, 1, t->name);
		while ((s = sql_step(st, &r)) == SQL_ROW) {
			struct column *c = store_grow(a, (void **)&t->cols, t->ncols, &ccap, sizeof(*c));
			if (c == NULL || (c->name = sql_dup(a, st, 0)) == NULL || (c->type = sql_dup(a, st, 1)) == NULL) {
				sql_reset(st);
				return DB_ERROR;
			}
			c->identity = (int)sql_int(st, 2, 0);
			t->ncols++;
		}
		sql_reset(st);
		if (s == SQL_FAILED)
			return r;
	}
	return DB_OK;
}

static int
is_integer(const char *type)
{
	return strcmp(type, "bigint") == 0 || strcmp(type, "integer") == 0 || strcmp(type, "smallint") == 0;
}

/*
 * The SQL of one table, built once per run (the statement cache knows a
 * statement by its text's address): SELECT of the columns in PostgreSQL's
 * order, the INSERT of them, the count.
 */
struct table_sql { char *select, *insert, *count; };

static int
build_sql(arena *a, const struct table *t, struct table_sql *q)
{
	size_t len = 64 + strlen(t->name) * 3;
	char *cols, *params, *p, *v;

	for (size_t i = 0; i < t->ncols; i++)
		len += strlen(t->name) + strlen(t->cols[i].name) + 12;
	if ((cols = arena_alloc(a, len)) == NULL || (params = arena_alloc(a, len)) == NULL)
		return -1;
	p = cols;
	v = params;
	for (size_t i = 0; i < t->ncols; i++) {
		p += sprintf(p, "%s\"%s\"", i ? ", " : "", t->cols[i].name);
		v += sprintf(v, "%s?%zu", i ? ", " : "", i + 1);
	}
	q->select = arena_printf(a, "SELECT %s FROM \"%s\"", cols, t->name);
	q->insert = arena_printf(a, "INSERT INTO \"%s\" (%s) VALUES (%s)", t->name, cols, params);
	q->count = arena_printf(a, "SELECT count(*) FROM \"%s\"", t->name);
	return q->select && q->insert && q->count ? 0 : -1;
}

static enum db_result
count_of(struct db *db, const char *sql, long long *n)
{
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_ERROR;

	if (st == NULL)
		return DB_ERROR;
	if (sql_step(st, &r) == SQL_ROW) {
		*n = sql_int(st, 0, 0);
		r = DB_OK;
	}
	sql_reset(st);
	return r;
}

/* Every row of t from src into dst (inside dst's transaction): DB_OK and the count. */
static enum db_result
copy_table(struct db *src, struct db *dst, const struct table *t, const struct table_sql *q,
    long long *rows)
{
	sql_stmt *from = db_stmt(src, q->select), *to;
	enum db_result r = DB_OK;
	enum sql_step s;

	*rows = 0;
	if (from == NULL)
		return DB_ERROR;
	while ((s = sql_step(from, &r)) == SQL_ROW) {
		if ((to = db_stmt(dst, q->insert)) == NULL) {
			r = DB_ERROR;
			break;
		}
		for (size_t i = 0; i < t->ncols; i++) {
			int k = (int)i + 1;
			if (sql_null(from, (int)i))
				sql_bind_null(to, k);
			else if (is_integer(t->cols[i].type))
				sql_bind_int(to, k, sql_int(from, (int)i, 0));
			else if (strcmp(t->cols[i].type, "bytea") == 0) {
				size_t n = 0;
				const void *b = sql_blob(from, (int)i, &n);
				sql_bind_blob(to, k, b != NULL ? b : "", (int)n);
			} else
				sql_bind_text(to, k, sql_text(from, (int)i));
		}
		if ((r = sql_exec(to)) != DB_OK)
			break;
		(*rows)++;
	}
	sql_reset(from);
	if (s == SQL_FAILED || r != DB_OK)
		return r == DB_OK ? DB_ERROR : r;
	return DB_OK;
}

/* Every teacher-year's kept result on both, compared column by column. */
static enum db_result
compare_results(struct db *src, struct db *dst, arena *a, struct move_report *rep)
{
	static const char sql[] =
	    "SELECT teacher_year_id, confirmed_tenths, pending_tenths, normative_confirmed_tenths,"
	    " normative_pending_tenths, threshold_tenths, normative_min_tenths, gap_tenths, pass,"
	    " below_total, below_normative, cycle_applies, cycle_pass, cycle_tenths, cycle_gap_tenths"
	    " FROM teacher_year_result ORDER BY teacher_year_id";
	sql_stmt *x = db_stmt(src, sql), *y = db_stmt(dst, sql);
	enum db_result r = DB_OK;
	enum sql_step sx, sy;

	if (x == NULL || y == NULL)
		return DB_ERROR;
	for (;;) {
		sx = sql_step(x, &r);
		sy = sql_step(y, &r);
		if (sx != SQL_ROW || sy != SQL_ROW)
			break;
		rep->assessed++;
		for (int i = 0; i < 15; i++)
			if (sql_int(x, i, -1) != sql_int(y, i, -1)) {
				if (rep->differ++ == 0)
					rep->first_diff = arena_printf(a, "teacher-year %lld",
					    sql_int(x, 0, 0));
				break;
			}
	}
	sql_reset(x);
	sql_reset(y);
	if (sx == SQL_FAILED || sy == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	if (sx != sy) {
		/* One has a result the other has not. */
		if (rep->differ++ == 0)
			rep->first_diff = "teacher_year_result (rows)";
	}
	return DB_OK;
}

static enum db_result
mark_all_dirty(struct db *db)
{
	static const char sql[] =
	    "INSERT INTO result_dirty SELECT id FROM teacher_year WHERE true ON CONFLICT DO NOTHING";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	if ((r = db_begin(db)) != DB_OK)
		return r;
	if ((r = sql_exec(st)) != DB_OK) {
		db_rollback(db);
		return r;
	}
	return db_commit(db); /* the commit hook computes every result again */
}

enum db_result
store_move(struct db *src, struct db *dst, arena *a, struct move_report *rep)
{
	static const char sql_districts[] = "SELECT count(*) FROM district";
	struct table *t;
	struct table_sql *q;
	size_t n;
	long long have = 0;
	enum db_result r;

	memset(rep, 0, sizeof(*rep));
	if (db_is_pg(src) || !db_is_pg(dst)) {
		rep->refused = "engines";
		return DB_CONSTRAINT;
	}
	db_set_commit_hook(src, assess_commit_hook, NULL);
	db_set_commit_hook(dst, assess_commit_hook, NULL);
	if ((r = count_of(dst, sql_districts, &have)) != DB_OK)
		return r;
	if (have > 0) {
		rep->refused = "not_empty";
		return DB_CONSTRAINT;
	}
	/* The source's kept results up to date first: they are copied, then compared. */
	if ((r = mark_all_dirty(src)) != DB_OK)
		return r;
	if ((r = pg_tables(dst, a, &t, &n)) != DB_OK)
		return r;
	if ((q = arena_alloc(a, (n ? n : 1) * sizeof(*q))) == NULL)
		return DB_ERROR;
	for (size_t i = 0; i < n; i++)
		if (build_sql(a, &t[i], &q[i]) != 0)
			return DB_ERROR;
	if ((r = db_begin(dst)) != DB_OK)
		return r;
	/* Rows as they are: no trigger, no foreign-key check until the end (a superuser's setting). */
	if (db_exec(dst, "SET LOCAL session_replication_role = replica") != DB_OK) {
		db_rollback(dst);
		rep->refused = "not_superuser";
		return DB_CONSTRAINT;
	}
	for (size_t i = 0; i < n; i++) {
		char *del = arena_printf(a, "DELETE FROM \"%s\"", t[i].name); /* the migrations' seed rows */
		long long rows = 0;
		if (del == NULL || (r = db_exec(dst, del)) != DB_OK ||
		    (r = copy_table(src, dst, &t[i], &q[i], &rows)) != DB_OK) {
			fprintf(stderr, "xueshi: move: table %s: %s\n", t[i].name, db_last_error(dst));
			db_rollback(dst);
			return r == DB_OK ? DB_ERROR : r;
		}
		rep->rows += rows;
		rep->tables++;
		for (size_t c = 0; c < t[i].ncols; c++) {
			char *seq;
			if (!t[i].cols[c].identity)
				continue;
			/* The next id after the highest copied. */
			seq = arena_printf(a, "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'),"
			    " (SELECT coalesce(max(\"%s\"), 0) + 1 FROM \"%s\"), false)",
			    t[i].name, t[i].cols[c].name, t[i].cols[c].name, t[i].name);
			if (seq == NULL || (r = db_exec(dst, seq)) != DB_OK) {
				db_rollback(dst);
				return r == DB_OK ? DB_ERROR : r;
			}
		}
	}
	if ((r = db_commit(dst)) != DB_OK)
		return r;
	/* Counts, table by table. */
	for (size_t i = 0; i < n; i++) {
		long long x = -1, y = -1;
		if ((r = count_of(src, q[i].count, &x)) != DB_OK || (r = count_of(dst, q[i].count, &y)) != DB_OK)
			return r;
		if (x != y && rep->differ++ == 0)
			rep->first_diff = t[i].name;
	}
	/* Every assessment again, on PostgreSQL, against SQLite's. */
	if ((r = mark_all_dirty(dst)) != DB_OK)
		return r;
	return compare_results(src, dst, a, rep);
}
