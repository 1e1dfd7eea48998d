/* pages/projects.c - see projects.h */
#include "pages/projects.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/rules.h"
#include "store/audit.h"
#include "store/project.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const project_levels[] = { "school", "district", "city", "province", "national", NULL };
const char *const project_states[] = { "filed", "approved", "rejected", NULL };

static int
project_node(struct ctx *c, xmlNodePtr list, const struct project_row *p)
{
	xmlNodePtr n = xml_node(list, "project");

	if (n == NULL)
		return -1;
	xml_attr_int(n, "id", p->id);
	xml_attr(n, "state", p->state);
	if (p->item_id > 0) {
		xml_attr_int(n, "item", p->item_id);
		xml_attr(n, "item-code", p->item_code);
		xml_attr(n, "item-rule", p->item_rule);
	}
	if (*p->level)
		xml_attr(n, "level", p->level);
	if (*p->starts_on)
		xml_attr(n, "starts", p->starts_on);
	if (*p->ends_on)
		xml_attr(n, "ends", p->ends_on);
	if (p->hours_tenths > 0) {
		xml_attr_int(n, "hours-tenths", p->hours_tenths);
		xml_attr(n, "hours", app_hours(c, p->hours_tenths));
	}
	if (p->expected > 0)
		xml_attr_int(n, "expected", p->expected);
	if (p->class_size > 0)
		xml_attr_int(n, "class-size", p->class_size);
	/* The quota that holds: the project's own, else its item's. */
	if (p->quota_percent >= 0) {
		xml_attr_int(n, "quota-percent", p->quota_percent);
		xml_attr(n, "quota-from", "project");
	} else if (p->item_quota_percent >= 0 && strcmp(p->item_rule, "trainee_multiplier") == 0) {
		xml_attr_int(n, "quota-percent", p->item_quota_percent);
		xml_attr(n, "quota-from", "item");
	}
	if (*p->approval_no)
		xml_attr(n, "approval-no", p->approval_no);
	xml_attr(n, "by", p->school_id > 0 ? "school" : "district");
	if (p->school_id > 0) {
		xml_attr_int(n, "school", p->school_id);
		if (c->user->school_id == p->school_id)
			xml_attr(n, "mine", "yes");
	}
	if (*p->filed_at)
		xml_attr(n, "filed-at", p->filed_at);
	if (*p->decided_at)
		xml_attr(n, "decided-at", p->decided_at);
	xml_attr_int(n, "records", p->records);
	xml_text(n, "name", p->name);
	if (*p->organiser)
		xml_text(n, "organiser", p->organiser);
	if (*p->item_name)
		xml_text(n, "item-name", p->item_name);
	if (*p->school_name)
		xml_text(n, "school-name", p->school_name);
	if (*p->filed_by)
		xml_text(n, "filed-by", p->filed_by);
	if (*p->decided_by)
		xml_text(n, "decided-by", p->decided_by);
	if (*p->reject_reason)
		xml_text(n, "reject-reason", p->reject_reason);
	return 0;
}

/*
 * The page's lists: the items a project may credit (the form's choices)
 * and the projects (school 0: all, by ?state=; else the school's filings
 * and the approved ones). *year gets the current school year.
 */
static int
lists(struct ctx *c, xmlNodePtr root, long long school, const char *state, long long *year)
{
	struct project_item *items;
	struct project_row *v;
	size_t nitems, n;
	xmlNodePtr il, pl;
	enum db_result r;

	*year = 0;
	if ((r = store_project_year(c->db, c->user->district_id, year)) == DB_NOTFOUND) {
		xml_attr(xml_node(root, "refused"), "code", "no_current_year");
		return 200;
	}
	if (r != DB_OK)
		return app_status(r);
	xml_attr_int(root, "year", *year);
	if ((il = xml_node(root, "items")) == NULL || (pl = xml_node(root, "projects")) == NULL)
		return 500;
	if ((r = store_project_items(c->db, c->a, *year, &items, &nitems)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < nitems; i++) {
		xmlNodePtr it = xml_text(il, "item", items[i].name);
		if (it == NULL)
			return 500;
		xml_attr_int(it, "id", items[i].id);
		xml_attr(it, "code", items[i].code);
		xml_attr(it, "rule", items[i].rule_type);
		if (items[i].trainee)
			xml_attr(it, "trainee", "yes");
		if (items[i].quota_percent >= 0)
			xml_attr_int(it, "quota-percent", items[i].quota_percent);
	}
	if (state != NULL)
		xml_attr(pl, "state", state);
	if ((r = store_projects_of_year(c->db, c->a, *year, school, state, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (project_node(c, pl, &v[i]) != 0)
			return 500;
	return 200;
}

int
projects_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "projects");
	long long year;
	struct form f;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "school");
	if (c->user->role == ROLE_NAME_SCHOOL_ADMIN)
		form_begin(&f, c, "project");
	return lists(c, root, c->user->school_id, NULL, &year);
}

/* Echo a stored value into the form as if it had been typed. */
static void
echo(struct form *f, const char *name, const char *value)
{
	xmlNodePtr v;

	if (value != NULL && *value && f->node != NULL && (v = xml_text(f->node, "value", value)) != NULL)
		xml_attr(v, "name", name);
}

/*
 * GET /school/projects/{project}: one of the school's filings (the core
 * checked it is the school's), with the list; the admin gets the edit form
 * filled in while it is filed.
 */
int
projects_school_one(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "projects");
	struct project_row p;
	struct form f;
	long long year;
	enum db_result r;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "school");
	if ((r = store_project_get(c->db, c->a, c->id[0], &p)) != DB_OK)
		return app_status(r);
	if (project_node(c, xml_node(root, "edit"), &p) != 0)
		return 500;
	if (c->user->role == ROLE_NAME_SCHOOL_ADMIN && strcmp(p.state, "filed") == 0) {
		form_begin(&f, c, "project");
		if (f.node != NULL) {
			xml_attr_int(f.node, "project", p.id);
			echo(&f, "name", p.name);
			echo(&f, "organiser", p.organiser);
			echo(&f, "level", p.level);
			echo(&f, "item", p.item_id > 0 ? arena_printf(c->a, "%lld", p.item_id) : "");
			echo(&f, "starts_on", p.starts_on);
			echo(&f, "ends_on", p.ends_on);
			echo(&f, "hours", p.hours_tenths > 0 ? app_hours(c, p.hours_tenths) : "");
			echo(&f, "expected", p.expected > 0 ? arena_printf(c->a, "%lld", p.expected) : "");
			echo(&f, "class_size", p.class_size > 0 ? arena_printf(c->a, "%lld", p.class_size) : "");
			echo(&f, "quota", p.quota_percent >= 0 ? arena_printf(c->a, "%lld", p.quota_percent) : "");
		}
	}
	return lists(c, root, c->user->school_id, NULL, &year);
}

int
projects_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "projects");
	const char *state = app_field_present(c, "state") ?
	    project_states[app_field_int(c, "state")] : NULL;
	long long year;
	struct form f;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if (c->field_errors > 0)
		return 404; /* ?state= that is no state */
	form_begin(&f, c, "project");
	return lists(c, root, 0, state, &year);
}

/* ------------------------------------------------------------ the writes */

struct change {
	struct ctx *c;
	long long id;
	struct project_write w;
	const char *approval_no, *reason, *at;
	int approve;               /* the district approves its own filing at once */
	const char *action;        /* project_file, project_approve, project_reject */
	const struct project_row *before;
	enum db_result decided;    /* the decision's own result (DB_NOTFOUND: not filed) */
};

static enum db_result
audit_project(struct change *k, const char *state)
{
	struct ctx *c = k->c;
	struct audit_entry e = { 0 };
	struct audit_json before, after;

	audit_json_begin(&after, c->a);
	audit_json_str(&after, "state", state);
	if (k->before == NULL) {
		audit_json_str(&after, "name", k->w.name);
		audit_json_str(&after, "organiser", k->w.organiser);
		audit_json_str(&after, "level", k->w.level);
		audit_json_int(&after, "item", k->w.item_id);
		audit_json_str(&after, "starts_on", k->w.starts_on);
		audit_json_str(&after, "ends_on", k->w.ends_on);
		audit_json_int(&after, "hours_tenths", k->w.hours_tenths);
		if (k->w.expected > 0)
			audit_json_int(&after, "expected", k->w.expected);
		if (k->w.class_size > 0)
			audit_json_int(&after, "class_size", k->w.class_size);
		if (k->w.quota_percent >= 0)
			audit_json_int(&after, "quota_percent", k->w.quota_percent);
		if (k->w.school_id > 0)
			audit_json_int(&after, "school", k->w.school_id);
	} else {
		audit_json_begin(&before, c->a);
		audit_json_str(&before, "state", k->before->state);
		if ((e.before = audit_json_end(&before)) == NULL)
			return DB_ERROR;
	}
	if (k->approval_no != NULL)
		audit_json_str(&after, "approval_no", k->approval_no);
	if (k->reason != NULL)
		audit_json_str(&after, "reason", k->reason);
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = k->action;
	e.object_type = "training_project";
	e.object_id = k->id;
	e.after = audit_json_end(&after);
	e.client = c->req->remote_addr;
	return e.after != NULL ? audit_write(c->db, &e) : DB_ERROR;
}

static enum db_result
file_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r = store_project_insert(db, &k->w, &k->id);

	if (r != DB_OK || (r = audit_project(k, "filed")) != DB_OK)
		return r;
	if (!k->approve)
		return DB_OK;
	/* The district's own project, approved as it is filed: two audit rows. */
	k->action = "project_approve";
	if ((k->decided = store_project_approve(db, k->id, k->approval_no, k->c->user->id, k->at)) != DB_OK)
		return k->decided;
	return audit_project(k, "approved");
}

static enum db_result
edit_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r = store_project_update(db, k->id, &k->w);

	k->decided = r;
	if (r != DB_OK)
		return r;
	k->before = NULL; /* the audit row carries the new values */
	return audit_project(k, "filed");
}

static enum db_result
decide_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r;

	if (strcmp(k->action, "project_approve") == 0)
		r = store_project_approve(db, k->id, k->approval_no, k->c->user->id, k->at);
	else
		r = store_project_reject(db, k->id, k->reason, k->c->user->id, k->at);
	k->decided = r;
	if (r != DB_OK)
		return r;
	return audit_project(k, strcmp(k->action, "project_approve") == 0 ? "approved" : "rejected");
}

/* The declared field name was not refused by the core (absent counts as ok). */
static int
field_ok(struct ctx *c, const char *name)
{
	const struct field *fs = c->route->fields;

	for (int i = 0; fs != NULL && fs[i].name != NULL && i < APP_MAX_FIELDS; i++)
		if (strcmp(fs[i].name, name) == 0)
			return c->fv[i].ok;
	return 1;
}

/*
 * The filing's fields beyond their declaration, into k->w: the item is one
 * of the year's that a project may credit, the dates are in order, the
 * hours parse, a trainee class has its size. Errors go to f.
 */
static void
check_filing(struct ctx *c, struct form *f, long long year, struct change *k)
{
	int trainee = 0;
	enum db_result r;

	k->w.year_id = year;
	k->w.name = app_field_text(c, "name");
	k->w.organiser = app_field_text(c, "organiser");
	k->w.level = app_field_present(c, "level") ? project_levels[app_field_int(c, "level")] : "";
	k->w.item_id = app_field_int(c, "item");
	k->w.starts_on = app_field_text(c, "starts_on");
	k->w.ends_on = app_field_text(c, "ends_on");
	k->w.expected = app_field_present(c, "expected") ? app_field_int(c, "expected") : 0;
	k->w.class_size = app_field_present(c, "class_size") ? app_field_int(c, "class_size") : 0;
	k->w.quota_percent = app_field_present(c, "quota") ? app_field_int(c, "quota") : -1;
	k->w.filed_by = c->user->id;
	k->w.at = k->at;
	if (app_field_present(c, "item")) {
		r = store_project_item(c->db, year, k->w.item_id, &trainee);
		if (r == DB_NOTFOUND)
			form_error(f, "item", "project_item_invalid");
		else if (r != DB_OK)
			form_error(f, "item", "invalid");
	}
	if (app_field_present(c, "starts_on") && app_field_present(c, "ends_on") &&
	    strcmp(k->w.ends_on, k->w.starts_on) < 0)
		form_error(f, "ends_on", "ends_before_start");
	if (app_field_present(c, "hours")) {
		long long t = rules_hours_parse(app_field_text(c, "hours"));
		if (t <= 0 || t > 100000)
			form_error(f, "hours", "bad_hours");
		else
			k->w.hours_tenths = t;
	}
	/* A trainee class: its size keeps the excellent-trainee quota (125% rule). */
	if (trainee && !app_field_present(c, "class_size") && field_ok(c, "class_size"))
		form_error(f, "class_size", "class_size_required");
}

/* Approval number: given, and not another project's of the year. */
static void
check_number(struct ctx *c, struct form *f, long long year, const char *no, long long except)
{
	enum db_result r;

	if (no == NULL || *no == '\0') {
		form_error(f, "approval_no", "approval_no_required");
		return;
	}
	if ((r = store_project_number_taken(c->db, year, no, except)) == DB_OK)
		form_error(f, "approval_no", "approval_no_taken");
	else if (r != DB_NOTFOUND)
		form_error(f, "approval_no", "invalid");
}

static int
file(struct ctx *c, int district)
{
	xmlNodePtr root = app_page(c, "projects");
	struct change k;
	struct form f;
	long long year = 0;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", district ? "district" : "school");
	form_begin(&f, c, "project");
	if ((status = lists(c, root, district ? 0 : c->user->school_id, NULL, &year)) != 200)
		return status;
	if (year == 0)
		return 409;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.at = app_now_text(c);
	k.action = "project_file";
	k.w.school_id = district ? 0 : c->user->school_id;
	check_filing(c, &f, year, &k);
	if (district && app_field_present(c, "approve")) {
		k.approve = 1;
		k.approval_no = app_field_text(c, "approval_no");
		if (field_ok(c, "approval_no"))
			check_number(c, &f, year, k.approval_no, 0);
	}
	if (f.errors > 0)
		return 422;
	r = store_tx(c->db, file_tx, &k);
	if (r == DB_CONSTRAINT && k.approve && k.decided == DB_CONSTRAINT) {
		form_error(&f, "approval_no", "approval_no_taken"); /* taken meanwhile */
		return 422;
	}
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, district ? "/district/projects" : "/school/projects");
}

/* POST /school/projects/{project}/edit: a filing changed while it waits for the district. */
int
projects_school_edit(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "projects");
	struct project_row p;
	struct change k;
	struct form f;
	long long year = 0;
	enum db_result r;
	int status;
	char back[64];

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "school");
	if ((r = store_project_get(c->db, c->a, c->id[0], &p)) != DB_OK)
		return app_status(r);
	if (project_node(c, xml_node(root, "edit"), &p) != 0)
		return 500;
	form_begin(&f, c, "project");
	if (f.node != NULL)
		xml_attr_int(f.node, "project", p.id);
	if ((status = lists(c, root, c->user->school_id, NULL, &year)) != 200)
		return status;
	if (strcmp(p.state, "filed") != 0) {
		form_error(&f, "project", "project_decided");
		return 409;
	}
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = p.id;
	k.at = app_now_text(c);
	k.action = "project_edit";
	k.w.school_id = p.school_id;
	check_filing(c, &f, p.year_id, &k);
	if (f.errors > 0)
		return 422;
	r = store_tx(c->db, edit_tx, &k);
	if (r == DB_NOTFOUND) { /* decided meanwhile */
		form_error(&f, "project", "project_decided");
		return 409;
	}
	if (r != DB_OK)
		return app_status(r);
	snprintf(back, sizeof(back), "/school/projects/%lld", p.id);
	return app_redirect(c, back);
}

int
projects_school_file(struct ctx *c)
{
	return file(c, 0);
}

int
projects_district_file(struct ctx *c)
{
	return file(c, 1);
}

/* Approve or reject c->id[0] (the core checked it is the district's). */
static int
decide(struct ctx *c, const char *action)
{
	xmlNodePtr root = app_page(c, "projects");
	struct project_row p;
	struct change k;
	struct form f;
	long long year = 0;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if ((r = store_project_get(c->db, c->a, c->id[0], &p)) != DB_OK)
		return app_status(r);
	form_begin(&f, c, "decide");
	if (f.node != NULL) {
		xml_attr_int(f.node, "project", p.id);
		xml_attr(f.node, "action", strcmp(action, "project_approve") == 0 ? "approve" : "reject");
	}
	if ((status = lists(c, root, 0, NULL, &year)) != 200)
		return status;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = p.id;
	k.at = app_now_text(c);
	k.action = action;
	k.before = &p;
	if (strcmp(p.state, "filed") != 0) {
		form_error(&f, "project", "project_decided");
		return 409;
	}
	if (strcmp(action, "project_approve") == 0) {
		k.approval_no = app_field_text(c, "approval_no");
		if (!app_field_present(c, "approval_no")) {
			if (field_ok(c, "approval_no"))
				form_error(&f, "approval_no", "approval_no_required");
		} else
			check_number(c, &f, p.year_id, k.approval_no, p.id);
	} else {
		k.reason = app_field_text(c, "reason");
		if (!app_field_present(c, "reason") && field_ok(c, "reason"))
			form_error(&f, "reason", "reject_reason_required");
	}
	if (f.errors > 0)
		return 422;
	r = store_tx(c->db, decide_tx, &k);
	if (r == DB_NOTFOUND) { /* decided meanwhile */
		form_error(&f, "project", "project_decided");
		return 409;
	}
	if (r == DB_CONSTRAINT && k.approval_no != NULL) {
		form_error(&f, "approval_no", "approval_no_taken");
		return 422;
	}
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, "/district/projects");
}

int
projects_approve(struct ctx *c)
{
	return decide(c, "project_approve");
}

int
projects_reject(struct ctx *c)
{
	return decide(c, "project_reject");
}
