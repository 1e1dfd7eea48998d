/*
 * store/assess.c - see assess.h: the loaders of the assessment and the
 * pass over a scope's teacher-years.
 */
#include "store/assess.h"
#include "store/sql.h"

#include <stdlib.h>
#include <string.h>

#define COUNTING "('district_approved', 'submitted', 'school_approved')"

/* ------------------------------------------------------------ items */

#define ITEM_COLUMNS \
	"SELECT i.id, i.code, i.name, i.category, i.unit, i.rule_type, i.asks, i.hours_tenths," \
	" i.normative, coalesce(i.cap_tenths, 0), coalesce(i.cap_group_id, 0)," \
	" coalesce(g.cap_tenths, 0), coalesce(g.name, ''), i.needs_project," \
	" json_extract(i.params, '$.tiers.school'), json_extract(i.params, '$.tiers.district')," \
	" json_extract(i.params, '$.tiers.city'), json_extract(i.params, '$.tiers.province')," \
	" json_extract(i.params, '$.tiers.national'), json_extract(i.params, '$.max')," \
	" json_extract(i.params, '$.base'), json_extract(i.params, '$.gain')," \
	" json_extract(i.params, '$.hours'), json_extract(i.params, '$.max')," \
	" json_extract(i.params, '$.threshold'), json_extract(i.params, '$.addons.video')," \
	" json_extract(i.params, '$.excellent_percent'), json_extract(i.params, '$.quota_percent')," \
	" json_extract(i.params, '$.role'), json_extract(i.params, '$.limit')," \
	" CASE WHEN pol.points_reading = 'year_total' THEN 1 ELSE 0 END" \
	" FROM item i LEFT JOIN cap_group g ON g.id = i.cap_group_id" \
	" LEFT JOIN policy pol ON pol.school_year_id = i.school_year_id"

static int
item_from_row(arena *a, sql_stmt *st, struct item_row *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sql_int(st, 0, 0);
	it->code = sql_dup(a, st, 1);
	it->name = sql_dup(a, st, 2);
	it->category = sql_dup(a, st, 3);
	it->unit = sql_dup(a, st, 4);
	it->rule_type = sql_dup(a, st, 5);
	it->asks = sql_dup(a, st, 6);
	it->hours_tenths = sql_int(st, 7, 0);
	it->normative = (int)sql_int(st, 8, 0);
	it->cap_tenths = sql_int(st, 9, 0);
	it->cap_group_id = sql_int(st, 10, 0);
	it->group_cap_tenths = sql_int(st, 11, 0);
	it->group_name = sql_dup(a, st, 12);
	it->needs_project = (int)sql_int(st, 13, 0);
	for (int k = 0; k < 5; k++)
		it->tiers[k] = sql_int(st, 14 + k, 0);
	it->max_tenths = sql_int(st, 19, 0);
	it->points_base = sql_int(st, 20, 0);
	it->points_gain = sql_int(st, 21, 0);
	it->points_hours = sql_int(st, 22, 0);
	it->points_max = sql_int(st, 23, 0);
	it->points_threshold = sql_int(st, 24, 0);
	it->addon_video = sql_int(st, 25, 0);
	it->excellent_percent = (int)sql_int(st, 26, 100);
	it->quota_percent = (int)sql_int(st, 27, 100);
	it->participant_role = sql_dup(a, st, 28);
	it->participant_limit = (int)sql_int(st, 29, 0);
	it->points_year_total = (int)sql_int(st, 30, 0);
	return it->code && it->name && it->category && it->unit && it->rule_type && it->asks &&
	    it->group_name && it->participant_role ? 0 : -1;
}

enum db_result
assess_load_item(struct db *db, arena *a, long long item_id, struct item_row *it)
{
	static const char sql[] = ITEM_COLUMNS " WHERE i.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, item_id);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		r = item_from_row(a, st, it) == 0 ? DB_OK : DB_ERROR;
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

/* Grow an arena array of elements of size sz to hold one more. */
static void *
grow(arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *more;

	if (n < *cap)
		return v;
	more = arena_alloc(a, (*cap ? 2 * *cap : 64) * sz);
	if (more == NULL)
		return NULL;
	if (n)
		memcpy(more, v, n * sz);
	*cap = *cap ? 2 * *cap : 64;
	return more;
}

/* Every item of a school year, sorted by id, read from the database. */
static enum db_result
read_items(struct db *db, arena *a, long long year, struct item_row **out, size_t *n)
{
	static const char sql[] = ITEM_COLUMNS " WHERE i.school_year_id = ? ORDER BY i.id";
	sql_stmt *st = db_stmt(db, sql);
	struct item_row *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL ||
		    item_from_row(a, st, &v[*n]) != 0) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
	}
	sql_reset(st);
	*out = v;
	return s == SQL_DONE ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}

/*
 * The catalogue of the last few school years read, kept with the connection:
 * a page that assesses reads its year's items (some 40 rows with 16 JSON
 * fields each: a seventh of a teacher dashboard) only when the catalogue
 * changed. Migration 0017 keeps catalogue_version.n counting every change
 * to item, cap_group and policy (triggers), and an epoch drawn when the
 * table was made (another database put in this one's place has another).
 * The kept items are those of a committed version: inside a write
 * transaction (which may have changed the catalogue and may yet roll back,
 * to give its number to another change) they are read for the caller alone.
 */
#define CATALOGUE_YEARS 8 /* a five-year cycle and more */

struct catalogue_cache {
	long long version, epoch;
	unsigned long tick;
	struct {
		long long year;
		arena *a;
		struct item_row *items;
		size_t n;
		unsigned long used;
	} y[CATALOGUE_YEARS];
};

static void
arena_free_fn(void *p)
{
	arena_free(p);
}

/*
 * Slot k given up. Its items may still be in use by the request (a cycle's
 * earlier years, loaded before this one): its arena is freed with the
 * request's arena a. -1 when that cannot be arranged (out of memory): the
 * slot is then kept.
 */
static int
retire(struct catalogue_cache *c, int k, arena *a)
{
	if (c->y[k].a == NULL)
		return 0;
	if (arena_defer(a, arena_free_fn, c->y[k].a) < 0)
		return -1;
	c->y[k].a = NULL;
	c->y[k].year = 0;
	return 0;
}

static void
catalogue_cache_free(void *p)
{
	struct catalogue_cache *c = p;

	if (c == NULL)
		return;
	for (int k = 0; k < CATALOGUE_YEARS; k++)
		arena_free(c->y[k].a);
	free(c);
}

static enum db_result
load_items(struct db *db, arena *a, long long year, struct item_row **out, size_t *n)
{
	static const char sql[] = "SELECT n, epoch FROM catalogue_version WHERE id = 1";
	struct catalogue_cache *c = db_kept(db, DB_KEEP_CATALOGUE);
	sql_stmt *st;
	enum db_result r = DB_OK;
	long long version, epoch;
	int slot = 0;

	if (db_writing(db))
		return read_items(db, a, year, out, n);
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		version = sql_int(st, 0, 0);
		epoch = sql_int(st, 1, 0);
		break;
	case SQL_DONE:
		r = DB_ERROR;
		/* fall through */
	default:
		sql_reset(st);
		return r == DB_OK ? DB_ERROR : r;
	}
	sql_reset(st);
	if (c == NULL) {
		if ((c = calloc(1, sizeof(*c))) == NULL)
			return read_items(db, a, year, out, n);
		db_keep(db, DB_KEEP_CATALOGUE, c, catalogue_cache_free);
		c->version = version;
		c->epoch = epoch;
	}
	if (c->version != version || c->epoch != epoch) {
		for (int k = 0; k < CATALOGUE_YEARS; k++)
			if (retire(c, k, a) < 0)
				return read_items(db, a, year, out, n);
		c->version = version;
		c->epoch = epoch;
	}
	for (int k = 0; k < CATALOGUE_YEARS; k++) {
		if (c->y[k].a != NULL && c->y[k].year == year) {
			c->y[k].used = ++c->tick;
			*out = c->y[k].items;
			*n = c->y[k].n;
			return DB_OK;
		}
		if (c->y[k].a == NULL || (c->y[slot].a != NULL && c->y[k].used < c->y[slot].used))
			slot = k;
	}
	if (retire(c, slot, a) < 0 || (c->y[slot].a = arena_new()) == NULL)
		return read_items(db, a, year, out, n);
	if ((r = read_items(db, c->y[slot].a, year, &c->y[slot].items, &c->y[slot].n)) != DB_OK) {
		arena_free(c->y[slot].a);
		c->y[slot].a = NULL;
		return r;
	}
	c->y[slot].year = year;
	c->y[slot].used = ++c->tick;
	*out = c->y[slot].items;
	*n = c->y[slot].n;
	return DB_OK;
}

/* ------------------------------------------------------------ records */

#define RECORD_COLUMNS(p) \
	p "id, " p "item_id, " p "state, " p "started_on, " p "ended_on, coalesce(" p "quantity, -1)," \
	" coalesce(" p "level, ''), coalesce(" p "certified_tenths, -1)," \
	" json_extract(" p "points, '$[0]'), json_extract(" p "points, '$[1]')," \
	" json_extract(" p "points, '$[2]'), json_extract(" p "points, '$[3]')," \
	" CASE WHEN instr(" p "addons, '\"video\"') > 0 THEN 1 ELSE 0 END, coalesce(" p "role, ''), " p "certificate_no," \
	" coalesce(" p "certificate_on, ''), coalesce(" p "project_id, 0)"

/* A record from columns at..at+16. */
static int
record_from_row(arena *a, sql_stmt *st, int at, struct record_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sql_int(st, at, 0);
	r->item_id = sql_int(st, at + 1, 0);
	r->state = sql_dup(a, st, at + 2);
	r->started_on = sql_dup(a, st, at + 3);
	r->ended_on = sql_dup(a, st, at + 4);
	r->quantity = sql_int(st, at + 5, -1);
	r->level = sql_dup(a, st, at + 6);
	r->certified_tenths = sql_int(st, at + 7, -1);
	for (int k = 0; k < 4; k++)
		r->points[k] = sql_int(st, at + 8 + k, -1);
	r->video = (int)sql_int(st, at + 12, 0);
	r->role = sql_dup(a, st, at + 13);
	r->certificate_no = sql_dup(a, st, at + 14);
	r->certificate_on = sql_dup(a, st, at + 15);
	r->project_id = sql_int(st, at + 16, 0);
	return r->state && r->started_on && r->ended_on && r->level && r->role &&
	    r->certificate_no && r->certificate_on ? 0 : -1;
}

enum db_result
assess_load_records(struct db *db, arena *a, long long ty, struct record_row **recs,
    size_t *nrecs)
{
	static const char sql[] = "SELECT " RECORD_COLUMNS("")
	    " FROM record WHERE teacher_year_id = ? ORDER BY started_on, id";
	sql_stmt *st = db_stmt(db, sql);
	struct record_row *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*nrecs = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		if ((v = grow(a, v, *nrecs, &cap, sizeof(*v))) == NULL ||
		    record_from_row(a, st, 0, &v[*nrecs]) != 0) {
			r = DB_ERROR;
			break;
		}
		(*nrecs)++;
	}
	sql_reset(st);
	*recs = v;
	return s == SQL_DONE ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}

/* ------------------------------------------------------------ the year */

static enum db_result
load_year(struct db *db, arena *a, long long year, struct assess_year *y)
{
	static const char sql[] =
	    "SELECT y.id, y.district_id, y.starts_on, y.ends_on, p.min_tenths, p.normative_min_tenths,"
	    " coalesce(p.new_teacher_tenths, -1), coalesce(p.new_principal_tenths, -1), p.cycle_years,"
	    " coalesce(p.cycle_min_tenths, -1), coalesce(p.flag_percent, 0), p.terms_per_year"
	    " FROM school_year y JOIN policy p ON p.school_year_id = y.id WHERE y.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		y->school_year_id = sql_int(st, 0, 0);
		y->district_id = sql_int(st, 1, 0);
		y->starts_on = sql_dup(a, st, 2);
		y->ends_on = sql_dup(a, st, 3);
		y->min_tenths = sql_int(st, 4, 0);
		y->normative_min_tenths = sql_int(st, 5, 0);
		y->new_teacher_tenths = sql_int(st, 6, -1);
		y->new_principal_tenths = sql_int(st, 7, -1);
		y->cycle_years = (int)sql_int(st, 8, 5);
		y->cycle_min_tenths = sql_int(st, 9, -1);
		y->flag_percent = (int)sql_int(st, 10, 0);
		y->terms_per_year = (int)sql_int(st, 11, 2);
		r = y->starts_on && y->ends_on ? DB_OK : DB_ERROR;
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

/*
 * The places of a year: every counting record of a research project
 * (participant limit, by item and certificate) and every counting
 * excellent trainee (by class), people in the stable order. The year's
 * items first (CROSS JOIN fixes the order): left to itself the planner
 * would walk every counting record of every year by record_state, which on
 * a district of 300,000 records is most of a teacher dashboard's time.
 */
static enum db_result
load_places(struct db *db, arena *a, long long year, struct assess_places *pl)
{
	static const char sql_part[] =
	    "SELECT r.item_id || ':' || r.certificate_no, r.id, ty.teacher_id, -1, -1"
	    " FROM item i CROSS JOIN record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id WHERE r.item_id = i.id AND i.school_year_id = ?"
	    " AND i.rule_type = 'participant_limit' AND r.certificate_no <> ''"
	    " AND r.state IN " COUNTING
	    " ORDER BY r.item_id, r.certificate_no, r.state <> 'district_approved', r.started_on, r.id";
	static const char sql_exc[] =
	    "SELECT CAST(r.project_id AS TEXT), r.id, ty.teacher_id, coalesce(p.max_participants, 0),"
	    " coalesce(p.excellent_quota_percent, -1)"
	    " FROM item i CROSS JOIN record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id LEFT JOIN training_project p ON p.id = r.project_id"
	    " WHERE r.item_id = i.id AND i.school_year_id = ? AND i.rule_type = 'trainee_multiplier'"
	    " AND r.role = 'excellent' AND r.project_id IS NOT NULL AND r.state IN " COUNTING
	    " ORDER BY r.project_id, r.state <> 'district_approved', r.started_on, r.id";
	const char *sqls[2] = { sql_part, sql_exc };

	memset(pl, 0, sizeof(*pl));
	for (int k = 0; k < 2; k++) {
		sql_stmt *st = db_stmt(db, sqls[k]);
		struct assess_rank_row *rows = NULL;
		struct assess_place *places;
		size_t n = 0, cap = 0;
		enum db_result r = DB_OK;
		enum sql_step s;
		if (st == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, year);
		while ((s = sql_step(st, &r)) == SQL_ROW) {
			if ((rows = grow(a, rows, n, &cap, sizeof(*rows))) == NULL ||
			    (rows[n].group = sql_dup(a, st, 0)) == NULL) {
				r = DB_ERROR;
				break;
			}
			rows[n].record_id = sql_int(st, 1, 0);
			rows[n].teacher_id = sql_int(st, 2, 0);
			rows[n].of_override = sql_int(st, 3, -1);
			rows[n].quota_override = (int)sql_int(st, 4, -1);
			n++;
		}
		sql_reset(st);
		if (s != SQL_DONE)
			return r == DB_OK ? DB_ERROR : r;
		if ((places = arena_alloc(a, (n + 1) * sizeof(*places))) == NULL)
			return DB_ERROR;
		assess_rank(rows, n, places);
		if (k == 0) {
			pl->participants = places;
			pl->nparticipants = n;
		} else {
			pl->excellent = places;
			pl->nexcellent = n;
		}
	}
	return DB_OK;
}

/* What assessing one school year needs, loaded once. */
struct year_data {
	struct assess_year y;
	struct item_row *items;
	size_t nitems;
	struct assess_places places;
};

static enum db_result
load_year_data(struct db *db, arena *a, long long year, struct year_data *yd)
{
	enum db_result r;

	if ((r = load_year(db, a, year, &yd->y)) != DB_OK ||
	    (r = load_items(db, a, year, &yd->items, &yd->nitems)) != DB_OK)
		return r;
	return load_places(db, a, year, &yd->places);
}

/* ------------------------------------------------------------ the pass */

/*
 * The teacher-years of a scope with their records, in teacher-year order
 * (a teacher-year without records gives one row with NULL record columns).
 * ?1 the year; the scope: ?2 the school or the teacher-year (0: the year).
 * The "prior" forms take the teachers of the current scope (?2 current
 * year, ?3 school or teacher-year) into an earlier year ?1.
 */
#define STREAM_SELECT \
	"SELECT ty.id, ty.teacher_id, ty.school_id, ty.category, ty.status, " RECORD_COLUMNS("r.") \
	" FROM teacher_year ty LEFT JOIN record r ON r.teacher_year_id = ty.id"
#define STREAM_ORDER " ORDER BY ty.id, r.started_on, r.id"
static const char sql_stream_year[] = STREAM_SELECT
    " WHERE ty.school_year_id = ?1 AND ?2 = 0" STREAM_ORDER;
static const char sql_stream_school[] = STREAM_SELECT
    " WHERE ty.school_year_id = ?1 AND ty.school_id = ?2" STREAM_ORDER;
static const char sql_stream_one[] = STREAM_SELECT
    " WHERE ty.id = ?2 AND ty.school_year_id = ?1" STREAM_ORDER;
static const char sql_prior_year[] = STREAM_SELECT
    " WHERE ty.school_year_id = ?1 AND ty.teacher_id IN (SELECT x.teacher_id FROM teacher_year x"
    " WHERE x.school_year_id = ?2 AND ?3 = 0)" STREAM_ORDER;
static const char sql_prior_school[] = STREAM_SELECT
    " WHERE ty.school_year_id = ?1 AND ty.teacher_id IN (SELECT x.teacher_id FROM teacher_year x"
    " WHERE x.school_year_id = ?2 AND x.school_id = ?3)" STREAM_ORDER;
static const char sql_prior_one[] = STREAM_SELECT
    " WHERE ty.school_year_id = ?1 AND ty.teacher_id = (SELECT x.teacher_id FROM teacher_year x"
    " WHERE x.id = ?3 AND x.school_year_id = ?2)" STREAM_ORDER;

/* One teacher-year's rows gathered from the stream. */
struct gathered {
	struct assess_who who;
	struct record_row *recs;
	size_t n, cap;
	arena *scratch;
};

typedef int (*year_fn)(void *arg, const struct year_data *yd, struct gathered *g,
    const struct assessment *a);

/*
 * Step st (bound) over its teacher-years: gather each one's records in a
 * scratch arena, assess it against yd, call fn. DB_OK, or the failure.
 */
static enum db_result
stream(sql_stmt *st, const struct year_data *yd, year_fn fn, void *arg)
{
	struct gathered g;
	enum db_result res = DB_OK, r = DB_OK;
	enum sql_step s;

	memset(&g, 0, sizeof(g));
	for (;;) {
		long long ty = 0;
		s = sql_step(st, &r);
		if (s == SQL_FAILED) {
			res = r == DB_OK ? DB_ERROR : r;
			break;
		}
		if (s == SQL_ROW)
			ty = sql_int(st, 0, 0);
		/* The teacher-year gathered so far is complete: assess it. */
		if (g.scratch != NULL && (s == SQL_DONE || ty != g.who.teacher_year_id)) {
			struct assessment as;
			int stop;
			if (assess_compute(g.scratch, &yd->y, yd->items, yd->nitems, g.recs, g.n,
			    &yd->places, &as) != 0) {
				res = DB_ERROR;
				break;
			}
			stop = fn(arg, yd, &g, &as);
			arena_free(g.scratch);
			memset(&g, 0, sizeof(g));
			if (stop)
				break;
		}
		if (s == SQL_DONE)
			break;
		if (g.scratch == NULL) {
			if ((g.scratch = arena_new()) == NULL) {
				res = DB_ERROR;
				break;
			}
			g.who.teacher_year_id = ty;
			g.who.teacher_id = sql_int(st, 1, 0);
			g.who.school_id = sql_int(st, 2, 0);
			g.who.category = sql_dup(g.scratch, st, 3);
			g.who.status = sql_dup(g.scratch, st, 4);
			if (g.who.category == NULL || g.who.status == NULL) {
				res = DB_ERROR;
				break;
			}
		}
		if (!sql_null(st, 5)) {
			if ((g.recs = grow(g.scratch, g.recs, g.n, &g.cap, sizeof(*g.recs))) == NULL ||
			    record_from_row(g.scratch, st, 5, &g.recs[g.n]) != 0) {
				res = DB_ERROR;
				break;
			}
			g.n++;
		}
	}
	sql_reset(st);
	if (g.scratch != NULL)
		arena_free(g.scratch);
	return res;
}

/* ------------------------------------------------------------ the cycle */

/* A teacher's earlier year: its confirmed hours, once assessed. */
struct prior {
	long long teacher_id, teacher_year_id, year_id;
	const char *starts_on;
	long long confirmed;
};

struct priors {
	struct prior *v;
	size_t n;
};

static int
prior_by_ty(const void *a, const void *b)
{
	const struct prior *x = a, *y = b;
	return x->teacher_year_id < y->teacher_year_id ? -1 : x->teacher_year_id > y->teacher_year_id;
}

static int
prior_by_teacher(const void *a, const void *b)
{
	const struct prior *x = a, *y = b;
	int c;

	if (x->teacher_id != y->teacher_id)
		return x->teacher_id < y->teacher_id ? -1 : 1;
	c = strcmp(y->starts_on, x->starts_on); /* newest first */
	return c;
}

static int
prior_note(void *arg, const struct year_data *yd, struct gathered *g, const struct assessment *a)
{
	struct priors *p = arg;
	struct prior key, *hit;

	(void)yd;
	key.teacher_year_id = g->who.teacher_year_id;
	hit = bsearch(&key, p->v, p->n, sizeof(*p->v), prior_by_ty);
	if (hit != NULL)
		hit->confirmed = a->confirmed_tenths;
	return 0;
}

/*
 * The earlier teacher-years (in the district, starting before the current
 * year) of the scope's teachers, each with its confirmed hours.
 */
static enum db_result
load_priors(struct db *db, arena *a, const struct assess_scope *sc, const struct assess_year *cur,
    struct priors *out)
{
	static const char sql_list[] =
	    "SELECT ty.teacher_id, ty.id, ty.school_year_id, y.starts_on FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id"
	    " WHERE y.district_id = ?1 AND y.starts_on < ?2 AND ty.teacher_id IN"
	    /*
	     * One branch per kind of scope, so that each finds its rows by an
	     * index (one teacher-year by its id, a school's by teacher_year_school)
	     * instead of scanning the year's: "?4 = 0 OR x.school_id = ?4" would
	     * have read all 20,000 of a district's for one teacher's page.
	     */
	    " (SELECT x.teacher_id FROM teacher_year x WHERE ?5 <> 0 AND x.id = ?5 AND x.school_year_id = ?3"
	    "  UNION ALL SELECT x.teacher_id FROM teacher_year x WHERE ?5 = 0 AND ?4 <> 0"
	    "   AND x.school_id = ?4 AND x.school_year_id = ?3"
	    "  UNION ALL SELECT x.teacher_id FROM teacher_year x WHERE ?5 = 0 AND ?4 = 0"
	    "   AND x.school_year_id = ?3)"
	    " ORDER BY ty.id";
	sql_stmt *st = db_stmt(db, sql_list);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;
	long long *years = NULL;
	size_t nyears = 0, ycap = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, cur->district_id);
	sql_bind_text(st, 2, cur->starts_on);
	sql_bind_int(st, 3, sc->school_year_id);
	sql_bind_int(st, 4, sc->school_id);
	sql_bind_int(st, 5, sc->teacher_year_id);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct prior *p;
		if ((out->v = grow(a, out->v, out->n, &cap, sizeof(*out->v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		p = &out->v[out->n++];
		p->teacher_id = sql_int(st, 0, 0);
		p->teacher_year_id = sql_int(st, 1, 0);
		p->year_id = sql_int(st, 2, 0);
		p->starts_on = sql_dup(a, st, 3);
		p->confirmed = 0;
		if (p->starts_on == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (s != SQL_DONE)
		return r == DB_OK ? DB_ERROR : r;
	/* The earlier years that occur, each assessed once for all its teachers. */
	for (size_t i = 0; i < out->n; i++) {
		size_t k;
		for (k = 0; k < nyears && years[k] != out->v[i].year_id; k++)
			;
		if (k == nyears) {
			if ((years = grow(a, years, nyears, &ycap, sizeof(*years))) == NULL)
				return DB_ERROR;
			years[nyears++] = out->v[i].year_id;
		}
	}
	for (size_t k = 0; k < nyears; k++) {
		struct year_data yd;
		const char *sql = sc->teacher_year_id > 0 ? sql_prior_one :
		    sc->school_id > 0 ? sql_prior_school : sql_prior_year;
		if ((r = load_year_data(db, a, years[k], &yd)) != DB_OK)
			return r;
		if ((st = db_stmt(db, sql)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, years[k]);
		sql_bind_int(st, 2, sc->school_year_id);
		sql_bind_int(st, 3, sc->teacher_year_id > 0 ? sc->teacher_year_id : sc->school_id);
		if ((r = stream(st, &yd, prior_note, out)) != DB_OK)
			return r;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), prior_by_teacher);
	return DB_OK;
}

/* The confirmed hours of the teacher's last `years` earlier teacher-years. */
static long long
prior_sum(const struct priors *p, long long teacher, int years)
{
	size_t lo = 0, hi = p->n;
	long long sum = 0;
	int taken = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->v[mid].teacher_id < teacher)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < p->n && p->v[i].teacher_id == teacher && taken < years; i++, taken++)
		sum += p->v[i].confirmed;
	return sum;
}

/* ------------------------------------------------------------ each */

struct each {
	const struct priors *priors;
	int with_cycle;
	assess_fn fn;
	void *arg;
};

static int
each_judge(void *arg, const struct year_data *yd, struct gathered *g, struct assessment *a)
{
	struct each *e = arg;
	long long cycle = -1;

	if (e->with_cycle)
		cycle = a->confirmed_tenths + prior_sum(e->priors, g->who.teacher_id,
		    (yd->y.cycle_years > 0 ? yd->y.cycle_years : 5) - 1);
	assess_judge(&yd->y, g->who.category, cycle, a);
	return e->fn(e->arg, &g->who, a);
}

static int
each_call(void *arg, const struct year_data *yd, struct gathered *g, const struct assessment *a)
{
	return each_judge(arg, yd, g, (struct assessment *)a);
}

enum db_result
assess_each(struct db *db, arena *a, const struct assess_scope *sc, assess_fn fn, void *arg)
{
	struct year_data yd;
	struct priors priors = { NULL, 0 };
	struct each e;
	sql_stmt *st;
	enum db_result r;
	const char *sql = sc->teacher_year_id > 0 ? sql_stream_one :
	    sc->school_id > 0 ? sql_stream_school : sql_stream_year;

	if ((r = load_year_data(db, a, sc->school_year_id, &yd)) != DB_OK)
		return r;
	e.with_cycle = yd.y.cycle_min_tenths >= 0;
	if (e.with_cycle && (r = load_priors(db, a, sc, &yd.y, &priors)) != DB_OK)
		return r;
	e.priors = &priors;
	e.fn = fn;
	e.arg = arg;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, sc->school_year_id);
	sql_bind_int(st, 2, sc->teacher_year_id > 0 ? sc->teacher_year_id : sc->school_id);
	return stream(st, &yd, each_call, &e);
}

/* ------------------------------------------------------------ one */

struct one {
	arena *a;
	struct assessment *out;
	int found;
};

static int
one_copy(void *arg, const struct assess_who *who, const struct assessment *as)
{
	struct one *o = arg;
	struct assess_line *lines = arena_alloc(o->a, (as->nlines + 1) * sizeof(*lines));

	(void)who;
	if (lines == NULL)
		return 1;
	*o->out = *as;
	o->out->category = arena_strdup(o->a, as->category);
	for (size_t i = 0; i < as->nlines; i++) {
		lines[i] = as->lines[i];
		lines[i].state = arena_strdup(o->a, as->lines[i].state);
	}
	o->out->lines = lines;
	o->found = 1;
	return 1;
}

enum db_result
assess_teacher_year(struct db *db, arena *a, long long ty, struct assessment *out)
{
	static const char sql[] = "SELECT school_year_id FROM teacher_year WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);
	struct assess_scope sc = { 0, 0, ty };
	struct one o = { a, out, 0 };
	enum db_result r = DB_OK;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		sc.school_year_id = sql_int(st, 0, 0);
		r = DB_OK;
		break;
	case SQL_DONE:
		r = DB_NOTFOUND;
		break;
	case SQL_FAILED:
		break;
	}
	sql_reset(st);
	if (r != DB_OK)
		return r;
	if ((r = assess_each(db, a, &sc, one_copy, &o)) != DB_OK)
		return r;
	return o.found ? DB_OK : DB_NOTFOUND;
}

/* ------------------------------------------------------------ kept results */

static const char sql_result_upsert[] =
    "INSERT INTO teacher_year_result (teacher_year_id, confirmed_tenths, pending_tenths,"
    " normative_confirmed_tenths, normative_pending_tenths, threshold_tenths, normative_min_tenths,"
    " gap_tenths, pass, below_total, below_normative, cycle_applies, cycle_pass, cycle_tenths,"
    " cycle_gap_tenths) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    " ON CONFLICT (teacher_year_id) DO UPDATE SET confirmed_tenths = ?2, pending_tenths = ?3,"
    " normative_confirmed_tenths = ?4, normative_pending_tenths = ?5, threshold_tenths = ?6,"
    " normative_min_tenths = ?7, gap_tenths = ?8, pass = ?9, below_total = ?10,"
    " below_normative = ?11, cycle_applies = ?12, cycle_pass = ?13, cycle_tenths = ?14,"
    " cycle_gap_tenths = ?15";

struct keep {
	struct db *db;
	enum db_result r;
};

static int
keep_one(void *arg, const struct assess_who *who, const struct assessment *a)
{
	struct keep *k = arg;
	sql_stmt *st = db_stmt(k->db, sql_result_upsert);
	long long v[15] = {
		who->teacher_year_id, a->confirmed_tenths, a->pending_tenths,
		a->normative_confirmed_tenths, a->normative_pending_tenths, a->threshold_tenths,
		a->normative_min_tenths, a->gap_tenths, a->pass, a->below_total, a->below_normative,
		a->cycle_applies, a->cycle_pass, a->cycle_tenths, a->cycle_gap_tenths
	};

	if (st == NULL) {
		k->r = DB_ERROR;
		return 1;
	}
	for (int i = 0; i < 15; i++)
		sql_bind_int(st, i + 1, v[i]);
	if ((k->r = sql_exec(st)) != DB_OK)
		return 1;
	return 0;
}

enum db_result
assess_refresh(struct db *db)
{
	/* Per school year: how many of its teacher-years are dirty. */
	static const char sql_years[] =
	    "SELECT ty.school_year_id, count(*), min(ty.id) FROM result_dirty d"
	    " JOIN teacher_year ty ON ty.id = d.teacher_year_id GROUP BY ty.school_year_id";
	static const char sql_dirty[] =
	    "SELECT d.teacher_year_id FROM result_dirty d JOIN teacher_year ty ON ty.id = d.teacher_year_id"
	    " WHERE ty.school_year_id = ? ORDER BY d.teacher_year_id";
	static const char sql_any[] = "SELECT EXISTS (SELECT 1 FROM result_dirty)";
	static const char sql_clear[] = "DELETE FROM result_dirty";
	sql_stmt *st = db_stmt(db, sql_any);
	arena *a;
	long long *years = NULL, *counts = NULL;
	size_t n = 0, cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;
	int any = 0;

	if (st == NULL)
		return DB_ERROR;
	if ((s = sql_step(st, &r)) == SQL_ROW)
		any = (int)sql_int(st, 0, 0);
	sql_reset(st);
	if (s == SQL_FAILED)
		return r;
	if (!any)
		return DB_OK;
	if ((a = arena_new()) == NULL)
		return DB_ERROR;
	if ((st = db_stmt(db, sql_years)) == NULL) {
		arena_free(a);
		return DB_ERROR;
	}
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		size_t c2 = cap;
		if ((years = grow(a, years, n, &cap, sizeof(*years))) == NULL ||
		    (counts = grow(a, counts, n, &c2, sizeof(*counts))) == NULL) {
			r = DB_ERROR;
			break;
		}
		years[n] = sql_int(st, 0, 0);
		counts[n] = sql_int(st, 1, 0);
		n++;
	}
	sql_reset(st);
	if (s != SQL_DONE) {
		arena_free(a);
		return r == DB_OK ? DB_ERROR : r;
	}
	for (size_t i = 0; i < n && r == DB_OK; i++) {
		struct keep k = { db, DB_OK };
		if (counts[i] > 32) {
			/* Many: the whole year in one pass. */
			struct assess_scope sc = { years[i], 0, 0 };
			r = assess_each(db, a, &sc, keep_one, &k);
		} else {
			long long *tys = NULL;
			size_t m = 0, tcap = 0;
			if ((st = db_stmt(db, sql_dirty)) == NULL) {
				r = DB_ERROR;
				break;
			}
			sql_bind_int(st, 1, years[i]);
			while ((s = sql_step(st, &r)) == SQL_ROW) {
				if ((tys = grow(a, tys, m, &tcap, sizeof(*tys))) == NULL) {
					r = DB_ERROR;
					break;
				}
				tys[m++] = sql_int(st, 0, 0);
			}
			sql_reset(st);
			if (s != SQL_DONE && r == DB_OK)
				r = DB_ERROR;
			for (size_t j = 0; j < m && r == DB_OK && k.r == DB_OK; j++) {
				struct assess_scope sc = { years[i], 0, tys[j] };
				r = assess_each(db, a, &sc, keep_one, &k);
			}
		}
		if (r == DB_OK)
			r = k.r;
	}
	arena_free(a);
	if (r == DB_OK && (st = db_stmt(db, sql_clear)) != NULL)
		r = sql_exec(st);
	else if (r == DB_OK)
		r = DB_ERROR;
	return r;
}

enum db_result
assess_refresh_now(struct db *db)
{
	enum db_result r;

	if ((r = db_begin(db)) != DB_OK)
		return r;
	return db_commit(db); /* the commit hook refreshes */
}

enum db_result
assess_commit_hook(struct db *db, void *arg)
{
	(void)arg;
	return assess_refresh(db);
}

/* The kept results of a scope: the rows, refreshed first when some are dirty. */
enum db_result
assess_results(struct db *db, arena *a, const struct assess_scope *sc, struct kept_result **out,
    size_t *n)
{
	static const char sql_any[] = "SELECT EXISTS (SELECT 1 FROM result_dirty)";
#define KEPT_RESULTS \
	    "SELECT ty.id, ty.teacher_id, ty.school_id, ty.category, ty.status, r.confirmed_tenths," \
	    " r.pending_tenths, r.normative_confirmed_tenths, r.normative_pending_tenths," \
	    " r.threshold_tenths, r.normative_min_tenths, r.gap_tenths, r.pass, r.below_total," \
	    " r.below_normative, r.cycle_applies, r.cycle_pass, r.cycle_tenths, r.cycle_gap_tenths" \
	    " FROM teacher_year ty JOIN teacher_year_result r ON r.teacher_year_id = ty.id" \
	    " WHERE ty.school_year_id = ?1"
	/* One statement per kind of scope: each reads its rows by an index, not the year's. */
	static const char sql_year[] = KEPT_RESULTS " AND ?2 = 0 AND ?3 = 0 ORDER BY ty.id";
	static const char sql_school[] = KEPT_RESULTS " AND ty.school_id = ?2 AND ?3 = 0 ORDER BY ty.id";
	static const char sql_one[] = KEPT_RESULTS " AND ty.id = ?3 AND (?2 = 0 OR ty.school_id = ?2)";
#undef KEPT_RESULTS
	const char *sql = sc->teacher_year_id != 0 ? sql_one : sc->school_id != 0 ? sql_school : sql_year;
	sql_stmt *st = db_stmt(db, sql_any);
	struct kept_result *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;
	int dirty = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	if ((s = sql_step(st, &r)) == SQL_ROW)
		dirty = (int)sql_int(st, 0, 0);
	sql_reset(st);
	if (s == SQL_FAILED)
		return r;
	if (dirty) {
		/* Changed outside a commit of ours (an administrator's SQL): bring them up to date. */
		if ((r = db_begin(db)) != DB_OK)
			return r;
		if ((r = assess_refresh(db)) != DB_OK) {
			db_rollback(db);
			return r;
		}
		if ((r = db_commit(db)) != DB_OK)
			return r;
	}
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, sc->school_year_id);
	sql_bind_int(st, 2, sc->school_id);
	sql_bind_int(st, 3, sc->teacher_year_id);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct kept_result *e;
		if ((v = grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			r = DB_ERROR;
			break;
		}
		e = &v[(*n)++];
		memset(e, 0, sizeof(*e));
		e->who.teacher_year_id = sql_int(st, 0, 0);
		e->who.teacher_id = sql_int(st, 1, 0);
		e->who.school_id = sql_int(st, 2, 0);
		e->who.category = sql_dup(a, st, 3);
		e->who.status = sql_dup(a, st, 4);
		e->a.category = e->who.category;
		e->a.confirmed_tenths = sql_int(st, 5, 0);
		e->a.pending_tenths = sql_int(st, 6, 0);
		e->a.normative_confirmed_tenths = sql_int(st, 7, 0);
		e->a.normative_pending_tenths = sql_int(st, 8, 0);
		e->a.threshold_tenths = sql_int(st, 9, 0);
		e->a.normative_min_tenths = sql_int(st, 10, 0);
		e->a.gap_tenths = sql_int(st, 11, 0);
		e->a.pass = (int)sql_int(st, 12, 0);
		e->a.below_total = (int)sql_int(st, 13, 0);
		e->a.below_normative = (int)sql_int(st, 14, 0);
		e->a.cycle_applies = (int)sql_int(st, 15, 0);
		e->a.cycle_pass = (int)sql_int(st, 16, 0);
		e->a.cycle_tenths = sql_int(st, 17, 0);
		e->a.cycle_gap_tenths = sql_int(st, 18, 0);
		if (e->who.category == NULL || e->who.status == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (s != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	*out = v;
	return DB_OK;
}

/* The kept result of teacher-year ty among v[0..n) (by teacher-year), or NULL. */
const struct assessment *
assess_kept_find(const struct kept_result *v, size_t n, long long ty)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].who.teacher_year_id == ty)
			return &v[mid].a;
		if (v[mid].who.teacher_year_id < ty)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
