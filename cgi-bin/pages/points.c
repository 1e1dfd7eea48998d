/*
 * points.c - the school's 学习强国 points table, see points.h.
 *
 * The roster is the school's teacher-years of the current year whose
 * teacher is active (a deactivated teacher is off the roster).
 * Each teacher has at most one points record a year (the newest one that is
 * not rejected is the one shown). The hours are those assess_claim gives the
 * record, i.e. exactly what the assessment claims for it (domain/rules.c,
 * rules_points, under the district's points_reading).
 * Reads and writes go through store/points.h; a post is one store_tx.
 */
#include "pages/points.h"
#include "pages/deadlines.h"
#include "store/audit.h"
#include "store/points.h"
#include "core/render.h"
#include "domain/rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const quarter_names[4] = { "q1", "q2", "q3", "q4" };
/* The form's fields, "q1-<teacher_year>" .. "q4-<teacher_year>". */
static const char *const quarter_fields[4] = { "q1-", "q2-", "q3-", "q4-" };

static long long
hours_for(const struct item_row *it, const long long q[4])
{
	struct record_row r;
	long long claimed = 0;
	const char *field = NULL, *error = NULL;

	memset(&r, 0, sizeof(r));
	r.quantity = r.certified_tenths = -1;
	r.level = r.role = r.certificate_no = r.certificate_on = r.state = "";
	for (int i = 0; i < 4; i++)
		r.points[i] = q[i];
	r.item_id = it->id;
	return assess_claim(it, &r, &claimed, &field, &error) == 0 ? claimed : 0;
}

int
points_load(struct ctx *c, long long school, struct points_table *t)
{
	struct points_school s;
	struct points_entry *v;
	size_t n;
	enum db_result r;

	memset(t, 0, sizeof(*t));
	if ((r = store_points_school(c->db, c->a, school, &s)) != DB_OK)
		return app_status(r);
	t->school_id = school;
	t->school_name = s.name;
	t->year_id = s.year_id;
	t->year_label = s.year_label;
	t->starts_on = s.starts_on;
	t->ends_on = s.ends_on;
	t->year_state = s.year_state;
	t->district_id = s.district_id;
	if (s.item_id > 0) {
		if ((r = assess_load_item(c->db, c->a, s.item_id, &t->item)) != DB_OK)
			return r == DB_BUSY ? 503 : 500; /* found a moment ago: not a 404 */
		t->has_item = 1;
	}
	if ((r = store_points_entries(c->db, c->a, school, t->year_id, s.item_id, &v, &n)) != DB_OK)
		return app_status(r);
	if ((t->rows = arena_alloc(c->a, (n + 1) * sizeof(*t->rows))) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		struct points_row *p = &t->rows[i];
		memset(p, 0, sizeof(*p));
		p->ty = v[i].teacher_year_id;
		p->name = v[i].name;
		p->staff_no = v[i].staff_no;
		p->record_id = v[i].record_id;
		p->state = v[i].state;
		memcpy(p->q, v[i].q, sizeof(p->q));
		p->editable = p->record_id == 0 || strcmp(p->state, "draft") == 0 ||
		    strcmp(p->state, "returned") == 0;
		if (p->record_id > 0 && t->has_item)
			p->hours_tenths = hours_for(&t->item, p->q);
	}
	t->nrows = n;
	return 200;
}

/* The row's typed values and its problem, while a post is being checked. */
struct typed {
	const char *v[4];   /* as typed ("" when empty); NULL: nothing posted */
	long long q[4];
	const char *error;  /* a code, or NULL */
	const char *field;  /* q1..q4 or "" */
	int given;          /* some quarter typed */
	int changed;        /* differs from the stored record */
};

static xmlNodePtr
table_node(struct ctx *c, xmlNodePtr root, const struct points_table *t,
    const struct typed *typed)
{
	xmlNodePtr p = xml_node(root, "points"), list;

	if (p == NULL)
		return NULL;
	xml_attr_int(p, "school-id", t->school_id);
	xml_attr(p, "year", t->year_label);
	xml_attr(p, "year-state", t->year_state);
	xml_attr(p, "editable", strcmp(t->year_state, "open") == 0 &&
	    c->user->role == ROLE_NAME_SCHOOL_ADMIN ? "yes" : "no");
	xml_text(p, "school", t->school_name);
	if (!t->has_item) {
		xml_attr(p, "item", "none");
		return p;
	}
	{
		xmlNodePtr it = xml_text(p, "item", t->item.name);
		xml_attr_int(it, "id", t->item.id);
		xml_attr_int(it, "base", t->item.points_base);
		xml_attr_int(it, "gain", t->item.points_gain);
		xml_attr_int(it, "hours-tenths", t->item.points_hours);
		xml_attr_int(it, "max-tenths", t->item.points_max);
		xml_attr_int(it, "threshold", t->item.points_threshold);
		xml_attr(it, "reading", t->item.points_year_total ? "year_total" : "quarters");
	}
	if ((list = xml_node(p, "teachers")) == NULL)
		return NULL;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct points_row *r = &t->rows[i];
		xmlNodePtr n = xml_node(list, "teacher");
		long long prev = t->item.points_base;
		if (n == NULL)
			return NULL;
		xml_attr_int(n, "teacher-year", r->ty);
		xml_attr(n, "staff-no", r->staff_no);
		if (r->record_id > 0) {
			xml_attr_int(n, "record", r->record_id);
			xml_attr(n, "state", r->state);
			xml_attr_int(n, "hours-tenths", r->hours_tenths);
		}
		xml_attr(n, "editable", r->editable ? "yes" : "no");
		xml_text(n, "name", r->name);
		for (int k = 0; k < 4; k++) {
			xmlNodePtr q = xml_node(n, "quarter");
			if (q == NULL)
				return NULL;
			xml_attr_int(q, "n", k + 1);
			if (r->q[k] >= 0) {
				xml_attr_int(q, "total", r->q[k]);
				xml_attr_int(q, "gain", r->q[k] - prev);
				xml_attr(q, "qualifies", r->q[k] - prev >= t->item.points_gain ? "yes" : "no");
				prev = r->q[k];
			}
			if (typed != NULL && typed[i].v[k] != NULL)
				xml_attr(q, "typed", typed[i].v[k]);
		}
		if (typed != NULL && typed[i].error != NULL) {
			xmlNodePtr e = xml_node(n, "error");
			xml_attr(e, "code", typed[i].error);
			xml_attr(e, "field", typed[i].field);
		}
	}
	return p;
}

int
points_page(struct ctx *c)
{
	struct points_table t;
	xmlNodePtr root = app_page(c, "points");
	int status;

	if (root == NULL)
		return 500;
	if ((status = points_load(c, c->user->school_id, &t)) != 200)
		return status;
	if (app_field_present(c, "saved"))
		xml_attr(xml_node(root, "saved"), "count", app_field_text(c, "saved"));
	return table_node(c, root, &t, NULL) != NULL ? 200 : 500;
}

int
points_print(struct ctx *c)
{
	int status = points_page(c);

	c->stylesheet = "print/points";
	return status;
}

int
points_print_of(struct ctx *c, long long school)
{
	struct points_table t;
	xmlNodePtr root = app_page(c, "points");
	int status;

	c->stylesheet = "print/points";
	if (root == NULL)
		return 500;
	if ((status = points_load(c, school, &t)) != 200)
		return status;
	return table_node(c, root, &t, NULL) != NULL ? 200 : 500;
}

/* A whole number 0..RULES_POINTS_MAX, digits only (spaces around allowed). */
static int
parse_points(const char *s, long long *v)
{
	char *end;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno != 0 || *end != '\0')
		return -1;
	return *v > RULES_POINTS_MAX ? -2 : 0;
}

/* Check one row's typed values (the stored record r); fills ty. */
static void
check_row(struct ctx *c, const struct points_table *t, const struct points_row *r,
    struct typed *ty)
{
	memset(ty, 0, sizeof(*ty));
	for (int k = 0; k < 4; k++) {
		const char *bad = NULL;
		const char *v = app_field_keyed(c, quarter_fields[k], r->ty, &bad);
		ty->q[k] = -1;
		if (v == NULL)
			continue;
		if (strlen(v) > 32)
			v = arena_strndup(c->a, v, 32);
		ty->v[k] = v ? v : "";
		/* Invalid text (not UTF-8) reads as "": still a quarter typed. */
		if (bad == NULL && (v == NULL || *v == '\0'))
			continue;
		ty->given = 1;
		if (ty->error == NULL) {
			int e = bad != NULL ? -1 : parse_points(v, &ty->q[k]);
			if (e != 0) {
				ty->error = e == -1 ? "points_not_number" : "points_out_of_range";
				ty->field = quarter_names[k];
				ty->q[k] = -1;
			}
		}
	}
	if (!ty->given) {
		/* Emptied fields of a stored record: the record stays as it is. */
		return;
	}
	for (int k = 0; k < 4; k++)
		if (ty->q[k] != r->q[k])
			ty->changed = 1;
	if (ty->error != NULL)
		return;
	if (!ty->changed)
		return;
	if (!r->editable) {
		ty->error = "points_locked";
		ty->field = "";
		return;
	}
	{
		struct record_row rr;
		long long claimed = 0;
		const char *field = NULL, *error = NULL;
		memset(&rr, 0, sizeof(rr));
		rr.quantity = rr.certified_tenths = -1;
		rr.level = rr.role = rr.certificate_no = rr.certificate_on = rr.state = "";
		for (int k = 0; k < 4; k++)
			rr.points[k] = ty->q[k];
		rr.item_id = t->item.id;
		if (assess_claim(&t->item, &rr, &claimed, &field, &error) != 0) {
			/* The rules' own codes: points_decreasing, points_missing, ... */
			ty->error = error != NULL && strcmp(error, "points_decreasing") == 0 ? "points_decreasing" :
			    error != NULL && strcmp(error, "points_missing") == 0 ? "points_missing" :
			    error != NULL && strcmp(error, "out_of_range") == 0 ? "points_out_of_range" :
			    "points_invalid";
			ty->field = "";
		}
	}
}

/* A checked post: the table and each row's typed values. */
struct save {
	struct ctx *c;
	const struct points_table *t;
	const struct typed *typed;
	int saved;
};

/* Every changed row written, each with its audit row, in one transaction (store_tx). */
static enum db_result
save_tx(struct db *db, void *arg)
{
	struct save *sv = arg;
	struct ctx *c = sv->c;
	const struct points_table *t = sv->t;

	sv->saved = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct points_row *r = &t->rows[i];
		const struct typed *ty = &sv->typed[i];
		struct audit_entry e = { 0 };
		struct audit_json j;
		long long hours, id = r->record_id;
		enum db_result dr;

		if (!ty->given || !ty->changed)
			continue;
		hours = hours_for(&t->item, ty->q);
		if (r->record_id > 0)
			dr = store_points_update(db, r->record_id, t->item.id, ty->q, hours);
		else
			dr = store_points_insert(db, r->ty, t->item.id, t->starts_on, t->ends_on, ty->q,
			    hours, c->user->id, &id);
		if (dr == DB_NOTFOUND || dr == DB_CONSTRAINT)
			return DB_ERROR; /* changed under us: checked above, so a race (500, as ever) */
		if (dr != DB_OK)
			return dr;
		if (r->record_id > 0) {
			audit_json_begin(&j, c->a);
			audit_json_ints(&j, "points", r->q, 4);
			if ((e.before = audit_json_end(&j)) == NULL)
				return DB_ERROR;
		}
		audit_json_begin(&j, c->a);
		audit_json_ints(&j, "points", ty->q, 4);
		audit_json_int(&j, "claimed_tenths", hours);
		audit_json_str(&j, "state", r->record_id > 0 ? r->state : "draft");
		if ((e.after = audit_json_end(&j)) == NULL)
			return DB_ERROR;
		e.account_id = c->user->id;
		e.district_id = t->district_id;
		e.action = r->record_id > 0 ? "points_update" : "points_create";
		e.object_type = "record";
		e.object_id = id;
		e.client = c->req->remote_addr;
		if ((dr = audit_write(db, &e)) != DB_OK)
			return dr;
		sv->saved++;
	}
	return DB_OK;
}

int
points_post(struct ctx *c)
{
	struct points_table t;
	struct typed *typed;
	struct save sv;
	xmlNodePtr root;
	int status, errors = 0;
	enum db_result dr;
	char path[64];

	if ((status = points_load(c, c->user->school_id, &t)) != 200)
		return status;
	if (!t.has_item) {
		if ((root = app_page(c, "points")) == NULL || table_node(c, root, &t, NULL) == NULL)
			return 500;
		xml_attr(xml_node(root, "refused"), "code", "no_points_item");
		return 409;
	}
	if ((typed = arena_alloc(c->a, (t.nrows + 1) * sizeof(*typed))) == NULL)
		return 500;
	for (size_t i = 0; i < t.nrows; i++) {
		check_row(c, &t, &t.rows[i], &typed[i]);
		errors += typed[i].error != NULL;
	}
	if (errors == 0 && strcmp(t.year_state, "open") != 0)
		errors = -1;
	/* Points are registrations: the school's own deadline holds them too. */
	if (errors == 0) {
		struct school_deadlines d;
		if ((dr = store_deadlines_of_school(c->db, c->a, c->user->school_id, &d)) != DB_OK &&
		    dr != DB_NOTFOUND)
			return app_status(dr);
		if (dr == DB_OK && deadline_closed(c, &d, ACTOR_SCHOOL))
			errors = -2;
	}
	if (errors != 0) {
		if ((root = app_page(c, "points")) == NULL)
			return 500;
		if (table_node(c, root, &t, typed) == NULL)
			return 500;
		if (errors == -2) {
			xml_attr(xml_node(root, "refused"), "code", "deadline_passed");
			return 403;
		}
		if (errors < 0) {
			xml_attr(xml_node(root, "refused"), "code", "year_locked");
			return 409;
		}
		xml_attr_int(xml_node(root, "refused"), "errors", errors);
		return 422;
	}
	sv.c = c;
	sv.t = &t;
	sv.typed = typed;
	sv.saved = 0;
	if ((dr = store_tx(c->db, save_tx, &sv)) != DB_OK)
		return app_status(dr);
	snprintf(path, sizeof(path), "/school/points?saved=%d", sv.saved);
	return app_redirect(c, path);
}
