/*
 * teacher.c - the teacher's program (/teacher/...): the dashboard for the
 * current school year, one record with its evidence and reviews, and the
 * evidence files themselves. Everything is loaded through the caller's own
 * teacher id: another teacher's record id answers 404.
 */
#include "core/app.h"
#include "core/files.h"
#include "core/render.h"
#include "core/workflow.h"
#include "teacher_pages.h"
#include "record_form.h"
#include "review.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

/* Days from today (the request's clock) to an ISO date; can be negative. */
static long
days_until(long long now, const char *date)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	t = timegm(&tm);
	return (long)((t - (time_t)now) / 86400);
}

static const char sql_teacher_year[] =
    "SELECT t.id, t.name, t.gender, t.staff_no, t.subject, t.title,"
    " ty.id, ty.category, ty.status, ty.receiving_unit, s.id, s.name,"
    " y.id, y.label, y.starts_on, y.ends_on, y.register_deadline,"
    " y.school_review_deadline, y.district_review_deadline, d.self_registration,"
    " coalesce(sys.state, 'open')"
    " FROM teacher t JOIN district d ON d.id = t.district_id"
    " JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
    " JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id"
    " JOIN school s ON s.id = ty.school_id"
    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
    " WHERE t.id = ?";

/* <teacher-year> for the caller's current year; *ty gets its id (0: none). */
int
teacher_year_node(struct ctx *c, xmlNodePtr root, long long teacher, long long *ty)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_teacher_year);
	xmlNodePtr n, y;

	*ty = 0;
	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, teacher);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 200; /* not on a roster this year: the page says so */
	}
	n = xml_node(root, "teacher");
	if (n == NULL) {
		sqlite3_reset(st);
		return 500;
	}
	xml_attr_int(n, "id", sqlite3_column_int64(st, 0));
	xml_attr(n, "gender", col(st, 2));
	xml_attr(n, "staff-no", col(st, 3));
	xml_attr(n, "category", col(st, 7));
	xml_attr(n, "status", col(st, 8));
	xml_text(n, "name", col(st, 1));
	xml_text(n, "subject", col(st, 4));
	xml_text(n, "title", col(st, 5));
	if (*col(st, 9))
		xml_text(n, "receiving-unit", col(st, 9));
	{
		xmlNodePtr s = xml_text(n, "school", col(st, 11));
		if (s)
			xml_attr_int(s, "id", sqlite3_column_int64(st, 10));
	}
	*ty = sqlite3_column_int64(st, 6);
	y = xml_node(root, "school-year");
	if (y != NULL) {
		xml_attr_int(y, "id", sqlite3_column_int64(st, 12));
		xml_attr(y, "label", col(st, 13));
		xml_attr(y, "starts", col(st, 14));
		xml_attr(y, "ends", col(st, 15));
		xml_attr(y, "self-registration", sqlite3_column_int(st, 19) ? "yes" : "no");
		xml_attr(y, "school-state", col(st, 20));
		for (int i = 16; i <= 18; i++) {
			static const char *kinds[] = { "register", "school_review", "district_review" };
			if (sqlite3_column_type(st, i) != SQLITE_NULL) {
				xmlNodePtr dl = xml_node(y, "deadline");
				if (dl == NULL)
					continue;
				xml_attr(dl, "kind", kinds[i - 16]);
				xml_attr(dl, "date", col(st, i));
				xml_attr_int(dl, "days-left", days_until(c->now, col(st, i)));
			}
		}
	}
	sqlite3_reset(st);
	return 200;
}

static const char sql_records[] =
    "SELECT r.id, r.state, r.started_on, r.ended_on, r.claimed_tenths, r.organiser,"
    " i.id, i.code, i.category, i.name, i.unit, i.normative,"
    " (SELECT v.reason FROM review v WHERE v.record_id = r.id ORDER BY v.id DESC LIMIT 1),"
    " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
    " FROM record r JOIN item i ON i.id = r.item_id"
    " WHERE r.teacher_year_id = ? ORDER BY r.started_on, r.id";

/* <records> of one teacher-year. */
int
records_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_records);
	xmlNodePtr list = xml_node(root, "records");
	int rc;

	if (st == NULL || list == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, ty);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr r = xml_node(list, "record"), it;
		if (r == NULL)
			break;
		xml_attr_int(r, "id", sqlite3_column_int64(st, 0));
		xml_attr(r, "state", col(st, 1));
		xml_attr(r, "started", col(st, 2));
		xml_attr(r, "ended", col(st, 3));
		xml_attr_int(r, "claimed-tenths", sqlite3_column_int64(st, 4));
		xml_attr_int(r, "evidence", sqlite3_column_int64(st, 13));
		it = xml_text(r, "item", col(st, 9));
		if (it != NULL) {
			xml_attr_int(it, "id", sqlite3_column_int64(st, 6));
			xml_attr(it, "code", col(st, 7));
			xml_attr(it, "category", col(st, 8));
			xml_attr(it, "unit", col(st, 10));
			xml_attr(it, "normative", sqlite3_column_int(st, 11) ? "yes" : "no");
		}
		if (*col(st, 5))
			xml_text(r, "organiser", col(st, 5));
		if ((strcmp(col(st, 1), "returned") == 0 || strcmp(col(st, 1), "rejected") == 0) &&
		    *col(st, 12))
			xml_text(r, "reason", col(st, 12));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 200 : 500;
}

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
	    "SELECT ty.id, d.id, d.self_registration FROM teacher_year ty"
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
	}
	sqlite3_reset(st);
	return found ? 200 : 404;
}

/* Where the district does not let teachers register: a page that says who does. */
static int
not_self_registering(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "record-new");

	if (root == NULL)
		return 500;
	xml_attr(root, "base", "/teacher");
	xml_attr(root, "self-registration", "no");
	return 403;
}

/* GET /teacher/records/new[?item=ID] */
static int
page_new(struct ctx *c)
{
	long long ty = 0, district = 0;
	int self = 0, status;

	if ((status = own_year(c, &ty, &district, &self)) != 200)
		return status;
	if (!self)
		return not_self_registering(c);
	return record_form_get(c, ty, "/teacher");
}

/* POST /teacher/records/new */
static int
post_new(struct ctx *c)
{
	long long ty = 0, district = 0;
	int self = 0, status;

	if ((status = own_year(c, &ty, &district, &self)) != 200)
		return status;
	if (!self)
		return not_self_registering(c);
	return record_form_post(c, ty, "/teacher", district);
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

static const struct route routes[] = {
	{ HTTP_GET, "/teacher", page_dashboard, ROLE_TEACHER, SCOPE_OWN, "teacher_dashboard", 0 },
	{ HTTP_GET, "/teacher/records/new", page_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_new", 0 },
	{ HTTP_POST, "/teacher/records/new", post_new, ROLE_TEACHER, SCOPE_OWN, "teacher_record_create", 0 },
	{ HTTP_POST, "/teacher/records/{id}/submit", post_submit, ROLE_TEACHER, SCOPE_OWN, "teacher_record_submit", 0 },
	{ HTTP_POST, "/teacher/records/{id}/withdraw", post_withdraw, ROLE_TEACHER, SCOPE_OWN, "teacher_record_withdraw", 0 },
	{ HTTP_GET, "/teacher/records/{id}", page_record, ROLE_TEACHER, SCOPE_OWN, "teacher_record", 0 },
	{ HTTP_GET, "/teacher/evidence/{id}", get_evidence, ROLE_TEACHER, SCOPE_OWN, "teacher_evidence", 0 },
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
