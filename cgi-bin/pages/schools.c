/* pages/schools.c - see schools.h */
#include "pages/schools.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/rules.h"
#include "store/audit.h"
#include "store/schools.h"

#include <stdio.h>
#include <string.h>

const char *const school_kinds[] = {
	"kindergarten", "primary", "secondary", "nine_year", "complete", "vocational", "special",
	"teacher_school", "youth_center", "research_center", "adult", "other", NULL
};

static xmlNodePtr
school_node(xmlNodePtr parent, const struct school_row *s)
{
	xmlNodePtr n = xml_node(parent, "school");

	if (n == NULL)
		return NULL;
	xml_attr_int(n, "id", s->id);
	xml_attr(n, "code", s->code);
	xml_attr(n, "kind", s->kind);
	xml_attr(n, "active", s->active ? "1" : "0");
	xml_attr_int(n, "teachers", s->teachers);
	xml_text(n, "name", s->name);
	if (*s->admins)
		xml_text(n, "admins", s->admins);
	return n;
}

/* The list, under the page (the add form, with any error, is the caller's). */
static int
schools_list(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr list = xml_node(root, "schools");
	struct school_row *v;
	size_t n;
	enum db_result r;

	if (list == NULL)
		return 500;
	if ((r = store_schools_all(c->db, c->a, c->user->district_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (school_node(list, &v[i]) == NULL)
			return 500;
	return 200;
}

int
schools_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-schools");
	struct form f;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "school");
	return schools_list(c, root);
}

struct change {
	struct ctx *c;
	long long id;
	const struct school_row *before;
	const char *code, *name, *kind;
	const char *action;
	int active;
};

static enum db_result
audit_school(struct change *k)
{
	struct audit_entry e = { 0 };
	struct audit_json before, after;

	audit_json_begin(&after, k->c->a);
	audit_json_str(&after, "code", k->code);
	audit_json_str(&after, "name", k->name);
	audit_json_str(&after, "kind", k->kind);
	audit_json_int(&after, "active", k->active);
	if (k->before != NULL) {
		audit_json_begin(&before, k->c->a);
		audit_json_str(&before, "code", k->before->code);
		audit_json_str(&before, "name", k->before->name);
		audit_json_str(&before, "kind", k->before->kind);
		audit_json_int(&before, "active", k->before->active);
		e.before = audit_json_end(&before);
		if (e.before == NULL)
			return DB_ERROR;
	}
	e.account_id = k->c->user->id;
	e.district_id = k->c->user->district_id;
	e.action = k->action;
	e.object_type = "school";
	e.object_id = k->id;
	e.after = audit_json_end(&after);
	e.client = k->c->req->remote_addr;
	return e.after != NULL ? audit_write(k->c->db, &e) : DB_ERROR;
}

static enum db_result
add_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r = store_school_insert(db, k->c->user->district_id, k->code, k->name, k->kind,
	    &k->id);

	return r == DB_OK ? audit_school(k) : r;
}

static enum db_result
edit_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r = store_school_update(db, k->id, k->code, k->name, k->kind);

	return r == DB_OK ? audit_school(k) : r;
}

static enum db_result
active_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r = store_school_set_active(db, k->id, k->active);

	return r == DB_OK ? audit_school(k) : r;
}

/* The form's three fields checked beyond their declaration; 0 when all good. */
static int
check_form(struct ctx *c, struct form *f)
{
	if (app_field_present(c, "code") && !rules_code_valid(app_field_text(c, "code")))
		form_error(f, "code", "bad_school_code");
	return f->errors;
}

int
schools_add(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-schools");
	struct form f;
	struct change k;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "school");
	if (check_form(c, &f) == 0) {
		memset(&k, 0, sizeof(k));
		k.c = c;
		k.code = app_field_text(c, "code");
		k.name = app_field_text(c, "name");
		k.kind = school_kinds[app_field_int(c, "kind")];
		k.active = 1;
		k.action = "school_create";
		r = store_tx(c->db, add_tx, &k);
		if (r == DB_OK)
			return app_redirect(c, "/district/schools");
		if (r != DB_CONSTRAINT)
			return app_status(r);
		form_error(&f, "code", "school_taken");
	}
	/* The list again below the form, with the error and what was typed. */
	status = schools_list(c, root);
	return status == 200 ? 422 : status;
}

int
school_edit_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-schools");
	struct school_row s;
	struct form f;
	enum db_result r;
	xmlNodePtr v;

	if (root == NULL)
		return 500;
	if ((r = store_school_row(c->db, c->a, c->id[0], &s)) != DB_OK)
		return app_status(r);
	if (school_node(xml_node(root, "edit"), &s) == NULL)
		return 500;
	form_begin(&f, c, "school");
	if (f.node != NULL) {
		if ((v = xml_text(f.node, "value", s.code)) != NULL)
			xml_attr(v, "name", "code");
		if ((v = xml_text(f.node, "value", s.name)) != NULL)
			xml_attr(v, "name", "name");
		if ((v = xml_text(f.node, "value", s.kind)) != NULL)
			xml_attr(v, "name", "kind");
	}
	return 200;
}

int
school_edit_save(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-schools");
	struct school_row s;
	struct form f;
	struct change k;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((r = store_school_row(c->db, c->a, c->id[0], &s)) != DB_OK)
		return app_status(r);
	if (school_node(xml_node(root, "edit"), &s) == NULL)
		return 500;
	form_begin(&f, c, "school");
	if (check_form(c, &f) != 0)
		return 422;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = s.id;
	k.before = &s;
	k.code = app_field_text(c, "code");
	k.name = app_field_text(c, "name");
	k.kind = school_kinds[app_field_int(c, "kind")];
	k.active = s.active;
	k.action = "school_edit";
	r = store_tx(c->db, edit_tx, &k);
	if (r == DB_CONSTRAINT) {
		form_error(&f, "code", "school_taken");
		return 422;
	}
	return r == DB_OK ? app_redirect(c, "/district/schools") : app_status(r);
}

static int
set_active(struct ctx *c, int active)
{
	struct school_row s;
	struct change k;
	enum db_result r;

	if ((r = store_school_row(c->db, c->a, c->id[0], &s)) != DB_OK)
		return app_status(r);
	/* A school with teachers on this year's roster: they move or leave first. */
	if (!active && s.teachers > 0) {
		xmlNodePtr root = app_page(c, "district-schools");
		int status;
		if (root == NULL)
			return 500;
		xml_attr(xml_node(root, "refused"), "code", "school_has_teachers");
		status = schools_list(c, root);
		return status == 200 ? 409 : status;
	}
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = s.id;
	k.before = &s;
	k.code = s.code;
	k.name = s.name;
	k.kind = s.kind;
	k.active = active;
	k.action = active ? "school_activate" : "school_deactivate";
	if ((r = store_tx(c->db, active_tx, &k)) != DB_OK)
		return app_status(r);
	return app_redirect(c, "/district/schools");
}

int
school_deactivate(struct ctx *c)
{
	return set_active(c, 0);
}

int
school_activate(struct ctx *c)
{
	return set_active(c, 1);
}
