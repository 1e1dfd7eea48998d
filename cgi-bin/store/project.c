/* store/project.c - see project.h */
#include "store/project.h"
#include "store/sql.h"

#include <string.h>

#define PROJECT_COLUMNS \
	"SELECT p.id, p.school_year_id, coalesce(p.item_id, 0), coalesce(p.school_id, 0)," \
	" p.name, p.organiser, p.level, coalesce(p.starts_on, ''), coalesce(p.ends_on, '')," \
	" coalesce(p.hours_tenths, 0), coalesce(p.expected_participants, 0)," \
	" coalesce(p.max_participants, 0), coalesce(p.excellent_quota_percent, -1)," \
	" coalesce(CAST(json_extract(i.params, '$.quota_percent') AS INTEGER), -1)," \
	" p.state, p.approval_no, p.reject_reason, coalesce(p.filed_at, ''), coalesce(p.decided_at, '')," \
	" coalesce(i.name, ''), coalesce(i.code, ''), coalesce(i.rule_type, ''), coalesce(s.name, '')," \
	" coalesce(fa.display_name, ''), coalesce(da.display_name, '')," \
	" (SELECT count(*) FROM record r WHERE r.project_id = p.id)" \
	" FROM training_project p LEFT JOIN item i ON i.id = p.item_id" \
	" LEFT JOIN school s ON s.id = p.school_id" \
	" LEFT JOIN account fa ON fa.id = p.filed_by LEFT JOIN account da ON da.id = p.decided_by"

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct project_row *p = row;

	p->id = sql_int(st, 0, 0);
	p->year_id = sql_int(st, 1, 0);
	p->item_id = sql_int(st, 2, 0);
	p->school_id = sql_int(st, 3, 0);
	p->name = sql_dup(a, st, 4);
	p->organiser = sql_dup(a, st, 5);
	p->level = sql_dup(a, st, 6);
	p->starts_on = sql_dup(a, st, 7);
	p->ends_on = sql_dup(a, st, 8);
	p->hours_tenths = sql_int(st, 9, 0);
	p->expected = sql_int(st, 10, 0);
	p->class_size = sql_int(st, 11, 0);
	p->quota_percent = sql_int(st, 12, -1);
	p->item_quota_percent = sql_int(st, 13, -1);
	p->state = sql_dup(a, st, 14);
	p->approval_no = sql_dup(a, st, 15);
	p->reject_reason = sql_dup(a, st, 16);
	p->filed_at = sql_dup(a, st, 17);
	p->decided_at = sql_dup(a, st, 18);
	p->item_name = sql_dup(a, st, 19);
	p->item_code = sql_dup(a, st, 20);
	p->item_rule = sql_dup(a, st, 21);
	p->school_name = sql_dup(a, st, 22);
	p->filed_by = sql_dup(a, st, 23);
	p->decided_by = sql_dup(a, st, 24);
	p->records = sql_int(st, 25, 0);
	return p->name && p->organiser && p->level && p->starts_on && p->ends_on && p->state &&
	    p->approval_no && p->reject_reason && p->filed_at && p->decided_at && p->item_name &&
	    p->item_code && p->item_rule && p->school_name && p->filed_by && p->decided_by ? 0 : -1;
}

enum db_result
store_projects_of_year(struct db *db, arena *a, long long year, long long school,
    const char *state, struct project_row **out, size_t *n)
{
	static const char sql[] = PROJECT_COLUMNS
	    " WHERE p.school_year_id = ?1"
	    " AND (?2 = 0 OR p.school_id = ?2 OR p.state = 'approved')"
	    " AND (?3 IS NULL OR p.state = ?3)"
	    " ORDER BY p.id DESC";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, school);
	sql_bind_text(st, 3, state);
	return sql_list(st, a, sizeof(**out), fill, (void **)out, n);
}

enum db_result
store_project_get(struct db *db, arena *a, long long id, struct project_row *p)
{
	static const char sql[] = PROJECT_COLUMNS " WHERE p.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(p, 0, sizeof(*p));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return sql_one(st, a, sizeof(*p), fill, p);
}

enum db_result
store_project_year(struct db *db, long long district, long long *year)
{
	static const char sql[] =
	    "SELECT id FROM school_year WHERE district_id = ? AND is_current = 1";
	sql_stmt *st = db_stmt(db, sql);

	*year = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	return sql_one(st, NULL, sizeof(*year), sql_fill_int, year);
}

enum db_result
store_project_item(struct db *db, long long year, long long item, int *trainee)
{
	static const char sql[] =
	    "SELECT rule_type = 'trainee_multiplier' FROM item WHERE school_year_id = ? AND id = ?"
	    " AND active = 1 AND (needs_project = 1 OR rule_type = 'trainee_multiplier')";
	sql_stmt *st = db_stmt(db, sql);
	long long v = 0;
	enum db_result r;

	*trainee = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, item);
	r = sql_one(st, NULL, sizeof(v), sql_fill_int, &v);
	*trainee = v != 0;
	return r;
}

static int
fill_item(arena *a, sql_stmt *st, void *row)
{
	struct project_item *it = row;

	it->id = sql_int(st, 0, 0);
	it->code = sql_dup(a, st, 1);
	it->name = sql_dup(a, st, 2);
	it->rule_type = sql_dup(a, st, 3);
	it->trainee = it->rule_type && strcmp(it->rule_type, "trainee_multiplier") == 0;
	it->quota_percent = sql_int(st, 4, -1);
	return it->code && it->name && it->rule_type ? 0 : -1;
}

enum db_result
store_project_items(struct db *db, arena *a, long long year, struct project_item **out, size_t *n)
{
	static const char sql[] =
	    "SELECT id, code, name, rule_type, json_extract(params, '$.quota_percent') FROM item"
	    " WHERE school_year_id = ? AND active = 1"
	    " AND (needs_project = 1 OR rule_type = 'trainee_multiplier') ORDER BY sort_order, id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_item, (void **)out, n);
}

/* The fields of a filing, bound at 1..11 in the order of the statements below. */
static void
bind_write(sql_stmt *st, const struct project_write *w)
{
	sql_bind_int(st, 1, w->item_id);
	sql_bind_text(st, 2, w->name);
	sql_bind_text(st, 3, w->organiser);
	sql_bind_text(st, 4, w->level);
	sql_bind_text(st, 5, w->starts_on);
	sql_bind_text(st, 6, w->ends_on);
	/* 0 is "not given": NULL, as the CHECKs want. */
	if (w->hours_tenths > 0)
		sql_bind_int(st, 7, w->hours_tenths);
	else
		sql_bind_text(st, 7, NULL);
	if (w->expected > 0)
		sql_bind_int(st, 8, w->expected);
	else
		sql_bind_text(st, 8, NULL);
	if (w->class_size > 0)
		sql_bind_int(st, 9, w->class_size);
	else
		sql_bind_text(st, 9, NULL);
	if (w->quota_percent >= 0)
		sql_bind_int(st, 10, w->quota_percent);
	else
		sql_bind_text(st, 10, NULL);
}

enum db_result
store_project_insert(struct db *db, const struct project_write *w, long long *id)
{
	static const char sql[] =
	    "INSERT INTO training_project (item_id, name, organiser, level, starts_on, ends_on,"
	    " hours_tenths, expected_participants, max_participants, excellent_quota_percent,"
	    " school_year_id, school_id, filed_by, filed_at, state, approved)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, nullif(?12, 0), ?13, ?14, 'filed', 0)"
	    " RETURNING id";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	bind_write(st, w);
	sql_bind_int(st, 11, w->year_id);
	sql_bind_int(st, 12, w->school_id);
	sql_bind_int(st, 13, w->filed_by);
	sql_bind_text(st, 14, w->at);
	if (sql_step(st, &r) == SQL_ROW)
		*id = sql_int(st, 0, 0);
	sql_reset(st);
	return *id > 0 ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}

/* An UPDATE ... RETURNING id: DB_OK when it changed the row, DB_NOTFOUND when none matched. */
static enum db_result
changed(sql_stmt *st)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_ROW ? DB_OK : DB_NOTFOUND;
}

enum db_result
store_project_update(struct db *db, long long id, const struct project_write *w)
{
	static const char sql[] =
	    "UPDATE training_project SET item_id = ?1, name = ?2, organiser = ?3, level = ?4,"
	    " starts_on = ?5, ends_on = ?6, hours_tenths = ?7, expected_participants = ?8,"
	    " max_participants = ?9, excellent_quota_percent = ?10"
	    " WHERE id = ?11 AND state = 'filed' RETURNING id";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	bind_write(st, w);
	sql_bind_int(st, 11, id);
	return changed(st);
}

enum db_result
store_project_approve(struct db *db, long long id, const char *approval_no, long long by,
    const char *at)
{
	static const char sql[] =
	    "UPDATE training_project SET state = 'approved', approved = 1, approval_no = ?2,"
	    " approved_at = ?4, approved_by = ?3, decided_at = ?4, decided_by = ?3"
	    " WHERE id = ?1 AND state = 'filed' RETURNING id";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, approval_no);
	sql_bind_int(st, 3, by);
	sql_bind_text(st, 4, at);
	return changed(st);
}

enum db_result
store_project_reject(struct db *db, long long id, const char *reason, long long by, const char *at)
{
	static const char sql[] =
	    "UPDATE training_project SET state = 'rejected', approved = 0, reject_reason = ?2,"
	    " decided_at = ?4, decided_by = ?3 WHERE id = ?1 AND state = 'filed' RETURNING id";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, reason);
	sql_bind_int(st, 3, by);
	sql_bind_text(st, 4, at);
	return changed(st);
}

enum db_result
store_project_number_taken(struct db *db, long long year, const char *approval_no, long long except)
{
	static const char sql[] =
	    "SELECT id FROM training_project WHERE school_year_id = ? AND approval_no = ? AND id <> ?";
	sql_stmt *st = db_stmt(db, sql);
	long long v = 0;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_text(st, 2, approval_no);
	sql_bind_int(st, 3, except);
	return sql_one(st, NULL, sizeof(v), sql_fill_int, &v);
}
