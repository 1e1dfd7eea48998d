/* store/points.c - see points.h */
#include "store/points.h"
#include "store/grow.h"
#include "store/sql.h"

#include <stdio.h>
#include <string.h>

enum db_result
store_points_school(struct db *db, arena *a, long long school, struct points_school *out)
{
	static const char sql[] =
	    "SELECT s.name, y.id, y.label, y.starts_on, y.ends_on, coalesce(sys.state, 'open'),"
	    " s.district_id,"
	    " (SELECT i.id FROM item i WHERE i.school_year_id = y.id AND i.rule_type = 'points_quarters'"
	    "  ORDER BY i.id LIMIT 1)"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step step;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	if ((step = sql_step(st, &r)) == SQL_ROW) {
		out->name = sql_dup(a, st, 0);
		out->year_id = sql_int(st, 1, 0);
		out->year_label = sql_dup(a, st, 2);
		out->starts_on = sql_dup(a, st, 3);
		out->ends_on = sql_dup(a, st, 4);
		out->year_state = sql_dup(a, st, 5);
		out->district_id = sql_int(st, 6, 0);
		out->item_id = sql_int(st, 7, 0);
		if (out->name == NULL || out->year_label == NULL || out->starts_on == NULL ||
		    out->ends_on == NULL || out->year_state == NULL)
			r = DB_ERROR;
	} else if (step == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

enum db_result
store_points_entries(struct db *db, arena *a, long long school, long long year,
    long long item, struct points_entry **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.staff_no, r.id, r.state,"
	    " json_extract(r.points, '$[0]'), json_extract(r.points, '$[1]'),"
	    " json_extract(r.points, '$[2]'), json_extract(r.points, '$[3]')"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " LEFT JOIN record r ON r.id = (SELECT max(x.id) FROM record x"
	    "  WHERE x.teacher_year_id = ty.id AND x.item_id = ?3 AND x.state <> 'rejected')"
	    " WHERE ty.school_id = ?1 AND ty.school_year_id = ?2 AND t.active = 1"
	    " ORDER BY t.staff_no, t.id";
	sql_stmt *st = db_stmt(db, sql);
	void *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	sql_bind_int(st, 3, item);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct points_entry *p = store_grow(a, &v, *n, &cap, sizeof(*p));
		if (p == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		p->teacher_year_id = sql_int(st, 0, 0);
		p->name = sql_dup(a, st, 1);
		p->staff_no = sql_dup(a, st, 2);
		p->record_id = sql_int(st, 3, 0);
		p->state = sql_dup(a, st, 4);
		for (int i = 0; i < 4; i++)
			p->q[i] = sql_int(st, 5 + i, -1);
		if (p->name == NULL || p->staff_no == NULL || p->state == NULL) {
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

/* The record's points column: the four totals as a JSON array. */
static void
points_json(char *buf, size_t len, const long long q[4])
{
	snprintf(buf, len, "[%lld,%lld,%lld,%lld]", q[0], q[1], q[2], q[3]);
}

enum db_result
store_points_insert(struct db *db, long long teacher_year, long long item,
    const char *starts_on, const char *ends_on, const long long q[4], long long claimed_tenths,
    long long account, long long *id)
{
	static const char sql[] =
	    "INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, points,"
	    " claimed_tenths, state, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7)";
	sql_stmt *st = db_stmt(db, sql);
	char json[128];
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	points_json(json, sizeof(json), q);
	sql_bind_int(st, 1, teacher_year);
	sql_bind_int(st, 2, item);
	sql_bind_text(st, 3, starts_on);
	sql_bind_text(st, 4, ends_on);
	sql_bind_text(st, 5, json);
	sql_bind_int(st, 6, claimed_tenths);
	sql_bind_int(st, 7, account);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sql_last_id(db);
	return r;
}

enum db_result
store_points_update(struct db *db, long long record, long long item,
    const long long q[4], long long claimed_tenths)
{
	static const char sql[] =
	    "UPDATE record SET points = ?3, claimed_tenths = ?4,"
	    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " WHERE id = ?1 AND item_id = ?2 AND state IN ('draft', 'returned')";
	sql_stmt *st = db_stmt(db, sql);
	char json[128];
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	points_json(json, sizeof(json), q);
	sql_bind_int(st, 1, record);
	sql_bind_int(st, 2, item);
	sql_bind_text(st, 3, json);
	sql_bind_int(st, 4, claimed_tenths);
	if ((r = sql_exec(st)) == DB_OK && sql_changes(db) != 1)
		r = DB_NOTFOUND;
	return r;
}
