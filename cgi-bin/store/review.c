/* store/review.c - see review.h */
#include "store/review.h"
#include "store/grow.h"
#include "store/sql.h"

#include <string.h>

/* One row of st into the caller's fields, or DB_NOTFOUND / the failure. */
static enum db_result
one_row(sql_stmt *st)
{
	enum db_result r = DB_OK;

	switch (sql_step(st, &r)) {
	case SQL_ROW:
		return DB_OK;
	case SQL_DONE:
		return DB_NOTFOUND;
	default:
		return r == DB_OK ? DB_ERROR : r;
	}
}

enum db_result
store_review_target(struct db *db, arena *a, long long id, struct review_target *t)
{
	static const char sql[] =
	    "SELECT r.state, coalesce(sys.state, 'open'), coalesce(p.approved, 1), y.district_id,"
	    " r.district_returned, i.evidence_required,"
	    " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id JOIN item i ON i.id = r.item_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id AND sys.school_year_id = y.id"
	    " LEFT JOIN training_project p ON p.id = r.project_id WHERE r.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	memset(t, 0, sizeof(*t));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((r = one_row(st)) == DB_OK) {
		t->state = sql_dup(a, st, 0);
		t->year_state = sql_dup(a, st, 1);
		t->project_approved = (int)sql_int(st, 2, 1);
		t->district_id = sql_int(st, 3, 0);
		t->district_returned = (int)sql_int(st, 4, 0);
		t->evidence_required = (int)sql_int(st, 5, 0);
		t->evidence = sql_int(st, 6, 0);
		if (t->state == NULL || t->year_state == NULL)
			r = DB_ERROR;
	}
	sql_reset(st);
	return r;
}

/* A single integer from st (dflt when there is no row). */
static enum db_result
one_int(sql_stmt *st, long long dflt, long long *v)
{
	enum db_result r = one_row(st);

	*v = dflt;
	if (r == DB_OK)
		*v = sql_int(st, 0, dflt);
	sql_reset(st);
	return r == DB_NOTFOUND ? DB_OK : r;
}

enum db_result
store_review_excellent_over(struct db *db, long long id, int *over)
{
	static const char sql[] =
	    "SELECT coalesce(p.max_participants, 0) * coalesce(p.excellent_quota_percent, CAST(json_extract(i.params, '$.quota_percent') AS INTEGER), 100)"
	    " / 100 < 1 + (SELECT count(DISTINCT oty.teacher_id) FROM record o"
	    "  JOIN teacher_year oty ON oty.id = o.teacher_year_id JOIN item oi ON oi.id = o.item_id"
	    "  WHERE o.project_id = r.project_id AND o.role = 'excellent' AND o.id <> r.id"
	    "  AND oi.rule_type = 'trainee_multiplier'"
	    "  AND o.state IN ('submitted', 'school_approved', 'district_approved'))"
	    " FROM record r JOIN item i ON i.id = r.item_id LEFT JOIN training_project p ON p.id = r.project_id"
	    " WHERE r.id = ? AND r.role = 'excellent' AND i.rule_type = 'trainee_multiplier'";
	sql_stmt *st = db_stmt(db, sql);
	long long v = 0;
	enum db_result r;

	*over = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	r = one_int(st, 0, &v);
	*over = v != 0;
	return r;
}

enum db_result
store_review_first_author_approved(struct db *db, long long id, int district_stage,
    long long *others)
{
	static const char sql[] =
	    "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id,"
	    " record o JOIN teacher_year oty ON oty.id = o.teacher_year_id"
	    " JOIN school_year oy ON oy.id = oty.school_year_id"
	    " WHERE r.id = ?1 AND oy.district_id = y.district_id AND oty.teacher_id <> ty.teacher_id"
	    " AND o.state IN ('school_approved', 'district_approved')"
	    " AND (?2 = 0 OR o.state = 'district_approved') AND" REVIEW_SAME_FIRST_AUTHOR_WORK;
	sql_stmt *st = db_stmt(db, sql);

	*others = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, district_stage != 0);
	return one_int(st, 0, others);
}

/* sql_exec, then DB_NOTFOUND unless exactly one row changed. */
static enum db_result
exec_one(struct db *db, sql_stmt *st)
{
	enum db_result r = sql_exec(st);

	if (r == DB_OK && sql_changes(db) != 1)
		r = DB_NOTFOUND;
	return r;
}

enum db_result
store_record_move(struct db *db, long long id, const char *from, const char *to, int returned)
{
	/*
	 * district_returned (?4): set when the district returns the record,
	 * cleared when the school sends it up again or the district decides.
	 */
	static const char sql[] =
	    "UPDATE record SET state = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	    " submitted_at = CASE WHEN ?2 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " ELSE submitted_at END, district_returned = coalesce(?4, district_returned)"
	    " WHERE id = ?1 AND state = ?3";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, to);
	sql_bind_text(st, 3, from);
	if (returned >= 0)
		sql_bind_int(st, 4, returned != 0);
	return exec_one(db, st);
}

enum db_result
store_record_withdraw(struct db *db, long long id, const char *state)
{
	static const char sql[] = "DELETE FROM record WHERE id = ? AND state = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, state);
	return exec_one(db, st);
}

enum db_result
store_review_add(struct db *db, long long id, const char *stage, const char *decision,
    const char *reason, long long reviewer)
{
	static const char sql[] =
	    "INSERT INTO review (record_id, stage, decision, reason, reviewer_id) VALUES (?, ?, ?, ?, ?)";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, stage);
	sql_bind_text(st, 3, decision);
	sql_bind_text(st, 4, reason ? reason : "");
	sql_bind_int(st, 5, reviewer);
	return sql_exec(st);
}

enum db_result
store_review_queue(struct db *db, arena *a, long long school, long long district,
    long long only_school, const char *state, const char *q, struct queue_row **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.id, r.state, r.started_on, r.claimed_tenths, t.name, t.staff_no, s.name,"
	    " i.name, i.category, (SELECT count(*) FROM evidence e WHERE e.record_id = r.id), s.id"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN teacher t ON t.id = ty.teacher_id JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN item i ON i.id = r.item_id"
	    " WHERE r.state = ?3 AND ((?1 > 0 AND ty.school_id = ?1) OR (?2 > 0 AND y.district_id = ?2"
	    "   AND (?4 = 0 OR ty.school_id = ?4)))"
	    " AND (?5 IS NULL OR instr(t.name, ?5) > 0 OR t.staff_no = ?5 OR instr(i.name, ?5) > 0)"
	    " ORDER BY s.code, t.staff_no, r.started_on, r.id LIMIT 500";
	sql_stmt *st = db_stmt(db, sql);
	struct queue_row *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, district);
	sql_bind_text(st, 3, state);
	sql_bind_int(st, 4, only_school);
	sql_bind_text(st, 5, q);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct queue_row *q1 = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (q1 == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		q1->id = sql_int(st, 0, 0);
		q1->state = sql_dup(a, st, 1);
		q1->started_on = sql_dup(a, st, 2);
		q1->claimed_tenths = sql_int(st, 3, 0);
		q1->teacher = sql_dup(a, st, 4);
		q1->staff_no = sql_dup(a, st, 5);
		q1->school = sql_dup(a, st, 6);
		q1->item = sql_dup(a, st, 7);
		q1->category = sql_dup(a, st, 8);
		q1->evidence = sql_int(st, 9, 0);
		q1->school_id = sql_int(st, 10, 0);
		if (!q1->state || !q1->started_on || !q1->teacher || !q1->staff_no || !q1->school ||
		    !q1->item || !q1->category) {
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
store_school_year_move_state(struct db *db, arena *a, long long school, const char *waiting,
    struct school_year_move *m)
{
	static const char sql[] =
	    "SELECT y.id, coalesce(sys.state, 'open'), s.district_id,"
	    " (SELECT count(*) FROM teacher_year ty CROSS JOIN record r"
	    "  WHERE r.teacher_year_id = ty.id AND ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = ?2)"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.id = ?1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	memset(m, 0, sizeof(*m));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_text(st, 2, waiting);
	if ((r = one_row(st)) == DB_OK) {
		m->year_id = sql_int(st, 0, 0);
		m->state = sql_dup(a, st, 1);
		m->district_id = sql_int(st, 2, 0);
		m->waiting = sql_int(st, 3, 0);
		if (m->state == NULL)
			r = DB_ERROR;
		else if (m->year_id == 0)
			r = DB_NOTFOUND;
	}
	sql_reset(st);
	return r;
}

enum db_result
store_school_year_set(struct db *db, long long school, long long year, const char *to,
    long long account, const char *reason)
{
	static const char sql[] =
	    "INSERT INTO school_year_state (school_id, school_year_id, state, submitted_at, submitted_by,"
	    " confirmed_at, confirmed_by, reopened_reason, first_submitted_at) VALUES (?1, ?2, ?3,"
	    " CASE WHEN ?3 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,"
	    " CASE WHEN ?3 = 'submitted' THEN ?4 END,"
	    " CASE WHEN ?3 = 'confirmed' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,"
	    " CASE WHEN ?3 = 'confirmed' THEN ?4 END, ?5,"
	    " CASE WHEN ?3 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END)"
	    " ON CONFLICT (school_id, school_year_id) DO UPDATE SET state = excluded.state,"
	    " submitted_at = coalesce(excluded.submitted_at, school_year_state.submitted_at),"
	    " first_submitted_at = coalesce(school_year_state.first_submitted_at, excluded.first_submitted_at),"
	    " submitted_by = coalesce(excluded.submitted_by, school_year_state.submitted_by),"
	    " confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,"
	    " reopened_reason = excluded.reopened_reason";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, year);
	sql_bind_text(st, 3, to);
	sql_bind_int(st, 4, account);
	sql_bind_text(st, 5, reason ? reason : "");
	return sql_exec(st);
}
