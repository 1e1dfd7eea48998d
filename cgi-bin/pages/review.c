/* review.c - see review.h: the checks of a move, through store/review, in one store_tx. */
#include "pages/review.h"
#include "store/audit.h"
#include "store/review.h"
#include "store/notify.h"
#include "pages/deadlines.h"

#include <string.h>

const char *
review_code(enum review_result r)
{
	static const char *const codes[REVIEW_RESULT__MAX] = {
		"ok", "not_allowed", "reason_required", "year_locked",
		"project_unapproved", "evidence_required", "first_author_reason", "excellent_quota",
		"deadline_passed",
		"busy", "internal"
	};
	return (unsigned)r < REVIEW_RESULT__MAX ? codes[r] : "internal";
}

struct move {
	struct ctx *c;
	long long id;
	enum record_action action;
	enum record_actor actor;
	const char *reason;
	enum review_result refused; /* REVIEW_OK unless the move was refused */
};

/* Refuse the move: roll back (store_tx) and tell the caller why. */
static enum db_result
refuse(struct move *m, enum review_result why)
{
	m->refused = why;
	return DB_CONSTRAINT;
}

/* The move, its review row and its audit row (store_tx). */
static enum db_result
move_tx(struct db *db, void *arg)
{
	struct move *m = arg;
	struct ctx *c = m->c;
	struct review_target t;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r;
	int state, next;

	if ((r = store_review_target(db, c->a, m->id, &t)) == DB_NOTFOUND)
		return refuse(m, REVIEW_NOT_ALLOWED);
	if (r != DB_OK)
		return r;
	state = workflow_state_parse(t.state);
	next = state < 0 ? -1 : workflow_next((enum record_state)state, m->action, m->actor);
	if (next < 0)
		return refuse(m, REVIEW_NOT_ALLOWED);
	if (strcmp(t.year_state, "confirmed") == 0)
		return refuse(m, REVIEW_LOCKED);
	/*
	 * The school handed its year in: until the district reopens it, only a
	 * record the district returned goes back up (domain/workflow's table).
	 */
	if (strcmp(t.year_state, "submitted") == 0 &&
	    !workflow_allowed_handed_in((enum record_state)state, m->action, m->actor,
	    t.district_returned))
		return refuse(m, REVIEW_LOCKED);
	/*
	 * Deadlines: a teacher submits until the registration deadline, the
	 * school submits and reviews until its school-review deadline (the
	 * school's effective ones: extensions count). The district is not held.
	 */
	if (m->action == RA_SUBMIT || m->action == RA_SCHOOL_APPROVE ||
	    m->action == RA_SCHOOL_RETURN || m->action == RA_SCHOOL_REJECT) {
		struct school_deadlines d;
		if ((r = store_deadlines_of_record(db, c->a, m->id, &d)) != DB_OK)
			return r;
		if (deadline_closed(c, &d, m->actor))
			return refuse(m, REVIEW_DEADLINE_PASSED);
	}
	if (m->action == RA_DISTRICT_APPROVE && !t.project_approved)
		return refuse(m, REVIEW_UNAPPROVED_PROJECT);
	/* Every hour needs its evidence: no submission or approval without it. */
	if ((m->action == RA_SUBMIT || m->action == RA_SCHOOL_APPROVE ||
	    m->action == RA_DISTRICT_APPROVE) && t.evidence_required && t.evidence == 0)
		return refuse(m, REVIEW_NO_EVIDENCE);
	if (m->action == RA_SUBMIT) {
		int over = 0;
		if ((r = store_review_excellent_over(db, m->id, &over)) != DB_OK)
			return r;
		if (over)
			return refuse(m, REVIEW_EXCELLENT_QUOTA);
	}
	/* The same work claimed as first author by another teacher, approved already. */
	if ((m->action == RA_SCHOOL_APPROVE || m->action == RA_DISTRICT_APPROVE) &&
	    (m->reason == NULL || *m->reason == '\0')) {
		long long others = 0;
		if ((r = store_review_first_author_approved(db, m->id,
		    m->action == RA_DISTRICT_APPROVE, &others)) != DB_OK)
			return r;
		if (others > 0)
			return refuse(m, REVIEW_FIRST_AUTHOR);
	}
	if (m->action == RA_WITHDRAW)
		r = store_record_withdraw(db, m->id, t.state);
	else
		r = store_record_move(db, m->id, t.state, workflow_state_name((enum record_state)next),
		    m->action == RA_DISTRICT_RETURN ? 1 :
		    m->action == RA_SCHOOL_APPROVE || m->action == RA_DISTRICT_APPROVE ||
		    m->action == RA_DISTRICT_REJECT || m->action == RA_SCHOOL_REJECT ? 0 : -1);
	if (r == DB_NOTFOUND) /* changed meanwhile: the same as before, an internal error */
		return DB_ERROR;
	if (r != DB_OK)
		return r;
	if (m->action >= RA_SCHOOL_APPROVE) {
		static const char *decisions[] = { "approve", "return", "reject" };
		int k = (m->action - RA_SCHOOL_APPROVE) % 3;
		if ((r = store_review_add(db, m->id, m->action >= RA_DISTRICT_APPROVE ? "district" : "school",
		    decisions[k], m->reason, c->user->id)) != DB_OK)
			return r;
	}
	/* Who is told, in the same transaction (store/notify.h). */
	switch (m->action) {
	case RA_DISTRICT_RETURN:
		if ((r = store_notify_record_school(db, m->id, "district_returned", m->reason)) != DB_OK)
			return r;
		/* FALLTHROUGH */
	case RA_SCHOOL_RETURN:
		r = store_notify_teacher(db, m->id, "record_returned", m->reason);
		break;
	case RA_SCHOOL_REJECT:
	case RA_DISTRICT_REJECT:
		r = store_notify_teacher(db, m->id, "record_rejected", m->reason);
		break;
	case RA_DISTRICT_APPROVE:
		r = store_notify_teacher(db, m->id, "record_approved", "");
		break;
	default:
		break;
	}
	if (r != DB_OK)
		return r;
	audit_json_begin(&before, c->a);
	audit_json_str(&before, "state", t.state);
	audit_json_begin(&after, c->a);
	audit_json_str(&after, "state", m->action == RA_WITHDRAW ? "withdrawn" :
	    workflow_state_name((enum record_state)next));
	e.account_id = c->user->id;
	e.district_id = t.district_id;
	e.action = arena_printf(c->a, "record_%s", workflow_action_name(m->action));
	e.object_type = "record";
	e.object_id = m->id;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = c->req->remote_addr;
	if (e.action == NULL || e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

enum review_result
review_apply(struct ctx *c, long long id, enum record_action action,
    enum record_actor actor, const char *reason)
{
	struct move m = { c, id, action, actor, reason, REVIEW_OK };
	enum db_result r;

	if (workflow_needs_reason(action) && (reason == NULL || *reason == '\0'))
		return REVIEW_REASON_REQUIRED;
	r = store_tx(c->db, move_tx, &m);
	if (m.refused != REVIEW_OK)
		return m.refused;
	if (r == DB_OK)
		return REVIEW_OK;
	return r == DB_BUSY ? REVIEW_BUSY : REVIEW_ERROR;
}
