/*
 * district.c - the district's program (/district/...): its schools and the
 * state of their years, the final-review queue (复核), reviewing, confirming
 * a school's year (签字盖章, which locks it) and reopening it with a reason.
 * Everything is loaded through the caller's district.
 */
#include "changes.h"
#include "store/sql.h"
#include "stats.h"
#include "core/app.h"
#include "core/render.h"
#include "review.h"
#include "review_pages.h"
#include "teacher_pages.h"

#include <stdio.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

/* GET /district: the schools and their years. */
static int
page_district(struct ctx *c)
{
	static const char sql[] =
	    "SELECT s.id, s.code, s.name, s.kind, coalesce(sys.state, 'open'), sys.submitted_at,"
	    " sys.confirmed_at, y.label,"
	    " (SELECT count(*) FROM teacher_year ty WHERE ty.school_id = s.id AND ty.school_year_id = y.id),"
	    " (SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    "  WHERE ty.school_id = s.id AND ty.school_year_id = y.id AND r.state = 'school_approved'),"
	    " y.school_review_deadline"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.district_id = ? AND s.active = 1 ORDER BY s.code";
	xmlNodePtr root = app_page(c, "district"), list;
	sqlite3_stmt *st;

	if (root == NULL || (list = xml_node(root, "schools")) == NULL ||
	    (st = db_stmt(c->db, sql)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->district_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr s = xml_node(list, "school");
		if (s == NULL)
			break;
		xml_attr_int(s, "id", sqlite3_column_int64(st, 0));
		xml_attr(s, "code", col(st, 1));
		xml_attr(s, "kind", col(st, 3));
		xml_attr(s, "state", col(st, 4));
		if (*col(st, 5))
			xml_attr(s, "submitted", col(st, 5));
		if (*col(st, 6))
			xml_attr(s, "confirmed", col(st, 6));
		xml_attr(s, "year", col(st, 7));
		xml_attr_int(s, "teachers", sqlite3_column_int64(st, 8));
		xml_attr_int(s, "to-review", sqlite3_column_int64(st, 9));
		/* Late: handed in after the school-review deadline (通报 延期送审). */
		if (*col(st, 5) && *col(st, 10) && strncmp(col(st, 5), col(st, 10), 10) > 0)
			xml_attr(s, "late", "yes");
		xml_text(s, "name", col(st, 2));
	}
	sqlite3_reset(st);
	return 200;
}

/* The school id of the path, if it is one of the caller's district. */
static long long
own_school(struct ctx *c, long long id)
{
	static const char sql[] = "SELECT id FROM school WHERE id = ? AND district_id = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long found = 0;

	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, c->user->district_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return found;
}

/* GET /district/schools/{id}: one school's year and teachers. */
static int
page_school(struct ctx *c)
{
	xmlNodePtr root;

	if (own_school(c, c->id[0]) == 0)
		return 404;
	if ((root = app_page(c, "school")) == NULL)
		return 500;
	return school_overview(c, root, c->id[0]);
}

/* GET /district/review[?school=ID]: records the schools approved, waiting for 复核. */
static int
page_queue(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "review");

	if (root == NULL)
		return 500;
	xml_attr(root, "stage", "district");
	return review_queue(c, root, 0, c->user->district_id,
	    http_query(c->req, "state") ? http_query(c->req, "state") : "school_approved");
}

/* GET /district/records/{id} */
static int
page_record(struct ctx *c)
{
	int status = record_in_scope(c, c->id[0], 0, c->user->district_id);

	return status != 200 ? status : record_page(c, c->id[0]);
}

/* POST /district/records/{id}/review */
static int
post_review(struct ctx *c)
{
	static const enum record_action acts[] = { RA_DISTRICT_APPROVE, RA_DISTRICT_RETURN, RA_DISTRICT_REJECT };
	int status = record_in_scope(c, c->id[0], 0, c->user->district_id);

	if (status != 200)
		return status;
	return review_post(c, c->id[0], acts, ACTOR_DISTRICT, "/district/review");
}

/* POST /district/review/bulk */
static int
post_bulk(struct ctx *c)
{
	return review_bulk(c, 0, c->user->district_id, RA_DISTRICT_APPROVE, ACTOR_DISTRICT,
	    "/district/review");
}

static int
move(struct ctx *c, const char *what)
{
	char back[64];

	if (own_school(c, c->id[0]) == 0)
		return 404;
	snprintf(back, sizeof(back), "/district/schools/%lld", c->id[0]);
	return school_year_move(c, c->id[0], what, back);
}

/* POST /district/schools/{id}/confirm: 签字盖章; the year is locked. */
static int
post_confirm(struct ctx *c)
{
	return move(c, "confirm");
}

/* POST /district/schools/{id}/reopen: with a reason; audited. */
static int
post_reopen(struct ctx *c)
{
	return move(c, "reopen");
}

/* GET /district/teachers/{id}: one teacher-year of the district. */
static int
page_teacher(struct ctx *c)
{
	return teacher_year_page(c, c->id[0], 0, c->user->district_id, "school-teacher");
}

/* GET /district/evidence/{id} */
static int
get_evidence(struct ctx *c)
{
	return evidence_in_scope(c, c->id[0], 0, c->user->district_id);
}

static const struct field changes_fields[] = CHANGES_DISTRICT_FIELDS;

static const struct route routes[] = {
	{ HTTP_GET, "/district", page_district, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district", 0, NULL },
	{ HTTP_GET, "/district/stats", stats_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_stats", 0, NULL },
	{ HTTP_GET, "/district/changes", changes_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_changes", 0, changes_fields },
	{ HTTP_GET, "/district/schools/{school}", page_school, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/confirm", post_confirm, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_confirm", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/reopen", post_reopen, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_reopen", 0, NULL },
	{ HTTP_GET, "/district/review", page_queue, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_queue", 0, NULL },
	{ HTTP_POST, "/district/review/bulk", post_bulk, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_bulk_approve", 0, NULL },
	{ HTTP_GET, "/district/records/{record}", page_record, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_record", 0, NULL },
	{ HTTP_POST, "/district/records/{record}/review", post_review, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_review", 0, NULL },
	{ HTTP_GET, "/district/teachers/{teacher_year}", page_teacher, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_teacher", 0, NULL },
	{ HTTP_GET, "/district/evidence/{evidence}", get_evidence, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_evidence", 0, NULL },
};

const struct program program_district = {
	"xueshi-district", routes, sizeof(routes) / sizeof(routes[0])
};

#ifndef XS_NO_MAIN
int
main(int argc, char **argv)
{
	return app_main(&program_district, argc, argv);
}
#endif
