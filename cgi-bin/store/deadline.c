/* store/deadline.c - see deadline.h */
#include "store/deadline.h"
#include "domain/deadline.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

const char *const deadline_kind_names[DEADLINE__MAX] = {
	"register", "school_review", "district_review"
};

/*
 * The one query: a school (?1, may be 0 for none) and a year (?2). The
 * columns: year id, label, starts, ends, the three deadlines, the offset,
 * the district, the two latest extensions.
 */
static const char deadlines_sql[] =
    "SELECT y.id, y.label, y.starts_on, y.ends_on, y.register_deadline,"
    " y.school_review_deadline, y.district_review_deadline, d.utc_offset_minutes, d.id,"
    " (SELECT max(e.until) FROM deadline_extension e WHERE e.school_year_id = y.id"
    "  AND e.school_id = ?1 AND e.kind = 'register'),"
    " (SELECT max(e.until) FROM deadline_extension e WHERE e.school_year_id = y.id"
    "  AND e.school_id = ?1 AND e.kind = 'school_review')"
    " FROM school_year y JOIN district d ON d.id = y.district_id WHERE y.id = ?2";

static enum db_result
load(struct db *db, arena *a, long long school, long long year, struct school_deadlines *d)
{
	sql_stmt *st = db_stmt(db, deadlines_sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(d, 0, sizeof(*d));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		d->school_id = school;
		d->year_id = sql_int(st, 0, 0);
		d->year_label = sql_dup(a, st, 1);
		d->starts_on = sql_dup(a, st, 2);
		d->ends_on = sql_dup(a, st, 3);
		d->utc_offset_minutes = (int)sql_int(st, 7, 480);
		d->district_id = sql_int(st, 8, 0);
		if (d->year_label == NULL || d->starts_on == NULL || d->ends_on == NULL)
			r = DB_ERROR;
		for (int k = 0; k < DEADLINE__MAX; k++)
			if (!sql_null(st, 4 + k) && (d->year[k] = sql_dup(a, st, 4 + k)) == NULL)
				r = DB_ERROR;
		for (int k = 0; k < 2; k++)
			if (!sql_null(st, 9 + k) && (d->extended[k] = sql_dup(a, st, 9 + k)) == NULL)
				r = DB_ERROR;
		/* An extension moves a deadline the year has; a year without one has none to move. */
		for (int k = 0; k < DEADLINE__MAX; k++)
			d->effective[k] = d->year[k] == NULL ? NULL : deadline_later(d->year[k], d->extended[k]);
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : r;
}

/* Two ids from st's one row (school, year); DB_NOTFOUND without a row. */
static enum db_result
two_ids(sql_stmt *st, long long *school, long long *year)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	*school = *year = 0;
	if (s == SQL_ROW) {
		*school = sql_int(st, 0, 0);
		*year = sql_int(st, 1, 0);
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : DB_OK;
}

/* The school and year that sql (one id bound) names, and their deadlines. */
static enum db_result
load_by(struct db *db, arena *a, const char *sql, long long id, struct school_deadlines *d)
{
	sql_stmt *st = db_stmt(db, sql);
	long long school, year;
	enum db_result r;

	memset(d, 0, sizeof(*d));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((r = two_ids(st, &school, &year)) != DB_OK)
		return r;
	return load(db, a, school, year, d);
}

enum db_result
store_deadlines_of_teacher_year(struct db *db, arena *a, long long ty, struct school_deadlines *d)
{
	static const char sql[] = "SELECT school_id, school_year_id FROM teacher_year WHERE id = ?";

	return load_by(db, a, sql, ty, d);
}

enum db_result
store_deadlines_of_record(struct db *db, arena *a, long long record, struct school_deadlines *d)
{
	static const char sql[] = "SELECT ty.school_id, ty.school_year_id FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id WHERE r.id = ?";

	return load_by(db, a, sql, record, d);
}

enum db_result
store_deadlines_of_school(struct db *db, arena *a, long long school, struct school_deadlines *d)
{
	static const char sql[] = "SELECT s.id, y.id FROM school s"
	    " JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1 WHERE s.id = ?";

	return load_by(db, a, sql, school, d);
}

enum db_result
store_deadlines_of_district(struct db *db, arena *a, long long district, struct school_deadlines *d)
{
	static const char sql[] = "SELECT 0, id FROM school_year WHERE district_id = ? AND is_current = 1";

	return load_by(db, a, sql, district, d);
}

enum db_result
store_deadline_extensions(struct db *db, arena *a, long long school, long long year,
    struct deadline_extension **out, size_t *n)
{
	static const char sql[] =
	    "SELECT e.kind, e.until, e.reason, coalesce(ac.display_name, ''), e.at"
	    " FROM deadline_extension e LEFT JOIN account ac ON ac.id = e.by_account"
	    " WHERE e.school_id = ? AND e.school_year_id = ? ORDER BY e.id DESC LIMIT 100";
	sql_stmt *st = db_stmt(db, sql);
	struct deadline_extension *v = NULL, *e;
	size_t cap = 0, k = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		if ((e = store_grow(a, (void **)&v, k, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		e->kind = sql_dup(a, st, 0);
		e->until = sql_dup(a, st, 1);
		e->reason = sql_dup(a, st, 2);
		e->by = sql_dup(a, st, 3);
		e->at = sql_dup(a, st, 4);
		if (!e->kind || !e->until || !e->reason || !e->by || !e->at) {
			r = DB_ERROR;
			break;
		}
		k++;
	}
	sql_reset(st);
	if (r != DB_OK || s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	*out = v;
	*n = k;
	return DB_OK;
}

enum db_result
store_deadline_extension_add(struct db *db, long long year, long long school,
    const char *kind, const char *until, const char *reason, long long account, long long *id)
{
	static const char sql[] = "INSERT INTO deadline_extension"
	    " (school_year_id, school_id, kind, until, reason, by_account) VALUES (?, ?, ?, ?, ?, ?)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, school);
	sql_bind_text(st, 3, kind);
	sql_bind_text(st, 4, until);
	sql_bind_text(st, 5, reason);
	sql_bind_int(st, 6, account);
	if ((r = sql_exec(st)) == DB_OK)
		*id = (long long)sql_last_id(db);
	return r;
}

enum db_result
store_health_write(struct db *db, long long now)
{
	static const char sql[] = "INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at";
	sql_stmt *st;
	enum db_result r;

	if ((r = db_begin(db)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql)) == NULL) {
		db_rollback(db);
		return DB_ERROR;
	}
	sql_bind_int(st, 1, now);
	r = sql_exec(st);
	/* Never kept: the probe asks whether the write is possible, not to make it. */
	db_rollback(db);
	return r;
}
