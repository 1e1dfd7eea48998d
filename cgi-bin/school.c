/*
 * school.c - the school's program (/school/...): the year's teachers with
 * their assessment, the first-review queue (初核), reviewing one record or
 * many, registering for a teacher of the school, handing the year to the
 * district. The school leader reads everything, changes nothing.
 * The core checks that a path's record, teacher-year and file are the
 * school's; a teacher-year or records named in a body are checked here.
 */
#include "core/app.h"
#include "pages/print.h"
#include "core/render.h"
#include "pages/export.h"
#include "pages/points.h"
#include "pages/record_form.h"
#include "pages/review.h"
#include "pages/review_pages.h"
#include "pages/bulk.h"
#include "pages/changes.h"
#include "pages/projects.h"
#include "pages/notices.h"
#include "pages/events.h"
#include "pages/roster.h"
#include "pages/stats.h"
#include "pages/roster_import.h"
#include "pages/records.h"
#include "store/record.h"
#include "store/teacher.h"

#include <stdio.h>
#include <string.h>

#define SCHOOL_READERS (ROLE_SCHOOL_ADMIN | ROLE_SCHOOL_LEADER)

/* GET /school: the year's teachers, their results, the year's state. */
static int
page_school(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "school");

	if (root == NULL)
		return 500;
	return school_overview(c, root, c->user->school_id);
}

/* GET /school/review[?state=&q=]: the records waiting for (or past) the school's review. */
static int
page_queue(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "review");

	if (root == NULL)
		return 500;
	xml_attr(root, "stage", "school");
	return review_queue(c, root, c->user->school_id, 0, "submitted");
}

/* GET /school/records/{record} (the core checked the school) */
static int
page_record(struct ctx *c)
{
	return record_page(c, c->id[0]);
}

/* POST /school/records/{record}/review: decision approve | return | reject, reason. */
static int
post_review(struct ctx *c)
{
	static const enum record_action acts[] = { RA_SCHOOL_APPROVE, RA_SCHOOL_RETURN, RA_SCHOOL_REJECT };

	return review_post(c, c->id[0], acts, ACTOR_SCHOOL, "/school/review");
}

/* POST /school/review/bulk: approve every record named "record" (checked to be the school's). */
static int
post_bulk(struct ctx *c)
{
	return review_bulk(c, RA_SCHOOL_APPROVE, ACTOR_SCHOOL, "/school/review");
}

/* POST /school/year/submit: hand the year to the district when nothing is left unreviewed. */
static int
post_submit_year(struct ctx *c)
{
	return school_year_move(c, c->user->school_id, "submit", "/school");
}

/*
 * The teacher-year named by the field "teacher-year" (the form's, or the
 * query's on a GET): 200 when it is of this school and the current year
 * (a body's object: the core does not check it), 404 when not.
 */
static int
scoped_teacher_year(struct ctx *c, long long *ty)
{
	const struct field *fs = c->route->fields;
	enum db_result r;

	/* The form's field, else the query's (RECORD_NEW_FIELDS declares both on a POST). */
	*ty = 0;
	for (int i = 0; fs != NULL && fs[i].name != NULL && *ty == 0; i++)
		if (strcmp(fs[i].name, "teacher-year") == 0 && c->fv[i].ok && c->fv[i].present)
			*ty = c->fv[i].num;
	if (*ty <= 0)
		return 404;
	/* The core checked its school (the field's object); here: of the current year. */
	r = store_teacher_year_current(c->db, *ty);
	return r == DB_OK ? 200 : app_status(r);
}

/* GET /school/records/new?teacher-year=ID: the school admin registers for a teacher. */
static int
page_new(struct ctx *c)
{
	long long ty;
	int status = scoped_teacher_year(c, &ty);

	return status != 200 ? status : record_form_get(c, ty, "/school");
}

static int
post_new(struct ctx *c)
{
	long long ty;
	int status = scoped_teacher_year(c, &ty);

	return status != 200 ? status : record_form_post(c, ty, "/school", c->user->district_id);
}

/* The record's teacher-year, when that is of the current year (the core checked the school). */
static int
record_year(struct ctx *c, long long *ty)
{
	enum db_result r = store_record_current_year(c->db, c->id[0], ty);

	return r == DB_OK ? 200 : app_status(r);
}

/* GET /school/records/{record}/edit, POST: the school admin changes a draft or returned record. */
static int
page_edit(struct ctx *c)
{
	long long ty;
	int status = record_year(c, &ty);

	return status != 200 ? status : record_form_edit_get(c, ty, "/school", c->id[0]);
}

static int
post_edit(struct ctx *c)
{
	long long ty;
	int status = record_year(c, &ty);

	return status != 200 ? status :
	    record_form_edit_post(c, ty, "/school", c->user->district_id, c->id[0]);
}

/* GET /school/teachers/{teacher_year}: one teacher's year. */
static int
page_teacher(struct ctx *c)
{
	return teacher_year_page(c, c->id[0], "school-teacher");
}

/* GET /school/teachers/{teacher_year}/card: a teacher's card, for paper. */
static int
page_card(struct ctx *c)
{
	return print_card(c, c->id[0]);
}

/* GET /school/teachers/{teacher_year}/cycle: the teacher's 5-year cycle statement. */
static int
page_cycle(struct ctx *c)
{
	return print_cycle(c, c->id[0]);
}

/* GET /school/summary: the school's summary table (汇总表), for paper. */
static int
page_summary(struct ctx *c)
{
	return print_summary(c, c->user->school_id);
}

/* GET /school/bundle[?teachers=…]: the index (汇总档案序号表) and the cards. */
static int
page_bundle(struct ctx *c)
{
	size_t n = 0;
	long long *ids = app_field_ids(c, "teachers", &n);

	return print_bundle(c, c->user->school_id, ids, n);
}

/* GET /school/evidence/{evidence} */
static int
get_evidence(struct ctx *c)
{
	return evidence_send(c, c->id[0]);
}

static const struct field queue_fields[] = REVIEW_QUEUE_FIELDS;
static const struct field review_fields[] = REVIEW_POST_FIELDS;
static const struct field bulk_fields[] = REVIEW_BULK_FIELDS;
static const struct field new_fields[] = RECORD_NEW_FIELDS;
static const struct field create_fields[] = RECORD_CREATE_FIELDS;
static const struct field record_post_fields[] = RECORD_POST_FIELDS;
static const struct field roster_fields[] = ROSTER_FIELDS;
static const struct field roster_note_fields[] = ROSTER_NOTE_FIELDS;
static const struct field roster_transfer_fields[] = ROSTER_TRANSFER_FIELDS;
static const struct field roster_teacher_form_fields[] = ROSTER_TEACHER_FORM_FIELDS;
static const struct field roster_teacher_post_fields[] = ROSTER_TEACHER_POST_FIELDS;

static const struct field bulk_page_fields[] = BULK_PAGE_FIELDS;
static const struct field bulk_post_fields[] = BULK_POST_FIELDS;

static const struct route routes[] = {
	{ HTTP_GET, "/school", page_school, SCHOOL_READERS, SCOPE_SCHOOL, "school", 0, NULL },
	{ HTTP_GET, "/school/review", page_queue, SCHOOL_READERS, SCOPE_SCHOOL, "school_queue", 0, queue_fields },
	{ HTTP_POST, "/school/review/bulk", post_bulk, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_bulk_approve", 0, bulk_fields },
	{ HTTP_GET, "/school/records/new", page_new, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_record_new", 0, new_fields },
	{ HTTP_POST, "/school/records/new", post_new, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_record_create", 0, create_fields },
	{ HTTP_GET, "/school/records/{record}", page_record, SCHOOL_READERS, SCOPE_SCHOOL, "school_record", 0, NULL },
	{ HTTP_GET, "/school/records/{record}/edit", page_edit, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_record_edit", 0, NULL },
	{ HTTP_POST, "/school/records/{record}/edit", post_edit, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_record_update", 0, record_post_fields },
	{ HTTP_POST, "/school/records/{record}/review", post_review, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_review", 0, review_fields },
	{ HTTP_POST, "/school/year/submit", post_submit_year, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_year_submit", 0, NULL },
	{ HTTP_GET, "/school/teachers/{teacher_year}", page_teacher, SCHOOL_READERS, SCOPE_SCHOOL, "school_teacher", 0, NULL },
	{ HTTP_GET, "/school/evidence/{evidence}", get_evidence, SCHOOL_READERS, SCOPE_SCHOOL, "school_evidence", 0, NULL },
	{ HTTP_GET, "/school/teachers/{teacher_year}/card", page_card, SCHOOL_READERS, SCOPE_SCHOOL, "school_card", 0, NULL },
	{ HTTP_GET, "/school/summary", page_summary, SCHOOL_READERS, SCOPE_SCHOOL, "school_summary", 0, NULL },
	{ HTTP_GET, "/school/teachers/{teacher_year}/cycle", page_cycle, SCHOOL_READERS, SCOPE_SCHOOL, "school_cycle", 0, NULL },
	{ HTTP_GET, "/school/bundle", page_bundle, SCHOOL_READERS, SCOPE_SCHOOL, "school_bundle", 0, (const struct field[])PRINT_BUNDLE_FIELDS },
	{ HTTP_GET, "/school/summary.xlsx", export_summary_xlsx, SCHOOL_READERS, SCOPE_SCHOOL, "school_summary_xlsx", 0, NULL },
	{ HTTP_GET, "/school/records.xlsx", export_records_xlsx, SCHOOL_READERS, SCOPE_SCHOOL, "school_records_xlsx", 0, NULL },
	{ HTTP_GET, "/school/records.csv", export_records_csv, SCHOOL_READERS, SCOPE_SCHOOL, "school_records_csv", 0, NULL },
	{ HTTP_GET, "/school/summary.csv", export_summary_csv, SCHOOL_READERS, SCOPE_SCHOOL, "school_summary_csv", 0, NULL },
	{ HTTP_GET, "/school/points", points_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_points", 0, (const struct field[])POINTS_PAGE_FIELDS },
	{ HTTP_POST, "/school/points", points_post, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_points_save", 0, (const struct field[])POINTS_POST_FIELDS },
	{ HTTP_GET, "/school/points/print", points_print, SCHOOL_READERS, SCOPE_SCHOOL, "school_points_print", 0, (const struct field[])POINTS_PAGE_FIELDS },
	{ HTTP_GET, "/school/points.xlsx", export_points_xlsx, SCHOOL_READERS, SCOPE_SCHOOL, "school_points_xlsx", 0, NULL },
	{ HTTP_GET, "/school/points.csv", export_points_csv, SCHOOL_READERS, SCOPE_SCHOOL, "school_points_csv", 0, NULL },
	{ HTTP_GET, "/school/roster.csv", roster_export_csv, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_csv", 0, NULL },
	{ HTTP_GET, "/school/roster.xlsx", roster_export_xlsx, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_xlsx", 0, NULL },
	{ HTTP_GET, "/school/roster/template.csv", roster_template_csv, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_template_csv", 0, NULL },
	{ HTTP_GET, "/school/roster/template.xlsx", roster_template_xlsx, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_template_xlsx", 0, NULL },
	{ HTTP_GET, "/school/bulk", bulk_page, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_bulk", 0, bulk_page_fields },
	{ HTTP_POST, "/school/bulk", bulk_post, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_bulk_create", 0, bulk_post_fields },
	{ HTTP_GET, "/school/events", events_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_events", 0, NULL },
	{ HTTP_POST, "/school/events", events_create, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_event_create", 0, (const struct field[])EVENT_CREATE_FIELDS },
	{ HTTP_GET, "/school/events/{event}", event_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_event", 0, NULL },
	{ HTTP_GET, "/school/events/{event}/signin", event_signin_page, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_event_signin", 0, (const struct field[])EVENT_SIGNIN_PAGE_FIELDS },
	{ HTTP_POST, "/school/events/{event}/attendance", event_correct, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_event_correct", 0, (const struct field[])EVENT_CORRECT_FIELDS },
	{ HTTP_POST, "/school/events/{event}/close", event_close, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_event_close", 0, NULL },
	{ HTTP_GET, "/school/events/{event}/print", event_print, SCHOOL_READERS, SCOPE_SCHOOL, "school_event_print", 0, NULL },
	{ HTTP_GET, "/school/events/{event}/attendance.xlsx", event_xlsx, SCHOOL_READERS, SCOPE_SCHOOL, "school_event_xlsx", 0, NULL },
	{ HTTP_GET, "/school/notices", notices_school_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_notices", 0, NULL },
	{ HTTP_GET, "/school/notices/{notice}", notice_school_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_notice", 0, NULL },
	{ HTTP_GET, "/school/notices/{notice}/print", notice_print, SCHOOL_READERS, SCOPE_SCHOOL, "school_notice_print", 0, NULL },
	{ HTTP_GET, "/school/projects", projects_school_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_projects", 0, NULL },
	{ HTTP_POST, "/school/projects", projects_school_file, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_project_file", 0, (const struct field[])PROJECTS_SCHOOL_FILE_FIELDS },
	{ HTTP_GET, "/school/projects/{project}", projects_school_one, SCHOOL_READERS, SCOPE_SCHOOL, "school_project", 0, NULL },
	{ HTTP_POST, "/school/projects/{project}/edit", projects_school_edit, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_project_edit", 0, (const struct field[])PROJECTS_SCHOOL_FILE_FIELDS },
	{ HTTP_GET, "/school/stats", stats_school_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_stats", 0, NULL },
	{ HTTP_GET, "/school/roster/changes", changes_school_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_roster_changes", 0, NULL },
	{ HTTP_POST, "/school/roster/changes/report", changes_school_report, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_changes_report", 0, NULL },
	{ HTTP_GET, "/school/roster/new", roster_teacher_form, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_new", 0, roster_teacher_form_fields },
	{ HTTP_POST, "/school/roster/new", roster_teacher_post, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_save", 0, roster_teacher_post_fields },
	{ HTTP_POST, "/school/roster/{teacher_year}/deactivate", roster_deactivate, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_deactivate", 0, roster_note_fields },
	{ HTTP_POST, "/school/roster/{teacher_year}/reactivate", roster_reactivate, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_reactivate", 0, roster_note_fields },
	{ HTTP_POST, "/school/roster/{teacher_year}/transfer", roster_transfer, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_transfer", 0, roster_transfer_fields },
	{ HTTP_GET, "/school/roster", roster_page, SCHOOL_READERS, SCOPE_SCHOOL, "school_roster", 0, roster_fields },
	{ HTTP_GET, "/school/roster/import", roster_import_page, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_import", 0, NULL },
	{ HTTP_POST, "/school/roster/import", roster_import_post, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_import_upload", 0, NULL },
	{ HTTP_POST, "/school/roster/import/{import}/commit", roster_import_commit, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "school_roster_import_commit", 0, NULL },
};

const struct program program_school = {
	"xueshi-school", routes, sizeof(routes) / sizeof(routes[0])
};

#ifndef XS_NO_MAIN
int
main(int argc, char **argv)
{
	return app_main(&program_school, argc, argv);
}
#endif
