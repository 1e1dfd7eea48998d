/*
 * roster.c - GET /school/roster: the school's teachers this year with their
 * details, category, status and receiving unit; ?q= searches name, staff
 * number, phone and the ID number's last digits. ID numbers are masked:
 * the first 4 and last 4 characters only. The rows come from store/roster;
 * the writes run in one store_tx each with their audit row.
 */
#include "pages/roster.h"

#include "core/app.h"
#include "core/render.h"
#include "store/audit.h"
#include "store/roster.h"

#include <stdio.h>
#include <string.h>

static int roster_page_into(struct ctx *c, xmlNodePtr root, const char *q);

int
roster_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster");

	return root == NULL ? 500 : roster_page_into(c, root, app_field_text(c, "q"));
}

static int
roster_page_into(struct ctx *c, xmlNodePtr root, const char *q)
{
	struct roster_teacher *v;
	struct roster_school *sv;
	size_t n, ns;
	xmlNodePtr list, schools;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((r = store_roster_list(c->db, c->a, c->user->school_id, q, &v, &n)) != DB_OK ||
	    (r = store_roster_other_schools(c->db, c->a, c->user->district_id, c->user->school_id,
	    &sv, &ns)) != DB_OK)
		return app_status(r);
	if ((list = xml_node(root, "roster")) == NULL)
		return 500;
	xml_text(list, "q", q);
	for (size_t i = 0; i < n; i++) {
		const struct roster_teacher *rt = &v[i];
		xmlNodePtr t = xml_node(list, "teacher");
		const char *id = rt->id_number, *ph = rt->phone;
		char masked[32], pm[32] = "";

		if (strlen(id) == 18)
			snprintf(masked, sizeof(masked), "%.4s**********%s", id, id + 14);
		else
			masked[0] = '\0';
		xml_attr_int(t, "teacher-year", rt->teacher_year_id);
		xml_attr(t, "gender", rt->gender);
		xml_attr(t, "id-masked", masked);
		xml_attr(t, "staff-no", rt->staff_no);
		/* Mobile numbers are masked as on the page; only the edit form shows them whole. */
		if (strlen(ph) == 11)
			snprintf(pm, sizeof(pm), "%.3s****%s", ph, ph + 7);
		else if (*ph)
			snprintf(pm, sizeof(pm), "****");
		xml_attr(t, "phone-masked", pm);
		xml_attr(t, "category", rt->category);
		xml_attr(t, "status", rt->status);
		xml_attr(t, "active", rt->active ? "1" : "0");
		xml_text(t, "name", rt->name);
		xml_text(t, "subject", rt->subject);
		xml_text(t, "title", rt->title);
		if (*rt->receiving_unit)
			xml_text(t, "receiving-unit", rt->receiving_unit);
	}
	xml_attr_int(list, "count", (long long)n);
	/* the other schools of the district, for transfers */
	if ((schools = xml_node(root, "schools")) == NULL)
		return 500;
	for (size_t i = 0; i < ns; i++)
		xml_attr_int(xml_text(schools, "school", sv[i].name), "id", sv[i].id);
	return 200;
}

static enum db_result
audit_roster(struct db *db, struct ctx *c, const char *action, long long ty, const char *after)
{
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = action;
	e.object_type = "teacher_year";
	e.object_id = ty;
	e.after = after;
	e.client = c->req->remote_addr;
	if (after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

static int
refuse(struct ctx *c, int status, const char *code)
{
	xmlNodePtr root = app_page(c, "roster");
	int st;

	if (root == NULL)
		return 500;
	xml_attr(xml_node(root, "refused"), "code", code);
	if ((st = roster_page_into(c, root, "")) != 200)
		return st;
	return status;
}

/* One roster write: the teacher-year (the path's), its teacher and year. */
struct move {
	struct ctx *c;
	long long ty, teacher, year, target;
	int active;
};

/* Deactivate or reactivate, the change row and the audit row, in one transaction. */
static enum db_result
set_active_tx(struct db *db, void *arg)
{
	struct move *m = arg;
	struct ctx *c = m->c;
	struct audit_json j;
	int changed;
	enum db_result r = store_roster_set_active(db, m->teacher, m->active, &changed);

	if (r != DB_OK || !changed)
		return r;
	if ((r = store_roster_change_add(db, m->year, c->user->school_id, m->teacher,
	    m->active ? "rejoined" : "left", 0, app_field_text(c, "note"), c->user->id)) != DB_OK)
		return r;
	audit_json_begin(&j, c->a);
	audit_json_int(&j, "active", m->active);
	return audit_roster(db, c, m->active ? "roster_reactivate" : "roster_deactivate", m->ty,
	    audit_json_end(&j));
}

/* POST /school/roster/{teacher_year}/deactivate and /reactivate: the teacher leaves (or comes back); history stays. */
static int
set_active(struct ctx *c, int active)
{
	struct move m = { c, c->id[0], 0, 0, 0, active };
	int open = 0;
	enum db_result r = store_roster_teacher_year(c->db, m.ty, &m.teacher, &m.year, &open);

	if (r != DB_OK)
		return app_status(r);
	if (!open)
		return refuse(c, 409, "year_locked");
	if ((r = store_tx(c->db, set_active_tx, &m)) != DB_OK)
		return app_status(r);
	return app_redirect(c, "/school/roster");
}

int
roster_deactivate(struct ctx *c)
{
	return set_active(c, 0);
}

int
roster_reactivate(struct ctx *c)
{
	return set_active(c, 1);
}

/* The transfer, both change rows and the audit row, in one transaction. */
static enum db_result
transfer_tx(struct db *db, void *arg)
{
	struct move *m = arg;
	struct ctx *c = m->c;
	const char *note = app_field_text(c, "note");
	struct audit_json j;
	enum db_result r;

	if ((r = store_roster_transfer(db, m->ty, m->teacher, c->user->school_id, m->target)) != DB_OK ||
	    (r = store_roster_change_add(db, m->year, c->user->school_id, m->teacher, "transfer_out",
	    m->target, note, c->user->id)) != DB_OK ||
	    (r = store_roster_change_add(db, m->year, m->target, m->teacher, "transfer_in",
	    c->user->school_id, note, c->user->id)) != DB_OK)
		return r;
	audit_json_begin(&j, c->a);
	audit_json_int(&j, "school_id", m->target);
	return audit_roster(db, c, "roster_transfer", m->ty, audit_json_end(&j));
}

/*
 * POST /school/roster/{teacher_year}/transfer, field school: the teacher's
 * current year moves to another active school of the district with its
 * records; earlier years stay with the schools they were in. Both schools'
 * years must be open.
 */
int
roster_transfer(struct ctx *c)
{
	struct move m = { c, c->id[0], 0, 0, app_field_int(c, "school"), 0 };
	int open = 0, target_open = 0;
	enum db_result r = store_roster_teacher_year(c->db, m.ty, &m.teacher, &m.year, &open);

	if (r != DB_OK)
		return app_status(r);
	r = store_roster_target(c->db, m.year, m.target, c->user->district_id, c->user->school_id,
	    &target_open);
	if (r == DB_NOTFOUND)
		return refuse(c, 422, "transfer_bad_school");
	if (r != DB_OK)
		return app_status(r);
	if (!open || !target_open)
		return refuse(c, 409, "year_locked");
	if ((r = store_tx(c->db, transfer_tx, &m)) != DB_OK)
		return app_status(r);
	return app_redirect(c, "/school/roster");
}
