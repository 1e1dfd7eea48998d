/* store/district.c - see district.h */
#include "store/district.h"
#include "store/audit.h"
#include "store/grow.h"
#include "store/schools.h"
#include "store/sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *
dup_or_null(arena *a, sql_stmt *st, int i)
{
	return sql_null(st, i) ? NULL : sql_dup(a, st, i);
}

enum db_result
store_district_id(struct db *db, const char *code, long long *id)
{
	static const char sql[] = "SELECT id FROM district WHERE code = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, code);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		*id = sql_int(st, 0, 0);
		r = DB_OK;
		break;
	case SQL_DONE:
		r = DB_NOTFOUND;
		break;
	case SQL_FAILED:
		break;
	}
	sql_reset(st);
	return r;
}

enum db_result
store_district_current(struct db *db, arena *a, const char *code, struct district_year *out)
{
	static const char sql[] =
	    "SELECT d.id, y.id, d.name, y.label, y.starts_on, y.ends_on, d.year_start_md,"
	    " d.self_registration FROM district d JOIN school_year y"
	    " ON y.district_id = d.id AND y.is_current = 1 WHERE d.code = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, code);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		out->district_id = sql_int(st, 0, 0);
		out->year_id = sql_int(st, 1, 0);
		out->district_name = sql_dup(a, st, 2);
		out->label = sql_dup(a, st, 3);
		out->starts_on = sql_dup(a, st, 4);
		out->ends_on = sql_dup(a, st, 5);
		out->year_start_md = sql_dup(a, st, 6);
		out->self_registration = (int)sql_int(st, 7, 1);
		r = out->year_start_md ? DB_OK : DB_ERROR;
		break;
	case SQL_DONE:
		r = DB_NOTFOUND;
		break;
	case SQL_FAILED:
		break;
	}
	sql_reset(st);
	return r;
}

static int
fill_group(arena *a, sql_stmt *st, void *row)
{
	struct catalogue_group *g = row;

	g->code = sql_dup(a, st, 0);
	g->name = sql_dup(a, st, 1);
	g->cap_tenths = sql_int(st, 2, 1);
	return g->code && g->name ? 0 : -1;
}

int
sql_fill_setup_item(arena *a, sql_stmt *st, int c, struct setup_item *it)
{
	it->code = sql_dup(a, st, c + 0);
	it->category = sql_dup(a, st, c + 1);
	it->name = sql_dup(a, st, c + 2);
	it->unit = sql_dup(a, st, c + 3);
	it->conditions = sql_dup(a, st, c + 4);
	it->rule_type = sql_dup(a, st, c + 5);
	it->params = sql_dup(a, st, c + 6);
	it->asks = sql_dup(a, st, c + 7);
	it->hours_tenths = sql_int(st, c + 8, 0);
	it->cap_tenths = sql_int(st, c + 9, -1);
	it->group = dup_or_null(a, st, c + 10);
	it->normative = (int)sql_int(st, c + 11, 0);
	it->evidence_required = (int)sql_int(st, c + 12, 1);
	it->needs_project = (int)sql_int(st, c + 13, 0);
	it->active = (int)sql_int(st, c + 14, 1);
	it->sort_order = sql_int(st, c + 15, 0);
	it->exclusions = sql_dup(a, st, c + 16);
	it->organisers = sql_dup(a, st, c + 17);
	return it->code && it->category && it->name && it->unit && it->conditions &&
	    it->rule_type && it->params && it->asks && it->exclusions && it->organisers ? 0 : -1;
}

static int
fill_item(arena *a, sql_stmt *st, void *row)
{
	return sql_fill_setup_item(a, st, 0, row);
}

enum db_result
store_catalogue_read(struct db *db, arena *a, long long year_id, struct catalogue *out)
{
	static const char sql_year[] =
	    "SELECT starts_on, register_deadline, school_review_deadline, district_review_deadline"
	    " FROM school_year WHERE id = ?";
	static const char sql_policy[] =
	    "SELECT min_tenths, normative_min_tenths, new_teacher_tenths, new_principal_tenths,"
	    " cycle_years, cycle_min_tenths, flag_percent, terms_per_year, points_reading"
	    " FROM policy WHERE school_year_id = ?";
	static const char sql_groups[] =
	    "SELECT code, name, cap_tenths FROM cap_group WHERE school_year_id = ? ORDER BY id";
	static const char sql_items[] =
	    "SELECT " SQL_SETUP_ITEM_COLUMNS
	    " FROM item i LEFT JOIN cap_group g ON g.id = i.cap_group_id"
	    " WHERE i.school_year_id = ? ORDER BY i.sort_order, i.id";
	sql_stmt *st;
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(out, 0, sizeof(*out));
	if ((st = db_stmt(db, sql_year)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year_id);
	s = sql_step(st, &r);
	if (s == SQL_ROW) {
		out->starts_on = sql_dup(a, st, 0);
		out->register_deadline = dup_or_null(a, st, 1);
		out->school_review_deadline = dup_or_null(a, st, 2);
		out->district_review_deadline = dup_or_null(a, st, 3);
	}
	sql_reset(st);
	if (s != SQL_ROW)
		return s == SQL_DONE ? DB_NOTFOUND : r;

	if ((st = db_stmt(db, sql_policy)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year_id);
	s = sql_step(st, &r);
	if (s == SQL_ROW) {
		struct catalogue_policy *p = &out->policy;
		p->present = 1;
		p->min_tenths = sql_int(st, 0, 0);
		p->normative_min_tenths = sql_int(st, 1, 0);
		p->new_teacher_tenths = sql_int(st, 2, -1);
		p->new_principal_tenths = sql_int(st, 3, -1);
		p->cycle_years = sql_int(st, 4, 5);
		p->cycle_min_tenths = sql_int(st, 5, -1);
		p->flag_percent = sql_int(st, 6, -1);
		p->terms_per_year = sql_int(st, 7, 2);
		p->points_reading = sql_dup(a, st, 8);
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r;

	if ((st = db_stmt(db, sql_groups)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year_id);
	if ((r = sql_list(st, a, sizeof(*out->groups), fill_group, (void **)&out->groups,
	    &out->ngroups)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_items)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year_id);
	return sql_list(st, a, sizeof(*out->items), fill_item, (void **)&out->items, &out->nitems);
}

static void
bind_opt(sql_stmt *st, int i, long long v)
{
	if (v < 0)
		sql_bind_null(st, i);
	else
		sql_bind_int(st, i, v);
}

enum db_result
store_catalogue_write(struct db *db, long long year_id, const struct catalogue *cat)
{
	static const char sql_policy[] =
	    "INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,"
	    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, terms_per_year,"
	    " points_reading) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char sql_blank_policy[] =
	    "INSERT INTO policy (school_year_id, min_tenths) VALUES (?, 0)";
	static const char sql_group[] =
	    "INSERT INTO cap_group (school_year_id, code, name, cap_tenths) VALUES (?, ?, ?, ?)";
	static const char sql_item[] =
	    "INSERT INTO item (school_year_id, code, category, name, unit, conditions, rule_type,"
	    " params, asks, hours_tenths, cap_tenths, cap_group_id, normative, evidence_required,"
	    " needs_project, active, sort_order, exclusions, organisers)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	    " (SELECT id FROM cap_group WHERE school_year_id = ?1 AND code = ?12), ?13, ?14, ?15, ?16, ?17,"
	    " ?18, ?19)";
	const struct catalogue_policy *p = &cat->policy;
	sql_stmt *st;
	enum db_result r;

	if (p->present) {
		if ((st = db_stmt(db, sql_policy)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year_id);
		sql_bind_int(st, 2, p->min_tenths);
		sql_bind_int(st, 3, p->normative_min_tenths);
		bind_opt(st, 4, p->new_teacher_tenths);
		bind_opt(st, 5, p->new_principal_tenths);
		sql_bind_int(st, 6, p->cycle_years);
		bind_opt(st, 7, p->cycle_min_tenths);
		bind_opt(st, 8, p->flag_percent);
		sql_bind_int(st, 9, p->terms_per_year);
		sql_bind_text(st, 10, p->points_reading);
	} else {
		if ((st = db_stmt(db, sql_blank_policy)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year_id);
	}
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	for (size_t i = 0; i < cat->ngroups; i++) {
		if ((st = db_stmt(db, sql_group)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year_id);
		sql_bind_text(st, 2, cat->groups[i].code);
		sql_bind_text(st, 3, cat->groups[i].name);
		sql_bind_int(st, 4, cat->groups[i].cap_tenths);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	for (size_t i = 0; i < cat->nitems; i++) {
		const struct setup_item *it = &cat->items[i];
		if ((st = db_stmt(db, sql_item)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year_id);
		sql_bind_text(st, 2, it->code);
		sql_bind_text(st, 3, it->category);
		sql_bind_text(st, 4, it->name);
		sql_bind_text(st, 5, it->unit);
		sql_bind_text(st, 6, it->conditions);
		sql_bind_text(st, 7, it->rule_type);
		sql_bind_text(st, 8, it->params);
		sql_bind_text(st, 9, it->asks);
		sql_bind_int(st, 10, it->hours_tenths);
		bind_opt(st, 11, it->cap_tenths);
		sql_bind_text(st, 12, it->group);
		sql_bind_int(st, 13, it->normative);
		sql_bind_int(st, 14, it->evidence_required);
		sql_bind_int(st, 15, it->needs_project);
		sql_bind_int(st, 16, it->active);
		sql_bind_int(st, 17, it->sort_order);
		sql_bind_text(st, 18, it->exclusions ? it->exclusions : "");
		sql_bind_text(st, 19, it->organisers ? it->organisers : "");
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	return DB_OK;
}

const char *
store_date_add_years(arena *a, const char *date, int years)
{
	int y, m, d;
	char *out;

	if (date == NULL || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return NULL;
	y += years;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		d = 28;
	if (y < 1000 || y > 9999 || (out = arena_alloc(a, 11)) == NULL)
		return NULL;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return out;
}

enum db_result
store_district_new(struct db *db, arena *a, const struct district_new *in,
    long long *district_id, long long *year_id)
{
	static const char sql_district[] =
	    "INSERT INTO district (code, name, self_registration, year_start_md) VALUES (?, ?, ?, ?)";
	static const char sql_year[] =
	    "INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,"
	    " register_deadline, school_review_deadline, district_review_deadline)"
	    " VALUES (?, ?, ?, ?, 1, ?, ?, ?)";
	struct catalogue blank;
	const struct catalogue *cat = in->from;
	struct audit_entry e;
	struct audit_json j;
	sql_stmt *st;
	enum db_result r;
	int shift = 0;

	if (cat == NULL) {
		memset(&blank, 0, sizeof(blank));
		cat = &blank;
	} else if (cat->starts_on != NULL)
		shift = atoi(in->starts_on) - atoi(cat->starts_on);
	if ((st = db_stmt(db, sql_district)) == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, in->code);
	sql_bind_text(st, 2, in->name);
	sql_bind_int(st, 3, in->self_registration);
	sql_bind_text(st, 4, in->year_start_md);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*district_id = sql_last_id(db);
	if ((st = db_stmt(db, sql_year)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, *district_id);
	sql_bind_text(st, 2, in->label);
	sql_bind_text(st, 3, in->starts_on);
	sql_bind_text(st, 4, in->ends_on);
	sql_bind_text(st, 5, store_date_add_years(a, cat->register_deadline, shift));
	sql_bind_text(st, 6, store_date_add_years(a, cat->school_review_deadline, shift));
	sql_bind_text(st, 7, store_date_add_years(a, cat->district_review_deadline, shift));
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*year_id = sql_last_id(db);
	if ((r = store_catalogue_write(db, *year_id, cat)) != DB_OK)
		return r;

	audit_json_begin(&j, a);
	audit_json_str(&j, "code", in->code);
	audit_json_str(&j, "name", in->name);
	audit_json_str(&j, "from", in->from_name);
	audit_json_str(&j, "label", in->label);
	audit_json_int(&j, "items", (long long)cat->nitems);
	audit_json_int(&j, "cap_groups", (long long)cat->ngroups);
	memset(&e, 0, sizeof(e));
	e.account_id = in->account_id;
	e.district_id = *district_id;
	e.action = "district_create";
	e.object_type = "district";
	e.object_id = *district_id;
	e.after = audit_json_end(&j);
	e.client = in->client;
	if (e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

enum db_result
store_school_add(struct db *db, arena *a, long long district, const char *code,
    const char *name, const char *kind, const char *client, long long *id)
{
	struct audit_entry e;
	struct audit_json j;
	enum db_result r;

	if ((r = store_school_insert(db, district, code, name, kind, id)) != DB_OK)
		return r;
	audit_json_begin(&j, a);
	audit_json_str(&j, "code", code);
	audit_json_str(&j, "name", name);
	audit_json_str(&j, "kind", kind);
	memset(&e, 0, sizeof(e));
	e.district_id = district;
	e.action = "school_create";
	e.object_type = "school";
	e.object_id = *id;
	e.after = audit_json_end(&j);
	e.client = client;
	if (e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

enum db_result
store_schools_list(struct db *db, arena *a, long long district, struct school_listed **out,
    size_t *n)
{
	static const char sql[] =
	    "SELECT d.code, s.code, s.name, s.kind, s.active,"
	    " (SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    "   WHERE ty.school_id = s.id AND y.is_current = 1)"
	    " FROM school s JOIN district d ON d.id = s.district_id"
	    " WHERE ?1 = 0 OR s.district_id = ?1 ORDER BY d.code, s.code";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct school_listed *v = store_grow(a, (void **)out, *n, &cap, sizeof(*v));
		if (v == NULL) {
			s = SQL_FAILED;
			r = DB_ERROR;
			break;
		}
		v->district = sql_dup(a, st, 0);
		v->code = sql_dup(a, st, 1);
		v->name = sql_dup(a, st, 2);
		v->kind = sql_dup(a, st, 3);
		v->active = (int)sql_int(st, 4, 1);
		v->teachers = sql_int(st, 5, 0);
		(*n)++;
	}
	sql_reset(st);
	if (s == SQL_FAILED) {
		*out = NULL;
		*n = 0;
		return r;
	}
	return DB_OK;
}

enum db_result
store_preset_catalogue(const char *datadir, arena *a, const char *name, struct catalogue *cat,
    const char **year_start_md, int *self_registration)
{
	char file[8192], migrations[8192];
	struct db *mem;
	struct district_year y;
	enum db_result r = DB_ERROR;

	if (strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) || *name == '\0')
		return DB_NOTFOUND;
	snprintf(file, sizeof(file), "%s/db/presets/%s.sql", datadir, name);
	snprintf(migrations, sizeof(migrations), "%s/db/migrations", datadir);
	if (access(file, R_OK) != 0)
		return DB_NOTFOUND;
	if ((mem = db_open(":memory:", 1)) == NULL)
		return DB_ERROR;
	if (db_migrate(mem, migrations, NULL) == DB_OK && db_exec_file(mem, file) == DB_OK &&
	    store_district_current(mem, a, name, &y) == DB_OK &&
	    store_catalogue_read(mem, a, y.year_id, cat) == DB_OK) {
		*year_start_md = y.year_start_md;
		*self_registration = y.self_registration;
		r = DB_OK;
	}
	db_close(mem);
	return r;
}

static int
fill_district(arena *a, sql_stmt *st, void *row)
{
	struct district_listed *d = row;

	d->id = sql_int(st, 0, 0);
	d->code = sql_dup(a, st, 1);
	d->name = sql_dup(a, st, 2);
	d->authority = sql_dup(a, st, 3);
	d->year = sql_dup(a, st, 4);
	d->admins = sql_dup(a, st, 5);
	d->schools = sql_int(st, 6, 0);
	return d->code && d->name && d->authority && d->year && d->admins ? 0 : -1;
}

enum db_result
store_districts_all(struct db *db, arena *a, struct district_listed **out, size_t *n)
{
	static const char sql[] =
	    "SELECT d.id, d.code, d.name, d.authority,"
	    " coalesce((SELECT label FROM school_year WHERE district_id = d.id AND is_current = 1), ''),"
	    " coalesce((SELECT group_concat(login, ' ') FROM (SELECT login FROM account"
	    "   WHERE district_id = d.id AND role = 'district_admin' AND active = 1 ORDER BY login) AS l), ''),"
	    " (SELECT count(*) FROM school WHERE district_id = d.id AND active = 1)"
	    " FROM district d ORDER BY d.code";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	return sql_list(st, a, sizeof(**out), fill_district, (void **)out, n);
}
