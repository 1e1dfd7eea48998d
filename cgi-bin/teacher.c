/*
 * teacher.c - the teacher's program (/teacher/...): the dashboard for the
 * current school year, one record with its evidence and reviews, and the
 * evidence files themselves. The core checks that a path's record or file is
 * the caller's own: another teacher's record id answers 404.
 */
#include "core/app.h"
#include "pages/print.h"
#include "store/record.h"
#include "store/teacher.h"
#include "core/assess.h"
#include "core/files.h"
#include "core/render.h"
#include "domain/workflow.h"
#include "pages/records.h"
#include "pages/record_form.h"
#include "pages/review.h"
#include "pages/review_pages.h"
#include "pages/events.h"

#include <stdio.h>
#include <string.h>


/* GET /teacher: the dashboard. */
static int
page_dashboard(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "teacher");
	long long ty = 0;
	int status;

	if (root == NULL)
		return 500;
	if ((status = teacher_year_node(c, root, c->user->teacher_id, &ty)) != 200)
		return status;
	if (ty == 0)
		return 200;
	if ((status = records_node(c, root, ty)) != 200)
		return status;
	return assessment_node(c, root, ty);
}

/* GET /teacher/records/{record}: one record of the caller's (the core checked it is). */
static int
page_record(struct ctx *c)
{
	return record_page(c, c->id[0]);
}

/* GET /teacher/evidence/{evidence}: the file, to its teacher only (the core checked). */
static int
get_evidence(struct ctx *c)
{
	return evidence_send(c, c->id[0]);
}

/* The caller's current teacher-year and whether the district lets teachers register. */
static int
own_year(struct ctx *c, long long *ty, long long *district, int *self_registration)
{
	struct teacher_current t;
	enum db_result r = store_teacher_current(c->db, c->user->teacher_id, &t);

	if (r != DB_OK)
		return app_status(r);
	*ty = t.teacher_year_id;
	*district = t.district_id;
	*self_registration = t.self_registration;
	/* A teacher the school has marked as left registers nothing more. */
	if (!t.active)
		*self_registration = -1;
	return 200;
}

/* Where the district does not let teachers register: a page that says who does. */
static int
not_self_registering(struct ctx *c, int left)
{
	xmlNodePtr root = app_page(c, "record-new");

	if (root == NULL)
		return 500;
	xml_attr(root, "base", "/teacher");
	xml_attr(root, "self-registration", "no");
	if (left)
		xml_attr(xml_node(root, "refused"), "code", "teacher_left");
	else {
		/* Who registers instead: the school and its hours admins. */
		xmlNodePtr who = xml_node(root, "registrar");
		const char *school, **admins;
		size_t n;
		enum db_result r;
		if (who == NULL)
			return 500;
		r = store_school_registrars(c->db, c->a, c->user->school_id, &school, &admins, &n);
		if (r != DB_OK)
			return app_status(r);
		if (school != NULL)
			xml_attr(who, "school", school);
		for (size_t i = 0; i < n; i++)
			xml_text(who, "admin", admins[i]);
	}
	return 403;
}

/*
 * The caller's current teacher-year for registering: 200 with ty and
 * district set, the page saying that the school registers (403) where
 * teachers may not, or 404 when the teacher is on no roster this year.
 */
static int
registering_year(struct ctx *c, long long *ty, long long *district)
{
	int self = 0, status = own_year(c, ty, district, &self);

	if (status != 200)
		return status;
	return self == 1 ? 200 : not_self_registering(c, self < 0);
}

/* 200 when record id belongs to teacher-year ty (the current one), 404 otherwise. */
static int
record_in_scope_of_year(struct ctx *c, long long id, long long ty)
{
	enum db_result r = store_record_of_year(c->db, id, ty);

	return r == DB_OK ? 200 : app_status(r);
}

/* GET /teacher/records/new[?item=ID] */
static int
page_new(struct ctx *c)
{
	long long ty = 0, district = 0;
	int status = registering_year(c, &ty, &district);

	return status != 200 ? status : record_form_get(c, ty, "/teacher");
}

/* POST /teacher/records/new */
static int
post_new(struct ctx *c)
{
	long long ty = 0, district = 0;
	int status = registering_year(c, &ty, &district);

	return status != 200 ? status : record_form_post(c, ty, "/teacher", district);
}

/* GET /teacher/records/{id}/edit: a draft or returned record of the caller's year. */
static int
page_edit(struct ctx *c)
{
	long long ty = 0, district = 0;
	int status = registering_year(c, &ty, &district);

	return status != 200 ? status : record_form_edit_get(c, ty, "/teacher", c->id[0]);
}

/* POST /teacher/records/{id}/edit */
static int
post_edit(struct ctx *c)
{
	long long ty = 0, district = 0;
	int status = registering_year(c, &ty, &district);

	if (status != 200)
		return status;
	if (record_in_scope_of_year(c, c->id[0], ty) != 200)
		return 404;
	return record_form_edit_post(c, ty, "/teacher", district, c->id[0]);
}

/* POST /teacher/records/{id}/submit and /withdraw: the teacher's own moves. */
static int
own_move(struct ctx *c, enum record_action action)
{
	enum review_result r;
	char path[64];

	if (action == RA_SUBMIT) {
		/* Submitting is registering: the same who-may as the forms. */
		long long ty = 0, district = 0;
		int status = registering_year(c, &ty, &district);
		if (status != 200)
			return status;
	}
	r = review_apply(c, c->id[0], action, ACTOR_TEACHER, "");
	if (r == REVIEW_BUSY)
		return 503;
	if (r == REVIEW_ERROR)
		return 500;
	if (r != REVIEW_OK) {
		/* Not allowed now (e.g. already submitted): the record page says why. */
		int status = record_page(c, c->id[0]);
		if (status == 200 && c->page != NULL)
			xml_attr(xml_node(c->page, "refused"), "code", review_code(r));
		return status == 200 ? (r == REVIEW_DEADLINE_PASSED ? 403 : 409) : status;
	}
	if (action == RA_WITHDRAW)
		return app_redirect(c, "/teacher");
	snprintf(path, sizeof(path), "/teacher/records/%lld", c->id[0]);
	return app_redirect(c, path);
}

static int
post_submit(struct ctx *c)
{
	return own_move(c, RA_SUBMIT);
}

static int
post_withdraw(struct ctx *c)
{
	return own_move(c, RA_WITHDRAW);
}

/* GET /teacher/history: every school year of the teacher, and the 5-year cycle. */
static int
page_history(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "history"), years;
	struct teacher_history_year *v;
	size_t n;
	enum db_result r;

	if (root == NULL || (years = xml_node(root, "years")) == NULL)
		return 500;
	if ((r = store_teacher_history(c->db, c->a, c->user->teacher_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr y = xml_node(years, "year");
		struct assessment a;
		if (y == NULL)
			return 500;
		xml_attr_int(y, "teacher-year", v[i].teacher_year_id);
		xml_attr(y, "label", v[i].label);
		xml_attr(y, "category", v[i].category);
		xml_text(y, "school", v[i].school);
		if ((r = assess_teacher_year(c->db, c->a, v[i].teacher_year_id, &a)) != DB_OK)
			return app_status(r); /* never a history with a year missing */
		if (assess_xml(y, &a) == NULL)
			return 500;
	}
	return 200;
}

/* GET /teacher/card: the registration card (登记卡) of the current year, for paper. */
static int
page_card(struct ctx *c)
{
	long long ty = 0, district = 0;
	int self = 0, status;

	if ((status = own_year(c, &ty, &district, &self)) != 200)
		return status;
	return print_card(c, ty);
}

/* GET /teacher/cycle: the 5-year cycle statement ending with the current year, for paper. */
static int
page_cycle(struct ctx *c)
{
	long long ty = 0, district = 0;
	int self = 0, status;

	if ((status = own_year(c, &ty, &district, &self)) != 200)
		return status;
	return print_cycle(c, ty);
}

static const struct field record_get_fields[] = RECORD_GET_FIELDS;
static const struct field record_post_fields[] = RECORD_POST_FIELDS;

static const struct route routes[] = {
	/* Sign-in at training events (issue 16): the QR code's link, the typed code. */
	{ HTTP_GET, "/teacher/signin", signin_form, ROLE_TEACHER, SCOPE_OWN, "teacher_signin", 0, NULL },
	{ HTTP_GET, "/teacher/signin/{id}/{code}", signin_scan, ROLE_TEACHER, SCOPE_OWN, "teacher_signin_scan", 0, NULL },
	{ HTTP_POST, "/teacher/signin", signin_post, ROLE_TEACHER, SCOPE_OWN, "teacher_signin_post", 0, (const struct field[])SIGNIN_POST_FIELDS },
	{ HTTP_GET, "/teacher", page_dashboard, ROLE_TEACHER, SCOPE_OWN, "teacher_dashboard", 0, NULL },
	{ HTTP_GET, "/teacher/card", page_card, ROLE_TEACHER, SCOPE_OWN, "teacher_card", 0, NULL },
	{ HTTP_GET, "/teacher/cycle", page_cycle, ROLE_TEACHER, SCOPE_OWN, "teacher_cycle", 0, NULL },
	{ HTTP_GET, "/teacher/history", page_history, ROLE_TEACHER, SCOPE_OWN, "teacher_history", 0, NULL },
	{ HTTP_GET, "/teacher/records/new", page_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_new", 0, record_get_fields },
	{ HTTP_POST, "/teacher/records/new", post_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_create", 0, record_post_fields },
	{ HTTP_GET, "/teacher/records/{record}/edit", page_edit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_edit", 0, NULL },
	{ HTTP_POST, "/teacher/records/{record}/edit", post_edit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_update", 0, record_post_fields },
	{ HTTP_POST, "/teacher/records/{record}/submit", post_submit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_submit", 0, NULL },
	{ HTTP_POST, "/teacher/records/{record}/withdraw", post_withdraw, ROLE_TEACHER, SCOPE_OWN, "teacher_record_withdraw", 0, NULL },
	{ HTTP_GET, "/teacher/records/{record}", page_record, ROLE_TEACHER, SCOPE_OWN, "teacher_record", 0, NULL },
	{ HTTP_GET, "/teacher/evidence/{evidence}", get_evidence, ROLE_TEACHER, SCOPE_OWN, "teacher_evidence", 0, NULL },
};

const struct program program_teacher = {
	"xueshi-teacher", routes, sizeof(routes) / sizeof(routes[0])
};

#ifndef XS_NO_MAIN
int
main(int argc, char **argv)
{
	return app_main(&program_teacher, argc, argv);
}
#endif
