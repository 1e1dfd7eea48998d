/* store/roster_import.c - see roster_import.h */
#include "store/roster_import.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_import_year(struct db *db, long long district, long long school, long long *year, int *locked)
{
	static const char sql[] =
	    "SELECT y.id, coalesce((SELECT s.state FROM school_year_state s WHERE s.school_id = ?"
	    " AND s.school_year_id = y.id), 'open') FROM school_year y"
	    " WHERE y.district_id = ? AND y.is_current = 1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step step;

	*year = 0;
	*locked = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, district);
	if ((step = sql_step(st, &r)) == SQL_ROW) {
		*year = sql_int(st, 0, 0);
		*locked = strcmp(sql_text(st, 1), "open") != 0;
		r = *year > 0 ? DB_OK : DB_NOTFOUND;
	} else if (step == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

/* The match's columns into m (copies in a); DB_OK or DB_ERROR when out of memory. */
static enum db_result
match_row(sql_stmt *st, arena *a, struct import_match *m)
{
	struct roster_teacher *t = &m->t;

	m->teacher_id = sql_int(st, 0, 0);
	t->name = sql_dup(a, st, 1);
	t->gender = sql_dup(a, st, 2);
	t->staff_no = sql_dup(a, st, 3);
	t->phone = sql_dup(a, st, 4);
	t->subject = sql_dup(a, st, 5);
	t->title = sql_dup(a, st, 6);
	t->teacher_year_id = sql_int(st, 7, 0);
	m->school_id = sql_int(st, 8, 0);
	t->category = sql_dup(a, st, 9);
	t->status = sql_dup(a, st, 10);
	t->receiving_unit = sql_dup(a, st, 11);
	t->id_number = "";
	t->active = 1;
	if (t->name == NULL || t->gender == NULL || t->staff_no == NULL || t->phone == NULL ||
	    t->subject == NULL || t->title == NULL || t->category == NULL || t->status == NULL ||
	    t->receiving_unit == NULL)
		return DB_ERROR;
	return DB_OK;
}

enum db_result
store_import_match(struct db *db, arena *a, long long district, long long year,
    const char *const *id_numbers, size_t n, struct import_match *out)
{
	static const char sql[] =
	    "SELECT t.id, t.name, t.gender, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.id, ty.school_id, ty.category, ty.status, ty.receiving_unit"
	    " FROM teacher t LEFT JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = ?"
	    " WHERE t.district_id = ? AND t.id_number = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	memset(out, 0, n * sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	for (size_t i = 0; i < n; i++) {
		enum sql_step step;

		if (id_numbers[i] == NULL)
			continue;
		sql_bind_int(st, 1, year);
		sql_bind_int(st, 2, district);
		sql_bind_text(st, 3, id_numbers[i]);
		step = sql_step(st, &r);
		if (step == SQL_ROW)
			r = match_row(st, a, &out[i]);
		sql_reset(st);
		if (step == SQL_FAILED || r != DB_OK) {
			memset(out, 0, n * sizeof(*out));
			return r == DB_OK ? DB_ERROR : r;
		}
	}
	return DB_OK;
}

enum db_result
store_import_save(struct db *db, long long school, long long year, long long account,
    const char *filename, const void *data, size_t len, long long *id)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO roster_import(school_id, school_year_id,"
	    " account_id, filename, content) VALUES (?,?,?,?,?)");
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	sql_bind_int(st, 3, account);
	sql_bind_text(st, 4, filename ? filename : "");
	sql_bind_blob(st, 5, data, (int)len);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sql_last_id(db);
	return r;
}

enum db_result
store_import_get(struct db *db, arena *a, long long id, struct import_file *f)
{
	static const char sql[] =
	    "SELECT content, filename, school_year_id, committed_at FROM roster_import WHERE id = ?";
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
store_import_done(struct db *db, long long id, long long added, long long changed)
{
	sql_stmt *st = db_stmt(db, "UPDATE roster_import SET committed_at ="
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), added = ?, changed = ? WHERE id = ?");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, added);
	sql_bind_int(st, 2, changed);
	sql_bind_int(st, 3, id);
	return sql_exec(st);
}

enum db_result
store_import_change(struct db *db, long long year, long long school, long long teacher,
    const char *kind, const char *after, long long import, long long account)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO roster_change(school_year_id, school_id,"
	    " teacher_id, kind, after, import_id, account_id) VALUES (?,?,?,?,?,?,?)");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, school);
	sql_bind_int(st, 3, teacher);
	sql_bind_text(st, 4, kind);
	sql_bind_text(st, 5, after);
	if (import > 0)
		sql_bind_int(st, 6, import);
	sql_bind_int(st, 7, account);
	return sql_exec(st);
}
