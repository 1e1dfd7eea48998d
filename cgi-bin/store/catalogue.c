/* store/catalogue.c - see catalogue.h */
#include "store/catalogue.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

static enum db_result
failed(enum db_result r)
{
	return r == DB_OK ? DB_ERROR : r;
}

/* DB_OK when st finds a row, DB_NOTFOUND when none; reset. */
static enum db_result
exists(sql_stmt *st)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	sql_reset(st);
	if (s == SQL_FAILED)
		return failed(r);
	return s == SQL_ROW ? DB_OK : DB_NOTFOUND;
}

enum db_result
store_catalogue(struct db *db, arena *a, long long ty, const char *q,
    struct catalogue_item **out, size_t *n)
{
	static const char sql[] =
	    "SELECT i.id, i.code, i.category, i.name, i.hours_tenths, i.unit, i.rule_type,"
	    " i.normative, i.conditions FROM item i"
	    " JOIN teacher_year ty ON ty.school_year_id = i.school_year_id"
	    " WHERE ty.id = ?1 AND i.active = 1"
	    " AND (?2 IS NULL OR instr(i.name, ?2) > 0 OR instr(i.category, ?2) > 0)"
	    " ORDER BY i.sort_order, i.id";
	sql_stmt *st = db_stmt(db, sql);
	struct catalogue_item *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	sql_bind_text(st, 2, q);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct catalogue_item *it = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (it == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		it->id = sql_int(st, 0, 0);
		it->code = sql_dup(a, st, 1);
		it->category = sql_dup(a, st, 2);
		it->name = sql_dup(a, st, 3);
		it->hours_tenths = sql_int(st, 4, 0);
		it->unit = sql_dup(a, st, 5);
		it->rule_type = sql_dup(a, st, 6);
		it->normative = sql_int(st, 7, 0) != 0;
		it->conditions = sql_dup(a, st, 8);
		if (!it->code || !it->category || !it->name || !it->unit || !it->rule_type ||
		    !it->conditions) {
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

enum db_result
store_item_in_year(struct db *db, long long ty, long long item)
{
	static const char sql[] =
	    "SELECT 1 FROM item i JOIN teacher_year ty ON ty.school_year_id = i.school_year_id"
	    " WHERE ty.id = ? AND i.id = ? AND i.active = 1";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	sql_bind_int(st, 2, item);
	return exists(st);
}

enum db_result
store_year_projects(struct db *db, arena *a, long long ty, long long item,
    struct training_project **out, size_t *n)
{
	static const char sql[] =
	    "SELECT p.id, p.name, p.approved, coalesce(p.max_participants, 0), p.organiser,"
	    " coalesce(p.excellent_quota_percent, -1), p.approval_no"
	    " FROM training_project p"
	    " JOIN teacher_year ty ON ty.school_year_id = p.school_year_id"
	    " WHERE ty.id = ?1 AND p.state = 'approved' AND (p.item_id IS NULL OR p.item_id = ?2)"
	    " ORDER BY p.name, p.id";
	sql_stmt *st = db_stmt(db, sql);
	struct training_project *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	sql_bind_int(st, 2, item);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct training_project *p = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (p == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		p->id = sql_int(st, 0, 0);
		p->name = sql_dup(a, st, 1);
		p->approved = sql_int(st, 2, 0) != 0;
		p->class_size = sql_int(st, 3, 0);
		p->organiser = sql_dup(a, st, 4);
		p->quota_percent = sql_int(st, 5, -1);
		p->approval_no = sql_dup(a, st, 6);
		if (!p->name || !p->organiser || !p->approval_no) {
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

enum db_result
store_project_in_year(struct db *db, arena *a, long long ty, long long item, long long project,
    const char **state, const char **reason)
{
	static const char sql[] =
	    "SELECT p.state, p.reject_reason FROM training_project p"
	    " JOIN teacher_year ty ON ty.school_year_id = p.school_year_id"
	    " WHERE ty.id = ? AND p.id = ? AND (p.item_id IS NULL OR p.item_id = ?)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*state = *reason = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	sql_bind_int(st, 2, project);
	sql_bind_int(st, 3, item);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		*state = sql_dup(a, st, 0);
		*reason = sql_dup(a, st, 1);
		if (*state == NULL || *reason == NULL) {
			*state = *reason = "";
			r = DB_ERROR;
		}
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return failed(r);
	return s == SQL_ROW ? r : DB_NOTFOUND;
}

enum db_result
store_year_bounds(struct db *db, arena *a, long long ty, const char **starts, const char **ends)
{
	static const char sql[] =
	    "SELECT y.starts_on, y.ends_on FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*starts = *ends = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		*starts = sql_dup(a, st, 0);
		*ends = sql_dup(a, st, 1);
		if (*starts == NULL || *ends == NULL) {
			*starts = *ends = "";
			r = DB_ERROR;
		}
	}
	sql_reset(st);
	return s == SQL_FAILED ? failed(r) : r;
}

enum db_result
store_year_terms(struct db *db, long long ty, int *terms)
{
	static const char sql[] =
	    "SELECT p.terms_per_year FROM teacher_year ty JOIN policy p"
	    " ON p.school_year_id = ty.school_year_id WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*terms = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	if ((s = sql_step(st, &r)) == SQL_ROW)
		*terms = (int)sql_int(st, 0, 0);
	sql_reset(st);
	return s == SQL_FAILED ? failed(r) : DB_OK;
}

enum db_result
store_excellent_taken(struct db *db, long long project, long long except_record,
    long long *size, long long *taken, int *quota)
{
	static const char sql[] =
	    "SELECT coalesce(p.max_participants, 0), coalesce(p.excellent_quota_percent, -1), (SELECT count(DISTINCT ty.teacher_id)"
	    "  FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    "  JOIN item i ON i.id = r.item_id WHERE r.project_id = p.id AND r.role = 'excellent'"
	    "  AND i.rule_type = 'trainee_multiplier' AND r.id <> ?2"
	    "  AND r.state IN ('submitted', 'school_approved', 'district_approved'))"
	    " FROM training_project p WHERE p.id = ?1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*size = *taken = 0;
	*quota = -1;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, project);
	sql_bind_int(st, 2, except_record);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		*size = sql_int(st, 0, 0);
		*quota = (int)sql_int(st, 1, -1);
		*taken = sql_int(st, 2, 0);
	}
	sql_reset(st);
	return s == SQL_FAILED ? failed(r) : DB_OK;
}

enum db_result
store_item_conditions(struct db *db, arena *a, long long item, const char **text)
{
	static const char sql[] = "SELECT conditions FROM item WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*text = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	if ((s = sql_step(st, &r)) == SQL_ROW && (*text = sql_dup(a, st, 0)) == NULL)
		r = DB_ERROR;
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	if (*text == NULL)
		*text = "";
	return s == SQL_ROW ? r : DB_NOTFOUND;
}

struct item_lists {
	const char *exclusions, *organisers;
};

static int
fill_lists(arena *a, sql_stmt *st, void *row)
{
	struct item_lists *l = row;

	l->exclusions = sql_dup(a, st, 0);
	l->organisers = sql_dup(a, st, 1);
	return l->exclusions && l->organisers ? 0 : -1;
}

enum db_result
store_item_lists(struct db *db, arena *a, long long item, const char **exclusions,
    const char **organisers)
{
	static const char sql[] = "SELECT exclusions, organisers FROM item WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);
	struct item_lists l = { "", "" };
	enum db_result r;

	*exclusions = *organisers = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	if ((r = sql_one(st, a, sizeof(l), fill_lists, &l)) == DB_OK) {
		*exclusions = l.exclusions;
		*organisers = l.organisers;
	}
	return r;
}
