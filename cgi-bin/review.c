/* review.c - see review.h */
#include "review.h"
#include "core/audit.h"

#include <stdio.h>
#include <string.h>

const char *
review_code(enum review_result r)
{
	static const char *const codes[REVIEW_RESULT__MAX] = {
		"ok", "not_allowed", "reason_required", "year_locked",
		"project_unapproved", "busy", "internal"
	};
	return (unsigned)r < REVIEW_RESULT__MAX ? codes[r] : "internal";
}

static const char sql_load[] =
    "SELECT r.state, coalesce(sys.state, 'open'), coalesce(p.approved, 1), y.district_id"
    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
    " JOIN school_year y ON y.id = ty.school_year_id"
    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id AND sys.school_year_id = y.id"
    " LEFT JOIN training_project p ON p.id = r.project_id WHERE r.id = ?";
static const char sql_update[] =
    "UPDATE record SET state = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    " submitted_at = CASE WHEN ?2 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " ELSE submitted_at END WHERE id = ?1 AND state = ?3";
static const char sql_delete[] = "DELETE FROM record WHERE id = ? AND state = ?";
static const char sql_review[] =
    "INSERT INTO review (record_id, stage, decision, reason, reviewer_id) VALUES (?, ?, ?, ?, ?)";

enum review_result
review_apply(struct ctx *c, long long id, enum record_action action,
    enum record_actor actor, const char *reason)
{
	sqlite3_stmt *st;
	char state[32] = "", year_state[32] = "", before[64], after[128];
	int approved = 1, next, rc;
	long long district = 0;
	enum db_result dr;
	struct audit_entry e = { 0 };

	if (workflow_needs_reason(action) && (reason == NULL || *reason == '\0'))
		return REVIEW_REASON_REQUIRED;
	if ((dr = db_begin(c->db)) != DB_OK)
		return dr == DB_BUSY ? REVIEW_BUSY : REVIEW_ERROR;
	if ((st = db_stmt(c->db, sql_load)) == NULL)
		goto error;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(state, sizeof(state), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(year_state, sizeof(year_state), "%s", (const char *)sqlite3_column_text(st, 1));
		approved = sqlite3_column_int(st, 2);
		district = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (state[0] == '\0')
		goto not_allowed;
	next = workflow_next((enum record_state)workflow_state_parse(state), action, actor);
	if (workflow_state_parse(state) < 0 || next < 0)
		goto not_allowed;
	if (strcmp(year_state, "confirmed") == 0) {
		db_rollback(c->db);
		return REVIEW_LOCKED;
	}
	/* The school hands its year in: until the district reopens it, the school only watches. */
	if (strcmp(year_state, "submitted") == 0 && actor != ACTOR_DISTRICT) {
		db_rollback(c->db);
		return REVIEW_LOCKED;
	}
	if (action == RA_DISTRICT_APPROVE && !approved) {
		db_rollback(c->db);
		return REVIEW_UNAPPROVED_PROJECT;
	}
	if (action == RA_WITHDRAW) {
		if ((st = db_stmt(c->db, sql_delete)) == NULL)
			goto error;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, state, -1, SQLITE_TRANSIENT);
	} else {
		if ((st = db_stmt(c->db, sql_update)) == NULL)
			goto error;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, workflow_state_name((enum record_state)next), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, state, -1, SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || sqlite3_changes(db_handle(c->db)) != 1)
		goto error;
	if (action >= RA_SCHOOL_APPROVE) {
		static const char *decisions[] = { "approve", "return", "reject" };
		int k = (action - RA_SCHOOL_APPROVE) % 3;
		if ((st = db_stmt(c->db, sql_review)) == NULL)
			goto error;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, action >= RA_DISTRICT_APPROVE ? "district" : "school", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, decisions[k], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, c->user->id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			goto error;
	}
	snprintf(before, sizeof(before), "{\"state\":\"%s\"}", state);
	snprintf(after, sizeof(after), "{\"state\":\"%s\"}",
	    action == RA_WITHDRAW ? "withdrawn" : workflow_state_name((enum record_state)next));
	e.account_id = c->user->id;
	e.district_id = district;
	e.action = arena_printf(c->a, "record_%s", workflow_action_name(action));
	e.object_type = "record";
	e.object_id = id;
	e.before = before;
	e.after = after;
	e.client = c->req->remote_addr;
	if (e.action == NULL || audit_write(c->db, &e) != DB_OK)
		goto error;
	if ((dr = db_commit(c->db)) != DB_OK)
		return dr == DB_BUSY ? REVIEW_BUSY : REVIEW_ERROR;
	return REVIEW_OK;
not_allowed:
	db_rollback(c->db);
	return REVIEW_NOT_ALLOWED;
error:
	db_rollback(c->db);
	return REVIEW_ERROR;
}
