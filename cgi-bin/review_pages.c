/* review_pages.c - see review_pages.h */
#include "review_pages.h"
#include "store/sql.h"
#include "core/assess.h"
#include "store/audit.h"
#include "core/form.h"
#include "core/render.h"
#include "review.h"
#include "teacher_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

int
school_overview(struct ctx *c, xmlNodePtr root, long long school)
{
	static const char sql_school[] =
	    "SELECT s.id, s.name, s.code, y.id, y.label, coalesce(sys.state, 'open'),"
	    " sys.submitted_at, sys.confirmed_at, coalesce(p.flag_percent, 0),"
	    " (SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    "  WHERE ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'submitted'),"
	    " coalesce(sys.reopened_reason, '')"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " LEFT JOIN policy p ON p.school_year_id = y.id WHERE s.id = ?";
	static const char sql_teachers[] =
	    "SELECT ty.id, t.name, t.staff_no, ty.category, ty.status, ty.receiving_unit FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id WHERE ty.school_id = ? AND ty.school_year_id = ?"
	    " ORDER BY t.staff_no, t.id";
	sqlite3_stmt *st = db_stmt(c->db, sql_school);
	xmlNodePtr s, list;
	long long year = 0, failing = 0, total = 0;
	int flag = 0;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	s = xml_node(root, "school");
	if (s == NULL) {
		sqlite3_reset(st);
		return 500;
	}
	xml_attr_int(s, "id", sqlite3_column_int64(st, 0));
	xml_attr(s, "code", col(st, 2));
	xml_attr(s, "year", col(st, 4));
	xml_attr(s, "state", col(st, 5));
	if (*col(st, 6))
		xml_attr(s, "submitted", col(st, 6));
	if (*col(st, 7))
		xml_attr(s, "confirmed", col(st, 7));
	xml_attr_int(s, "unreviewed", sqlite3_column_int64(st, 9));
	xml_text(s, "name", col(st, 1));
	/* Why the district reopened the year: the school is told. */
	if (*col(st, 10))
		xml_text(s, "reopened-reason", col(st, 10));
	year = sqlite3_column_int64(st, 3);
	flag = sqlite3_column_int(st, 8);
	sqlite3_reset(st);
	if ((list = xml_node(s, "teachers")) == NULL || (st = db_stmt(c->db, sql_teachers)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, year);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr t = xml_node(list, "teacher");
		struct assessment a;
		long long ty = sqlite3_column_int64(st, 0);
		if (t == NULL)
			break;
		xml_attr_int(t, "teacher-year", ty);
		xml_attr(t, "staff-no", col(st, 2));
		xml_attr(t, "category", col(st, 3));
		xml_attr(t, "status", col(st, 4));
		xml_text(t, "name", col(st, 1));
		/* 支教/交流/外借: the dispatching school reports them with the receiving unit. */
		if (*col(st, 5))
			xml_text(t, "receiving-unit", col(st, 5));
		/* The statement is cached: copy what we need before assessing. */
		if (assess_teacher_year(c->db, c->a, ty, &a) == DB_OK) {
			xmlNodePtr n = xml_node(t, "result");
			xml_attr(n, "result", a.pass ? "pass" : "fail");
			xml_attr_int(n, "confirmed-tenths", a.confirmed_tenths);
			xml_attr_int(n, "pending-tenths", a.pending_tenths);
			xml_attr_int(n, "normative-confirmed-tenths", a.normative_confirmed_tenths);
			xml_attr_int(n, "threshold-tenths", a.threshold_tenths);
			xml_attr_int(n, "normative-min-tenths", a.normative_min_tenths);
			xml_attr_int(n, "gap-tenths", a.gap_tenths);
			total++;
			failing += !a.pass;
		}
	}
	sqlite3_reset(st);
	xml_attr_int(s, "teachers", total);
	xml_attr_int(s, "failing", failing);
	if (flag > 0)
		xml_attr(s, "flagged", failing * 100 >= total * flag && total > 0 ? "yes" : "no");
	return 200;
}

int
review_queue(struct ctx *c, xmlNodePtr root, long long school, long long district,
    const char *state)
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
	const char *q = http_query(c->req, "q"), *sch = http_query(c->req, "school");
	sqlite3_stmt *st = db_stmt(c->db, sql);
	xmlNodePtr list = xml_node(root, "queue");

	if (st == NULL || list == NULL)
		return 500;
	if (workflow_state_parse(state) < 0)
		state = "submitted";
	xml_attr(list, "state", state);
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, district);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, sch ? atoll(sch) : 0);
	if (q != NULL && *q && strlen(q) <= 64) {
		sqlite3_bind_text(st, 5, q, -1, SQLITE_TRANSIENT);
		xml_attr(list, "q", q);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr r = xml_node(list, "record");
		if (r == NULL)
			break;
		xml_attr_int(r, "id", sqlite3_column_int64(st, 0));
		xml_attr(r, "state", col(st, 1));
		xml_attr(r, "started", col(st, 2));
		xml_attr_int(r, "claimed-tenths", sqlite3_column_int64(st, 3));
		xml_attr_int(r, "evidence", sqlite3_column_int64(st, 9));
		xml_attr(r, "staff-no", col(st, 5));
		xml_text(r, "teacher", col(st, 4));
		{
			xmlNodePtr sn = xml_text(r, "school", col(st, 6));
			if (sn)
				xml_attr_int(sn, "id", sqlite3_column_int64(st, 10));
		}
		{
			xmlNodePtr it = xml_text(r, "item", col(st, 7));
			if (it)
				xml_attr(it, "category", col(st, 8));
		}
	}
	sqlite3_reset(st);
	return 200;
}

int
record_in_scope(struct ctx *c, long long id, long long school, long long district)
{
	static const char sql[] =
	    "SELECT 1 FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE r.id = ?1"
	    " AND ((?2 > 0 AND ty.school_id = ?2) OR (?3 > 0 AND y.district_id = ?3))";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	int found;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school);
	sqlite3_bind_int64(st, 3, district);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found ? 200 : 404;
}

int
review_post(struct ctx *c, long long id, const enum record_action acts[3],
    enum record_actor actor, const char *back)
{
	static const char *const decisions[] = { "approve", "return", "reject" };
	const char *d = http_form(c->req, "decision"), *reason = http_form(c->req, "reason");
	enum review_result r;
	int k = -1, status;

	for (int i = 0; i < 3; i++)
		if (d != NULL && strcmp(d, decisions[i]) == 0)
			k = i;
	if (reason == NULL)
		reason = "";
	while (*reason == ' ')
		reason++;
	if (k < 0 || strlen(reason) > 1000)
		r = REVIEW_NOT_ALLOWED;
	else
		r = review_apply(c, id, acts[k], actor, reason);
	if (r == REVIEW_OK)
		return app_redirect(c, back);
	if (r == REVIEW_BUSY)
		return 503;
	if (r == REVIEW_ERROR)
		return 500;
	status = record_page(c, id);
	if (status != 200)
		return status;
	{
		struct form f;
		form_begin(&f, c, "review");
		form_text(&f, "decision", 0, 16, 0, 0);
		form_text(&f, "reason", 0, 1000, 1, 0);
		form_error(&f, r == REVIEW_REASON_REQUIRED || r == REVIEW_FIRST_AUTHOR ? "reason" :
		    "decision", review_code(r));
	}
	return r == REVIEW_REASON_REQUIRED || r == REVIEW_FIRST_AUTHOR ? 422 : 409;
}

int
review_bulk(struct ctx *c, long long school, long long district,
    enum record_action action, enum record_actor actor, const char *back)
{
	int done = 0, refused = 0;
	char path[300];

	for (size_t i = 0; i < c->req->nform && i < 1000; i++) {
		long long id;
		enum review_result r;
		if (strcmp(c->req->form[i].name, "record") != 0)
			continue;
		id = atoll(c->req->form[i].value);
		if (id <= 0 || record_in_scope(c, id, school, district) != 200) {
			refused++;
			continue;
		}
		r = review_apply(c, id, action, actor, "");
		if (r == REVIEW_BUSY)
			return 503;
		if (r == REVIEW_ERROR)
			return 500;
		if (r == REVIEW_OK)
			done++;
		else
			refused++;
	}
	snprintf(path, sizeof(path), "%s?done=%d&refused=%d", back, done, refused);
	return app_redirect(c, path);
}

int
school_year_move(struct ctx *c, long long school, const char *move, const char *back)
{
	static const char sql_state[] =
	    "SELECT y.id, coalesce(sys.state, 'open'), s.district_id,"
	    " (SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    "  WHERE ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = ?2)"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.id = ?1";
	static const char sql_set[] =
	    "INSERT INTO school_year_state (school_id, school_year_id, state, submitted_at, submitted_by,"
	    " confirmed_at, confirmed_by, reopened_reason) VALUES (?1, ?2, ?3,"
	    " CASE WHEN ?3 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,"
	    " CASE WHEN ?3 = 'submitted' THEN ?4 END,"
	    " CASE WHEN ?3 = 'confirmed' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,"
	    " CASE WHEN ?3 = 'confirmed' THEN ?4 END, ?5)"
	    " ON CONFLICT (school_id, school_year_id) DO UPDATE SET state = excluded.state,"
	    " submitted_at = coalesce(excluded.submitted_at, submitted_at),"
	    " submitted_by = coalesce(excluded.submitted_by, submitted_by),"
	    " confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,"
	    " reopened_reason = excluded.reopened_reason";
	sqlite3_stmt *st;
	const char *from = NULL, *to, *waiting, *reason = "";
	char state[32] = "";
	long long year = 0, district = 0, left = 0;
	enum db_result dr;
	char before[64], after[128];
	struct audit_entry e = { 0 };
	int rc;

	if (strcmp(move, "submit") == 0) {
		from = "open"; to = "submitted"; waiting = "submitted";
	} else if (strcmp(move, "confirm") == 0) {
		from = "submitted"; to = "confirmed"; waiting = "school_approved";
	} else {
		from = NULL; to = "open"; waiting = "";
		reason = http_form(c->req, "reason");
		if (reason == NULL || *reason == '\0' || strlen(reason) > 1000)
			return school_move_refused(c, school, "reason_required");
	}
	if ((dr = db_begin(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	if ((st = db_stmt(c->db, sql_state)) == NULL)
		goto error;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_text(st, 2, waiting, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		year = sqlite3_column_int64(st, 0);
		snprintf(state, sizeof(state), "%s", col(st, 1));
		district = sqlite3_column_int64(st, 2);
		left = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (year == 0) {
		db_rollback(c->db);
		return 404;
	}
	/* Reopening undoes a submission or a confirmation; the others need their state. */
	if ((from != NULL && strcmp(state, from) != 0) || (from == NULL && strcmp(state, "open") == 0)) {
		db_rollback(c->db);
		return school_move_refused(c, school, "year_state");
	}
	if (left > 0) {
		db_rollback(c->db);
		return school_move_refused(c, school, "unreviewed_left");
	}
	if ((st = db_stmt(c->db, sql_set)) == NULL)
		goto error;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, c->user->id);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto error;
	snprintf(before, sizeof(before), "{\"state\":\"%s\"}", state);
	snprintf(after, sizeof(after), "{\"state\":\"%s\",\"year\":%lld}", to, year);
	e.account_id = c->user->id;
	e.district_id = district;
	e.action = arena_printf(c->a, "school_year_%s", move);
	e.object_type = "school";
	e.object_id = school;
	e.before = before;
	e.after = after;
	e.client = c->req->remote_addr;
	if (e.action == NULL || audit_write(c->db, &e) != DB_OK)
		goto error;
	if ((dr = db_commit(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	return app_redirect(c, back);
error:
	db_rollback(c->db);
	return 500;
}

int
school_move_refused(struct ctx *c, long long school, const char *code)
{
	xmlNodePtr root = app_page(c, "school");
	int status;

	if (root == NULL)
		return 500;
	status = school_overview(c, root, school);
	if (status != 200)
		return status;
	xml_attr(xml_node(root, "refused"), "code", code);
	return 409;
}

int
teacher_year_page(struct ctx *c, long long ty, long long school, long long district,
    const char *name)
{
	static const char sql[] =
	    "SELECT ty.teacher_id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " WHERE ty.id = ?1 AND ((?2 > 0 AND ty.school_id = ?2) OR (?3 > 0 AND y.district_id = ?3))";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	xmlNodePtr root;
	long long teacher = 0, cur = 0;
	int status;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, ty);
	sqlite3_bind_int64(st, 2, school);
	sqlite3_bind_int64(st, 3, district);
	if (sqlite3_step(st) == SQLITE_ROW)
		teacher = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (teacher == 0)
		return 404;
	if ((root = app_page(c, name)) == NULL)
		return 500;
	if ((status = teacher_year_node(c, root, teacher, &cur)) != 200)
		return status;
	if ((status = records_node(c, root, ty)) != 200)
		return status;
	return assessment_node(c, root, ty);
}

int
evidence_in_scope(struct ctx *c, long long id, long long school, long long district)
{
	static const char sql[] =
	    "SELECT e.sha256, e.filename, f.content_type, f.size FROM evidence e"
	    " JOIN evidence_file f ON f.sha256 = e.sha256"
	    " JOIN record r ON r.id = e.record_id JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id"
	    " WHERE e.id = ?1 AND ((?2 > 0 AND ty.school_id = ?2) OR (?3 > 0 AND y.district_id = ?3))";
	sqlite3_stmt *st = db_stmt(c->db, sql);

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, school);
	sqlite3_bind_int64(st, 3, district);
	return evidence_send(c, st);
}
