/* store/roster_change.c - see roster_change.h */
#include "store/roster_change.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_roster_changes(struct db *db, arena *a, long long school, long long district,
    long long only_school, struct roster_change **out, size_t *n)
{
	static const char sql[] =
	    "SELECT rc.id, rc.kind, rc.at, rc.reported_at, t.name, t.staff_no, s.id, s.name,"
	    " rc.import_id, coalesce(o.name, ''), ty.id"
	    " FROM roster_change rc JOIN teacher t ON t.id = rc.teacher_id"
	    " JOIN school s ON s.id = rc.school_id"
	    " JOIN school_year y ON y.id = rc.school_year_id AND y.is_current = 1"
	    " LEFT JOIN school o ON o.id = rc.other_school_id"
	    " LEFT JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id"
	    "  AND ty.school_id = rc.school_id"
	    " WHERE ((?1 > 0 AND rc.school_id = ?1) OR (?2 > 0 AND y.district_id = ?2"
	    "  AND (?3 = 0 OR rc.school_id = ?3) AND rc.reported_at IS NOT NULL))"
	    " ORDER BY s.code, rc.at DESC, rc.id DESC LIMIT 10000";
	sql_stmt *st = db_stmt(db, sql);
	struct roster_change *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, district);
	sql_bind_int(st, 3, only_school);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct roster_change *ch;
		if (*n == cap) {
			struct roster_change *more = arena_alloc(a, (cap ? 2 * cap : 64) * sizeof(*more));
			if (more == NULL) {
				r = DB_ERROR;
				break;
			}
			if (*n)
				memcpy(more, v, *n * sizeof(*v));
			v = more;
			cap = cap ? 2 * cap : 64;
		}
		ch = &v[(*n)++];
		ch->id = sql_int(st, 0, 0);
		ch->kind = sql_dup(a, st, 1);
		ch->at = sql_dup(a, st, 2);
		ch->reported_at = sql_null(st, 3) ? NULL : sql_dup(a, st, 3);
		ch->teacher = sql_dup(a, st, 4);
		ch->staff_no = sql_dup(a, st, 5);
		ch->school_id = sql_int(st, 6, 0);
		ch->school = sql_dup(a, st, 7);
		ch->import_id = sql_int(st, 8, 0);
		ch->other_school = sql_dup(a, st, 9);
		ch->teacher_year_id = sql_int(st, 10, 0);
		if (ch->kind == NULL || ch->at == NULL || ch->teacher == NULL || ch->staff_no == NULL ||
		    ch->school == NULL || ch->other_school == NULL) {
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
store_roster_changes_report(struct db *db, long long school, long long district,
    long long account, int *reported)
{
	static const char sql[] =
	    "UPDATE roster_change SET reported_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), reported_by = ?"
	    " WHERE school_id = ? AND reported_at IS NULL AND school_year_id ="
	    " (SELECT id FROM school_year WHERE district_id = ? AND is_current = 1)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	*reported = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account);
	sql_bind_int(st, 2, school);
	sql_bind_int(st, 3, district);
	if ((r = sql_exec(st)) == DB_OK)
		*reported = sql_changes(db);
	return r;
}
