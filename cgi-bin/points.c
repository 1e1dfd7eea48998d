/*
 * points.c - the school's 学习强国 points table, see points.h.
 *
 * The roster is the school's teacher-years of the current year whose
 * teacher is active (a deactivated teacher is off the roster).
 * Each teacher has at most one points record a year (the newest one that is
 * not rejected is the one shown). The hours are those assess_claim gives the
 * record, i.e. exactly what the assessment claims for it (domain/rules.c,
 * rules_points, under the district's points_reading).
 */
#include "points.h"
#include "store/sql.h"
#include "store/audit.h"
#include "core/render.h"
#include "domain/rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const quarter_names[4] = { "q1", "q2", "q3", "q4" };

static const char *
dupcol(arena *a, sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return arena_strdup(a, v ? v : "");
}

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
	static const char sql_school[] =
	    "SELECT s.name, y.id, y.label, y.starts_on, y.ends_on, coalesce(sys.state, 'open'),"
	    " s.district_id,"
	    " (SELECT i.id FROM item i WHERE i.school_year_id = y.id AND i.rule_type = 'points_quarters'"
	    "  ORDER BY i.id LIMIT 1)"
	    " FROM school s JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE s.id = ?";
	static const char sql_count[] =
	    "SELECT count(*) FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE ty.school_id = ? AND ty.school_year_id = ? AND t.active = 1";
	static const char sql_rows[] =
	    "SELECT ty.id, t.name, t.staff_no, r.id, r.state,"
	    " json_extract(r.points, '$[0]'), json_extract(r.points, '$[1]'),"
	    " json_extract(r.points, '$[2]'), json_extract(r.points, '$[3]')"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " LEFT JOIN record r ON r.id = (SELECT max(x.id) FROM record x"
	    "  WHERE x.teacher_year_id = ty.id AND x.item_id = ?3 AND x.state <> 'rejected')"
	    " WHERE ty.school_id = ?1 AND ty.school_year_id = ?2 AND t.active = 1"
	    " ORDER BY t.staff_no, t.id";
	sqlite3_stmt *st = db_stmt(c->db, sql_school);
	long long item = 0;
	size_t cap = 0;
	enum db_result dr;

	memset(t, 0, sizeof(*t));
	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	t->school_id = school;
	t->school_name = dupcol(c->a, st, 0);
	t->year_id = sqlite3_column_int64(st, 1);
	t->year_label = dupcol(c->a, st, 2);
	t->starts_on = dupcol(c->a, st, 3);
	t->ends_on = dupcol(c->a, st, 4);
	t->year_state = dupcol(c->a, st, 5);
	t->district_id = sqlite3_column_int64(st, 6);
	item = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	if (t->school_name == NULL || t->year_state == NULL || t->ends_on == NULL)
		return 500;
	if (item > 0) {
		if ((dr = assess_load_item(c->db, c->a, item, &t->item)) != DB_OK)
			return dr == DB_BUSY ? 503 : 500;
		t->has_item = 1;
	}
	if ((st = db_stmt(c->db, sql_count)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, t->year_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		cap = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if ((t->rows = arena_alloc(c->a, (cap + 1) * sizeof(*t->rows))) == NULL)
		return 500;
	if ((st = db_stmt(c->db, sql_rows)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, t->year_id);
	sqlite3_bind_int64(st, 3, item);
	while (t->nrows < cap && sqlite3_step(st) == SQLITE_ROW) {
		struct points_row *p = &t->rows[t->nrows++];
		memset(p, 0, sizeof(*p));
		p->ty = sqlite3_column_int64(st, 0);
		p->name = dupcol(c->a, st, 1);
		p->staff_no = dupcol(c->a, st, 2);
		p->record_id = sqlite3_column_int64(st, 3);
		p->state = dupcol(c->a, st, 4);
		for (int i = 0; i < 4; i++)
			p->q[i] = sqlite3_column_type(st, 5 + i) == SQLITE_NULL ? -1 :
			    sqlite3_column_int64(st, 5 + i);
		if (p->name == NULL || p->staff_no == NULL || p->state == NULL) {
			sqlite3_reset(st);
			return 500;
		}
		p->editable = p->record_id == 0 || strcmp(p->state, "draft") == 0 ||
		    strcmp(p->state, "returned") == 0;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < t->nrows && t->has_item; i++)
		if (t->rows[i].record_id > 0)
			t->rows[i].hours_tenths = hours_for(&t->item, t->rows[i].q);
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
	if (http_query(c->req, "saved") != NULL)
		xml_attr(xml_node(root, "saved"), "count", http_query(c->req, "saved"));
	return table_node(c, root, &t, NULL) != NULL ? 200 : 500;
}

int
points_print(struct ctx *c)
{
	int status = points_page(c);

	c->stylesheet = "print/points";
	return status;
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
	char name[48];

	memset(ty, 0, sizeof(*ty));
	for (int k = 0; k < 4; k++) {
		const char *v;
		snprintf(name, sizeof(name), "%s-%lld", quarter_names[k], r->ty);
		v = http_form(c->req, name);
		ty->q[k] = -1;
		if (v == NULL)
			continue;
		if (strlen(v) > 32)
			v = arena_strndup(c->a, v, 32);
		ty->v[k] = v ? v : "";
		if (v == NULL || strspn(v, " ") == strlen(v))
			continue;
		ty->given = 1;
		if (ty->error == NULL) {
			int e = parse_points(v, &ty->q[k]);
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

int
points_post(struct ctx *c)
{
	static const char sql_insert[] =
	    "INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, points,"
	    " claimed_tenths, state, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7)";
	static const char sql_update[] =
	    "UPDATE record SET points = ?3, claimed_tenths = ?4,"
	    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " WHERE id = ?1 AND item_id = ?2 AND state IN ('draft', 'returned')";
	struct points_table t;
	struct typed *typed;
	xmlNodePtr root;
	int status, errors = 0, saved = 0;
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
	if (errors != 0) {
		if ((root = app_page(c, "points")) == NULL)
			return 500;
		if (table_node(c, root, &t, typed) == NULL)
			return 500;
		if (errors < 0) {
			xml_attr(xml_node(root, "refused"), "code", "year_locked");
			return 409;
		}
		xml_attr_int(xml_node(root, "refused"), "errors", errors);
		return 422;
	}
	if ((dr = db_begin(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	for (size_t i = 0; i < t.nrows; i++) {
		struct points_row *r = &t.rows[i];
		struct typed *ty = &typed[i];
		char json[128], before[160], after[256];
		struct audit_entry e = { 0 };
		sqlite3_stmt *st;
		long long hours, id;
		int rc;

		if (!ty->given || !ty->changed)
			continue;
		hours = hours_for(&t.item, ty->q);
		snprintf(json, sizeof(json), "[%lld,%lld,%lld,%lld]", ty->q[0], ty->q[1], ty->q[2], ty->q[3]);
		if ((st = db_stmt(c->db, r->record_id > 0 ? sql_update : sql_insert)) == NULL)
			goto error;
		if (r->record_id > 0) {
			sqlite3_bind_int64(st, 1, r->record_id);
			sqlite3_bind_int64(st, 2, t.item.id);
			sqlite3_bind_text(st, 3, json, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 4, hours);
		} else {
			sqlite3_bind_int64(st, 1, r->ty);
			sqlite3_bind_int64(st, 2, t.item.id);
			sqlite3_bind_text(st, 3, t.starts_on, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, t.ends_on, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 5, json, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 6, hours);
			sqlite3_bind_int64(st, 7, c->user->id);
		}
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if ((dr = db_result_of(rc)) != DB_OK)
			goto failed;
		if (sqlite3_changes(db_handle(c->db)) != 1)
			goto error; /* changed under us: checked above, so a race */
		id = r->record_id > 0 ? r->record_id : sqlite3_last_insert_rowid(db_handle(c->db));
		snprintf(before, sizeof(before), "{\"points\":[%lld,%lld,%lld,%lld]}",
		    r->q[0], r->q[1], r->q[2], r->q[3]);
		snprintf(after, sizeof(after), "{\"points\":%s,\"claimed_tenths\":%lld,\"state\":\"%s\"}",
		    json, hours, r->record_id > 0 ? r->state : "draft");
		e.account_id = c->user->id;
		e.district_id = t.district_id;
		e.action = r->record_id > 0 ? "points_update" : "points_create";
		e.object_type = "record";
		e.object_id = id;
		e.before = r->record_id > 0 ? before : NULL;
		e.after = after;
		e.client = c->req->remote_addr;
		if ((dr = audit_write(c->db, &e)) != DB_OK)
			goto failed;
		saved++;
	}
	if ((dr = db_commit(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	snprintf(path, sizeof(path), "/school/points?saved=%d", saved);
	return app_redirect(c, path);
failed:
	db_rollback(c->db);
	return dr == DB_BUSY ? 503 : 500;
error:
	db_rollback(c->db);
	return 500;
}
