/* review_pages.c - see review_pages.h: the pages through store/school and store/review. */
#include "pages/verify.h"
#include "pages/print.h"
#include "store/school.h"
#include "pages/review_pages.h"
#include "core/assess.h"
#include "core/form.h"
#include "core/render.h"
#include "pages/review.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/review.h"
#include "store/notify.h"
#include "store/school.h"
#include "store/teacher.h"
#include "pages/records.h"
#include "pages/deadlines.h"

#include <stdio.h>
#include <string.h>

#include "domain/rules.h"

int
school_overview(struct ctx *c, xmlNodePtr root, long long school)
{
	struct school_year_view y;
	struct school_teacher *t;
	size_t n;
	xmlNodePtr s, list;
	long long failing = 0, total = 0;
	struct kept_result *kept = NULL;
	size_t nkept = 0;
	enum db_result r = store_school_year(c->db, c->a, school, &y);

	if (r != DB_OK)
		return app_status(r);
	if ((s = xml_node(root, "school")) == NULL)
		return 500;
	xml_attr_int(s, "id", y.id);
	xml_attr(s, "code", y.code);
	xml_attr(s, "year", y.year);
	xml_attr(s, "state", y.state);
	if (*y.submitted_at)
		xml_attr(s, "submitted", y.submitted_at);
	if (*y.confirmed_at)
		xml_attr(s, "confirmed", y.confirmed_at);
	xml_attr_int(s, "unreviewed", y.unreviewed);
	xml_text(s, "name", y.name);
	/*
	 * The deadlines that concern the caller, the school's effective ones;
	 * the district also sees its own and the extensions it gave.
	 */
	{
		struct school_deadlines d;
		int district = c->user != NULL && c->user->role == ROLE_NAME_DISTRICT_ADMIN;
		if ((r = store_deadlines_of_school(c->db, c->a, school, &d)) != DB_OK && r != DB_NOTFOUND)
			return app_status(r);
		if (r == DB_OK && deadline_nodes(c, xml_node(s, "deadlines"), &d, district ? DEADLINES_ALL :
		    (1u << DEADLINE_REGISTER) | (1u << DEADLINE_SCHOOL_REVIEW)) != 200)
			return 500;
		if (r == DB_OK && district) {
			struct deadline_extension *e;
			size_t ne;
			xmlNodePtr el = xml_node(s, "extensions");
			if ((r = store_deadline_extensions(c->db, c->a, school, d.year_id, &e, &ne)) != DB_OK)
				return app_status(r);
			for (size_t i = 0; i < ne && el != NULL; i++) {
				xmlNodePtr x = xml_node(el, "extension");
				xml_attr(x, "kind", e[i].kind);
				xml_attr(x, "until", e[i].until);
				xml_attr(x, "at", e[i].at);
				xml_text(x, "by", e[i].by);
				xml_text(x, "reason", e[i].reason);
			}
		}
	}
	/* Why the district reopened the year: the school is told. */
	if (*y.reopened_reason)
		xml_text(s, "reopened-reason", y.reopened_reason);
	if ((r = store_school_teachers(c->db, c->a, school, y.year_id, &t, &n)) != DB_OK)
		return app_status(r);
	if ((list = xml_node(s, "teachers")) == NULL)
		return 500;
	/* Every teacher's result in one query: the kept results (store/assess.h). */
	{
		struct assess_scope sc = { y.year_id, school, 0 };
		if ((r = assess_results(c->db, c->a, &sc, &kept, &nkept)) != DB_OK)
			return app_status(r);
	}
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr tn = xml_node(list, "teacher");
		const struct assessment *ap = assess_kept_find(kept, nkept, t[i].teacher_year_id);
		if (tn == NULL)
			return 500;
		xml_attr_int(tn, "teacher-year", t[i].teacher_year_id);
		xml_attr(tn, "staff-no", t[i].staff_no);
		xml_attr(tn, "category", t[i].category);
		xml_attr(tn, "status", t[i].status);
		xml_text(tn, "name", t[i].name);
		/* 支教/交流/外借: the dispatching school reports them with the receiving unit. */
		if (*t[i].receiving_unit)
			xml_text(tn, "receiving-unit", t[i].receiving_unit);
		if (ap == NULL)
			return 500; /* every teacher-year has its kept result */
		{
			xmlNodePtr res = xml_node(tn, "result");
			xml_attr(res, "result", ap->pass ? "pass" : "fail");
			xml_attr_int(res, "confirmed-tenths", ap->confirmed_tenths);
			xml_attr_int(res, "pending-tenths", ap->pending_tenths);
			xml_attr_int(res, "normative-confirmed-tenths", ap->normative_confirmed_tenths);
			xml_attr_int(res, "threshold-tenths", ap->threshold_tenths);
			xml_attr_int(res, "normative-min-tenths", ap->normative_min_tenths);
			xml_attr_int(res, "gap-tenths", ap->gap_tenths);
			total++;
			failing += !ap->pass;
		}
	}
	xml_attr_int(s, "teachers", total);
	xml_attr_int(s, "failing", failing);
	/* The one flag rule (domain/rules.h). */
	if (y.flag_percent > 0)
		xml_attr(s, "flagged", rules_school_flagged(failing, total, y.flag_percent) ? "yes" : "no");
	return 200;
}

int
review_queue(struct ctx *c, xmlNodePtr root, long long school, long long district,
    const char *dflt)
{
	const char *q = app_field_text(c, "q"), *state = app_field_text(c, "state");
	xmlNodePtr list = xml_node(root, "queue");
	struct queue_row *v;
	size_t n;
	enum db_result r;

	if (list == NULL)
		return 500;
	if (!app_field_present(c, "state"))
		state = dflt;
	if (workflow_state_parse(state) < 0)
		state = "submitted";
	xml_attr(list, "state", state);
	if (*q == '\0' || strlen(q) > 64)
		q = NULL;
	else
		xml_attr(list, "q", q);
	r = store_review_queue(c->db, c->a, school, district,
	    district > 0 ? app_field_int(c, "school") : 0, state, q, &v, &n);
	if (r != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_node(list, "record"), sn, it;
		if (e == NULL)
			return 500;
		xml_attr_int(e, "id", v[i].id);
		xml_attr(e, "state", v[i].state);
		xml_attr(e, "started", v[i].started_on);
		xml_attr_int(e, "claimed-tenths", v[i].claimed_tenths);
		xml_attr_int(e, "evidence", v[i].evidence);
		xml_attr(e, "staff-no", v[i].staff_no);
		xml_text(e, "teacher", v[i].teacher);
		if ((sn = xml_text(e, "school", v[i].school)) != NULL)
			xml_attr_int(sn, "id", v[i].school_id);
		if ((it = xml_text(e, "item", v[i].item)) != NULL)
			xml_attr(it, "category", v[i].category);
	}
	return 200;
}

int
review_post(struct ctx *c, long long id, const enum record_action acts[3],
    enum record_actor actor, const char *back)
{
	static const char *const decisions[] = { "approve", "return", "reject" };
	const char *d = app_field_text(c, "decision"), *reason = app_field_text(c, "reason");
	enum review_result r;
	int k = -1, status;

	for (int i = 0; i < 3; i++)
		if (strcmp(d, decisions[i]) == 0)
			k = i;
	if (k < 0 || c->field_errors > 0 || strlen(reason) > 1000)
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
		form_begin(&f, c, "review"); /* echoes decision and reason */
		form_error(&f, r == REVIEW_REASON_REQUIRED || r == REVIEW_FIRST_AUTHOR ? "reason" :
		    "decision", review_code(r));
	}
	if (r == REVIEW_DEADLINE_PASSED)
		return 403;
	return r == REVIEW_REASON_REQUIRED || r == REVIEW_FIRST_AUTHOR ? 422 : 409;
}

int
review_bulk(struct ctx *c, enum record_action action, enum record_actor actor, const char *back)
{
	/* The records named in the body outside the caller's scope: taken out by the core. */
	int done = 0, refused = (int)app_field_refused(c, "record");
	size_t n;
	long long *ids = app_field_ids(c, "record", &n);
	char path[300];

	for (size_t i = 0; i < n && i < 1000; i++) {
		enum review_result r = review_apply(c, ids[i], action, actor, "");
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

struct year_move {
	struct ctx *c;
	long long school;
	const char *move, *from, *to, *waiting, *reason;
	const char *refused;  /* the code when the move was refused */
};

/* The school year's move and its audit row (store_tx). */
static enum db_result
year_move_tx(struct db *db, void *arg)
{
	struct year_move *m = arg;
	struct ctx *c = m->c;
	struct school_year_move y;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r = store_school_year_move_state(db, c->a, m->school, m->waiting, &y);

	if (r != DB_OK)
		return r;
	/* Reopening undoes a submission or a confirmation; the others need their state. */
	if ((m->from != NULL && strcmp(y.state, m->from) != 0) ||
	    (m->from == NULL && strcmp(y.state, "open") == 0)) {
		m->refused = "year_state";
		return DB_CONSTRAINT;
	}
	if (y.waiting > 0) {
		m->refused = "unreviewed_left";
		return DB_CONSTRAINT;
	}
	if ((r = store_school_year_set(db, m->school, y.year_id, m->to, c->user->id, m->reason)) != DB_OK)
		return r;
	/* Who is told, in the same transaction: the district of a hand-in, the school of the rest. */
	if (strcmp(m->move, "submit") == 0)
		r = store_notify_district(db, m->school, y.year_id, "year_submitted", "");
	else
		r = store_notify_school(db, m->school, y.year_id,
		    strcmp(m->move, "confirm") == 0 ? "year_confirmed" : "year_reopened", m->reason);
	if (r != DB_OK)
		return r;
	audit_json_begin(&before, c->a);
	audit_json_str(&before, "state", y.state);
	audit_json_begin(&after, c->a);
	audit_json_str(&after, "state", m->to);
	audit_json_int(&after, "year", y.year_id);
	e.account_id = c->user->id;
	e.district_id = y.district_id;
	e.action = arena_printf(c->a, "school_year_%s", m->move);
	e.object_type = "school";
	e.object_id = m->school;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = c->req->remote_addr;
	if (e.action == NULL || e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

int
school_year_move(struct ctx *c, long long school, const char *move, const char *back)
{
	struct year_move m = { c, school, move, NULL, NULL, NULL, "", NULL };
	enum db_result r;

	if (strcmp(move, "submit") == 0) {
		m.from = "open"; m.to = "submitted"; m.waiting = "submitted";
	} else if (strcmp(move, "confirm") == 0) {
		m.from = "submitted"; m.to = "confirmed"; m.waiting = "school_approved";
	} else {
		m.to = "open"; m.waiting = "";
		m.reason = app_field_text(c, "reason");
		if (!app_field_present(c, "reason") || strlen(m.reason) > 1000)
			return school_move_refused(c, school, "reason_required");
	}
	r = store_tx(c->db, year_move_tx, &m);
	if (m.refused != NULL)
		return school_move_refused(c, school, m.refused);
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, back);
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

/* See pages/print.h (here: it is the school overview, which the teacher's program has not). */
int
print_summary(struct ctx *c, long long school)
{
	xmlNodePtr root = app_page(c, "summary");
	struct school_year_view y;
	int status;
	enum db_result r;

	c->stylesheet = "print/summary";
	if (root == NULL)
		return 500;
	if ((status = school_overview(c, root, school)) != 200 ||
	    (status = print_district_node(c, root)) != 200)
		return status;
	if ((r = store_school_year(c->db, c->a, school, &y)) != DB_OK)
		return app_status(r);
	return verify_stamp_summary(c, root, school, y.year_id);
}
