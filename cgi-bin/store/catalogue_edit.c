/* store/catalogue_edit.c - see catalogue_edit.h */
#include "store/catalogue_edit.h"
#include "store/assess.h"
#include "store/sql.h"

#include <string.h>

#define ITEM_EDIT_SELECT \
	"SELECT " SQL_SETUP_ITEM_COLUMNS "," \
	" i.id, i.school_year_id, coalesce(i.cap_group_id, 0)," \
	" coalesce(g.name, ''), coalesce(g.cap_tenths, 0)," \
	" (SELECT count(*) FROM record r WHERE r.item_id = i.id)," \
	" json_extract(i.params, '$.tiers.school'), json_extract(i.params, '$.tiers.district')," \
	" json_extract(i.params, '$.tiers.city'), json_extract(i.params, '$.tiers.province')," \
	" json_extract(i.params, '$.tiers.national'), json_extract(i.params, '$.max')," \
	" json_extract(i.params, '$.base'), json_extract(i.params, '$.gain')," \
	" json_extract(i.params, '$.hours'), json_extract(i.params, '$.threshold')," \
	" json_extract(i.params, '$.addons.video'), json_extract(i.params, '$.excellent_percent')," \
	" json_extract(i.params, '$.quota_percent'), json_extract(i.params, '$.role')," \
	" json_extract(i.params, '$.limit')" \
	" FROM item i LEFT JOIN cap_group g ON g.id = i.cap_group_id"

/* The columns after SQL_SETUP_ITEM_COLUMNS' 18. */
#define C_ID 18
#define C_PARAMS (C_ID + 6)

static int
fill_item(arena *a, sql_stmt *st, void *row)
{
	struct item_edit *e = row;
	struct item_params *p = &e->p;
	const char *role;

	if (sql_fill_setup_item(a, st, 0, &e->it) != 0)
		return -1;
	e->id = sql_int(st, C_ID, 0);
	e->year_id = sql_int(st, C_ID + 1, 0);
	e->group_id = sql_int(st, C_ID + 2, 0);
	e->group_name = sql_dup(a, st, C_ID + 3);
	e->group_cap_tenths = sql_int(st, C_ID + 4, 0);
	e->records = sql_int(st, C_ID + 5, 0);

	memset(p, 0, sizeof(*p));
	p->type = rules_type_parse(e->it.rule_type);
	for (int l = 0; l < LEVEL__MAX; l++)
		p->tiers[l] = sql_int(st, C_PARAMS + l, 0);
	p->certified_max = sql_int(st, C_PARAMS + 5, 0);
	p->points_max = sql_int(st, C_PARAMS + 5, 0);
	p->points_base = sql_int(st, C_PARAMS + 6, 0);
	p->points_gain = sql_int(st, C_PARAMS + 7, 0);
	p->points_hours = sql_int(st, C_PARAMS + 8, 0);
	p->points_threshold = sql_int(st, C_PARAMS + 9, 0);
	p->addon_video = sql_int(st, C_PARAMS + 10, 0);
	p->excellent_percent = (int)sql_int(st, C_PARAMS + 11, 125);
	p->quota_percent = (int)sql_int(st, C_PARAMS + 12, 10);
	role = sql_text(st, C_PARAMS + 13);
	p->participant_leader = role != NULL && strcmp(role, "leader") == 0;
	p->participant_limit = (int)sql_int(st, C_PARAMS + 14, 0);
	return e->group_name ? 0 : -1;
}

enum db_result
store_catalogue_items(struct db *db, arena *a, long long year, struct item_edit **out, size_t *n)
{
	static const char sql[] = ITEM_EDIT_SELECT
	    " WHERE i.school_year_id = ? ORDER BY i.sort_order, i.id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_item, (void **)out, n);
}

enum db_result
store_item_load(struct db *db, arena *a, long long item, struct item_edit *out)
{
	static const char sql[] = ITEM_EDIT_SELECT " WHERE i.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	return sql_one(st, a, sizeof(*out), fill_item, out);
}

#define GROUP_SELECT \
	"SELECT g.id, g.school_year_id, g.code, g.name, g.cap_tenths," \
	" (SELECT count(*) FROM item i WHERE i.cap_group_id = g.id AND i.active = 1)" \
	" FROM cap_group g"

static int
fill_group(arena *a, sql_stmt *st, void *row)
{
	struct group_edit *g = row;

	g->id = sql_int(st, 0, 0);
	g->year_id = sql_int(st, 1, 0);
	g->code = sql_dup(a, st, 2);
	g->name = sql_dup(a, st, 3);
	g->cap_tenths = sql_int(st, 4, 0);
	g->items = sql_int(st, 5, 0);
	return g->code && g->name ? 0 : -1;
}

enum db_result
store_catalogue_groups(struct db *db, arena *a, long long year, struct group_edit **out, size_t *n)
{
	static const char sql[] = GROUP_SELECT " WHERE g.school_year_id = ? ORDER BY g.code";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_group, (void **)out, n);
}

enum db_result
store_group_load(struct db *db, arena *a, long long group, struct group_edit *out)
{
	static const char sql[] = GROUP_SELECT " WHERE g.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, group);
	return sql_one(st, a, sizeof(*out), fill_group, out);
}

static void
bind_cap(sql_stmt *st, int i, long long v)
{
	if (v <= 0)
		sql_bind_null(st, i);
	else
		sql_bind_int(st, i, v);
}

/* The group must be of the item's year: a group id of another year reads as none. */
enum db_result
store_item_save(struct db *db, const struct item_edit *e, long long *id)
{
	static const char sql_insert[] =
	    "INSERT INTO item (school_year_id, code, category, name, unit, conditions, rule_type,"
	    " params, asks, exclusions, organisers, hours_tenths, cap_tenths, cap_group_id,"
	    " normative, evidence_required, needs_project, active, sort_order)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " (SELECT id FROM cap_group WHERE id = ?14 AND school_year_id = ?1), ?15, ?16, ?17, 1,"
	    " (SELECT coalesce(max(sort_order), 0) + 10 FROM item WHERE school_year_id = ?1))";
	static const char sql_update[] =
	    "UPDATE item SET code = ?2, category = ?3, name = ?4, unit = ?5, conditions = ?6,"
	    " rule_type = ?7, params = ?8, asks = ?9, exclusions = ?10, organisers = ?11,"
	    " hours_tenths = ?12, cap_tenths = ?13,"
	    " cap_group_id = (SELECT id FROM cap_group WHERE id = ?14 AND school_year_id = ?1),"
	    " normative = ?15, evidence_required = ?16, needs_project = ?17"
	    " WHERE school_year_id = ?1 AND id = ?18";
	const struct setup_item *it = &e->it;
	sql_stmt *st = db_stmt(db, e->id > 0 ? sql_update : sql_insert);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, e->year_id);
	sql_bind_text(st, 2, it->code);
	sql_bind_text(st, 3, it->category);
	sql_bind_text(st, 4, it->name);
	sql_bind_text(st, 5, it->unit);
	sql_bind_text(st, 6, it->conditions);
	sql_bind_text(st, 7, it->rule_type);
	sql_bind_text(st, 8, it->params);
	sql_bind_text(st, 9, it->asks);
	sql_bind_text(st, 10, it->exclusions ? it->exclusions : "");
	sql_bind_text(st, 11, it->organisers ? it->organisers : "");
	sql_bind_int(st, 12, it->hours_tenths);
	bind_cap(st, 13, it->cap_tenths);
	sql_bind_int(st, 14, e->group_id);
	sql_bind_int(st, 15, it->normative != 0);
	sql_bind_int(st, 16, it->evidence_required != 0);
	sql_bind_int(st, 17, it->needs_project != 0);
	if (e->id > 0)
		sql_bind_int(st, 18, e->id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if (e->id > 0) {
		if (sql_changes(db) == 0)
			return DB_NOTFOUND;
		*id = e->id;
	} else {
		*id = sql_last_id(db);
	}
	return DB_OK;
}

enum db_result
store_item_move(struct db *db, long long item, int dir)
{
	/* Number the year's items 10, 20, ... in their order, then swap with the neighbour. */
	static const char sql_renumber[] =
	    "UPDATE item SET sort_order = 10 * (SELECT count(*) FROM item o"
	    "  WHERE o.school_year_id = item.school_year_id"
	    "  AND (o.sort_order < item.sort_order OR (o.sort_order = item.sort_order AND o.id <= item.id)))"
	    " WHERE school_year_id = (SELECT school_year_id FROM item WHERE id = ?1)";
	static const char sql_swap[] =
	    "UPDATE item SET sort_order = CASE WHEN id = ?1 THEN sort_order + ?2 ELSE sort_order - ?2 END"
	    " WHERE school_year_id = (SELECT school_year_id FROM item WHERE id = ?1)"
	    " AND (id = ?1 OR sort_order = (SELECT sort_order + ?2 FROM item WHERE id = ?1))";
	sql_stmt *st;
	enum db_result r;

	if ((st = db_stmt(db, sql_renumber)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_swap)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	sql_bind_int(st, 2, dir < 0 ? -10 : 10);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	/* Only the item itself moved: it was first (or last) already; put it back. */
	if (sql_changes(db) == 1) {
		static const char sql_back[] = "UPDATE item SET sort_order = sort_order - ?2 WHERE id = ?1";
		if ((st = db_stmt(db, sql_back)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, item);
		sql_bind_int(st, 2, dir < 0 ? -10 : 10);
		return sql_exec(st);
	}
	return DB_OK;
}

enum db_result
store_item_set_active(struct db *db, long long item, int active)
{
	static const char sql[] = "UPDATE item SET active = ?2 WHERE id = ?1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item);
	sql_bind_int(st, 2, active != 0);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	return sql_changes(db) == 1 ? DB_OK : DB_NOTFOUND;
}

enum db_result
store_group_save(struct db *db, const struct group_edit *g, long long *id)
{
	static const char sql_insert[] =
	    "INSERT INTO cap_group (school_year_id, code, name, cap_tenths) VALUES (?1, ?2, ?3, ?4)";
	static const char sql_update[] =
	    "UPDATE cap_group SET code = ?2, name = ?3, cap_tenths = ?4"
	    " WHERE school_year_id = ?1 AND id = ?5";
	sql_stmt *st = db_stmt(db, g->id > 0 ? sql_update : sql_insert);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, g->year_id);
	sql_bind_text(st, 2, g->code);
	sql_bind_text(st, 3, g->name);
	sql_bind_int(st, 4, g->cap_tenths);
	if (g->id > 0)
		sql_bind_int(st, 5, g->id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if (g->id > 0) {
		if (sql_changes(db) == 0)
			return DB_NOTFOUND;
		*id = g->id;
	} else {
		*id = sql_last_id(db);
	}
	return DB_OK;
}

enum db_result
store_group_delete(struct db *db, long long group)
{
	static const char sql_items[] = "UPDATE item SET cap_group_id = NULL WHERE cap_group_id = ?";
	static const char sql[] = "DELETE FROM cap_group WHERE id = ?";
	sql_stmt *st;
	enum db_result r;

	if ((st = db_stmt(db, sql_items)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, group);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, group);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	return sql_changes(db) == 1 ? DB_OK : DB_NOTFOUND;
}

enum db_result
store_group_set_items(struct db *db, long long year, long long group, const long long *items,
    size_t n)
{
	static const char sql_clear[] =
	    "UPDATE item SET cap_group_id = NULL WHERE cap_group_id = ?2 AND school_year_id = ?1";
	static const char sql[] =
	    "UPDATE item SET cap_group_id ="
	    " (SELECT id FROM cap_group WHERE id = ?3 AND school_year_id = ?1)"
	    " WHERE id = ?2 AND school_year_id = ?1";
	sql_stmt *st = db_stmt(db, sql_clear);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, group);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	for (size_t i = 0; i < n; i++) {
		st = db_stmt(db, sql);
		if (st == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year);
		sql_bind_int(st, 2, items[i]);
		sql_bind_int(st, 3, group);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
		if (sql_changes(db) != 1)
			return DB_NOTFOUND;
	}
	return DB_OK;
}

/* ------------------------------------------------------------- impact */

struct snap {
	long long ty, counted;
	int pass, confirmed;
	const char *name, *school;
};

static int
fill_snap(arena *a, sql_stmt *st, void *row)
{
	struct snap *s = row;

	s->ty = sql_int(st, 0, 0);
	s->counted = sql_int(st, 1, 0);
	s->pass = (int)sql_int(st, 2, 0);
	s->name = sql_dup(a, st, 3);
	s->school = sql_dup(a, st, 4);
	s->confirmed = (int)sql_int(st, 5, 0);
	return s->name && s->school ? 0 : -1;
}

static enum db_result
snapshot(struct db *db, arena *a, long long year, struct snap **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, coalesce(r.confirmed_tenths + r.pending_tenths, 0), coalesce(r.pass, 0),"
	    " t.name, s.name, CASE WHEN st.state = 'confirmed' THEN 1 ELSE 0 END"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id"
	    " LEFT JOIN school_year_state st ON st.school_id = ty.school_id"
	    " AND st.school_year_id = ty.school_year_id"
	    " LEFT JOIN teacher_year_result r ON r.teacher_year_id = ty.id"
	    " WHERE ty.school_year_id = ? ORDER BY ty.id";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_snap, (void **)out, n);
}

static enum db_result
impact_in_tx(struct db *db, arena *a, long long year, store_change_fn fn, void *arg,
    struct impact *out)
{
	struct snap *before, *after;
	size_t nb, na, k = 0;
	enum db_result r;

	if ((r = assess_refresh(db)) != DB_OK ||
	    (r = snapshot(db, a, year, &before, &nb)) != DB_OK)
		return r;
	if ((r = fn(db, arg)) != DB_OK)
		return r;
	if ((r = assess_refresh(db)) != DB_OK ||
	    (r = snapshot(db, a, year, &after, &na)) != DB_OK)
		return r;
	if (na != nb)
		return DB_ERROR;   /* the change added or removed teacher-years: not a catalogue change */
	out->teachers = (long long)na;
	for (size_t i = 0; i < na; i++)
		if (before[i].counted != after[i].counted || before[i].pass != after[i].pass)
			out->changed++;
	if (out->changed > 0 &&
	    (out->rows = arena_alloc(a, (size_t)out->changed * sizeof(*out->rows))) == NULL)
		return DB_ERROR;
	for (size_t i = 0; i < na; i++) {
		struct impact_row *row;
		if (before[i].ty != after[i].ty)
			return DB_ERROR;
		if (before[i].counted == after[i].counted && before[i].pass == after[i].pass)
			continue;
		row = &out->rows[k++];
		row->teacher_year_id = after[i].ty;
		row->name = after[i].name;
		row->school = after[i].school;
		row->before_tenths = before[i].counted;
		row->after_tenths = after[i].counted;
		row->before_pass = before[i].pass;
		row->after_pass = after[i].pass;
		row->confirmed = before[i].confirmed;
		out->confirmed += row->confirmed;
		if (row->before_pass && !row->after_pass)
			out->pass_to_fail++;
		if (!row->before_pass && row->after_pass)
			out->fail_to_pass++;
	}
	out->nrows = k;
	return DB_OK;
}

enum db_result
store_catalogue_impact(struct db *db, arena *a, long long year, store_change_fn fn, void *arg,
    struct impact *out)
{
	enum db_result r;

	memset(out, 0, sizeof(*out));
	if ((r = db_begin(db)) != DB_OK)
		return r;
	r = impact_in_tx(db, a, year, fn, arg, out);
	db_rollback(db);
	return r;
}
