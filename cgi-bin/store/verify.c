/* store/verify.c - see store/verify.h */
#include "store/verify.h"
#include "store/sql.h"

#include <string.h>

static enum db_result
secret_read(struct db *db, unsigned char out[VERIFY_SECRET_BYTES])
{
	static const char sql[] = "SELECT value FROM install_secret WHERE name = 'verify'";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	if (st == NULL)
		return DB_ERROR;
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		size_t len = 0;
		const void *v = sql_blob(st, 0, &len);
		if (v == NULL || len != VERIFY_SECRET_BYTES)
			r = DB_ERROR;
		else
			memcpy(out, v, VERIFY_SECRET_BYTES);
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : r;
}

static enum db_result
secret_make(struct db *db, void *arg)
{
	static const char sql[] = "INSERT OR IGNORE INTO install_secret (name, value) VALUES ('verify', ?)";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_blob(st, 1, arg, VERIFY_SECRET_BYTES);
	return sql_exec(st);
}

enum db_result
store_verify_secret(struct db *db, const unsigned char *fresh,
    unsigned char out[VERIFY_SECRET_BYTES])
{
	enum db_result r = secret_read(db, out);

	if (r != DB_NOTFOUND)
		return r;
	if ((r = store_tx(db, secret_make, (void *)fresh)) != DB_OK)
		return r;
	return secret_read(db, out);
}

static void
bind_id(sql_stmt *st, int i, long long v)
{
	if (v > 0)
		sql_bind_int(st, i, v);
	else
		sql_bind_null(st, i);
}

enum db_result
store_printed_put(struct db *db, const struct printed_document *d)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO printed_document (code, kind, district_id, school_year_id,"
	    " school_id, teacher_year_id, digest, statement, printed_by)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, d->code);
	sql_bind_text(st, 2, d->kind);
	sql_bind_int(st, 3, d->district_id);
	sql_bind_int(st, 4, d->school_year_id);
	bind_id(st, 5, d->school_id);
	bind_id(st, 6, d->teacher_year_id);
	sql_bind_text(st, 7, d->digest);
	sql_bind_text(st, 8, d->statement);
	bind_id(st, 9, d->printed_by);
	return sql_exec(st);
}

static int
fill_printed(arena *a, sql_stmt *st, void *row)
{
	struct printed_document *d = row;

	d->code = sql_dup(a, st, 0);
	d->kind = sql_dup(a, st, 1);
	d->district_id = sql_int(st, 2, 0);
	d->school_year_id = sql_int(st, 3, 0);
	d->school_id = sql_int(st, 4, 0);
	d->teacher_year_id = sql_int(st, 5, 0);
	d->digest = sql_dup(a, st, 6);
	d->statement = sql_dup(a, st, 7);
	d->printed_at = sql_dup(a, st, 8);
	d->printed_by = sql_int(st, 9, 0);
	return d->code && d->kind && d->digest && d->statement && d->printed_at ? 0 : -1;
}

enum db_result
store_printed_get(struct db *db, arena *a, const char *code, struct printed_document *d)
{
	static const char sql[] =
	    "SELECT code, kind, district_id, school_year_id, school_id, teacher_year_id,"
	    " digest, statement, printed_at, printed_by FROM printed_document WHERE code = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, code);
	return sql_one(st, a, sizeof(*d), fill_printed, d);
}

static int
fill_card(arena *a, sql_stmt *st, void *row)
{
	struct verify_card_facts *f = row;
	const char **texts[] = { &f->name, &f->school, &f->year, &f->starts_on, &f->category,
		&f->school_state, &f->confirmed_at, &f->records };

	f->district_id = sql_int(st, 0, 0);
	f->school_id = sql_int(st, 1, 0);
	f->school_year_id = sql_int(st, 2, 0);
	f->teacher_id = sql_int(st, 3, 0);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if ((*texts[i] = sql_dup(a, st, 4 + (int)i)) == NULL)
			return -1;
	return 0;
}

enum db_result
store_verify_card_facts(struct db *db, arena *a, long long ty, struct verify_card_facts *f)
{
	static const char sql[] =
	    "SELECT s.district_id, s.id, y.id, t.id, t.name, s.name, y.label, y.starts_on,"
	    " ty.category, coalesce(sys.state, 'open'), coalesce(sys.confirmed_at, ''),"
	    " (SELECT coalesce(group_concat(x, ','), '') FROM (SELECT r.id || ':' || r.state || ':'"
	    "   || r.claimed_tenths || ':' || r.item_id AS x FROM record r"
	    "   WHERE r.teacher_year_id = ty.id ORDER BY r.id) AS l)"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id JOIN school_year y ON y.id = ty.school_year_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	return sql_one(st, a, sizeof(*f), fill_card, f);
}

static int
fill_summary(arena *a, sql_stmt *st, void *row)
{
	struct verify_summary_facts *f = row;

	f->district_id = sql_int(st, 0, 0);
	f->school = sql_dup(a, st, 1);
	f->year = sql_dup(a, st, 2);
	f->school_state = sql_dup(a, st, 3);
	f->confirmed_at = sql_dup(a, st, 4);
	return f->school && f->year && f->school_state && f->confirmed_at ? 0 : -1;
}

enum db_result
store_verify_summary_facts(struct db *db, arena *a, long long school, long long year,
    struct verify_summary_facts *f)
{
	static const char sql[] =
	    "SELECT s.district_id, s.name, y.label, coalesce(sys.state, 'open'),"
	    " coalesce(sys.confirmed_at, '')"
	    " FROM school s JOIN school_year y ON y.id = ? AND y.district_id = s.district_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, school);
	return sql_one(st, a, sizeof(*f), fill_summary, f);
}
