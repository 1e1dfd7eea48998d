/* store/school.c - see school.h */
#include "store/school.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

/* A list's end: DB_OK when the loop ended at SQL_DONE, the failure otherwise. */
static enum db_result
list_end(sql_stmt *st, enum sql_step step, enum db_result r, size_t *n)
{
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}

enum db_result
store_school_year(struct db *db, arena *a, long long school, struct school_year_view *s)
{
	static const char sql[] =
	    "SELECT s.id, s.name, s.code, y.id, y.label, coalesce(sys.state, 'open'),"
	    " sys.submitted_at, sys.confirmed_at, coalesce(p.flag_percent, 0),"
	    " (SELECT count(*) FROM teacher_year ty CROSS JOIN record r"
	    "  WHERE r.teacher_year_id = ty.id AND ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'submitted'),"
	    " coalesce(sys.reopened_reason, '')"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " LEFT JOIN policy p ON p.school_year_id = y.id WHERE s.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		s->id = sql_int(st, 0, 0);
		s->name = sql_dup(a, st, 1);
		s->code = sql_dup(a, st, 2);
		s->year_id = sql_int(st, 3, 0);
		s->year = sql_dup(a, st, 4);
		s->state = sql_dup(a, st, 5);
		s->submitted_at = sql_dup(a, st, 6);
		s->confirmed_at = sql_dup(a, st, 7);
		s->flag_percent = (int)sql_int(st, 8, 0);
		s->unreviewed = sql_int(st, 9, 0);
		s->reopened_reason = sql_dup(a, st, 10);
		r = s->name && s->code && s->year && s->state && s->submitted_at && s->confirmed_at &&
		    s->reopened_reason ? DB_OK : DB_ERROR;
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

enum db_result
store_school_teachers(struct db *db, arena *a, long long school, long long year,
    struct school_teacher **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.staff_no, ty.category, ty.status, ty.receiving_unit FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id WHERE ty.school_id = ? AND ty.school_year_id = ?"
	    " ORDER BY t.staff_no, t.id";
	sql_stmt *st = db_stmt(db, sql);
	struct school_teacher *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct school_teacher *t = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (t == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		t->teacher_year_id = sql_int(st, 0, 0);
		t->name = sql_dup(a, st, 1);
		t->staff_no = sql_dup(a, st, 2);
		t->category = sql_dup(a, st, 3);
		t->status = sql_dup(a, st, 4);
		t->receiving_unit = sql_dup(a, st, 5);
		if (!t->name || !t->staff_no || !t->category || !t->status || !t->receiving_unit) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}

enum db_result
store_district_schools(struct db *db, arena *a, long long district,
    struct district_school **out, size_t *n)
{
	static const char sql[] =
	    "SELECT s.id, s.code, s.name, s.kind, coalesce(sys.state, 'open'), sys.submitted_at,"
	    " sys.confirmed_at, y.label,"
	    " (SELECT count(*) FROM teacher_year ty WHERE ty.school_id = s.id AND ty.school_year_id = y.id),"
	    " (SELECT count(*) FROM teacher_year ty CROSS JOIN record r"
	    "  WHERE r.teacher_year_id = ty.id AND ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'school_approved'),"
	    /* The school's effective deadline: an extension (0008) moves it. */
	    " max(y.school_review_deadline, coalesce((SELECT max(e.until) FROM deadline_extension e"
	    "  WHERE e.school_id = s.id AND e.school_year_id = y.id AND e.kind = 'school_review'), '')),"
	    " coalesce(sys.first_submitted_at, sys.submitted_at, ''), d.utc_offset_minutes"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " JOIN district d ON d.id = s.district_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.district_id = ? AND s.active = 1 ORDER BY s.code";
	sql_stmt *st = db_stmt(db, sql);
	struct district_school *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct district_school *s = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (s == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		s->id = sql_int(st, 0, 0);
		s->code = sql_dup(a, st, 1);
		s->name = sql_dup(a, st, 2);
		s->kind = sql_dup(a, st, 3);
		s->state = sql_dup(a, st, 4);
		s->submitted_at = sql_dup(a, st, 5);
		s->confirmed_at = sql_dup(a, st, 6);
		s->year = sql_dup(a, st, 7);
		s->teachers = sql_int(st, 8, 0);
		s->to_review = sql_int(st, 9, 0);
		s->school_review_deadline = sql_dup(a, st, 10);
		s->first_submitted_at = sql_dup(a, st, 11);
		s->utc_offset_minutes = (int)sql_int(st, 12, 480);
		if (!s->code || !s->name || !s->kind || !s->state || !s->submitted_at ||
		    !s->confirmed_at || !s->year || !s->school_review_deadline || !s->first_submitted_at) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}
