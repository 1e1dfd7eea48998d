/* store.c - see store.h and sql.h: the helpers every store module uses. */
#include "store/store.h"
#include "store/sql.h"
#include "store/grow.h"

#include <sqlite3.h>
#include <string.h>

enum db_result
store_tx(struct db *db, store_tx_fn fn, void *arg)
{
	enum db_result r;

	if ((r = db_begin(db)) != DB_OK)
		return r;
	if ((r = fn(db, arg)) != DB_OK) {
		db_rollback(db);
		return r;
	}
	return db_commit(db); /* rolls back itself when the commit fails */
}

enum sql_step
sql_step(sqlite3_stmt *st, enum db_result *r)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return SQL_ROW;
	if (rc == SQLITE_DONE)
		return SQL_DONE;
	if (r != NULL)
		*r = db_result_of(rc);
	return SQL_FAILED;
}

enum db_result
sql_exec(sqlite3_stmt *st)
{
	enum db_result r = DB_OK;

	if (sql_step(st, &r) == SQL_ROW)
		r = DB_OK;
	sqlite3_reset(st);
	return r;
}

const char *
sql_text(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

char *
sql_dup(arena *a, sqlite3_stmt *st, int i)
{
	return arena_strdup(a, sql_text(st, i));
}

long long
sql_int(sqlite3_stmt *st, int i, long long dflt)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(st, i);
}

int
sql_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

void
sql_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void
sql_bind_int(sqlite3_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st, i, v);
}

void
sql_bind_null(sqlite3_stmt *st, int i)
{
	sqlite3_bind_null(st, i);
}

void
sql_bind_blob(sqlite3_stmt *st, int i, const void *p, int n)
{
	sqlite3_bind_blob(st, i, p, n, SQLITE_STATIC);
}

int
sql_params(sqlite3_stmt *st)
{
	return sqlite3_bind_parameter_count(st);
}

void
sql_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

const char *
sql_text_null(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

const void *
sql_blob(sqlite3_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(st, i);

	*n = p != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return p;
}

long long
sql_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db_handle(db));
}

long long
sql_changes(struct db *db)
{
	return sqlite3_changes(db_handle(db));
}

enum db_result
db_last_result(struct db *db)
{
	return db_result_of(sqlite3_errcode(db_handle(db)));
}

const char *
db_last_error(struct db *db)
{
	return sqlite3_errmsg(db_handle(db));
}

enum db_result
sql_list(sqlite3_stmt *st, arena *a, size_t size, sql_fill_fn fill, void **out, size_t *n)
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
	sqlite3_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

int
sql_fill_int(arena *a, sqlite3_stmt *st, void *row)
{
	(void)a;
	*(long long *)row = sql_int(st, 0, 0);
	return 0;
}

enum db_result
sql_one(sqlite3_stmt *st, arena *a, size_t size, sql_fill_fn fill, void *row)
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
	sqlite3_reset(st);
	return r;
}

int
sql_fill_import_file(arena *a, sqlite3_stmt *st, void *row)
{
	struct import_file *f = row;
	const void *blob = sqlite3_column_blob(st, 0);
	size_t len = (size_t)sqlite3_column_bytes(st, 0);

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
