/* pages/years.c - see years.h */
#include "pages/years.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/rules.h"
#include "store/audit.h"
#include "store/policy.h"
#include "store/settings.h"
#include "store/year.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const year_points_readings[] = { "quarters", "year_total", NULL };

/* <year .../> with what the page shows of it. */
static xmlNodePtr
year_node(xmlNodePtr parent, const struct year_policy *p)
{
	xmlNodePtr y = xml_node(parent, "year");

	if (y == NULL)
		return NULL;
	xml_attr_int(y, "id", p->year_id);
	xml_attr(y, "label", p->label);
	xml_attr(y, "starts", p->starts_on);
	xml_attr(y, "ends", p->ends_on);
	if (p->is_current)
		xml_attr(y, "current", "1");
	if (*p->register_deadline)
		xml_attr(y, "register-deadline", p->register_deadline);
	if (*p->school_review_deadline)
		xml_attr(y, "school-review-deadline", p->school_review_deadline);
	if (*p->district_review_deadline)
		xml_attr(y, "district-review-deadline", p->district_review_deadline);
	xml_attr_int(y, "schools", p->schools);
	xml_attr_int(y, "confirmed", p->confirmed);
	if (!p->has_policy)
		xml_attr(y, "no-policy", "1");
	return y;
}

/*
 * The district's years under root, and <next label starts ends/>: the year
 * after the current one, bounded by the district's first day of the year.
 * *cur is the current year (year_id 0 when there is none).
 */
static int
years_list(struct ctx *c, xmlNodePtr root, struct year_policy *cur, const char **md,
    char next_label[16])
{
	xmlNodePtr list = xml_node(root, "years");
	struct district_settings s;
	struct year_policy *v;
	size_t n;
	enum db_result r;

	memset(cur, 0, sizeof(*cur));
	next_label[0] = '\0';
	if (list == NULL)
		return 500;
	if ((r = store_district_years(c->db, c->a, c->user->district_id, &v, &n)) != DB_OK ||
	    (r = store_district_settings(c->db, c->a, c->user->district_id, &s)) != DB_OK)
		return app_status(r);
	*md = s.year_start_md;
	for (size_t i = 0; i < n; i++) {
		if (year_node(list, &v[i]) == NULL)
			return 500;
		if (v[i].is_current)
			*cur = v[i];
	}
	if (cur->year_id > 0) {
		int first = rules_year_label(cur->label);
		char starts[16], ends[16];
		xmlNodePtr next;
		/* rules_year_bounds holds first + 1 to 9998: four digits each. */
		if (first > 0 && rules_year_bounds(first + 1, s.year_start_md, starts, ends) == 0 &&
		    (next = xml_node(root, "next")) != NULL) {
			snprintf(next_label, 16, "%04d-%04d", (first + 1) % 10000, (first + 2) % 10000);
			xml_attr(next, "label", next_label);
			xml_attr(next, "starts", starts);
			xml_attr(next, "ends", ends);
		}
	}
	return 200;
}

int
years_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-years");
	struct year_policy cur;
	const char *md;
	char next[16];
	struct form f;
	int status;

	if (root == NULL)
		return 500;
	if ((status = years_list(c, root, &cur, &md, next)) != 200)
		return status;
	if (app_field_present(c, "opened")) {
		xmlNodePtr o = xml_node(root, "opened");
		xml_attr_int(o, "year", app_field_int(c, "opened"));
		xml_attr_int(o, "teachers", app_field_int(c, "teachers"));
		xml_attr_int(o, "regularised", app_field_int(c, "regularised"));
	}
	form_begin(&f, c, "open");
	/* The next year's label, to open as it is or to change. */
	if (*next && f.node != NULL) {
		xmlNodePtr v = xml_text(f.node, "value", next);
		if (v != NULL)
			xml_attr(v, "name", "label");
	}
	return 200;
}

struct opening {
	struct ctx *c;
	struct year_open in;
	struct year_opened out;
};

static enum db_result
open_tx(struct db *db, void *arg)
{
	struct opening *k = arg;

	return store_year_open(db, k->c->a, &k->in, &k->out);
}

int
year_open(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-years");
	struct year_policy cur;
	struct opening k;
	struct form f;
	const char *md, *label = app_field_text(c, "label");
	char starts[16], ends[16], next[16];
	enum db_result r;
	int status, first;

	if (root == NULL)
		return 500;
	if ((status = years_list(c, root, &cur, &md, next)) != 200)
		return status;
	form_begin(&f, c, "open");
	if (cur.year_id == 0) {
		xml_attr(xml_node(root, "refused"), "code", "no_current_year");
		return 409;
	}
	if (f.errors > 0)
		return 422;
	if ((first = rules_year_label(label)) < 0) {
		form_error(&f, "label", "bad_year_label");
		return 422;
	}
	if (first <= rules_year_label(cur.label)) {
		form_error_detail(&f, "label", "year_not_after", cur.label);
		return 422;
	}
	if (rules_year_bounds(first, md, starts, ends) != 0)
		return 500;
	if (app_field_present(c, "starts_on"))
		snprintf(starts, sizeof(starts), "%s", app_field_text(c, "starts_on"));
	if (app_field_present(c, "ends_on"))
		snprintf(ends, sizeof(ends), "%s", app_field_text(c, "ends_on"));
	if (strcmp(starts, cur.ends_on) <= 0)
		form_error_detail(&f, "starts_on", "year_overlaps", cur.ends_on);
	if (strcmp(ends, starts) <= 0)
		form_error(&f, "ends_on", "ends_before_start");
	if (f.errors > 0)
		return 422;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.in.district_id = c->user->district_id;
	k.in.label = label;
	k.in.starts_on = starts;
	k.in.ends_on = ends;
	k.in.client = c->req->remote_addr;
	k.in.account_id = c->user->id;
	if ((r = store_tx(c->db, open_tx, &k)) == DB_CONSTRAINT) {
		form_error(&f, "label", "year_exists");
		return 422;
	}
	if (r != DB_OK)
		return app_status(r);
	{
		const char *to = arena_printf(c->a, "/district/years?opened=%lld&teachers=%lld&regularised=%lld",
		    k.out.year_id, k.out.teachers, k.out.regularised);
		return to != NULL ? app_redirect(c, to) : 500;
	}
}

/* The saved policy as the form's values. */
static void
policy_values(struct ctx *c, struct form *f, const struct year_policy *p)
{
	form_value(f, "min_hours", app_hours(c, p->min_tenths));
	form_value(f, "normative_min_hours", app_hours(c, p->normative_min_tenths));
	if (p->new_teacher_tenths >= 0)
		form_value(f, "new_teacher_hours", app_hours(c, p->new_teacher_tenths));
	if (p->new_principal_tenths >= 0)
		form_value(f, "new_principal_hours", app_hours(c, p->new_principal_tenths));
	form_value(f, "cycle_years", arena_printf(c->a, "%d", p->cycle_years));
	if (p->cycle_min_tenths >= 0)
		form_value(f, "cycle_min_hours", app_hours(c, p->cycle_min_tenths));
	if (p->flag_percent > 0)
		form_value(f, "flag_percent", arena_printf(c->a, "%d", p->flag_percent));
	form_value(f, "terms_per_year", arena_printf(c->a, "%d", p->terms_per_year));
	form_value(f, "points_reading", p->points_reading);
	form_value(f, "register_deadline", p->register_deadline);
	form_value(f, "school_review_deadline", p->school_review_deadline);
	form_value(f, "district_review_deadline", p->district_review_deadline);
}

/* The year of the path, and the page with it. */
static int
year_doc(struct ctx *c, xmlNodePtr *root, struct year_policy *p)
{
	enum db_result r;

	if ((*root = app_page(c, "district-years")) == NULL)
		return 500;
	if ((r = store_year_policy(c->db, c->a, c->id[0], p)) != DB_OK)
		return app_status(r);
	return year_node(*root, p) != NULL ? 200 : 500;
}

int
year_page(struct ctx *c)
{
	struct year_policy p;
	xmlNodePtr root;
	struct form f;
	int status = year_doc(c, &root, &p);

	if (status != 200)
		return status;
	if (app_field_present(c, "saved"))
		xml_node(root, "saved");
	form_begin(&f, c, "policy");
	policy_values(c, &f, &p);
	return 200;
}

/* An hours field: its tenths, -1 when blank (optional), -2 after a field error. */
static long long
hours_field(struct ctx *c, struct form *f, const char *name)
{
	long long t;

	if (!app_field_present(c, name))
		return -1;
	if ((t = rules_hours_parse(app_field_text(c, name))) < 0) {
		form_error(f, name, "bad_hours");
		return -2;
	}
	return t;
}

static void
policy_json(struct audit_json *j, const struct year_policy *p)
{
	audit_json_int(j, "min_tenths", p->min_tenths);
	audit_json_int(j, "normative_min_tenths", p->normative_min_tenths);
	audit_json_int(j, "new_teacher_tenths", p->new_teacher_tenths);
	audit_json_int(j, "new_principal_tenths", p->new_principal_tenths);
	audit_json_int(j, "cycle_years", p->cycle_years);
	audit_json_int(j, "cycle_min_tenths", p->cycle_min_tenths);
	audit_json_int(j, "flag_percent", p->flag_percent);
	audit_json_int(j, "terms_per_year", p->terms_per_year);
	audit_json_str(j, "points_reading", p->points_reading);
	audit_json_str(j, "register_deadline", p->register_deadline);
	audit_json_str(j, "school_review_deadline", p->school_review_deadline);
	audit_json_str(j, "district_review_deadline", p->district_review_deadline);
}

struct save {
	struct ctx *c;
	const struct year_policy *before, *after;
};

static enum db_result
save_tx(struct db *db, void *arg)
{
	struct save *k = arg;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r;

	if ((r = store_year_policy_set(db, k->after)) != DB_OK)
		return r;
	audit_json_begin(&before, k->c->a);
	policy_json(&before, k->before);
	audit_json_begin(&after, k->c->a);
	policy_json(&after, k->after);
	e.account_id = k->c->user->id;
	e.district_id = k->after->district_id;
	e.action = "year_policy";
	e.object_type = "school_year";
	e.object_id = k->after->year_id;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = k->c->req->remote_addr;
	if (e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

/* The numbers the assessment reads differ (the deadlines aside). */
static int
policy_changed(const struct year_policy *a, const struct year_policy *b)
{
	return !a->has_policy || a->min_tenths != b->min_tenths ||
	    a->normative_min_tenths != b->normative_min_tenths ||
	    a->new_teacher_tenths != b->new_teacher_tenths ||
	    a->new_principal_tenths != b->new_principal_tenths || a->cycle_years != b->cycle_years ||
	    a->cycle_min_tenths != b->cycle_min_tenths || a->flag_percent != b->flag_percent ||
	    a->terms_per_year != b->terms_per_year || strcmp(a->points_reading, b->points_reading) != 0;
}

/* A deadline: within the year's first day and a year after its last, or "". */
static const char *
deadline_field(struct ctx *c, struct form *f, const char *name, const struct year_policy *p)
{
	const char *v = app_field_text(c, name);
	char *latest;

	if (!app_field_present(c, name))
		return "";
	latest = arena_printf(c->a, "%04d%s", atoi(p->ends_on) + 1, p->ends_on + 4);
	if (latest == NULL)
		return "";
	if (strcmp(v, p->starts_on) < 0 || strcmp(v, latest) > 0) {
		form_error_range(f, name, "deadline_outside", p->starts_on, latest);
		return NULL;
	}
	return v;
}

int
year_save(struct ctx *c)
{
	struct year_policy old, p;
	struct save k;
	xmlNodePtr root;
	struct form f;
	enum db_result r;
	long long t[5];
	const char *d[3];
	static const char *const hours[5] = { "min_hours", "normative_min_hours", "new_teacher_hours",
		"new_principal_hours", "cycle_min_hours" };
	static const char *const dates[3] = { "register_deadline", "school_review_deadline",
		"district_review_deadline" };
	int status = year_doc(c, &root, &old);

	if (status != 200)
		return status;
	form_begin(&f, c, "policy");
	if (!old.is_current) {
		xml_attr(xml_node(root, "refused"), "code", "year_not_current");
		return 409;
	}
	for (int i = 0; i < 5; i++)
		t[i] = hours_field(c, &f, hours[i]);
	for (int i = 0; i < 3; i++)
		d[i] = deadline_field(c, &f, dates[i], &old);
	if (t[0] >= 0 && t[1] >= 0 && t[1] > t[0])
		form_error(&f, "normative_min_hours", "normative_over_min");
	/* Registration, then the school's first review, then the district's. */
	if (d[0] && d[1] && *d[0] && *d[1] && strcmp(d[1], d[0]) < 0)
		form_error(&f, "school_review_deadline", "deadline_order");
	if (d[1] && d[2] && *d[1] && *d[2] && strcmp(d[2], d[1]) < 0)
		form_error(&f, "district_review_deadline", "deadline_order");
	if (f.errors > 0)
		return 422;
	p = old;
	p.min_tenths = t[0];
	p.normative_min_tenths = t[1];
	p.new_teacher_tenths = t[2];
	p.new_principal_tenths = t[3];
	p.cycle_min_tenths = t[4];
	p.cycle_years = (int)app_field_int(c, "cycle_years");
	p.flag_percent = app_field_present(c, "flag_percent") ? (int)app_field_int(c, "flag_percent") : 0;
	p.terms_per_year = (int)app_field_int(c, "terms_per_year");
	p.points_reading = year_points_readings[app_field_int(c, "points_reading")];
	p.register_deadline = d[0];
	p.school_review_deadline = d[1];
	p.district_review_deadline = d[2];
	p.has_policy = 1;
	/* A confirmed school's results were signed and stamped with these numbers. */
	if (old.confirmed > 0 && policy_changed(&old, &p)) {
		xml_attr(xml_node(root, "refused"), "code", "policy_locked");
		return 409;
	}
	k.c = c;
	k.before = &old;
	k.after = &p;
	if ((r = store_tx(c->db, save_tx, &k)) != DB_OK)
		return app_status(r);
	{
		const char *to = arena_printf(c->a, "/district/years/%lld?saved=1", p.year_id);
		return to != NULL ? app_redirect(c, to) : 500;
	}
}
