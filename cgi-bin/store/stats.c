/* store/stats.c - see stats.h */
#include "store/stats.h"
#include "domain/deadline.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

/* Room for one more element of size sz in v (n used, *cap allocated). */
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

enum db_result
store_stats_schools(struct db *db, arena *a, long long district, struct stats_school **out, size_t *n)
{
	static const char sql[] =
	    "SELECT s.id, s.name, s.code, y.id, y.label, coalesce(sys.state, 'open'),"
	    " coalesce(sys.submitted_at, ''), coalesce(sys.confirmed_at, ''), coalesce(p.flag_percent, 0),"
	    " (SELECT count(*) FROM teacher_year ty CROSS JOIN record r"
	    "  WHERE r.teacher_year_id = ty.id AND ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'submitted'),"
	    " coalesce(sys.reopened_reason, ''),"
	    " (SELECT count(*) FROM teacher_year ty CROSS JOIN record r"
	    "  WHERE r.teacher_year_id = ty.id AND ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'school_approved'),"
	    " y.starts_on, y.ends_on, d.utc_offset_minutes"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " JOIN district d ON d.id = s.district_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " LEFT JOIN policy p ON p.school_year_id = y.id"
	    " WHERE s.district_id = ? AND s.active = 1 ORDER BY s.code";
	sql_stmt *st = db_stmt(db, sql);
	struct stats_school *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct stats_school *s;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		s = &v[(*n)++];
		s->id = sql_int(st, 0, 0);
		s->name = sql_dup(a, st, 1);
		s->code = sql_dup(a, st, 2);
		s->year_id = sql_int(st, 3, 0);
		s->year_label = sql_dup(a, st, 4);
		s->state = sql_dup(a, st, 5);
		s->submitted_at = sql_dup(a, st, 6);
		s->confirmed_at = sql_dup(a, st, 7);
		s->flag_percent = (int)sql_int(st, 8, 0);
		s->unreviewed = sql_int(st, 9, 0);
		s->reopened_reason = sql_dup(a, st, 10);
		s->awaiting_district = sql_int(st, 11, 0);
		s->starts_on = sql_dup(a, st, 12);
		s->ends_on = sql_dup(a, st, 13);
		s->utc_offset_minutes = (int)sql_int(st, 14, 480);
		if (s->name == NULL || s->code == NULL || s->year_label == NULL || s->state == NULL ||
		    s->submitted_at == NULL || s->confirmed_at == NULL || s->reopened_reason == NULL ||
		    s->starts_on == NULL || s->ends_on == NULL) {
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
store_stats_teachers(struct db *db, arena *a, long long district, struct stats_teacher **out,
    size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, ty.school_id, t.name, t.staff_no, ty.category, ty.status,"
	    " coalesce(ty.receiving_unit, '')"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id AND s.active = 1"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE y.district_id = ? AND s.district_id = y.district_id"
	    " ORDER BY s.code, t.staff_no, t.id";
	sql_stmt *st = db_stmt(db, sql);
	struct stats_teacher *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct stats_teacher *t;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		t = &v[(*n)++];
		t->teacher_year_id = sql_int(st, 0, 0);
		t->school_id = sql_int(st, 1, 0);
		t->name = sql_dup(a, st, 2);
		t->staff_no = sql_dup(a, st, 3);
		t->category = sql_dup(a, st, 4);
		t->status = sql_dup(a, st, 5);
		t->receiving_unit = sql_dup(a, st, 6);
		if (t->name == NULL || t->staff_no == NULL || t->category == NULL || t->status == NULL ||
		    t->receiving_unit == NULL) {
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
store_stats_flag_percent(struct db *db, long long school, int *percent)
{
	static const char sql[] =
	    "SELECT coalesce(p.flag_percent, 0) FROM school s"
	    " JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN policy p ON p.school_year_id = y.id WHERE s.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step step;

	*percent = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	if ((step = sql_step(st, &r)) == SQL_ROW)
		*percent = (int)sql_int(st, 0, 0);
	sql_reset(st);
	return step == SQL_FAILED ? r : DB_OK;
}

/* The rows of a counts query into *out: with_item says whether it names the item. */
static enum db_result
counts(sql_stmt *st, arena *a, long long school, int with_item, struct stats_count **out,
    size_t *n)
{
	struct stats_count *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;
	int k = with_item ? 3 : 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct stats_count *s;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		s = &v[(*n)++];
		s->item_code = with_item ? sql_dup(a, st, 0) : "";
		s->item_category = with_item ? sql_dup(a, st, 1) : "";
		s->item_name = with_item ? sql_dup(a, st, 2) : "";
		s->state = sql_dup(a, st, k);
		s->records = sql_int(st, k + 1, 0);
		s->claimed_tenths = sql_int(st, k + 2, 0);
		if (s->item_code == NULL || s->item_category == NULL || s->item_name == NULL ||
		    s->state == NULL) {
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
store_stats_counts(struct db *db, arena *a, long long school, struct stats_count **items,
    size_t *nitems, struct stats_count **states, size_t *nstates)
{
	static const char sql_items[] =
	    "SELECT i.code, i.category, i.name, r.state, count(*), sum(r.claimed_tenths)"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN item i ON i.id = r.item_id WHERE ty.school_id = ?"
	    " GROUP BY i.id, r.state ORDER BY i.sort_order, i.id, r.state";
	static const char sql_states[] =
	    "SELECT r.state, count(*), sum(r.claimed_tenths) FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? GROUP BY r.state ORDER BY r.state";
	enum db_result r;

	*states = NULL;
	*nstates = 0;
	if ((r = counts(db_stmt(db, sql_items), a, school, 1, items, nitems)) != DB_OK)
		return r;
	return counts(db_stmt(db, sql_states), a, school, 0, states, nstates);
}

static int
fill_record(arena *a, sql_stmt *st, void *row)
{
	struct stats_record *r = row;

	r->id = sql_int(st, 0, 0);
	r->teacher = sql_dup(a, st, 1);
	r->staff_no = sql_dup(a, st, 2);
	r->category = sql_dup(a, st, 3);
	r->item = sql_dup(a, st, 4);
	r->started_on = sql_dup(a, st, 5);
	r->ended_on = sql_dup(a, st, 6);
	r->state = sql_dup(a, st, 7);
	r->claimed_tenths = sql_int(st, 8, 0);
	return r->teacher && r->staff_no && r->category && r->item && r->started_on &&
	    r->ended_on && r->state ? 0 : -1;
}

enum db_result
store_stats_records(struct db *db, arena *a, long long school, struct stats_record **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.id, t.name, t.staff_no, i.category, i.name, r.started_on, r.ended_on, r.state,"
	    " r.claimed_tenths FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN teacher t ON t.id = ty.teacher_id JOIN item i ON i.id = r.item_id"
	    " WHERE ty.school_id = ? ORDER BY t.staff_no, t.id, r.started_on, r.id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	return sql_list(st, a, sizeof(**out), fill_record, (void **)out, n);
}

/* charts (issue 15) */
/*
 * The week of each record of the district's year, counted here rather than
 * by SQL: julianday() twice a row and a GROUP BY over some 64,000 records
 * (a district of 20,000 teachers) took 70 ms of /district/stats; the rows
 * alone take 13. The division truncates toward zero as SQL's CAST did, so
 * the days just before the year say week 1 and earlier ones less (clamped
 * by the page).
 */
enum db_result
store_stats_weeks(struct db *db, arena *a, long long district, long long year_id,
    long long start, struct stats_week **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.started_on, r.state = 'district_approved'"
	    "  FROM school_year y JOIN school s ON s.district_id = y.district_id AND s.active = 1"
	    "  JOIN teacher_year ty ON ty.school_id = s.id AND ty.school_year_id = y.id"
	    "  JOIN record r ON r.teacher_year_id = ty.id"
	    "  WHERE y.id = ?1 AND y.district_id = ?2";
	sql_stmt *st = db_stmt(db, sql);
	struct stats_week *w = NULL;
	size_t nw = 0, cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year_id);
	sql_bind_int(st, 2, district);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		long long day, week = 0;
		size_t i;
		/* A date that is not one (the schema's CHECK allows none) counts in week 0. */
		if (deadline_day(sql_text(st, 0), &day) == 0)
			week = (day - start) / 7 + 1;
		for (i = 0; i < nw && w[i].week != week; i++)
			;
		if (i == nw) {
			struct stats_week *fresh = store_grow(a, (void **)&w, nw, &cap, sizeof(*w));
			if (fresh == NULL) {
				sql_reset(st);
				return DB_ERROR;
			}
			fresh->week = week;
			nw++;
		}
		w[i].records++;
		w[i].confirmed += sql_int(st, 1, 0) != 0;
	}
	sql_reset(st);
	if (step == SQL_FAILED)
		return r;
	/* In week order (a few dozen: insertion). */
	for (size_t i = 1; i < nw; i++) {
		struct stats_week t = w[i];
		size_t j = i;
		for (; j > 0 && w[j - 1].week > t.week; j--)
			w[j] = w[j - 1];
		w[j] = t;
	}
	*out = w;
	*n = nw;
	return DB_OK;
}
