/* review.c - see review.h */
#include "review.h"
#include "store/sql.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

const char *
review_code(enum review_result r)
{
	static const char *const codes[REVIEW_RESULT__MAX] = {
		"ok", "not_allowed", "reason_required", "year_locked",
		"project_unapproved", "evidence_required", "first_author_reason", "excellent_quota",
		"busy", "internal"
	};
	return (unsigned)r < REVIEW_RESULT__MAX ? codes[r] : "internal";
}

static const char sql_load[] =
    "SELECT r.state, coalesce(sys.state, 'open'), coalesce(p.approved, 1), y.district_id,"
    " r.district_returned, i.evidence_required,"
    " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
    " JOIN school_year y ON y.id = ty.school_year_id JOIN item i ON i.id = r.item_id"
    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id AND sys.school_year_id = y.id"
    " LEFT JOIN training_project p ON p.id = r.project_id WHERE r.id = ?";
/* Other teachers' claims of the same work as first author, approved at this stage or later. */
static const char sql_first_author[] =
    "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
    " JOIN school_year y ON y.id = ty.school_year_id,"
    " record o JOIN teacher_year oty ON oty.id = o.teacher_year_id"
    " JOIN school_year oy ON oy.id = oty.school_year_id"
    " WHERE r.id = ?1 AND oy.district_id = y.district_id AND oty.teacher_id <> ty.teacher_id"
    " AND o.state IN ('school_approved', 'district_approved')"
    " AND (?2 = 0 OR o.state = 'district_approved') AND" REVIEW_SAME_FIRST_AUTHOR_WORK;
/*
 * Submitting an excellent trainee (a draft saved earlier): the class's quota
 * in people, the others already handed in; 1 when one more is too many.
 */
static const char sql_excellent_over[] =
    "SELECT coalesce(p.max_participants, 0) * coalesce(json_extract(i.params, '$.quota_percent'), 100)"
    " / 100 < 1 + (SELECT count(DISTINCT oty.teacher_id) FROM record o"
    "  JOIN teacher_year oty ON oty.id = o.teacher_year_id JOIN item oi ON oi.id = o.item_id"
    "  WHERE o.project_id = r.project_id AND o.role = 'excellent' AND o.id <> r.id"
    "  AND oi.rule_type = 'trainee_multiplier'"
    "  AND o.state IN ('submitted', 'school_approved', 'district_approved'))"
    " FROM record r JOIN item i ON i.id = r.item_id LEFT JOIN training_project p ON p.id = r.project_id"
    " WHERE r.id = ? AND r.role = 'excellent' AND i.rule_type = 'trainee_multiplier'";
/*
 * district_returned (?4): set when the district returns the record, cleared
 * when the school sends it up again or the district decides.
 */
static const char sql_update[] =
    "UPDATE record SET state = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
    " submitted_at = CASE WHEN ?2 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " ELSE submitted_at END, district_returned = coalesce(?4, district_returned)"
    " WHERE id = ?1 AND state = ?3";
static const char sql_delete[] = "DELETE FROM record WHERE id = ? AND state = ?";
static const char sql_review[] =
    "INSERT INTO review (record_id, stage, decision, reason, reviewer_id) VALUES (?, ?, ?, ?, ?)";

enum review_result
review_apply(struct ctx *c, long long id, enum record_action action,
    enum record_actor actor, const char *reason)
{
	sqlite3_stmt *st;
	char state[32] = "", year_state[32] = "", before[64], after[128];
	int approved = 1, next, rc, district_returned = 0, needs_evidence = 0;
	long long nevidence = 0;
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
		district_returned = sqlite3_column_int(st, 4);
		needs_evidence = sqlite3_column_int(st, 5);
		nevidence = sqlite3_column_int64(st, 6);
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
	/*
	 * The school handed its year in: until the district reopens it, only a
	 * record the district returned goes back up (domain/workflow's table).
	 */
	if (strcmp(year_state, "submitted") == 0 &&
	    !workflow_allowed_handed_in((enum record_state)workflow_state_parse(state), action,
	    actor, district_returned)) {
		db_rollback(c->db);
		return REVIEW_LOCKED;
	}
	if (action == RA_DISTRICT_APPROVE && !approved) {
		db_rollback(c->db);
		return REVIEW_UNAPPROVED_PROJECT;
	}
	/* Every hour needs its evidence: no submission or approval without it. */
	if ((action == RA_SUBMIT || action == RA_SCHOOL_APPROVE || action == RA_DISTRICT_APPROVE) &&
	    needs_evidence && nevidence == 0) {
		db_rollback(c->db);
		return REVIEW_NO_EVIDENCE;
	}
	if (action == RA_SUBMIT) {
		int over = 0;
		if ((st = db_stmt(c->db, sql_excellent_over)) == NULL)
			goto error;
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			over = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (over) {
			db_rollback(c->db);
			return REVIEW_EXCELLENT_QUOTA;
		}
	}
	/* The same work claimed as first author by another teacher, approved already. */
	if ((action == RA_SCHOOL_APPROVE || action == RA_DISTRICT_APPROVE) &&
	    (reason == NULL || *reason == '\0')) {
		long long others = 0;
		if ((st = db_stmt(c->db, sql_first_author)) == NULL)
			goto error;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, action == RA_DISTRICT_APPROVE);
		if (sqlite3_step(st) == SQLITE_ROW)
			others = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (others > 0) {
			db_rollback(c->db);
			return REVIEW_FIRST_AUTHOR;
		}
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
		if (action == RA_DISTRICT_RETURN)
			sqlite3_bind_int(st, 4, 1);
		else if (action == RA_SCHOOL_APPROVE || action == RA_DISTRICT_APPROVE ||
		    action == RA_DISTRICT_REJECT || action == RA_SCHOOL_REJECT)
			sqlite3_bind_int(st, 4, 0);
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
