/* store.c - see store.h and sql.h: the helpers every store module uses. */
#include "store/store.h"
#include "store/sql.h"
#include "store/grow.h"
#include "core/db_engine.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * On PostgreSQL a write transaction is SERIALIZABLE: two that overlap may
 * have one of them fail with a serialization failure (or a deadlock),
 * which is run again from the start, twice at most, before the 503 that
 * SQLite's busy timeout gives.
 */
#define STORE_TX_TRIES 3

enum db_result
store_tx(struct db *db, store_tx_fn fn, void *arg)
{
	enum db_result r = DB_ERROR;

	for (int attempt = 0; attempt < STORE_TX_TRIES; attempt++) {
		if ((r = db_begin(db)) != DB_OK)
			return r;
		if ((r = fn(db, arg)) != DB_OK)
			db_rollback(db);
		else
			r = db_commit(db); /* rolls back itself when the commit fails */
		if (r != DB_BUSY || !db_retry(db))
			return r;
	}
	return r;
}

enum sql_step
sql_step(sql_stmt *st, enum db_result *r)
{
	int rc;

	if (st->lite == NULL)
		return pgdb_step(st, r);
	rc = sqlite3_step(st->lite);
	if (rc == SQLITE_ROW)
		return SQL_ROW;
	if (rc == SQLITE_DONE)
		return SQL_DONE;
	if (r != NULL)
		*r = db_result_of(rc);
	return SQL_FAILED;
}

enum db_result
sql_exec(sql_stmt *st)
{
	enum db_result r = DB_OK;

	if (sql_step(st, &r) == SQL_ROW)
		r = DB_OK;
	sql_reset(st);
	return r;
}

const char *
sql_text(sql_stmt *st, int i)
{
	const char *v = sql_text_null(st, i);
	return v ? v : "";
}

char *
sql_dup(arena *a, sql_stmt *st, int i)
{
	return arena_strdup(a, sql_text(st, i));
}

long long
sql_int(sql_stmt *st, int i, long long dflt)
{
	const char *v;

	if (st->lite != NULL)
		return sqlite3_column_type(st->lite, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(st->lite, i);
	if ((v = pgdb_value(st, i)) == NULL)
		return dflt;
	/* A boolean is 1 or 0, as SQLite's comparisons are. */
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	if (v[0] == 'f' && v[1] == '\0')
		return 0;
	return strtoll(v, NULL, 10);
}

int
sql_null(sql_stmt *st, int i)
{
	if (st->lite == NULL)
		return pgdb_value(st, i) == NULL;
	return sqlite3_column_type(st->lite, i) == SQLITE_NULL;
}

void
sql_bind_text(sql_stmt *st, int i, const char *v)
{
	if (st->lite == NULL)
		pgdb_bind(st, i, v, -1, PGDB_TEXT);
	else if (v == NULL)
		sqlite3_bind_null(st->lite, i);
	else
		sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT);
}

void
sql_bind_int(sql_stmt *st, int i, long long v)
{
	char buf[24];

	if (st->lite != NULL) {
		sqlite3_bind_int64(st->lite, i, v);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", v);
	pgdb_bind(st, i, buf, -1, PGDB_INT);
}

void
sql_bind_null(sql_stmt *st, int i)
{
	if (st->lite == NULL)
		pgdb_bind(st, i, NULL, 0, PGDB_TEXT);
	else
		sqlite3_bind_null(st->lite, i);
}

void
sql_bind_blob(sql_stmt *st, int i, const void *p, int n)
{
	if (st->lite == NULL)
		pgdb_bind(st, i, p, n, PGDB_BLOB);
	else
		sqlite3_bind_blob(st->lite, i, p, n, SQLITE_STATIC);
}

int
sql_params(sql_stmt *st)
{
	return st->lite != NULL ? sqlite3_bind_parameter_count(st->lite) : st->nparams;
}

void
sql_reset(sql_stmt *st)
{
	if (st->lite != NULL)
		sqlite3_reset(st->lite);
	else
		pgdb_reset(st);
}

const char *
sql_text_null(sql_stmt *st, int i)
{
	if (st->lite == NULL)
		return pgdb_value(st, i);
	return (const char *)sqlite3_column_text(st->lite, i);
}

const void *
sql_blob(sql_stmt *st, int i, size_t *n)
{
	const void *p;

	if (st->lite == NULL)
		return pgdb_blob(st, i, n);
	p = sqlite3_column_blob(st->lite, i);
	*n = p != NULL ? (size_t)sqlite3_column_bytes(st->lite, i) : 0;
	return p;
}

long long
sql_last_id(struct db *db)
{
	if (db->pg != NULL)
		return pgdb_last_id(db);
	return sqlite3_last_insert_rowid(db->h);
}

long long
sql_changes(struct db *db)
{
	if (db->pg != NULL)
		return db->pg_changes;
	return sqlite3_changes(db->h);
}

enum db_result
db_last_result(struct db *db)
{
	if (db->pg != NULL)
		return db->pg_last;
	return db_result_of(sqlite3_errcode(db->h));
}

const char *
db_last_error(struct db *db)
{
	if (db->pg != NULL)
		return db->pg_err;
	return sqlite3_errmsg(db->h);
}

enum db_result
sql_list(sql_stmt *st, arena *a, size_t size, sql_fill_fn fill, void **out, size_t *n)
{
	void *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		void *row = store_grow(a, &v, *n, &cap, size);
		if (row == NULL || fill(a, st, row) != 0) {
			r = DB_ERROR;
			step = SQL_FAILED;
			break;
		}
		(*n)++;
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

int
sql_fill_int(arena *a, sql_stmt *st, void *row)
{
	(void)a;
	*(long long *)row = sql_int(st, 0, 0);
	return 0;
}

enum db_result
sql_one(sql_stmt *st, arena *a, size_t size, sql_fill_fn fill, void *row)
{
	enum db_result r = DB_OK;

	memset(row, 0, size);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		r = fill(a, st, row) == 0 ? DB_OK : DB_ERROR;
		break;
	case SQL_DONE:
		r = DB_NOTFOUND;
		break;
	case SQL_FAILED:
		if (r == DB_OK)
			r = DB_ERROR;
		break;
	}
	sql_reset(st);
	return r;
}

int
sql_fill_import_file(arena *a, sql_stmt *st, void *row)
{
	struct import_file *f = row;
	size_t len = 0;
	const void *blob = sql_blob(st, 0, &len);

	f->len = len;
	f->year = sql_int(st, 2, 0);
	f->committed = !sql_null(st, 3);
	if ((f->data = arena_alloc(a, len + 1)) == NULL || (f->filename = sql_dup(a, st, 1)) == NULL)
		return -1;
	if (blob != NULL && len > 0)
		memcpy(f->data, blob, len);
	((char *)f->data)[len] = '\0';
	return 0;
}
