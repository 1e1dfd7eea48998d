/* store/policy.c - see policy.h */
#include "store/policy.h"
#include "store/sql.h"

#include <string.h>

#define YEAR_COLUMNS \
	"SELECT y.id, y.district_id, y.label, y.starts_on, y.ends_on, y.is_current," \
	" coalesce(y.register_deadline, ''), coalesce(y.school_review_deadline, '')," \
	" coalesce(y.district_review_deadline, ''), coalesce(p.min_tenths, 0)," \
	" coalesce(p.normative_min_tenths, 0), coalesce(p.new_teacher_tenths, -1)," \
	" coalesce(p.new_principal_tenths, -1), coalesce(p.cycle_min_tenths, -1)," \
	" coalesce(p.cycle_years, 5), coalesce(p.terms_per_year, 2), coalesce(p.flag_percent, 0)," \
	" coalesce(p.points_reading, 'quarters'), p.school_year_id IS NOT NULL," \
	" (SELECT count(*) FROM school s WHERE s.district_id = y.district_id AND s.active = 1)," \
	" (SELECT count(*) FROM school_year_state t WHERE t.school_year_id = y.id" \
	"   AND t.state = 'confirmed')" \
	" FROM school_year y LEFT JOIN policy p ON p.school_year_id = y.id"

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct year_policy *p = row;

	p->year_id = sql_int(st, 0, 0);
	p->district_id = sql_int(st, 1, 0);
	p->label = sql_dup(a, st, 2);
	p->starts_on = sql_dup(a, st, 3);
	p->ends_on = sql_dup(a, st, 4);
	p->is_current = (int)sql_int(st, 5, 0);
	p->register_deadline = sql_dup(a, st, 6);
	p->school_review_deadline = sql_dup(a, st, 7);
	p->district_review_deadline = sql_dup(a, st, 8);
	p->min_tenths = sql_int(st, 9, 0);
	p->normative_min_tenths = sql_int(st, 10, 0);
	p->new_teacher_tenths = sql_int(st, 11, -1);
	p->new_principal_tenths = sql_int(st, 12, -1);
	p->cycle_min_tenths = sql_int(st, 13, -1);
	p->cycle_years = (int)sql_int(st, 14, 5);
	p->terms_per_year = (int)sql_int(st, 15, 2);
	p->flag_percent = (int)sql_int(st, 16, 0);
	p->points_reading = sql_dup(a, st, 17);
	p->has_policy = (int)sql_int(st, 18, 0);
	p->schools = sql_int(st, 19, 0);
	p->confirmed = sql_int(st, 20, 0);
	return p->label && p->starts_on && p->ends_on && p->register_deadline &&
	    p->school_review_deadline && p->district_review_deadline && p->points_reading ? 0 : -1;
}

enum db_result
store_district_years(struct db *db, arena *a, long long district, struct year_policy **out,
    size_t *n)
{
	static const char sql[] = YEAR_COLUMNS " WHERE y.district_id = ? ORDER BY y.starts_on DESC";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	return sql_list(st, a, sizeof(**out), fill, (void **)out, n);
}

enum db_result
store_year_policy(struct db *db, arena *a, long long year, struct year_policy *p)
{
	static const char sql[] = YEAR_COLUMNS " WHERE y.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(p, 0, sizeof(*p));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_one(st, a, sizeof(*p), fill, p);
}

/* NULL for "" (no deadline), -1 (no rule) and 0 (no flag). */
static void
bind_date(sql_stmt *st, int i, const char *v)
{
	if (v != NULL && *v)
		sql_bind_text(st, i, v);
}

static void
bind_opt(sql_stmt *st, int i, long long v, long long none)
{
	if (v != none)
		sql_bind_int(st, i, v);
}

enum db_result
store_year_policy_set(struct db *db, const struct year_policy *p)
{
	static const char sql_policy[] =
	    "INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,"
	    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading,"
	    " terms_per_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT (school_year_id) DO UPDATE SET min_tenths = excluded.min_tenths,"
	    " normative_min_tenths = excluded.normative_min_tenths,"
	    " new_teacher_tenths = excluded.new_teacher_tenths,"
	    " new_principal_tenths = excluded.new_principal_tenths, cycle_years = excluded.cycle_years,"
	    " cycle_min_tenths = excluded.cycle_min_tenths, flag_percent = excluded.flag_percent,"
	    " points_reading = excluded.points_reading, terms_per_year = excluded.terms_per_year";
	static const char sql_dates[] =
	    "UPDATE school_year SET register_deadline = ?2, school_review_deadline = ?3,"
	    " district_review_deadline = ?4 WHERE id = ?1";
	sql_stmt *st = db_stmt(db, sql_policy);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, p->year_id);
	sql_bind_int(st, 2, p->min_tenths);
	sql_bind_int(st, 3, p->normative_min_tenths);
	bind_opt(st, 4, p->new_teacher_tenths, -1);
	bind_opt(st, 5, p->new_principal_tenths, -1);
	sql_bind_int(st, 6, p->cycle_years);
	bind_opt(st, 7, p->cycle_min_tenths, -1);
	bind_opt(st, 8, p->flag_percent, 0);
	sql_bind_text(st, 9, p->points_reading);
	sql_bind_int(st, 10, p->terms_per_year);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_dates)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, p->year_id);
	bind_date(st, 2, p->register_deadline);
	bind_date(st, 3, p->school_review_deadline);
	bind_date(st, 4, p->district_review_deadline);
	return sql_exec(st);
}
