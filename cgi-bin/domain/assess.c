/* domain/assess.c - see assess.h: the rules applied to one teacher-year. */
#include "domain/assess.h"
#include "domain/rules.h"

#include <stdlib.h>
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

/* The item with id among items (sorted by id: binary search), or NULL. */
static const struct item_row *
find_item(const struct item_row *items, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (items[mid].id == id)
			return &items[mid];
		if (items[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < n; i++) /* not sorted after all */
		if (items[i].id == id)
			return &items[i];
	return NULL;
}

static const struct assess_place *
find_place(const struct assess_place *v, size_t n, long long record)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].record_id == record)
			return &v[mid];
		if (v[mid].record_id < record)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
place_cmp(const void *a, const void *b)
{
	const struct assess_place *x = a, *y = b;
	return x->record_id < y->record_id ? -1 : x->record_id > y->record_id;
}

void
assess_rank(const struct assess_rank_row *rows, size_t n, struct assess_place *places)
{
	size_t start = 0;

	while (start < n) {
		size_t end = start, distinct = 0;
		/* the group's rows: [start, end) */
		while (end < n && strcmp(rows[end].group, rows[start].group) == 0)
			end++;
		for (size_t i = start; i < end; i++) {
			size_t k;
			/* the teacher's first row in the group gives their place */
			for (k = start; k < i && rows[k].teacher_id != rows[i].teacher_id; k++)
				;
			places[i].record_id = rows[i].record_id;
			places[i].place = k < i ? places[k].place : (long long)distinct++;
		}
		for (size_t i = start; i < end; i++) {
			places[i].of = rows[i].of_override >= 0 ? rows[i].of_override : (long long)distinct;
			places[i].quota_percent = rows[i].quota_override;
		}
		start = end;
	}
	if (n > 1)
		qsort(places, n, sizeof(*places), place_cmp);
}

static int
counts(const char *state, int *confirmed, int *pending)
{
	*confirmed = strcmp(state, "district_approved") == 0;
	*pending = strcmp(state, "submitted") == 0 || strcmp(state, "school_approved") == 0;
	return *confirmed || *pending;
}

static int
by_certificate(const struct item_row *it)
{
	return strcmp(it->rule_type, "once_per_certificate") == 0 ||
	    strcmp(it->rule_type, "participant_limit") == 0;
}

int
assess_compute(arena *a, const struct assess_year *y, const struct item_row *items,
    size_t nitems, const struct record_row *recs, size_t nrecs,
    const struct assess_places *pl, struct assessment *out)
{
	struct cap_entry *caps;
	size_t *order, k = 0;
	const char **nums, **dates;
	enum cut *pre;
	int *quota_cut;

	memset(out, 0, sizeof(*out));
	caps = arena_alloc(a, (nrecs + 1) * sizeof(*caps));
	out->lines = arena_alloc(a, (nrecs + 1) * sizeof(*out->lines));
	order = arena_alloc(a, (nrecs + 1) * sizeof(*order));
	nums = arena_alloc(a, (nrecs + 1) * sizeof(*nums));
	dates = arena_alloc(a, (nrecs + 1) * sizeof(*dates));
	pre = arena_alloc(a, (nrecs + 1) * sizeof(*pre));
	quota_cut = arena_alloc(a, (nrecs + 1) * sizeof(*quota_cut));
	if (caps == NULL || out->lines == NULL || order == NULL || nums == NULL ||
	    dates == NULL || pre == NULL || quota_cut == NULL)
		return -1;
	memset(quota_cut, 0, (nrecs + 1) * sizeof(*quota_cut));

	/* Once per certificate, over the records that count, in the stable order. */
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < nrecs; i++) {
			int conf, pend;
			const struct item_row *it = find_item(items, nitems, recs[i].item_id);
			pre[i] = CUT_NONE;
			if (!counts(recs[i].state, &conf, &pend) || conf != pass || it == NULL)
				continue;
			if (!by_certificate(it))
				continue;
			order[k++] = i;
		}
	for (size_t i = 0; i < nrecs; i++) {
		nums[i] = recs[i].certificate_no;
		dates[i] = recs[i].certificate_on;
	}
	rules_once_per_certificate(nums, dates, order, k, y->starts_on, y->ends_on, pre);

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
		if (it != NULL && pre[i] == CUT_NONE && (conf || pend) && !by_certificate(it) &&
		    rules_in_year(recs[i].started_on, recs[i].ended_on, y->starts_on,
		    y->ends_on) == RULES_OUTSIDE_YEAR)
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
				const struct assess_place *e = recs[i].project_id > 0 ?
				    find_place(pl ? pl->excellent : NULL, pl ? pl->nexcellent : 0, recs[i].id) : NULL;
				if (e == NULL || e->of <= 0 || e->place < 0 ||
				    !rules_excellent_within_quota(e->place, e->of,
				    e->quota_percent >= 0 && e->quota_percent <= 100 ? e->quota_percent :
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
				caps[i].item_cap = rules_per_term_cap(it->hours_tenths, y->terms_per_year,
				    it->cap_tenths);
			caps[i].group_id = it->cap_group_id;
			caps[i].group_cap = it->group_cap_tenths;
			/* Research projects: one leader, at most four members, across teachers. */
			if ((conf || pend) && pre[i] == CUT_NONE &&
			    strcmp(it->rule_type, "participant_limit") == 0 &&
			    *recs[i].certificate_no && it->participant_limit > 0) {
				const struct assess_place *pp = find_place(pl ? pl->participants : NULL,
				    pl ? pl->nparticipants : 0, recs[i].id);
				if (pp != NULL && pp->place >= 0 && pp->of > 0)
					caps[i].pre_cut = pp->place < it->participant_limit ? CUT_NONE :
					    CUT_PARTICIPANT_LIMIT;
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
	return 0;
}

void
assess_judge(const struct assess_year *y, const char *category, long long cycle,
    struct assessment *out)
{
	struct policy pol;
	struct year_totals t;
	struct verdict v;
	int cat = rules_category_parse(category);

	pol.min = y->min_tenths;
	pol.normative_min = y->normative_min_tenths;
	pol.new_teacher = y->new_teacher_tenths;
	pol.new_principal = y->new_principal_tenths;
	pol.cycle_min = y->cycle_min_tenths;
	pol.cycle_years = y->cycle_years;
	t.confirmed = out->confirmed_tenths;
	t.pending = out->pending_tenths;
	t.normative_confirmed = out->normative_confirmed_tenths;
	t.normative_pending = out->normative_pending_tenths;
	rules_assess(&pol, cat < 0 ? CATEGORY_REGULAR : (enum category)cat, &t,
	    y->cycle_min_tenths >= 0 ? cycle : -1, &v);
	out->category = category;
	out->threshold_tenths = v.threshold;
	out->normative_min_tenths = y->normative_min_tenths;
	out->pass = v.pass;
	out->below_total = v.below_total;
	out->below_normative = v.below_normative;
	out->gap_tenths = v.gap;
	out->cycle_years = y->cycle_years;
	out->cycle_applies = v.cycle_applies;
	out->cycle_pass = v.cycle_pass;
	out->cycle_gap_tenths = v.cycle_gap;
	out->below_cycle = v.cycle_applies && !v.cycle_pass;
	out->cycle_tenths = cycle < 0 ? 0 : cycle;
	out->cycle_min_tenths = y->cycle_min_tenths < 0 ? 0 : y->cycle_min_tenths;
}
