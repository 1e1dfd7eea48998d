/*
 * teacher.c - the teacher's program (/teacher/...): the dashboard for the
 * current school year, one record with its evidence and reviews, and the
 * evidence files themselves. Everything is loaded through the caller's own
 * teacher id: another teacher's record id answers 404.
 */
#include "core/app.h"
#include "store/sql.h"
#include "core/assess.h"
#include "core/files.h"
#include "core/render.h"
#include "domain/workflow.h"
#include "teacher_pages.h"
#include "record_form.h"
#include "review.h"
#include "review_pages.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


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

static const char sql_record_own[] =
    "SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
    " WHERE r.id = ? AND ty.teacher_id = ?";

/* GET /teacher/records/{id}: one record of the caller's. */
static int
page_record(struct ctx *c)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_record_own);
	int found;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->id[0]);
	sqlite3_bind_int64(st, 2, c->user->teacher_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found)
		return 404;
	return record_page(c, c->id[0]);
}

static const char sql_evidence_own[] =
    "SELECT e.sha256, e.filename, f.content_type, f.size FROM evidence e"
    " JOIN evidence_file f ON f.sha256 = e.sha256"
    " JOIN record r ON r.id = e.record_id JOIN teacher_year ty ON ty.id = r.teacher_year_id"
    " WHERE e.id = ? AND ty.teacher_id = ?";

/* GET /teacher/evidence/{id}: the file, to its teacher only. */
static int
get_evidence(struct ctx *c)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_evidence_own);

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->id[0]);
	sqlite3_bind_int64(st, 2, c->user->teacher_id);
	return evidence_send(c, st);
}

/* The caller's current teacher-year and whether the district lets teachers register. */
static int
own_year(struct ctx *c, long long *ty, long long *district, int *self_registration)
{
	static const char sql[] =
	    "SELECT ty.id, d.id, d.self_registration, t.active FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN district d ON d.id = y.district_id WHERE ty.teacher_id = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	int found;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->teacher_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*ty = sqlite3_column_int64(st, 0);
		*district = sqlite3_column_int64(st, 1);
		*self_registration = sqlite3_column_int(st, 2);
		/* A teacher the school has marked as left registers nothing more. */
		if (!sqlite3_column_int(st, 3))
			*self_registration = -1;
	}
	sqlite3_reset(st);
	return found ? 200 : 404;
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
		static const char sql[] =
		    "SELECT s.name, a.display_name, a.login FROM school s"
		    " LEFT JOIN account a ON a.school_id = s.id AND a.role = 'school_admin' AND a.active = 1"
		    " WHERE s.id = ? ORDER BY a.id";
		sqlite3_stmt *st = db_stmt(c->db, sql);
		xmlNodePtr who = xml_node(root, "registrar");
		if (st == NULL || who == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, c->user->school_id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			xml_attr(who, "school", (const char *)sqlite3_column_text(st, 0));
			if (sqlite3_column_type(st, 1) != SQLITE_NULL)
				xml_text(who, "admin", (const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_reset(st);
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

/* 200 when record id belongs to teacher-year ty. */
static int
record_in_scope_of_year(struct ctx *c, long long id, long long ty)
{
	static const char sql[] = "SELECT 1 FROM record WHERE id = ? AND teacher_year_id = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	int found;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ty);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found ? 200 : 404;
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
	sqlite3_stmt *st = db_stmt(c->db, sql_record_own);
	enum review_result r;
	int found;
	char path[64];

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->id[0]);
	sqlite3_bind_int64(st, 2, c->user->teacher_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found)
		return 404;
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
		return status == 200 ? 409 : status;
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
	static const char sql[] =
	    "SELECT ty.id, y.label, y.starts_on, s.name, ty.category FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id JOIN school s ON s.id = ty.school_id"
	    " WHERE ty.teacher_id = ? ORDER BY y.starts_on DESC";
	xmlNodePtr root = app_page(c, "history"), years;
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long ids[64];
	char *labels[64], *schools[64], *cats[64];
	int n = 0;

	if (root == NULL || st == NULL || (years = xml_node(root, "years")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->teacher_id);
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		labels[n] = arena_strdup(c->a, (const char *)sqlite3_column_text(st, 1));
		schools[n] = arena_strdup(c->a, (const char *)sqlite3_column_text(st, 3));
		cats[n] = arena_strdup(c->a, (const char *)sqlite3_column_text(st, 4));
		n++;
	}
	sqlite3_reset(st);
	/* Assess after reading: the cached statement is not used meanwhile. */
	for (int i = 0; i < n; i++) {
		xmlNodePtr y = xml_node(years, "year");
		struct assessment a;
		if (y == NULL)
			return 500;
		xml_attr_int(y, "teacher-year", ids[i]);
		xml_attr(y, "label", labels[i]);
		xml_attr(y, "category", cats[i]);
		xml_text(y, "school", schools[i]);
		if (assess_teacher_year(c->db, c->a, ids[i], &a) == DB_OK)
			assess_xml(y, &a);
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
	status = teacher_year_page(c, ty, 0, district, "card");
	c->stylesheet = "print/card";
	return status;
}

static const struct route routes[] = {
	{ HTTP_GET, "/teacher", page_dashboard, ROLE_TEACHER, SCOPE_OWN, "teacher_dashboard", 0, NULL },
	{ HTTP_GET, "/teacher/card", page_card, ROLE_TEACHER, SCOPE_OWN, "teacher_card", 0, NULL },
	{ HTTP_GET, "/teacher/history", page_history, ROLE_TEACHER, SCOPE_OWN, "teacher_history", 0, NULL },
	{ HTTP_GET, "/teacher/records/new", page_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_new", 0, NULL },
	{ HTTP_POST, "/teacher/records/new", post_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_create", 0, NULL },
	{ HTTP_GET, "/teacher/records/{record}/edit", page_edit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_edit", 0, NULL },
	{ HTTP_POST, "/teacher/records/{record}/edit", post_edit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_update", 0, NULL },
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
