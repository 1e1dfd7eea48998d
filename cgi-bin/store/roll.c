/* store/roll.c - see roll.h */
#include "store/roll.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_roll(struct db *db, arena *a, const char *district, const char *year,
    const char *school, const char *staff_no, struct roll *out)
{
	static const char sql[] =
	    "SELECT ty.id, t.staff_no, t.name, s.code, s.name, ty.category, ty.status,"
	    " coalesce(p.flag_percent, 0), y.id, s.id"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id JOIN school_year y ON y.id = ty.school_year_id"
	    " JOIN district d ON d.id = y.district_id LEFT JOIN policy p ON p.school_year_id = y.id"
	    " WHERE d.code = ?1 AND y.label = ?2 AND (?3 IS NULL OR s.code = ?3)"
	    " AND (?4 IS NULL OR t.staff_no = ?4) ORDER BY s.code, t.staff_no, t.id";
	static const char sql_year[] =
	    "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = ? AND y.label = ?";
	sql_stmt *st = db_stmt(db, sql_year);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, district);
	sql_bind_text(st, 2, year);
	s = sql_step(st, &r);
	if (s == SQL_ROW)
		out->school_year_id = sql_int(st, 0, 0);
	sql_reset(st);
	if (s != SQL_ROW)
		return s == SQL_DONE ? DB_NOTFOUND : r;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, district);
	sql_bind_text(st, 2, year);
	sql_bind_text(st, 3, school);
	sql_bind_text(st, 4, staff_no);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct roll_entry *e;
		if (out->n == cap) {
			struct roll_entry *more = arena_alloc(a, (cap ? 2 * cap : 64) * sizeof(*more));
			if (more == NULL) {
				r = DB_ERROR;
				break;
			}
			if (out->n)
				memcpy(more, out->v, out->n * sizeof(*more));
			out->v = more;
			cap = cap ? 2 * cap : 64;
		}
		e = &out->v[out->n++];
		e->teacher_year_id = sql_int(st, 0, 0);
		e->staff_no = sql_dup(a, st, 1);
		e->name = sql_dup(a, st, 2);
		e->school_code = sql_dup(a, st, 3);
		e->school_name = sql_dup(a, st, 4);
		e->category = sql_dup(a, st, 5);
		e->status = sql_dup(a, st, 6);
		out->flag_percent = (int)sql_int(st, 7, 0);
		e->school_id = sql_int(st, 9, 0);
		if (!e->staff_no || !e->name || !e->school_code || !e->school_name || !e->category ||
		    !e->status) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (s != SQL_DONE) {
		out->n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	if (school != NULL && out->n > 0)
		out->school_id = out->v[0].school_id;
	if (staff_no != NULL && out->n == 1)
		out->teacher_year_id = out->v[0].teacher_year_id;
	return DB_OK;
}
