/* assess.c - see assess.h: the database side of the rules. */
#include "assess.h"
#include "store/sql.h"
#include "assess_internal.h"
#include "domain/rules.h"

#include <string.h>

static void
to_params(const struct item_row *it, struct rule_params *p)
{
	int t = rules_type_parse(it->rule_type);

	memset(p, 0, sizeof(*p));
	p->type = t < 0 ? RULE_PER_UNIT : (enum rule_type)t;
	p->hours = it->hours_tenths;
	for (int i = 0; i < LEVEL__MAX; i++)
		p->tiers[i] = it->tiers[i];
	p->max = it->max_tenths;
	p->points_base = it->points_base;
	p->points_gain = it->points_gain;
	p->points_hours = it->points_hours;
	p->points_max = it->points_max;
	p->points_threshold = it->points_threshold;
	p->points_year_total = it->points_year_total;
	p->addon_video = it->addon_video;
	p->excellent_percent = it->excellent_percent > 0 ? it->excellent_percent : 100;
}

static void
to_input(const struct record_row *r, struct rule_input *in)
{
	memset(in, 0, sizeof(*in));
	in->quantity = r->quantity;
	in->level = r->level != NULL && *r->level ? rules_level_parse(r->level) : -1;
	in->certified = r->certified_tenths;
	for (int i = 0; i < 4; i++)
		in->points[i] = r->points[i];
	in->video = r->video;
	in->excellent = r->role == NULL || *r->role == '\0' ? -1 :
	    strcmp(r->role, "excellent") == 0 ? 1 : 0;
}

int
assess_claim(const struct item_row *it, const struct record_row *r, long long *claimed,
    const char **field, const char **error)
{
	struct rule_params p;
	struct rule_input in;
	enum rules_error e;
	tenths h = 0;

	to_params(it, &p);
	to_input(r, &in);
	e = rules_claim(&p, &in, &h);
	*claimed = h;
	if (e == RULES_OK)
		return 0;
	*field = rules_error_field(e);
	*error = rules_error_code(e);
	return -1;
}

static const struct item_row *
find_item(const struct item_row *items, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].id == id)
			return &items[i];
	return NULL;
}

/*
 * Where record's teacher stands among the distinct teachers the statement
 * lists (rows of record id, teacher id, in the stable order): *rank is the
 * 0-based place of the teacher's first counting record (-1 when the record
 * is not listed), *count the number of distinct teachers. People are
 * counted, not records: a teacher's second record of the same certificate
 * or class takes no second place.
 */
static enum db_result
distinct_rank(sqlite3_stmt *st, arena *a, long long record, long long *rank, long long *count)
{
	long long *seen = NULL;
	size_t nseen = 0, cap = 0;
	enum db_result r = DB_OK;

	*rank = -1;
	*count = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0), t = sqlite3_column_int64(st, 1);
		size_t k;
		for (k = 0; k < nseen && seen[k] != t; k++)
			;
		if (k == nseen) {
			if (nseen == cap) {
				long long *n = arena_alloc(a, (cap ? 2 * cap : 16) * sizeof(*n));
				if (n == NULL) {
					r = DB_ERROR;
					break;
				}
				if (nseen)
					memcpy(n, seen, nseen * sizeof(*n));
				seen = n;
				cap = cap ? 2 * cap : 16;
			}
			seen[nseen++] = t;
		}
		if (id == record)
			*rank = (long long)k;
	}
	sqlite3_reset(st);
	*count = (long long)nseen;
	return r;
}

/* A project's counting participants (same item and certificate), people in the stable order. */
static enum db_result
participant_rank(struct db *db, arena *a, long long item, const char *cert, long long record,
    long long *rank, long long *count)
{
	static const char sql[] =
	    "SELECT r.id, ty.teacher_id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " WHERE r.item_id = ? AND r.certificate_no = ?"
	    " AND r.state IN ('district_approved', 'submitted', 'school_approved')"
	    " ORDER BY r.state <> 'district_approved', r.started_on, r.id";
	sqlite3_stmt *st = db_stmt(db, sql);

	*rank = -1;
	*count = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, cert, -1, SQLITE_TRANSIENT);
	return distinct_rank(st, a, record, rank, count);
}

/*
 * An excellent trainee's place among the class's excellent trainees (a
 * training project with its size), people in the stable order, and the
 * class size (0: not known).
 */
static enum db_result
excellent_rank(struct db *db, arena *a, long long project, long long record, long long *rank,
    long long *class_size)
{
	static const char sql_size[] =
	    "SELECT coalesce(max_participants, 0) FROM training_project WHERE id = ?";
	static const char sql[] =
	    "SELECT r.id, ty.teacher_id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN item i ON i.id = r.item_id WHERE r.project_id = ? AND r.role = 'excellent'"
	    " AND i.rule_type = 'trainee_multiplier'"
	    " AND r.state IN ('district_approved', 'submitted', 'school_approved')"
	    " ORDER BY r.state <> 'district_approved', r.started_on, r.id";
	sqlite3_stmt *st = db_stmt(db, sql_size);
	long long count;

	*rank = -1;
	*class_size = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, project);
	if (sqlite3_step(st) == SQLITE_ROW)
		*class_size = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, project);
	return distinct_rank(st, a, record, rank, &count);
}

static int
counts(const char *state, int *confirmed, int *pending)
{
	*confirmed = strcmp(state, "district_approved") == 0;
	*pending = strcmp(state, "submitted") == 0 || strcmp(state, "school_approved") == 0;
	return *confirmed || *pending;
}

/* One year, without the cycle. */
static enum db_result
assess_year(struct db *db, arena *a, long long ty, struct assess_context *cx,
    struct assessment *out)
{
	struct item_row *items;
	struct record_row *recs;
	struct cap_entry *caps;
	size_t nitems = 0, nrecs = 0, *order;
	const char **nums, **dates;
	enum cut *pre;
	int *quota_cut;
	enum db_result r;

	memset(out, 0, sizeof(*out));
	if ((r = assess_load_context(db, a, ty, cx)) != DB_OK)
		return r;
	if ((r = assess_load_items(db, a, cx->school_year_id, &items, &nitems)) != DB_OK ||
	    (r = assess_load_records(db, a, ty, &recs, &nrecs)) != DB_OK)
		return r;
	caps = arena_alloc(a, (nrecs + 1) * sizeof(*caps));
	out->lines = arena_alloc(a, (nrecs + 1) * sizeof(*out->lines));
	order = arena_alloc(a, (nrecs + 1) * sizeof(*order));
	nums = arena_alloc(a, (nrecs + 1) * sizeof(*nums));
	dates = arena_alloc(a, (nrecs + 1) * sizeof(*dates));
	pre = arena_alloc(a, (nrecs + 1) * sizeof(*pre));
	quota_cut = arena_alloc(a, (nrecs + 1) * sizeof(*quota_cut));
	if (caps == NULL || out->lines == NULL || order == NULL || nums == NULL ||
	    dates == NULL || pre == NULL || quota_cut == NULL)
		return DB_ERROR;
	memset(quota_cut, 0, (nrecs + 1) * sizeof(*quota_cut));

	/* Once per certificate, over the records that count, in the stable order. */
	{
		size_t k = 0;
		for (int pass = 1; pass >= 0; pass--)
			for (size_t i = 0; i < nrecs; i++) {
				int conf, pend;
				const struct item_row *it = find_item(items, nitems, recs[i].item_id);
				pre[i] = CUT_NONE;
				if (!counts(recs[i].state, &conf, &pend) || conf != pass || it == NULL)
					continue;
				if (strcmp(it->rule_type, "once_per_certificate") != 0 &&
				    strcmp(it->rule_type, "participant_limit") != 0)
					continue;
				order[k++] = i;
			}
		for (size_t i = 0; i < nrecs; i++) {
			nums[i] = recs[i].certificate_no;
			dates[i] = recs[i].certificate_on;
		}
		rules_once_per_certificate(nums, dates, order, k, cx->starts_on, cx->ends_on, pre);
	}

	for (size_t i = 0; i < nrecs; i++) {
		const struct item_row *it = find_item(items, nitems, recs[i].item_id);
		struct rule_params p;
		struct rule_input in;
		tenths claimed = 0;
		int conf, pend;

		counts(recs[i].state, &conf, &pend);
		memset(&caps[i], 0, sizeof(caps[i]));
		caps[i].record_id = recs[i].id;
		caps[i].date = recs[i].started_on;
		caps[i].confirmed = conf;
		caps[i].pending = pend;
		/* An activity outside its school year counts nothing (certificates: their date, above). */
		if (it != NULL && pre[i] == CUT_NONE && (conf || pend) &&
		    strcmp(it->rule_type, "once_per_certificate") != 0 &&
		    strcmp(it->rule_type, "participant_limit") != 0 &&
		    rules_in_year(recs[i].started_on, recs[i].ended_on, cx->starts_on,
		    cx->ends_on) == RULES_OUTSIDE_YEAR)
			pre[i] = CUT_OUTSIDE_YEAR;
		caps[i].pre_cut = pre[i];
		if (it != NULL) {
			to_params(it, &p);
			to_input(&recs[i], &in);
			/*
			 * Excellent trainees: at most quota_percent of the class get the
			 * 125%; the rest (and any whose class is not known) count the set
			 * hours, with the explanation.
			 */
			if ((conf || pend) && strcmp(it->rule_type, "trainee_multiplier") == 0 &&
			    in.excellent == 1) {
				long long rank = -1, size = 0;
				if (recs[i].project_id > 0 && excellent_rank(db, a, recs[i].project_id,
				    recs[i].id, &rank, &size) != DB_OK)
					return DB_ERROR;
				if (size <= 0 || rank < 0 || !rules_excellent_within_quota(rank, size,
				    it->quota_percent > 0 ? it->quota_percent : 10)) {
					in.excellent = 0;
					quota_cut[i] = 1;
				}
			}
			if (rules_claim(&p, &in, &claimed) != RULES_OK)
				claimed = 0;
			caps[i].item_id = it->id;
			caps[i].item_cap = it->cap_tenths;
			if (strcmp(it->rule_type, "per_term") == 0)
				caps[i].item_cap = rules_per_term_cap(it->hours_tenths,
				    cx->terms_per_year, it->cap_tenths);
			caps[i].group_id = it->cap_group_id;
			caps[i].group_cap = it->group_cap_tenths;
			/* Research projects: one leader, at most four members, across teachers. */
			if ((conf || pend) && pre[i] == CUT_NONE &&
			    strcmp(it->rule_type, "participant_limit") == 0 &&
			    *recs[i].certificate_no && it->participant_limit > 0) {
				long long rank, total;
				if (participant_rank(db, a, it->id, recs[i].certificate_no, recs[i].id,
				    &rank, &total) != DB_OK)
					return DB_ERROR;
				if (rank >= 0 && total > 0) {
					enum cut *pc = arena_alloc(a, (size_t)total * sizeof(*pc));
					if (pc == NULL)
						return DB_ERROR;
					for (long long j = 0; j < total; j++)
						pc[j] = CUT_NONE;
					rules_participants((size_t)total, it->participant_limit, pc);
					caps[i].pre_cut = pc[rank];
				}
			}
		}
		caps[i].claimed = claimed;
	}
	rules_apply_caps(caps, nrecs);

	for (size_t i = 0; i < nrecs; i++) {
		const struct item_row *it = find_item(items, nitems, recs[i].item_id);
		struct assess_line *l = &out->lines[i];
		l->record_id = recs[i].id;
		l->state = recs[i].state;
		l->claimed_tenths = caps[i].claimed;
		l->counted_tenths = caps[i].counted;
		l->cut = rules_cut_name(caps[i].cut);
		if (caps[i].cut == CUT_NONE && quota_cut[i])
			l->cut = "excellent_quota"; /* counted, at 100% instead of 125% */
		l->cap_name = caps[i].cut == CUT_GROUP_CAP && it ? it->group_name : NULL;
		l->normative = it ? it->normative : 0;
		l->confirmed = caps[i].confirmed;
		l->pending = caps[i].pending;
		if (l->confirmed) {
			out->confirmed_tenths += l->counted_tenths;
			if (l->normative)
				out->normative_confirmed_tenths += l->counted_tenths;
		} else if (l->pending) {
			out->pending_tenths += l->counted_tenths;
			if (l->normative)
				out->normative_pending_tenths += l->counted_tenths;
		}
	}
	out->nlines = nrecs;
	out->category = cx->category;
	return DB_OK;
}

enum db_result
assess_teacher_year(struct db *db, arena *a, long long ty, struct assessment *out)
{
	struct assess_context cx;
	struct policy pol;
	struct year_totals t;
	struct verdict v;
	tenths cycle = -1;
	enum db_result r;
	int cat;

	if ((r = assess_year(db, a, ty, &cx, out)) != DB_OK)
		return r;
	if (cx.cycle_min_tenths >= 0) {
		long long *tys;
		size_t n;
		if ((r = assess_cycle_years(db, a, &cx, &tys, &n)) != DB_OK)
			return r;
		cycle = out->confirmed_tenths;
		for (size_t i = 0; i < n; i++) {
			struct assessment other;
			struct assess_context ocx;
			if (tys[i] == ty)
				continue;
			if ((r = assess_year(db, a, tys[i], &ocx, &other)) != DB_OK)
				return r;
			cycle += other.confirmed_tenths;
		}
	}
	pol.min = cx.min_tenths;
	pol.normative_min = cx.normative_min_tenths;
	pol.new_teacher = cx.new_teacher_tenths;
	pol.new_principal = cx.new_principal_tenths;
	pol.cycle_min = cx.cycle_min_tenths;
	t.confirmed = out->confirmed_tenths;
	t.pending = out->pending_tenths;
	t.normative_confirmed = out->normative_confirmed_tenths;
	t.normative_pending = out->normative_pending_tenths;
	cat = rules_category_parse(cx.category);
	rules_assess(&pol, cat < 0 ? CATEGORY_REGULAR : (enum category)cat, &t, cycle, &v);
	out->threshold_tenths = v.threshold;
	out->normative_min_tenths = cx.normative_min_tenths;
	out->pass = v.pass;
	out->below_total = v.below_total;
	out->below_normative = v.below_normative;
	out->gap_tenths = v.gap;
	out->cycle_years = cx.cycle_years;
	out->cycle_applies = v.cycle_applies;
	out->cycle_pass = v.cycle_pass;
	out->cycle_gap_tenths = v.cycle_gap;
	out->below_cycle = v.cycle_applies && !v.cycle_pass;
	out->cycle_tenths = cycle < 0 ? 0 : cycle;
	out->cycle_min_tenths = cx.cycle_min_tenths < 0 ? 0 : cx.cycle_min_tenths;
	return DB_OK;
}
