/* pages/districts.c - see districts.h */
#include "pages/districts.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/rules.h"
#include "store/audit.h"
#include "store/district.h"
#include "store/settings.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const district_sources[] = { "blank", "wutongqiao", "wuhua", NULL };

static int
districts_list(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr list = xml_node(root, "districts");
	struct district_listed *v;
	size_t n;
	enum db_result r;

	if (list == NULL)
		return 500;
	if ((r = store_districts_all(c->db, c->a, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr d = xml_node(list, "district");
		if (d == NULL)
			return 500;
		xml_attr_int(d, "id", v[i].id);
		xml_attr(d, "code", v[i].code);
		xml_attr_int(d, "schools", v[i].schools);
		if (*v[i].year)
			xml_attr(d, "year", v[i].year);
		xml_text(d, "name", v[i].name);
		xml_text(d, "authority", v[i].authority);
		if (*v[i].admins)
			xml_text(d, "admins", v[i].admins);
	}
	return 200;
}

int
districts_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "districts");
	struct form f;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "district");
	return districts_list(c, root);
}

struct creation {
	struct ctx *c;
	struct district_new in;
	long long district_id, year_id;
};

static enum db_result
create_tx(struct db *db, void *arg)
{
	struct creation *k = arg;
	struct district_settings s;
	enum db_result r = store_district_new(db, k->c->a, &k->in, &k->district_id, &k->year_id);

	/* The authority's name, where one was given (the command line leaves it to the settings). */
	if (r != DB_OK || !app_field_present(k->c, "authority"))
		return r;
	if ((r = store_district_settings(db, k->c->a, k->district_id, &s)) != DB_OK)
		return r;
	s.authority = app_field_text(k->c, "authority");
	return store_district_settings_set(db, &s);
}

int
districts_create(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "districts");
	const char *from, *label;
	struct catalogue cat;
	struct creation k;
	struct form f;
	char starts[16], ends[16], year[16];
	enum db_result r;
	int status, first;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "district");
	if (app_field_present(c, "code") && !rules_code_valid(app_field_text(c, "code")))
		form_error(&f, "code", "bad_district_code");
	label = app_field_text(c, "label");
	if (app_field_present(c, "label") && rules_year_label(label) < 0)
		form_error(&f, "label", "bad_year_label");
	if (f.errors > 0)
		goto refused;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.in.code = app_field_text(c, "code");
	k.in.name = app_field_text(c, "name");
	k.in.year_start_md = "07-01";
	k.in.self_registration = 1;
	k.in.client = c->req->remote_addr;
	k.in.account_id = c->user->id;
	from = district_sources[app_field_int(c, "from")];
	k.in.from_name = from;
	if (strcmp(from, "blank") != 0) {
		if ((r = store_preset_catalogue(c->cfg->datadir, c->a, from, &cat, &k.in.year_start_md,
		    &k.in.self_registration)) != DB_OK)
			return r == DB_NOTFOUND ? 500 : app_status(r);
		k.in.from = &cat;
	}
	if (app_field_present(c, "label"))
		first = rules_year_label(label);
	else {
		/* The school year today falls in (China's time: a new district's default). */
		time_t t = (time_t)(c->now + 8 * 3600);
		struct tm tm;
		char today[16];
		if (gmtime_r(&t, &tm) == NULL)
			return 500;
		snprintf(today, sizeof(today), "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
		    (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
		first = tm.tm_year + 1900 - (strcmp(today + 5, k.in.year_start_md) < 0);
		snprintf(year, sizeof(year), "%04d-%04d", first % 10000, (first + 1) % 10000);
		label = year;
	}
	if (rules_year_bounds(first, k.in.year_start_md, starts, ends) != 0)
		return 500;
	k.in.label = label;
	k.in.starts_on = starts;
	k.in.ends_on = ends;
	if ((r = store_tx(c->db, create_tx, &k)) == DB_CONSTRAINT) {
		form_error(&f, "code", "district_taken");
		goto refused;
	}
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, "/admin/districts");
refused:
	status = districts_list(c, root);
	return status == 200 ? 422 : status;
}

/* The district of the path, and its form. */
static int
rename_doc(struct ctx *c, xmlNodePtr *root, struct district_settings *s)
{
	enum db_result r;
	xmlNodePtr d;

	if ((*root = app_page(c, "districts")) == NULL)
		return 500;
	if ((r = store_district_settings(c->db, c->a, c->id[0], s)) != DB_OK)
		return app_status(r);
	if ((d = xml_node(xml_node(*root, "edit"), "district")) == NULL)
		return 500;
	xml_attr_int(d, "id", s->id);
	xml_attr(d, "code", s->code);
	xml_text(d, "name", s->name);
	return 200;
}

int
district_rename_page(struct ctx *c)
{
	struct district_settings s;
	xmlNodePtr root, v;
	struct form f;
	int status = rename_doc(c, &root, &s);

	if (status != 200)
		return status;
	form_begin(&f, c, "district");
	if (f.node != NULL) {
		if ((v = xml_text(f.node, "value", s.name)) != NULL)
			xml_attr(v, "name", "name");
		if ((v = xml_text(f.node, "value", s.authority)) != NULL)
			xml_attr(v, "name", "authority");
	}
	return 200;
}

struct renaming {
	struct ctx *c;
	struct district_settings *s;
	const char *old_name, *old_authority;
};

static enum db_result
rename_tx(struct db *db, void *arg)
{
	struct renaming *k = arg;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r;

	if ((r = store_district_settings_set(db, k->s)) != DB_OK)
		return r;
	audit_json_begin(&before, k->c->a);
	audit_json_str(&before, "name", k->old_name);
	audit_json_str(&before, "authority", k->old_authority);
	audit_json_begin(&after, k->c->a);
	audit_json_str(&after, "name", k->s->name);
	audit_json_str(&after, "authority", k->s->authority);
	e.account_id = k->c->user->id;
	e.district_id = k->s->id;
	e.action = "district_rename";
	e.object_type = "district";
	e.object_id = k->s->id;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = k->c->req->remote_addr;
	return e.before != NULL && e.after != NULL ? audit_write(db, &e) : DB_ERROR;
}

int
district_rename(struct ctx *c)
{
	struct district_settings s;
	struct renaming k;
	xmlNodePtr root;
	struct form f;
	enum db_result r;
	int status = rename_doc(c, &root, &s);

	if (status != 200)
		return status;
	form_begin(&f, c, "district");
	if (f.errors > 0)
		return 422;
	k.c = c;
	k.s = &s;
	k.old_name = s.name;
	k.old_authority = s.authority;
	s.name = app_field_text(c, "name");
	s.authority = app_field_text(c, "authority");
	if ((r = store_tx(c->db, rename_tx, &k)) == DB_CONSTRAINT) {
		form_error(&f, "name", "invalid");
		return 422;
	}
	return r == DB_OK ? app_redirect(c, "/admin/districts") : app_status(r);
}
