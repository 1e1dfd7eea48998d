/* pages/notices.c - see notices.h */
#include "pages/notices.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/deadline.h"
#include "domain/notice.h"
#include "pages/records.h"
#include "pages/verify.h"
#include "store/assess.h"
#include "store/audit.h"
#include "store/notice.h"
#include "store/notify.h"
#include "store/policy.h"
#include "store/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the lists */

static const struct notice_school *
school_of(const struct notice_school *s, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].id == id)
			return &s[i];
	return NULL;
}

/*
 * The notice's three lists as the data has them now, in order (late by
 * school code, nonstandard by school code, below by school code and staff
 * number), into *out (in the arena). A school without teachers in the year
 * takes no part.
 */
static enum db_result
lists_compute(struct ctx *c, long long year, long long over, struct notice_entry **out, size_t *n)
{
	struct district_settings ds;
	struct notice_school *s;
	struct notice_teacher *t;
	struct kept_result *kept;
	struct assess_scope scope = { year, 0, 0 };
	struct notice_entry *v;
	size_t ns, nt, nk, k = 0;
	enum db_result r;

	*out = NULL;
	*n = 0;
	if ((r = store_district_settings(c->db, c->a, c->user->district_id, &ds)) != DB_OK ||
	    (r = store_notice_schools(c->db, c->a, year, &s, &ns)) != DB_OK ||
	    (r = assess_results(c->db, c->a, &scope, &kept, &nk)) != DB_OK ||
	    (r = store_notice_teachers(c->db, c->a, year, &t, &nt)) != DB_OK)
		return r;
	if (2 * ns + nt == 0)
		return DB_OK;
	if ((v = arena_alloc(c->a, (2 * ns + nt) * sizeof(*v))) == NULL)
		return DB_ERROR;
	memset(v, 0, (2 * ns + nt) * sizeof(*v));
	/* 延期送审: the first hand-in's local day after the deadline, or none and the deadline gone. */
	for (size_t i = 0; i < ns; i++) {
		char day[11];
		const char *handed = NULL;
		if (s[i].teachers == 0 || *s[i].deadline == '\0')
			continue;
		if (*s[i].first_submitted) {
			if (!deadline_handed_in_late(s[i].first_submitted, s[i].deadline, (int)ds.utc_offset_minutes) ||
			    deadline_local_day_of(s[i].first_submitted, (int)ds.utc_offset_minutes, day) != 0)
				continue;
			if ((handed = arena_printf(c->a, "%s", day)) == NULL)
				return DB_ERROR;
		} else if (deadline_passed(c->now, (int)ds.utc_offset_minutes, s[i].deadline))
			handed = "";
		else
			continue;
		v[k] = (struct notice_entry){ .section = "late", .school_id = s[i].id,
		    .school_name = s[i].name, .deadline = s[i].deadline, .handed_in = handed,
		    .staff_no = "", .teacher_name = "", .category = "" };
		k++;
	}
	/* 登记不规范: more records returned or not accepted at 复核 than the notice allows. */
	for (size_t i = 0; i < ns; i++) {
		if (s[i].teachers == 0 || s[i].irregular <= over)
			continue;
		v[k] = (struct notice_entry){ .section = "nonstandard", .school_id = s[i].id,
		    .school_name = s[i].name, .deadline = "", .handed_in = "",
		    .irregular = s[i].irregular, .returned = s[i].returned, .rejected = s[i].rejected,
		    .reviewed = s[i].reviewed, .staff_no = "", .teacher_name = "", .category = "" };
		k++;
	}
	/* 学时不达标: every teacher whose kept result fails, with the figures it fails on. */
	for (size_t i = 0; i < nt; i++) {
		const struct assessment *a = assess_kept_find(kept, nk, t[i].teacher_year_id);
		const struct notice_school *sc = school_of(s, ns, t[i].school_id);
		if (a == NULL || a->pass || sc == NULL)
			continue;
		v[k] = (struct notice_entry){ .section = "below", .school_id = sc->id,
		    .school_name = sc->name, .deadline = "", .handed_in = "",
		    .teacher_year_id = t[i].teacher_year_id, .staff_no = t[i].staff_no,
		    .teacher_name = t[i].name, .category = t[i].category,
		    .confirmed_tenths = a->confirmed_tenths, .threshold_tenths = a->threshold_tenths,
		    .normative_tenths = a->normative_confirmed_tenths,
		    .normative_min_tenths = a->normative_min_tenths };
		k++;
	}
	*out = v;
	*n = k;
	return DB_OK;
}

/* <lists> of v[0..n): live when read from the data now (a draft), else as published. */
static int
lists_xml(struct ctx *c, xmlNodePtr parent, const struct notice_entry *v, size_t n, long long over,
    int live)
{
	xmlNodePtr l = xml_node(parent, "lists"), late, bad, below, school = NULL;
	long long nlate = 0, nbad = 0, nbelow = 0, nschools = 0, at = 0;

	if (l == NULL || (late = xml_node(l, "late")) == NULL || (bad = xml_node(l, "nonstandard")) == NULL ||
	    (below = xml_node(l, "below")) == NULL)
		return 500;
	xml_attr(l, "live", live ? "yes" : "no");
	xml_attr_int(bad, "over", over);
	for (size_t i = 0; i < n; i++) {
		const struct notice_entry *e = &v[i];
		xmlNodePtr x;
		if (strcmp(e->section, "late") == 0) {
			if ((x = xml_node(late, "school")) == NULL)
				return 500;
			xml_attr_int(x, "id", e->school_id);
			xml_attr(x, "name", e->school_name);
			xml_attr(x, "deadline", e->deadline);
			if (*e->handed_in)
				xml_attr(x, "handed-in", e->handed_in);
			else
				xml_attr(x, "not-handed-in", "yes");
			nlate++;
		} else if (strcmp(e->section, "nonstandard") == 0) {
			if ((x = xml_node(bad, "school")) == NULL)
				return 500;
			xml_attr_int(x, "id", e->school_id);
			xml_attr(x, "name", e->school_name);
			xml_attr_int(x, "irregular", e->irregular);
			xml_attr_int(x, "returned", e->returned);
			xml_attr_int(x, "rejected", e->rejected);
			xml_attr_int(x, "reviewed", e->reviewed);
			nbad++;
		} else {
			if (school == NULL || at != e->school_id) {
				if ((school = xml_node(below, "school")) == NULL)
					return 500;
				xml_attr_int(school, "id", e->school_id);
				xml_attr(school, "name", e->school_name);
				at = e->school_id;
				nschools++;
			}
			if ((x = xml_text(school, "teacher", e->teacher_name)) == NULL)
				return 500;
			if (e->teacher_year_id > 0)
				xml_attr_int(x, "teacher-year", e->teacher_year_id);
			xml_attr(x, "staff-no", e->staff_no);
			xml_attr(x, "category", e->category);
			xml_attr_int(x, "confirmed-tenths", e->confirmed_tenths);
			xml_attr(x, "confirmed", app_hours(c, e->confirmed_tenths));
			xml_attr_int(x, "threshold-tenths", e->threshold_tenths);
			xml_attr(x, "threshold", app_hours(c, e->threshold_tenths));
			if (e->threshold_tenths > e->confirmed_tenths)
				xml_attr(x, "gap", app_hours(c, e->threshold_tenths - e->confirmed_tenths));
			if (e->normative_min_tenths > 0) {
				xml_attr(x, "normative", app_hours(c, e->normative_tenths));
				xml_attr(x, "normative-min", app_hours(c, e->normative_min_tenths));
				if (e->normative_tenths < e->normative_min_tenths)
					xml_attr(x, "below-normative", "yes");
			}
			nbelow++;
		}
	}
	xml_attr_int(late, "count", nlate);
	xml_attr_int(bad, "count", nbad);
	xml_attr_int(below, "count", nbelow);
	xml_attr_int(below, "schools", nschools);
	return 200;
}

/* ------------------------------------------------------------ the notice */

static xmlNodePtr
notice_xml(xmlNodePtr parent, const struct notice_row *n)
{
	xmlNodePtr x = xml_node(parent, "notice");

	if (x == NULL)
		return NULL;
	xml_attr_int(x, "id", n->id);
	xml_attr(x, "state", n->state);
	xml_attr_int(x, "year-id", n->year_id);
	xml_attr(x, "year", n->year);
	if (*n->number)
		xml_attr(x, "number", n->number);
	xml_attr(x, "issued-on", n->issued_on);
	xml_attr_int(x, "nonstandard-over", n->nonstandard_over);
	xml_attr(x, "created-at", n->created_at);
	xml_attr(x, "updated-at", n->updated_at);
	if (*n->published_at) {
		xml_attr(x, "published-at", n->published_at);
		xml_attr_int(x, "schools-named", n->named);
	}
	xml_text(x, "title", n->title);
	if (*n->addressee)
		xml_text(x, "addressee", n->addressee);
	if (*n->opening)
		xml_text(x, "opening", n->opening);
	if (*n->closing)
		xml_text(x, "closing", n->closing);
	xml_text(x, "issuer", n->issuer);
	if (*n->copy_to)
		xml_text(x, "copy-to", n->copy_to);
	if (*n->printer)
		xml_text(x, "printer", n->printer);
	if (*n->published_by)
		xml_text(x, "published-by", n->published_by);
	return x;
}

/* The year's rules the 学时不达标 list applies: <policy> of year. */
static int
policy_xml(struct ctx *c, xmlNodePtr parent, long long year)
{
	struct year_policy p;
	enum db_result r = store_year_policy(c->db, c->a, year, &p);
	xmlNodePtr x;

	if (r != DB_OK)
		return app_status(r);
	if ((x = xml_node(parent, "policy")) == NULL)
		return 500;
	xml_attr(x, "year", p.label);
	if (*p.school_review_deadline)
		xml_attr(x, "school-review-deadline", p.school_review_deadline);
	if (!p.has_policy)
		return 200;
	xml_attr(x, "min", app_hours(c, p.min_tenths));
	if (p.normative_min_tenths > 0)
		xml_attr(x, "normative-min", app_hours(c, p.normative_min_tenths));
	if (p.new_teacher_tenths >= 0)
		xml_attr(x, "new-teacher", app_hours(c, p.new_teacher_tenths));
	if (p.new_principal_tenths >= 0)
		xml_attr(x, "new-principal", app_hours(c, p.new_principal_tenths));
	return 200;
}

/* A notice's page or print: the notice, its lists (live for a draft), the rules, the district. */
static int
notice_into(struct ctx *c, xmlNodePtr root, const struct notice_row *n)
{
	struct notice_entry *v;
	size_t nv;
	enum db_result r;
	int status;

	if (notice_xml(root, n) == NULL)
		return 500;
	if (strcmp(n->state, "draft") == 0)
		r = lists_compute(c, n->year_id, n->nonstandard_over, &v, &nv);
	else
		r = store_notice_entries(c->db, c->a, n->id, &v, &nv);
	if (r != DB_OK)
		return app_status(r);
	if ((status = lists_xml(c, root, v, nv, n->nonstandard_over, strcmp(n->state, "draft") == 0)) != 200 ||
	    (status = policy_xml(c, root, n->year_id)) != 200)
		return status;
	return print_district_node(c, root);
}

/* A draft's saved values in its form, as if typed. */
static void
form_fill(struct form *f, struct ctx *c, const struct notice_row *n)
{
	form_value(f, "number", n->number);
	form_value(f, "title", n->title);
	form_value(f, "addressee", n->addressee);
	form_value(f, "opening", n->opening);
	form_value(f, "closing", n->closing);
	form_value(f, "issuer", n->issuer);
	form_value(f, "issued_on", n->issued_on);
	form_value(f, "copy_to", n->copy_to);
	form_value(f, "printer", n->printer);
	form_value(f, "nonstandard_over", arena_printf(c->a, "%lld", n->nonstandard_over));
}

/*
 * The list of notices (school 0: all of the district's), and for the
 * district its years; *current (may be NULL) the current one's id, 0 none.
 */
static int
list_into(struct ctx *c, xmlNodePtr root, long long school, long long *current)
{
	struct notice_row *v;
	size_t n;
	xmlNodePtr l;
	enum db_result r;

	if ((l = xml_node(root, "notices")) == NULL)
		return 500;
	if ((r = store_notices(c->db, c->a, c->user->district_id, school, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (notice_xml(l, &v[i]) == NULL)
			return 500;
	if (school == 0) {
		struct year_policy *y;
		size_t ny;
		xmlNodePtr yl = xml_node(root, "years");
		if (yl == NULL)
			return 500;
		if ((r = store_district_years(c->db, c->a, c->user->district_id, &y, &ny)) != DB_OK)
			return app_status(r);
		for (size_t i = 0; i < ny; i++) {
			xmlNodePtr x = xml_node(yl, "year");
			if (x == NULL)
				return 500;
			xml_attr_int(x, "id", y[i].year_id);
			xml_attr(x, "label", y[i].label);
			if (y[i].is_current) {
				xml_attr(x, "current", "yes");
				if (current != NULL)
					*current = y[i].year_id;
			}
		}
	}
	return print_district_node(c, root);
}

/* ------------------------------------------------------------ the writes */

struct change {
	struct ctx *c;
	long long id;
	const char *action;            /* notice_create, notice_save, notice_publish, notice_delete */
	struct notice_write w;
	const struct notice_row *n;    /* publish, delete: the draft */
	const struct notice_entry *v;  /* publish: the lists */
	size_t nv;
};

static enum db_result
audit_notice(struct change *k)
{
	struct ctx *c = k->c;
	struct audit_entry e = { 0 };
	struct audit_json after;

	audit_json_begin(&after, c->a);
	if (strcmp(k->action, "notice_create") == 0 || strcmp(k->action, "notice_save") == 0) {
		audit_json_int(&after, "year", k->w.year_id);
		audit_json_str(&after, "number", k->w.number);
		audit_json_str(&after, "title", k->w.title);
		audit_json_str(&after, "issuer", k->w.issuer);
		audit_json_str(&after, "issued_on", k->w.issued_on);
		audit_json_int(&after, "nonstandard_over", k->w.nonstandard_over);
	} else {
		audit_json_str(&after, "number", k->n->number);
		audit_json_str(&after, "title", k->n->title);
		if (strcmp(k->action, "notice_publish") == 0)
			audit_json_int(&after, "entries", (long long)k->nv);
	}
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = k->action;
	e.object_type = "notice";
	e.object_id = k->id;
	e.after = audit_json_end(&after);
	e.client = c->req->remote_addr;
	return e.after != NULL ? audit_write(c->db, &e) : DB_ERROR;
}

static enum db_result
write_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	enum db_result r;

	if (strcmp(k->action, "notice_create") == 0)
		r = store_notice_insert(db, &k->w, &k->id);
	else if (strcmp(k->action, "notice_save") == 0)
		r = store_notice_update(db, k->id, &k->w);
	else if (strcmp(k->action, "notice_delete") == 0)
		r = store_notice_delete(db, k->id);
	else if ((r = store_notice_publish(db, k->id, k->c->user->id, app_now_text(k->c), k->v, k->nv)) == DB_OK)
		r = store_notify_notice(db, k->id, k->n->title);
	if (r != DB_OK)
		return r;
	return audit_notice(k);
}

/*
 * The form's values into k->w (the core checked each field); a number
 * another notice of the district has is refused. Errors go to f.
 */
static void
check_text(struct ctx *c, struct form *f, struct change *k, long long except)
{
	enum db_result r;

	k->w.district_id = c->user->district_id;
	k->w.account_id = c->user->id;
	k->w.number = app_field_text(c, "number");
	k->w.title = app_field_text(c, "title");
	k->w.addressee = app_field_text(c, "addressee");
	k->w.opening = app_field_text(c, "opening");
	k->w.closing = app_field_text(c, "closing");
	k->w.issuer = app_field_text(c, "issuer");
	k->w.issued_on = app_field_text(c, "issued_on");
	k->w.copy_to = app_field_text(c, "copy_to");
	k->w.printer = app_field_text(c, "printer");
	k->w.nonstandard_over = app_field_int(c, "nonstandard_over");
	if (*k->w.number) {
		if ((r = store_notice_number_taken(c->db, c->user->district_id, k->w.number, except)) == DB_OK)
			form_error(f, "number", "notice_number_taken");
		else if (r != DB_NOTFOUND)
			form_error(f, "number", "invalid");
	}
}

/* ------------------------------------------------------------ the district */

int
notices_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notices");
	struct district_settings ds;
	struct notice_row last;
	struct form f;
	long long year = 0;
	enum db_result r;
	char today[11];
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if ((status = list_into(c, root, 0, &year)) != 200)
		return status;
	/* A new notice starts from what the data and the district's last notice know. */
	form_begin(&f, c, "notice");
	if (f.node != NULL)
		xml_attr(f.node, "new", "yes");
	if ((r = store_district_settings(c->db, c->a, c->user->district_id, &ds)) != DB_OK)
		return app_status(r);
	if (year > 0)
		form_value(&f, "year", arena_printf(c->a, "%lld", year));
	deadline_local_date(c->now, (int)ds.utc_offset_minutes, today);
	form_value(&f, "issued_on", today);
	r = store_notice_last(c->db, c->a, c->user->district_id, &last);
	/* The issuer as the last notice signed, else the unit that stamps the district's papers. */
	form_value(&f, "issuer", r == DB_OK ? last.issuer : verify_confirmer(c, c->user->district_id));
	if (r == DB_OK) {
		char next[128];
		if (notice_next_number(last.number, (int)strtol(today, NULL, 10), next, sizeof(next)) == 0)
			form_value(&f, "number", next);
		form_value(&f, "addressee", last.addressee);
		form_value(&f, "closing", last.closing);
		form_value(&f, "copy_to", last.copy_to);
		form_value(&f, "printer", last.printer);
		form_value(&f, "nonstandard_over", arena_printf(c->a, "%lld", last.nonstandard_over));
	} else if (r == DB_NOTFOUND)
		form_value(&f, "nonstandard_over", "0");
	else
		return app_status(r);
	return 200;
}

int
notices_create(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notices");
	struct change k;
	struct form f;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	form_begin(&f, c, "notice");
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.action = "notice_create";
	k.w.year_id = app_field_int(c, "year");
	check_text(c, &f, &k, 0);
	if (f.errors > 0) {
		if ((status = list_into(c, root, 0, NULL)) != 200)
			return status;
		return 422;
	}
	if ((r = store_tx(c->db, write_tx, &k)) == DB_CONSTRAINT) {
		form_error(&f, "number", "notice_number_taken"); /* taken meanwhile */
		if ((status = list_into(c, root, 0, NULL)) != 200)
			return status;
		return 422;
	}
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, arena_printf(c->a, "/district/notices/%lld", k.id));
}

/* The notice of the path (the core checked it is the caller's district's, or names the school). */
static int
get_notice(struct ctx *c, struct notice_row *n)
{
	enum db_result r = store_notice_get(c->db, c->a, c->id[0], n);

	return r == DB_OK ? 200 : app_status(r);
}

int
notice_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notice");
	struct notice_row n;
	struct form f;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if ((status = get_notice(c, &n)) != 200)
		return status;
	if (strcmp(n.state, "draft") == 0) {
		form_begin(&f, c, "notice");
		form_fill(&f, c, &n);
	}
	return notice_into(c, root, &n);
}

/* A published notice refuses changes: 409 with the notice as it stands now. */
static int
published(struct ctx *c, xmlNodePtr root)
{
	struct notice_row n;
	int status;

	xml_attr(xml_node(root, "refused"), "code", "notice_published");
	if ((status = get_notice(c, &n)) != 200 || (status = notice_into(c, root, &n)) != 200)
		return status;
	return 409;
}

int
notice_save(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notice");
	struct notice_row n;
	struct change k;
	struct form f;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if ((status = get_notice(c, &n)) != 200)
		return status;
	form_begin(&f, c, "notice");
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = n.id;
	k.action = "notice_save";
	k.w.year_id = n.year_id;
	if (strcmp(n.state, "draft") != 0)
		return published(c, root);
	check_text(c, &f, &k, n.id);
	if (f.errors == 0) {
		r = store_tx(c->db, write_tx, &k);
		if (r == DB_OK)
			return app_redirect(c, arena_printf(c->a, "/district/notices/%lld", n.id));
		if (r == DB_NOTFOUND)
			return published(c, root); /* published meanwhile */
		if (r != DB_CONSTRAINT)
			return app_status(r);
		form_error(&f, "number", "notice_number_taken");
	}
	if ((status = notice_into(c, root, &n)) != 200)
		return status;
	return 422;
}

/* Publish or delete the draft of the path; a published one is refused (409). */
static int
draft_move(struct ctx *c, const char *action)
{
	xmlNodePtr root = app_page(c, "notice");
	struct notice_row n;
	struct notice_entry *v = NULL;
	struct change k;
	size_t nv = 0;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "district");
	if ((status = get_notice(c, &n)) != 200)
		return status;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.id = n.id;
	k.n = &n;
	k.action = action;
	if (strcmp(n.state, "draft") == 0 && strcmp(action, "notice_publish") == 0) {
		/* The lists as they stand now (kept results refresh in their own transaction first). */
		if ((r = lists_compute(c, n.year_id, n.nonstandard_over, &v, &nv)) != DB_OK)
			return app_status(r);
		k.v = v;
		k.nv = nv;
	}
	r = strcmp(n.state, "draft") == 0 ? store_tx(c->db, write_tx, &k) : DB_NOTFOUND;
	if (r == DB_NOTFOUND)
		return published(c, root);
	if (r != DB_OK)
		return app_status(r);
	if (strcmp(action, "notice_delete") == 0)
		return app_redirect(c, "/district/notices");
	return app_redirect(c, arena_printf(c->a, "/district/notices/%lld", n.id));
}

int
notice_publish(struct ctx *c)
{
	return draft_move(c, "notice_publish");
}

int
notice_delete(struct ctx *c)
{
	return draft_move(c, "notice_delete");
}

/* GET .../notices/{notice}/print: the notice on A4 in the style of the seed's. */
int
notice_print(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notice");
	struct notice_row n;
	int status;

	c->stylesheet = "print/notice";
	if (root == NULL)
		return 500;
	if (c->user->school_id > 0)
		xml_attr_int(root, "school", c->user->school_id); /* its rows marked */
	if ((status = get_notice(c, &n)) != 200)
		return status;
	return notice_into(c, root, &n);
}

/* ------------------------------------------------------------ the school */

int
notices_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notices");

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "school");
	return list_into(c, root, c->user->school_id, NULL);
}

int
notice_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "notice");
	struct notice_row n;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", "school");
	xml_attr_int(root, "school", c->user->school_id);
	if ((status = get_notice(c, &n)) != 200)
		return status;
	return notice_into(c, root, &n);
}
