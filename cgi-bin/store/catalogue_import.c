/* store/catalogue_import.c - see catalogue_import.h */
#include "store/catalogue_import.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_catalogue_import_save(struct db *db, long long year, long long account,
    const char *filename, const void *data, size_t len, long long *id)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO catalogue_import(school_year_id, account_id,"
	    " filename, content) VALUES (?,?,?,?)");
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, account);
	sql_bind_text(st, 3, filename ? filename : "");
	sql_bind_blob(st, 4, data, (int)len);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sql_last_id(db);
	return r;
}

enum db_result
store_catalogue_import_get(struct db *db, arena *a, long long id, struct import_file *f)
{
	static const char sql[] =
	    "SELECT content, filename, school_year_id, committed_at FROM catalogue_import WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	memset(f, 0, sizeof(*f));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((r = sql_one(st, a, sizeof(*f), sql_fill_import_file, f)) != DB_OK)
		memset(f, 0, sizeof(*f));
	return r;
}

enum db_result
store_catalogue_import_done(struct db *db, long long id, long long added, long long changed,
    long long retired)
{
	sql_stmt *st = db_stmt(db, "UPDATE catalogue_import SET committed_at ="
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
