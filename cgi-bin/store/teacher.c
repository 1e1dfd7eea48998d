/* store/teacher.c - see teacher.h */
#include "store/teacher.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

/* The failure of a step that was neither a row nor the end. */
static enum db_result
failed(enum db_result r)
{
	return r == DB_OK ? DB_ERROR : r;
}

#define TEACHER_YEAR_VIEW_SQL(join_year, where) \
	"SELECT t.id, t.name, t.gender, t.staff_no, t.subject, t.title," \
	" ty.id, ty.category, ty.status, ty.receiving_unit, s.id, s.name," \
	" y.id, y.label, y.starts_on, y.ends_on, y.register_deadline," \
	" y.school_review_deadline, y.district_review_deadline, d.self_registration," \
	" coalesce(sys.state, 'open')" \
	" FROM teacher t JOIN district d ON d.id = t.district_id" \
	join_year \
	" JOIN school s ON s.id = ty.school_id" \
	" LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id" \
	" WHERE " where

static enum db_result teacher_year_view_row(sql_stmt *st, arena *a, long long id,
    struct teacher_year_view *v);

enum db_result
store_teacher_year_view(struct db *db, arena *a, long long teacher, struct teacher_year_view *v)
{
	static const char sql[] = TEACHER_YEAR_VIEW_SQL(
	    " JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
	    " JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id", "t.id = ?");

	return teacher_year_view_row(db_stmt(db, sql), a, teacher, v);
}

enum db_result
store_teacher_year_view_of(struct db *db, arena *a, long long ty, struct teacher_year_view *v)
{
	static const char sql[] = TEACHER_YEAR_VIEW_SQL(
	    " JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id", "ty.id = ?");

	return teacher_year_view_row(db_stmt(db, sql), a, ty, v);
}

static enum db_result
teacher_year_view_row(sql_stmt *st, arena *a, long long id, struct teacher_year_view *v)
{
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(v, 0, sizeof(*v));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		const char **texts[] = { &v->name, &v->gender, &v->staff_no, &v->subject, &v->title,
			&v->category, &v->status, &v->receiving_unit, &v->school, &v->year,
			&v->starts_on, &v->ends_on, &v->school_state };
		static const int cols[] = { 1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 14, 15, 20 };
		v->teacher_id = sql_int(st, 0, 0);
		v->teacher_year_id = sql_int(st, 6, 0);
		v->school_id = sql_int(st, 10, 0);
		v->year_id = sql_int(st, 12, 0);
		v->self_registration = sql_int(st, 19, 0) != 0;
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			if ((*texts[i] = sql_dup(a, st, cols[i])) == NULL)
				r = DB_ERROR;
		for (int i = 0; i < 3; i++)
			if (!sql_null(st, 16 + i) && (v->deadlines[i] = sql_dup(a, st, 16 + i)) == NULL)
				r = DB_ERROR;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return failed(r);
	return s == SQL_DONE ? DB_NOTFOUND : r;
}

/* The first column of st's one row into *v; DB_NOTFOUND without a row. */
static enum db_result
one_id(sql_stmt *st, long long *v)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	*v = 0;
	if (s == SQL_ROW)
		*v = sql_int(st, 0, 0);
	sql_reset(st);
	if (s == SQL_FAILED)
		return failed(r);
	return s == SQL_DONE ? DB_NOTFOUND : DB_OK;
}

enum db_result
store_teacher_of_year(struct db *db, long long ty, long long *teacher)
{
	static const char sql[] = "SELECT teacher_id FROM teacher_year WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);

	*teacher = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	return one_id(st, teacher);
}

enum db_result
store_teacher_current(struct db *db, long long teacher, struct teacher_current *t)
{
	static const char sql[] =
	    "SELECT ty.id, d.id, d.self_registration, t.active FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN district d ON d.id = y.district_id WHERE ty.teacher_id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(t, 0, sizeof(*t));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		t->teacher_year_id = sql_int(st, 0, 0);
		t->district_id = sql_int(st, 1, 0);
		t->self_registration = sql_int(st, 2, 0) != 0;
		t->active = sql_int(st, 3, 0) != 0;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return failed(r);
	return s == SQL_DONE ? DB_NOTFOUND : DB_OK;
}

enum db_result
store_teacher_year_current(struct db *db, long long ty)
{
	static const char sql[] =
	    "SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	long long found;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	return one_id(st, &found);
}

enum db_result
store_school_registrars(struct db *db, arena *a, long long school, const char **school_name,
    const char ***admins, size_t *n)
{
	static const char sql[] =
	    "SELECT s.name, a.display_name, a.login FROM school s"
	    " LEFT JOIN account a ON a.school_id = s.id AND a.role = 'school_admin' AND a.active = 1"
	    " WHERE s.id = ? ORDER BY a.id";
	sql_stmt *st = db_stmt(db, sql);
	const char **v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*school_name = NULL;
	*admins = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		if (*school_name == NULL && (*school_name = sql_dup(a, st, 0)) == NULL) {
			r = DB_ERROR;
			break;
		}
		if (!sql_null(st, 1)) {
			const char **name = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
			if (name == NULL || (*name = sql_dup(a, st, 1)) == NULL) {
				r = DB_ERROR;
				break;
			}
			(*n)++;
		}
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return failed(r);
	}
	*admins = v;
	return DB_OK;
}

enum db_result
store_teacher_history(struct db *db, arena *a, long long teacher,
    struct teacher_history_year **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, y.label, y.starts_on, s.name, ty.category, y.id, s.id FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id JOIN school s ON s.id = ty.school_id"
	    " WHERE ty.teacher_id = ? ORDER BY y.starts_on DESC LIMIT 64";
	sql_stmt *st = db_stmt(db, sql);
	struct teacher_history_year *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct teacher_history_year *y = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (y == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		y->teacher_year_id = sql_int(st, 0, 0);
		y->label = sql_dup(a, st, 1);
		y->school = sql_dup(a, st, 3);
		y->category = sql_dup(a, st, 4);
		y->starts_on = sql_dup(a, st, 2);
		y->school_year_id = sql_int(st, 5, 0);
		y->school_id = sql_int(st, 6, 0);
		if (!y->label || !y->school || !y->category || !y->starts_on) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return failed(r);
	}
	*out = v;
	return DB_OK;
}
