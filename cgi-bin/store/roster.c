/* store/roster.c - see roster.h */
#include "store/roster.h"
#include "store/sql.h"

#include <string.h>

static void *
grow(arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *more;

	if (n < *cap)
		return v;
	more = arena_alloc(a, (*cap ? 2 * *cap : 64) * sz);
	if (more == NULL)
		return NULL;
	if (n)
		memcpy(more, v, n * sz);
	*cap = *cap ? 2 * *cap : 64;
	return more;
}

/* Rows of (ty, name, gender, id_number, staff_no, phone, subject, title, category, status,
 * receiving_unit, active) into *out; a short row (full = 0) is (ty, name, staff_no). */
static enum db_result
teachers(sql_stmt *st, arena *a, int full, struct roster_teacher **out, size_t *n)
{
	struct roster_teacher *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct roster_teacher *t;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		t = &v[(*n)++];
		memset(t, 0, sizeof(*t));
		t->teacher_year_id = sql_int(st, 0, 0);
		t->name = sql_dup(a, st, 1);
		if (full) {
			t->gender = sql_dup(a, st, 2);
			t->id_number = sql_dup(a, st, 3);
			t->staff_no = sql_dup(a, st, 4);
			t->phone = sql_dup(a, st, 5);
			t->subject = sql_dup(a, st, 6);
			t->title = sql_dup(a, st, 7);
			t->category = sql_dup(a, st, 8);
			t->status = sql_dup(a, st, 9);
			t->receiving_unit = sql_dup(a, st, 10);
			t->active = sql_int(st, 11, 0) != 0;
		} else {
			t->staff_no = sql_dup(a, st, 2);
			t->gender = t->id_number = t->phone = t->subject = t->title = t->category =
			    t->status = t->receiving_unit = "";
			t->active = 1;
		}
		if (t->name == NULL || t->gender == NULL || t->id_number == NULL || t->staff_no == NULL ||
		    t->phone == NULL || t->subject == NULL || t->title == NULL || t->category == NULL ||
		    t->status == NULL || t->receiving_unit == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

enum db_result
store_roster_list(struct db *db, arena *a, long long school, const char *q,
    struct roster_teacher **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.gender, t.id_number, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.category, ty.status, ty.receiving_unit, t.active"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ?1 AND (?2 = '' OR instr(t.name, ?2) > 0 OR t.staff_no = ?2"
	    "  OR t.phone = ?2 OR (length(?2) BETWEEN 4 AND 6 AND substr(t.id_number, length(t.id_number) - length(?2) + 1) = ?2))"
	    " ORDER BY t.staff_no, t.id LIMIT 5000";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_text(st, 2, q ? q : "");
	return teachers(st, a, 1, out, n);
}

enum db_result
store_roster_active(struct db *db, arena *a, long long school, struct roster_teacher **out,
    size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.staff_no FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND t.active = 1 ORDER BY t.staff_no, t.id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	return teachers(st, a, 0, out, n);
}

enum db_result
store_roster_other_schools(struct db *db, arena *a, long long district, long long school,
    struct roster_school **out, size_t *n)
{
	static const char sql[] =
	    "SELECT id, name FROM school WHERE district_id = ? AND active = 1 AND id <> ? ORDER BY code";
	sql_stmt *st = db_stmt(db, sql);
	struct roster_school *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_int(st, 2, school);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		v[*n].id = sql_int(st, 0, 0);
		if ((v[(*n)++].name = sql_dup(a, st, 1)) == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

enum db_result
store_roster_teacher_year(struct db *db, long long teacher_year, long long *teacher, long long *year,
    int *open)
{
	static const char sql[] =
	    "SELECT ty.teacher_id, y.id, coalesce((SELECT st.state FROM school_year_state st"
	    " WHERE st.school_id = ty.school_id AND st.school_year_id = y.id), 'open')"
	    " FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step step;

	*teacher = *year = 0;
	*open = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher_year);
	if ((step = sql_step(st, &r)) == SQL_ROW) {
		*teacher = sql_int(st, 0, 0);
		*year = sql_int(st, 1, 0);
		*open = strcmp(sql_text(st, 2), "open") == 0;
		r = DB_OK;
	} else if (step == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

enum db_result
store_roster_target(struct db *db, long long year, long long target, long long district,
    long long from, int *open)
{
	static const char sql[] =
	    "SELECT s.id, coalesce((SELECT st.state FROM school_year_state st WHERE st.school_id = s.id"
	    " AND st.school_year_id = ?), 'open') FROM school s WHERE s.id = ? AND s.district_id = ?"
	    " AND s.active = 1 AND s.id <> ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step step;

	*open = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, target);
	sql_bind_int(st, 3, district);
	sql_bind_int(st, 4, from);
	if ((step = sql_step(st, &r)) == SQL_ROW) {
		*open = strcmp(sql_text(st, 1), "open") == 0;
		r = DB_OK;
	} else if (step == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

enum db_result
store_roster_set_active(struct db *db, long long teacher, int active, int *changed)
{
	sql_stmt *st = db_stmt(db, "UPDATE teacher SET active = ? WHERE id = ? AND active <> ?");
	enum db_result r;

	*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, active);
	sql_bind_int(st, 2, teacher);
	sql_bind_int(st, 3, active);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*changed = sql_changes(db) == 1;
	if (!*changed || active)
		return DB_OK;
	/* A teacher who left is signed out everywhere at once. */
	if ((st = db_stmt(db, "DELETE FROM session WHERE account_id IN"
	    " (SELECT id FROM account WHERE teacher_id = ? AND role = 'teacher')")) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher);
	return sql_exec(st);
}

enum db_result
store_roster_transfer(struct db *db, long long teacher_year, long long teacher, long long from,
    long long to)
{
	sql_stmt *st = db_stmt(db, "UPDATE teacher_year SET school_id = ? WHERE id = ? AND school_id = ?");
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, to);
	sql_bind_int(st, 2, teacher_year);
	sql_bind_int(st, 3, from);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	/* The teacher's account follows the teacher: the new school manages it. */
	if ((st = db_stmt(db, "UPDATE account SET school_id = ? WHERE teacher_id = ? AND role = 'teacher'")) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, to);
	sql_bind_int(st, 2, teacher);
	return sql_exec(st);
}

enum db_result
store_roster_change_add(struct db *db, long long year, long long school, long long teacher,
    const char *kind, long long other, const char *note, long long account)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO roster_change(school_year_id, school_id,"
	    " teacher_id, kind, other_school_id, note, account_id) VALUES (?,?,?,?,?,?,?)");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, school);
	sql_bind_int(st, 3, teacher);
	sql_bind_text(st, 4, kind);
	if (other > 0)
		sql_bind_int(st, 5, other);
	sql_bind_text(st, 6, note ? note : "");
	sql_bind_int(st, 7, account);
	return sql_exec(st);
}

enum db_result
store_roster_any(struct db *db, long long school, long long *ty)
{
	static const char sql[] =
	    "SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 WHERE ty.school_id = ? ORDER BY ty.id LIMIT 1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step step;

	*ty = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	if ((step = sql_step(st, &r)) == SQL_ROW)
		*ty = sql_int(st, 0, 0);
	sql_reset(st);
	return step == SQL_FAILED ? r : DB_OK;
}
enum db_result
store_roster_find(struct db *db, long long school, const char *key, long long *ty, int *count)
{
	static const char sql[] =
	    "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND (t.staff_no = ?2 OR t.id_number = upper(?2)) LIMIT 2";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step step;

	*ty = 0;
	*count = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_text(st, 2, key);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		*ty = sql_int(st, 0, 0);
		(*count)++;
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*ty = 0;
		*count = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}

enum db_result
store_roster_bulks(struct db *db, arena *a, long long school, struct roster_bulk **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.bulk_id, min(i.name), min(r.started_on), count(*), sum(r.claimed_tenths)"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN item i ON i.id = r.item_id WHERE ty.school_id = ? AND r.bulk_id IS NOT NULL"
	    " GROUP BY r.bulk_id ORDER BY r.bulk_id DESC LIMIT 200";
	sql_stmt *st = db_stmt(db, sql);
	struct roster_bulk *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct roster_bulk *b;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		b = &v[(*n)++];
		b->id = sql_int(st, 0, 0);
		b->item = sql_dup(a, st, 1);
		b->started_on = sql_dup(a, st, 2);
		b->records = sql_int(st, 3, 0);
		b->claimed_tenths = sql_int(st, 4, 0);
		if (b->item == NULL || b->started_on == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

enum db_result
store_roster_get(struct db *db, arena *a, long long school, long long teacher_year,
    struct roster_teacher *out)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.gender, t.id_number, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.category, ty.status, ty.receiving_unit, t.active"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.id = ? AND ty.school_id = ?";
	sql_stmt *st = db_stmt(db, sql);
	struct roster_teacher *v = NULL;
	size_t n = 0;
	enum db_result r;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher_year);
	sql_bind_int(st, 2, school);
	if ((r = teachers(st, a, 1, &v, &n)) != DB_OK)
		return r;
	if (n == 0)
		return DB_NOTFOUND;
	*out = v[0];
	return DB_OK;
}

enum db_result
store_roster_teacher_add(struct db *db, long long district, const struct roster_teacher *t,
    long long *teacher)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO teacher(district_id, name, gender, id_number,"
	    " staff_no, phone, subject, title) VALUES (?,?,?,?,?,?,?,?)");
	enum db_result r;

	*teacher = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_text(st, 2, t->name);
	sql_bind_text(st, 3, t->gender);
	sql_bind_text(st, 4, t->id_number);
	sql_bind_text(st, 5, t->staff_no);
	sql_bind_text(st, 6, t->phone);
	sql_bind_text(st, 7, t->subject);
	sql_bind_text(st, 8, t->title);
	if ((r = sql_exec(st)) == DB_OK)
		*teacher = sql_last_id(db);
	return r;
}

enum db_result
store_roster_teacher_update(struct db *db, long long district, long long teacher,
    const struct roster_teacher *t)
{
	sql_stmt *st = db_stmt(db, "UPDATE teacher SET name = ?, gender = ?, staff_no = ?,"
	    " phone = ?, subject = ?, title = ?, active = 1 WHERE id = ? AND district_id = ?");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, t->name);
	sql_bind_text(st, 2, t->gender);
	sql_bind_text(st, 3, t->staff_no);
	sql_bind_text(st, 4, t->phone);
	sql_bind_text(st, 5, t->subject);
	sql_bind_text(st, 6, t->title);
	sql_bind_int(st, 7, teacher);
	sql_bind_int(st, 8, district);
	return sql_exec(st);
}

enum db_result
store_roster_year_add(struct db *db, long long teacher, long long year, long long school,
    const struct roster_teacher *t, long long *teacher_year)
{
	sql_stmt *st = db_stmt(db, "INSERT INTO teacher_year(category, status, receiving_unit,"
	    " teacher_id, school_year_id, school_id) VALUES (?,?,?,?,?,?)");
	enum db_result r;

	*teacher_year = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, t->category);
	sql_bind_text(st, 2, t->status);
	sql_bind_text(st, 3, t->receiving_unit);
	sql_bind_int(st, 4, teacher);
	sql_bind_int(st, 5, year);
	sql_bind_int(st, 6, school);
	if ((r = sql_exec(st)) == DB_OK)
		*teacher_year = sql_last_id(db);
	return r;
}

enum db_result
store_roster_year_update(struct db *db, long long school, long long teacher_year,
    const struct roster_teacher *t)
{
	sql_stmt *st = db_stmt(db, "UPDATE teacher_year SET category = ?, status = ?,"
	    " receiving_unit = ? WHERE id = ? AND school_id = ?");

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, t->category);
	sql_bind_text(st, 2, t->status);
	sql_bind_text(st, 3, t->receiving_unit);
	sql_bind_int(st, 4, teacher_year);
	sql_bind_int(st, 5, school);
	return sql_exec(st);
}
