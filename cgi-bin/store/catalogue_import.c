/* store/catalogue_import.c - see catalogue_import.h */
#include "store/catalogue_import.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_catalogue_import_save(struct db *db, long long year, long long account,
    const char *filename, const void *data, size_t len, long long *id)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO catalogue_import(school_year_id, account_id,"
	    " filename, content) VALUES (?,?,?,?)");
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, account);
	sql_bind_text(st, 3, filename ? filename : "");
	sqlite3_bind_blob(st, 4, data, (int)len, SQLITE_STATIC);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return r;
}

enum db_result
store_catalogue_import_get(struct db *db, arena *a, long long id, struct catalogue_import_file *f)
{
	static const char sql[] =
	    "SELECT content, filename, school_year_id, committed_at FROM catalogue_import WHERE id = ?";
	sqlite3_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step step;

	memset(f, 0, sizeof(*f));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((step = sql_step(st, &r)) == SQL_ROW) {
		const void *blob = sqlite3_column_blob(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		r = DB_OK;
		f->len = len;
		f->year = sql_int(st, 2, 0);
		f->committed = !sql_null(st, 3);
		if ((f->data = arena_alloc(a, len + 1)) == NULL ||
		    (f->filename = sql_dup(a, st, 1)) == NULL)
			r = DB_ERROR;
		else {
			if (blob != NULL && len > 0)
				memcpy(f->data, blob, len);
			((char *)f->data)[len] = '\0';
		}
	} else if (step == SQL_DONE)
		r = DB_NOTFOUND;
	sqlite3_reset(st);
	if (r != DB_OK)
		memset(f, 0, sizeof(*f));
	return r;
}

enum db_result
store_catalogue_import_done(struct db *db, long long id, long long added, long long changed,
    long long retired)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE catalogue_import SET committed_at ="
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), added = ?, changed = ?, retired = ?"
	    " WHERE id = ?");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, added);
	sql_bind_int(st, 2, changed);
	sql_bind_int(st, 3, retired);
	sql_bind_int(st, 4, id);
	return sql_exec(st);
}
