/*
 * district.c - the district's program (/district/...): its schools and the
 * state of their years, the final-review queue (复核), reviewing, confirming
 * a school's year (签字盖章, which locks it) and reopening it with a reason.
 * The core checks that a path's school, record, teacher-year and file are of
 * the caller's district; records named in a body are checked here.
 */
#include "pages/changes.h"
#include "pages/projects.h"
#include "pages/notices.h"
#include "pages/events.h"
#include "pages/settings.h"
#include "pages/years.h"
#include "pages/schools.h"
#include "pages/catalogue.h"
#include "pages/district_export.h"
#include "pages/catalogue_sheet.h"
#include "pages/stats.h"
#include "core/app.h"
#include "pages/print.h"
#include "pages/points.h"
#include "core/render.h"
#include "pages/review.h"
#include "pages/review_pages.h"
#include "store/school.h"
#include "store/audit.h"
#include "pages/records.h"
#include "pages/deadlines.h"
#include "core/form.h"
#include "domain/deadline.h"

#include <stdio.h>
#include <string.h>

/* GET /district: the schools and their years. */
static int
page_district(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district"), list;
	struct district_school *v;
	size_t n;
	enum db_result r;

	if (root == NULL || (list = xml_node(root, "schools")) == NULL)
		return 500;
	/* The year's deadlines, the district's own among them (复核: shown overdue, never blocked). */
	{
		struct school_deadlines d;
		if ((r = store_deadlines_of_district(c->db, c->a, c->user->district_id, &d)) != DB_OK &&
		    r != DB_NOTFOUND)
			return app_status(r);
		if (r == DB_OK && deadline_nodes(c, xml_node(root, "deadlines"), &d, DEADLINES_ALL) != 200)
			return 500;
	}
	if ((r = store_district_schools(c->db, c->a, c->user->district_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr s = xml_node(list, "school");
		if (s == NULL)
			return 500;
		xml_attr_int(s, "id", v[i].id);
		xml_attr(s, "code", v[i].code);
		xml_attr(s, "kind", v[i].kind);
		xml_attr(s, "state", v[i].state);
		if (*v[i].submitted_at)
			xml_attr(s, "submitted", v[i].submitted_at);
		if (*v[i].confirmed_at)
			xml_attr(s, "confirmed", v[i].confirmed_at);
		xml_attr(s, "year", v[i].year);
		xml_attr_int(s, "teachers", v[i].teachers);
		xml_attr_int(s, "to-review", v[i].to_review);
		/* Late: first handed in after the school-review deadline's local day (通报 延期送审). */
		if (deadline_handed_in_late(v[i].first_submitted_at, v[i].school_review_deadline,
		    v[i].utc_offset_minutes))
			xml_attr(s, "late", "yes");
		xml_text(s, "name", v[i].name);
	}
	return 200;
}

/* GET /district/schools/{school}: one school's year and teachers (the core checked the district). */
static int
page_school(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "school");

	if (root == NULL)
		return 500;
	return school_overview(c, root, c->id[0]);
}

/* GET /district/review[?school=ID&state=&q=]: records the schools approved, waiting for 复核. */
static int
page_queue(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "review");

	if (root == NULL)
		return 500;
	xml_attr(root, "stage", "district");
	return review_queue(c, root, 0, c->user->district_id, "school_approved");
}

/* GET /district/records/{record} */
static int
page_record(struct ctx *c)
{
	return record_page(c, c->id[0]);
}

/* POST /district/records/{record}/review */
static int
post_review(struct ctx *c)
{
	static const enum record_action acts[] = { RA_DISTRICT_APPROVE, RA_DISTRICT_RETURN, RA_DISTRICT_REJECT };

	return review_post(c, c->id[0], acts, ACTOR_DISTRICT, "/district/review");
}

/* POST /district/review/bulk: the records named are checked to be the district's. */
static int
post_bulk(struct ctx *c)
{
	return review_bulk(c, RA_DISTRICT_APPROVE, ACTOR_DISTRICT, "/district/review");
}

static int
move(struct ctx *c, const char *what)
{
	char back[64];

	snprintf(back, sizeof(back), "/district/schools/%lld", c->id[0]);
	return school_year_move(c, c->id[0], what, back);
}

/* POST /district/schools/{school}/confirm: 签字盖章; the year is locked. */
static int
post_confirm(struct ctx *c)
{
	return move(c, "confirm");
}

/* POST /district/schools/{school}/reopen: with a reason; audited. */
static int
post_reopen(struct ctx *c)
{
	return move(c, "reopen");
}

struct extend {
	struct ctx *c;
	const struct school_deadlines *d;
	const char *kind, *until, *reason;
};

/* The extension and its audit row (store_tx). */
static enum db_result
extend_tx(struct db *db, void *arg)
{
	struct extend *x = arg;
	struct ctx *c = x->c;
	struct audit_entry e = { 0 };
	struct audit_json after;
	long long id;
	enum db_result r = store_deadline_extension_add(db, x->d->year_id, x->d->school_id,
	    x->kind, x->until, x->reason, c->user->id, &id);

	if (r != DB_OK)
		return r;
	audit_json_begin(&after, c->a);
	audit_json_str(&after, "kind", x->kind);
	audit_json_str(&after, "until", x->until);
	audit_json_str(&after, "reason", x->reason);
	audit_json_int(&after, "year", x->d->year_id);
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = "deadline_extend";
	e.object_type = "school";
	e.object_id = x->d->school_id;
	e.after = audit_json_end(&after);
	e.client = c->req->remote_addr;
	if (e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

/*
 * POST /district/schools/{school}/extend: one school's registration or
 * school-review deadline moved to a later date within the year, with a
 * reason; audited. Bad input: the school page with the field's error and
 * the input kept, nothing saved.
 */
static int
post_extend(struct ctx *c)
{
	static const char *const kinds[] = { "register", "school_review" };
	struct school_deadlines d;
	struct extend x;
	struct form f;
	xmlNodePtr root = app_page(c, "school");
	long long k = app_field_int(c, "kind");
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	if ((r = store_deadlines_of_school(c->db, c->a, c->id[0], &d)) != DB_OK)
		return app_status(r);
	x.c = c;
	x.d = &d;
	x.kind = k >= 0 && k < 2 ? kinds[k] : NULL;
	x.until = app_field_text(c, "until");
	x.reason = app_field_text(c, "reason");
	if ((status = school_overview(c, root, c->id[0])) != 200)
		return status;
	form_begin(&f, c, "extend");
	if (c->field_errors > 0 || x.kind == NULL)
		return 422;
	{
		const char *base = d.year[k == 0 ? DEADLINE_REGISTER : DEADLINE_SCHOOL_REVIEW];
		if (base == NULL) {
			form_error(&f, "kind", "no_deadline");
			return 422;
		}
		if (strcmp(x.until, base) <= 0) {
			form_error_detail(&f, "until", "extension_not_after", base);
			return 422;
		}
		/*
		 * Within the year's work: not past the district's own review
		 * deadline (the last of the year), or the year's end without one.
		 */
		{
			const char *last = d.year[DEADLINE_DISTRICT_REVIEW] != NULL ?
			    d.year[DEADLINE_DISTRICT_REVIEW] : d.ends_on;
			if (strcmp(x.until, last) > 0) {
				form_error_detail(&f, "until", "extension_too_late", last);
				return 422;
			}
		}
	}
	if ((r = store_tx(c->db, extend_tx, &x)) != DB_OK)
		return app_status(r);
	{
		char back[64];
		snprintf(back, sizeof(back), "/district/schools/%lld", c->id[0]);
		return app_redirect(c, back);
	}
}

/* GET /district/teachers/{teacher_year}: one teacher-year of the district. */
static int
page_teacher(struct ctx *c)
{
	return teacher_year_page(c, c->id[0], "school-teacher");
}

/* GET /district/teachers/{teacher_year}/card: any teacher's card of the district. */
static int
page_card(struct ctx *c)
{
	return print_card(c, c->id[0]);
}

/* GET /district/teachers/{teacher_year}/cycle */
static int
page_cycle(struct ctx *c)
{
	return print_cycle(c, c->id[0]);
}

/* GET /district/schools/{school}/summary: the school's 汇总表, to sign and stamp. */
static int
page_summary(struct ctx *c)
{
	return print_summary(c, c->id[0]);
}

/* GET /district/schools/{school}/points/print: the school's 学习强国积分登记表. */
static int
page_points(struct ctx *c)
{
	return points_print_of(c, c->id[0]);
}

/* GET /district/schools/{school}/bundle[?teachers=…]: the school's bundle for the archive. */
static int
page_bundle(struct ctx *c)
{
	size_t n = 0;
	long long *ids = app_field_ids(c, "teachers", &n);

	return print_bundle(c, c->id[0], ids, n);
}

/* GET /district/evidence/{evidence} */
static int
get_evidence(struct ctx *c)
{
	return evidence_send(c, c->id[0]);
}

static const struct field queue_fields[] = REVIEW_DISTRICT_QUEUE_FIELDS;
static const struct field review_fields[] = REVIEW_POST_FIELDS;
static const struct field bulk_fields[] = REVIEW_BULK_FIELDS;
static const struct field reopen_fields[] = REOPEN_FIELDS;
static const struct field changes_fields[] = CHANGES_DISTRICT_FIELDS;
static const struct field settings_page_fields[] = SETTINGS_PAGE_FIELDS;
static const struct field settings_post_fields[] = SETTINGS_POST_FIELDS;
static const struct field year_page_fields[] = YEAR_PAGE_FIELDS;
static const struct field years_page_fields[] = YEARS_PAGE_FIELDS;
static const struct field year_open_fields[] = YEAR_OPEN_FIELDS;
static const struct field year_post_fields[] = YEAR_POST_FIELDS;
static const struct field school_form_fields[] = SCHOOL_FORM_FIELDS;
static const struct field catalogue_item_fields[] = CATALOGUE_ITEM_FIELDS;
static const struct field catalogue_page_fields[] = CATALOGUE_PAGE_FIELDS;
static const struct field catalogue_move_fields[] = CATALOGUE_MOVE_FIELDS;
static const struct field catalogue_confirm_fields[] = CATALOGUE_CONFIRM_FIELDS;
static const struct field catalogue_group_fields[] = CATALOGUE_GROUP_FIELDS;
static const struct field catalogue_group_items_fields[] = CATALOGUE_GROUP_ITEMS_FIELDS;
static const char *const extend_kinds[] = { "register", "school_review", NULL };
static const struct field extend_fields[] = {
	{ "kind", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, extend_kinds, OBJ_NONE },
	{ "until", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE },
	{ "reason", FIELD_TEXT, FIELD_REQUIRED, 0, 1000, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};

static const struct route routes[] = {
	{ HTTP_GET, "/district", page_district, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district", 0, NULL },
	{ HTTP_GET, "/district/export.xlsx", district_export_xlsx, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_export_xlsx", 0, NULL },
	{ HTTP_GET, "/district/stats", stats_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_stats", 0, NULL },
	{ HTTP_GET, "/district/settings", settings_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_settings", 0, settings_page_fields },
	{ HTTP_POST, "/district/settings", settings_save, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_settings_save", 0, settings_post_fields },
	{ HTTP_GET, "/district/schools", schools_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_schools", 0, NULL },
	{ HTTP_POST, "/district/schools", schools_add, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school_add", 0, school_form_fields },
	{ HTTP_GET, "/district/schools/{school}/edit", school_edit_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school_edit", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/edit", school_edit_save, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school_save", 0, school_form_fields },
	{ HTTP_POST, "/district/schools/{school}/deactivate", school_deactivate, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school_deactivate", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/activate", school_activate, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school_activate", 0, NULL },
	{ HTTP_GET, "/district/years", years_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_years", 0, years_page_fields },
	{ HTTP_POST, "/district/years/open", year_open, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_year_open", 0, year_open_fields },
	{ HTTP_GET, "/district/years/{year}", year_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_year", 0, year_page_fields },
	{ HTTP_POST, "/district/years/{year}", year_save, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_year_save", 0, year_post_fields },
	{ HTTP_GET, "/district/projects", projects_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_projects", 0, (const struct field[])PROJECTS_DISTRICT_PAGE_FIELDS },
	{ HTTP_POST, "/district/projects", projects_district_file, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_project_file", 0, (const struct field[])PROJECTS_DISTRICT_FILE_FIELDS },
	{ HTTP_POST, "/district/projects/{project}/approve", projects_approve, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_project_approve", 0, (const struct field[])PROJECT_APPROVE_FIELDS },
	{ HTTP_POST, "/district/projects/{project}/reject", projects_reject, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_project_reject", 0, (const struct field[])PROJECT_REJECT_FIELDS },
	{ HTTP_GET, "/district/catalogue", catalogue_current, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_current", 0, NULL },
	{ HTTP_GET, "/district/years/{year}/catalogue", catalogue_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue", 0, catalogue_page_fields },
	{ HTTP_GET, "/district/years/{year}/catalogue.xlsx", catalogue_sheet_xlsx, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_xlsx", 0, NULL },
	{ HTTP_GET, "/district/years/{year}/catalogue/print", catalogue_print, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_print", 0, NULL },
	{ HTTP_GET, "/district/years/{year}/catalogue/import", catalogue_import_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_import", 0, NULL },
	{ HTTP_POST, "/district/years/{year}/catalogue/import", catalogue_import_post, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_import_upload", 0, NULL },
	{ HTTP_POST, "/district/years/{year}/catalogue/import/{catalogue_import}/commit", catalogue_import_commit, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_catalogue_import_commit", 0, NULL },
	{ HTTP_GET, "/district/years/{year}/catalogue/new", catalogue_new_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_new", 0, NULL },
	{ HTTP_POST, "/district/years/{year}/catalogue/new", catalogue_new_post, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_create", 0, catalogue_item_fields },
	{ HTTP_POST, "/district/years/{year}/groups", catalogue_group_add, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_group_create", 0, catalogue_group_fields },
	{ HTTP_GET, "/district/items/{item}", catalogue_item_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item", 0, NULL },
	{ HTTP_POST, "/district/items/{item}", catalogue_item_post, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_save", 0, catalogue_item_fields },
	{ HTTP_POST, "/district/items/{item}/move", catalogue_item_move, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_move", 0, catalogue_move_fields },
	{ HTTP_POST, "/district/items/{item}/retire", catalogue_item_retire, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_retire", 0, catalogue_confirm_fields },
	{ HTTP_POST, "/district/items/{item}/restore", catalogue_item_restore, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_item_restore", 0, catalogue_confirm_fields },
	{ HTTP_GET, "/district/groups/{group}", catalogue_group_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_group", 0, catalogue_page_fields },
	{ HTTP_POST, "/district/groups/{group}", catalogue_group_post, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_group_save", 0, catalogue_group_fields },
	{ HTTP_POST, "/district/groups/{group}/items", catalogue_group_items, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_group_items", 0, catalogue_group_items_fields },
	{ HTTP_POST, "/district/groups/{group}/delete", catalogue_group_delete, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_group_delete", 0, catalogue_confirm_fields },
	{ HTTP_GET, "/district/changes", changes_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_changes", 0, changes_fields },
	{ HTTP_GET, "/district/schools/{school}", page_school, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_school", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/confirm", post_confirm, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_confirm", 0, NULL },
	{ HTTP_POST, "/district/schools/{school}/reopen", post_reopen, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_reopen", 0, reopen_fields },
	{ HTTP_POST, "/district/schools/{school}/extend", post_extend, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_extend", 0, extend_fields },
	{ HTTP_GET, "/district/review", page_queue, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_queue", 0, queue_fields },
	{ HTTP_POST, "/district/review/bulk", post_bulk, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_bulk_approve", 0, bulk_fields },
	{ HTTP_GET, "/district/records/{record}", page_record, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_record", 0, NULL },
	{ HTTP_POST, "/district/records/{record}/review", post_review, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_review", 0, review_fields },
	{ HTTP_GET, "/district/teachers/{teacher_year}", page_teacher, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_teacher", 0, NULL },
	/* Printing (issue 15): what the district reads, signs, stamps and files. */
	{ HTTP_GET, "/district/teachers/{teacher_year}/card", page_card, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_card", 0, NULL },
	{ HTTP_GET, "/district/teachers/{teacher_year}/cycle", page_cycle, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_cycle", 0, NULL },
	{ HTTP_GET, "/district/schools/{school}/summary", page_summary, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_summary", 0, NULL },
	{ HTTP_GET, "/district/schools/{school}/points/print", page_points, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_points_print", 0, NULL },
	{ HTTP_GET, "/district/schools/{school}/bundle", page_bundle, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_bundle", 0, (const struct field[])PRINT_BUNDLE_FIELDS },
	/* Notices (通报, issue 15): composed from the data, published to the schools they name. */
	{ HTTP_GET, "/district/notices", notices_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notices", 0, NULL },
	{ HTTP_POST, "/district/notices", notices_create, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice_create", 0, (const struct field[])NOTICE_CREATE_FIELDS },
	{ HTTP_GET, "/district/notices/{notice}", notice_district_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice", 0, NULL },
	{ HTTP_POST, "/district/notices/{notice}", notice_save, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice_save", 0, (const struct field[])NOTICE_SAVE_FIELDS },
	{ HTTP_POST, "/district/notices/{notice}/publish", notice_publish, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice_publish", 0, NULL },
	{ HTTP_POST, "/district/notices/{notice}/delete", notice_delete, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice_delete", 0, NULL },
	{ HTTP_GET, "/district/notices/{notice}/print", notice_print, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_notice_print", 0, NULL },
	/* Training events with sign-in (issue 16): attendance becomes hours. */
	{ HTTP_GET, "/district/events", events_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_events", 0, NULL },
	{ HTTP_POST, "/district/events", events_create, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_create", 0, (const struct field[])EVENT_CREATE_FIELDS },
	{ HTTP_GET, "/district/events/{event}", event_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event", 0, NULL },
	{ HTTP_GET, "/district/events/{event}/signin", event_signin_page, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_signin", 0, (const struct field[])EVENT_SIGNIN_PAGE_FIELDS },
	{ HTTP_POST, "/district/events/{event}/attendance", event_correct, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_correct", 0, (const struct field[])EVENT_CORRECT_FIELDS },
	{ HTTP_POST, "/district/events/{event}/close", event_close, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_close", 0, NULL },
	{ HTTP_GET, "/district/events/{event}/print", event_print, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_print", 0, NULL },
	{ HTTP_GET, "/district/events/{event}/attendance.xlsx", event_xlsx, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "district_event_xlsx", 0, NULL },
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
