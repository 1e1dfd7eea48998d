/*
 * assess_db.c - loading what the rules need from the database (see
 * assess.h): items with their JSON parameters read by SQLite's json
 * functions, records with their inputs, the policy, the teacher's category.
 */
#include "assess.h"
#include "store/sql.h"
#include "assess_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *
dup_col(arena *a, sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return arena_strdup(a, v ? v : "");
}

static long long
int_col(sqlite3_stmt *st, int i, long long absent)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? absent : sqlite3_column_int64(st, i);
}

#define ITEM_COLUMNS \
	"SELECT i.id, i.code, i.name, i.category, i.unit, i.rule_type, i.asks, i.hours_tenths," \
	" i.normative, coalesce(i.cap_tenths, 0), coalesce(i.cap_group_id, 0)," \
	" coalesce(g.cap_tenths, 0), coalesce(g.name, ''), i.needs_project," \
	" json_extract(i.params, '$.tiers.school'), json_extract(i.params, '$.tiers.district')," \
	" json_extract(i.params, '$.tiers.city'), json_extract(i.params, '$.tiers.province')," \
	" json_extract(i.params, '$.tiers.national'), json_extract(i.params, '$.max')," \
	" json_extract(i.params, '$.base'), json_extract(i.params, '$.gain')," \
	" json_extract(i.params, '$.hours'), json_extract(i.params, '$.max')," \
	" json_extract(i.params, '$.threshold'), json_extract(i.params, '$.addons.video')," \
	" json_extract(i.params, '$.excellent_percent'), json_extract(i.params, '$.quota_percent')," \
	" json_extract(i.params, '$.role'), json_extract(i.params, '$.limit')," \
	" coalesce(pol.points_reading = 'year_total', 0)" \
	" FROM item i LEFT JOIN cap_group g ON g.id = i.cap_group_id" \
	" LEFT JOIN policy pol ON pol.school_year_id = i.school_year_id"

static void
item_from_row(arena *a, sqlite3_stmt *st, struct item_row *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(st, 0);
	it->code = dup_col(a, st, 1);
	it->name = dup_col(a, st, 2);
	it->category = dup_col(a, st, 3);
	it->unit = dup_col(a, st, 4);
	it->rule_type = dup_col(a, st, 5);
	it->asks = dup_col(a, st, 6);
	it->hours_tenths = sqlite3_column_int64(st, 7);
	it->normative = sqlite3_column_int(st, 8);
	it->cap_tenths = sqlite3_column_int64(st, 9);
	it->cap_group_id = sqlite3_column_int64(st, 10);
	it->group_cap_tenths = sqlite3_column_int64(st, 11);
	it->group_name = dup_col(a, st, 12);
	it->needs_project = sqlite3_column_int(st, 13);
	for (int k = 0; k < 5; k++)
		it->tiers[k] = int_col(st, 14 + k, 0);
	it->max_tenths = int_col(st, 19, 0);
	it->points_base = int_col(st, 20, 0);
	it->points_gain = int_col(st, 21, 0);
	it->points_hours = int_col(st, 22, 0);
	it->points_max = int_col(st, 23, 0);
	it->points_threshold = int_col(st, 24, 0);
	it->addon_video = int_col(st, 25, 0);
	it->excellent_percent = (int)int_col(st, 26, 100);
	it->quota_percent = (int)int_col(st, 27, 100);
	it->participant_role = dup_col(a, st, 28);
	it->participant_limit = (int)int_col(st, 29, 0);
	it->points_year_total = sqlite3_column_int(st, 30);
}

enum db_result
assess_load_item(struct db *db, arena *a, long long item_id, struct item_row *it)
{
	static const char sql[] = ITEM_COLUMNS " WHERE i.id = ?";
	sqlite3_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		item_from_row(a, st, it);
		r = DB_OK;
	}
	sqlite3_reset(st);
	return r;
}

/* Every item of a school year, for the caps (arena array). */
enum db_result
assess_load_items(struct db *db, arena *a, long long school_year,
    struct item_row **items, size_t *nitems)
{
	static const char sql[] = ITEM_COLUMNS " WHERE i.school_year_id = ? ORDER BY i.id";
	static const char sql_count[] = "SELECT count(*) FROM item WHERE school_year_id = ?";
	sqlite3_stmt *st = db_stmt(db, sql_count);
	size_t n = 0, cap;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, school_year);
	cap = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	*items = arena_alloc(a, (cap + 1) * sizeof(**items));
	if (*items == NULL || (st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, school_year);
	while (n < cap && sqlite3_step(st) == SQLITE_ROW)
		item_from_row(a, st, &(*items)[n++]);
	sqlite3_reset(st);
	*nitems = n;
	return DB_OK;
}

/* The records of a teacher-year that can count (not drafts, returned or rejected). */
enum db_result
assess_load_records(struct db *db, arena *a, long long ty, struct record_row **recs,
    size_t *nrecs)
{
	static const char sql_count[] = "SELECT count(*) FROM record WHERE teacher_year_id = ?";
	static const char sql[] =
	    "SELECT id, item_id, state, started_on, ended_on, coalesce(quantity, -1), coalesce(level, ''),"
	    " coalesce(certified_tenths, -1), json_extract(points, '$[0]'), json_extract(points, '$[1]'),"
	    " json_extract(points, '$[2]'), json_extract(points, '$[3]'),"
	    " coalesce(instr(addons, '\"video\"') > 0, 0), coalesce(role, ''), certificate_no,"
	    " coalesce(certificate_on, ''), coalesce(project_id, 0)"
	    " FROM record WHERE teacher_year_id = ? ORDER BY started_on, id";
	sqlite3_stmt *st = db_stmt(db, sql_count);
	size_t n = 0, cap;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, ty);
	cap = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	*recs = arena_alloc(a, (cap + 1) * sizeof(**recs));
	if (*recs == NULL || (st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, ty);
	while (n < cap && sqlite3_step(st) == SQLITE_ROW) {
		struct record_row *r = &(*recs)[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->item_id = sqlite3_column_int64(st, 1);
		r->state = dup_col(a, st, 2);
		r->started_on = dup_col(a, st, 3);
		r->ended_on = dup_col(a, st, 4);
		r->quantity = sqlite3_column_int64(st, 5);
		r->level = dup_col(a, st, 6);
		r->certified_tenths = sqlite3_column_int64(st, 7);
		for (int k = 0; k < 4; k++) {
			r->points[k] = int_col(st, 8 + k, -1);
		}
		r->video = sqlite3_column_int(st, 12);
		r->role = dup_col(a, st, 13);
		r->certificate_no = dup_col(a, st, 14);
		r->certificate_on = dup_col(a, st, 15);
		r->project_id = sqlite3_column_int64(st, 16);
	}
	sqlite3_reset(st);
	*nrecs = n;
	return DB_OK;
}

/* The policy, the category and the year of a teacher-year. */
enum db_result
assess_load_context(struct db *db, arena *a, long long ty, struct assess_context *cx)
{
	static const char sql[] =
	    "SELECT ty.category, ty.teacher_id, y.id, y.starts_on, y.ends_on, y.district_id,"
	    " p.min_tenths, p.normative_min_tenths, p.new_teacher_tenths, p.new_principal_tenths,"
	    " p.cycle_years, p.cycle_min_tenths, coalesce(p.flag_percent, 0), p.points_reading,"
	    " p.terms_per_year FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " JOIN policy p ON p.school_year_id = y.id WHERE ty.id = ?";
	sqlite3_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, ty);
	if (sqlite3_step(st) == SQLITE_ROW) {
		memset(cx, 0, sizeof(*cx));
		cx->category = dup_col(a, st, 0);
		cx->teacher_id = sqlite3_column_int64(st, 1);
		cx->school_year_id = sqlite3_column_int64(st, 2);
		cx->starts_on = dup_col(a, st, 3);
		cx->ends_on = dup_col(a, st, 4);
		cx->district_id = sqlite3_column_int64(st, 5);
		cx->min_tenths = sqlite3_column_int64(st, 6);
		cx->normative_min_tenths = sqlite3_column_int64(st, 7);
		cx->new_teacher_tenths = int_col(st, 8, -1);
		cx->new_principal_tenths = int_col(st, 9, -1);
		cx->cycle_years = sqlite3_column_int(st, 10);
		cx->cycle_min_tenths = int_col(st, 11, -1);
		cx->flag_percent = sqlite3_column_int(st, 12);
		cx->points_reading = dup_col(a, st, 13);
		cx->terms_per_year = sqlite3_column_int(st, 14);
		r = DB_OK;
	}
	sqlite3_reset(st);
	return r;
}

/* The teacher-years of the cycle that ends with this one (this one first). */
enum db_result
assess_cycle_years(struct db *db, arena *a, const struct assess_context *cx,
    long long **tys, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " WHERE ty.teacher_id = ?1 AND y.district_id = ?2 AND y.starts_on <= ?3"
	    " ORDER BY y.starts_on DESC LIMIT ?4";
	sqlite3_stmt *st = db_stmt(db, sql);

	*n = 0;
	*tys = arena_alloc(a, (size_t)(cx->cycle_years > 0 ? cx->cycle_years : 1) * sizeof(**tys));
	if (st == NULL || *tys == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, cx->teacher_id);
	sqlite3_bind_int64(st, 2, cx->district_id);
	sqlite3_bind_text(st, 3, cx->starts_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, cx->cycle_years > 0 ? cx->cycle_years : 1);
	while (sqlite3_step(st) == SQLITE_ROW && *n < (size_t)(cx->cycle_years > 0 ? cx->cycle_years : 1))
		(*tys)[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return DB_OK;
}
