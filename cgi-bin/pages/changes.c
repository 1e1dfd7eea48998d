/*
 * changes.c - the roster's changes (see changes.h): the lists through
 * store/roster_change, reporting in one transaction with its audit row.
 */
#include "pages/changes.h"

#include "core/app.h"
#include "core/render.h"
#include "store/audit.h"
#include "store/roster_change.h"

#include <string.h>

/* <changes> of one school (school > 0) or of the district's schools. */
static int
changes_list(struct ctx *c, xmlNodePtr root, long long school, long long district)
{
	struct roster_change *v;
	size_t n, unreported = 0;
	xmlNodePtr list;
	enum db_result r = store_roster_changes(c->db, c->a, school, district,
	    district > 0 ? app_field_int(c, "school") : 0, &v, &n);

	if (r != DB_OK)
		return app_status(r);
	if ((list = xml_node(root, "changes")) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr ch = xml_node(list, "change");
		xml_attr_int(ch, "id", v[i].id);
		xml_attr(ch, "kind", v[i].kind);
		xml_attr(ch, "at", v[i].at);
		if (v[i].reported_at != NULL)
			xml_attr(ch, "reported", v[i].reported_at);
		else
			unreported++;
		xml_attr(ch, "staff-no", v[i].staff_no);
		xml_attr_int(ch, "school-id", v[i].school_id);
		if (v[i].import_id > 0)
			xml_attr_int(ch, "import", v[i].import_id);
		if (v[i].teacher_year_id > 0)
			xml_attr_int(ch, "teacher-year", v[i].teacher_year_id);
		xml_text(ch, "teacher", v[i].teacher);
		xml_text(ch, "school", v[i].school);
		if (*v[i].other_school)
			xml_text(ch, "other-school", v[i].other_school);
	}
	xml_attr_int(list, "count", (long long)n);
	xml_attr_int(list, "unreported", (long long)unreported);
	return 200;
}

int
changes_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "changes");

	if (root == NULL)
		return 500;
	xml_attr(root, "scope", "school");
	return changes_list(c, root, c->user->school_id, 0);
}

struct report {
	struct ctx *c;
};

/* The report and its audit row, in one transaction (store_tx). */
static enum db_result
report_tx(struct db *db, void *arg)
{
	struct ctx *c = ((struct report *)arg)->c;
	struct audit_entry e = { 0 };
	struct audit_json j;
	int changes;
	enum db_result r = store_roster_changes_report(db, c->user->school_id,
	    c->user->district_id, c->user->id, &changes);

	if (r != DB_OK || changes == 0)
		return r;
	audit_json_begin(&j, c->a);
	audit_json_int(&j, "reported", changes);
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = "roster_changes_report";
	e.object_type = "school";
	e.object_id = c->user->school_id;
	if ((e.after = audit_json_end(&j)) == NULL)
		return DB_ERROR;
	e.client = c->req->remote_addr;
	return audit_write(db, &e);
}

int
changes_school_report(struct ctx *c)
{
	struct report rep = { c };
	enum db_result r = store_tx(c->db, report_tx, &rep);

	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, "/school/roster/changes");
}

int
changes_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "changes");

	if (root == NULL)
		return 500;
	xml_attr(root, "scope", "district");
	return changes_list(c, root, 0, c->user->district_id);
}
