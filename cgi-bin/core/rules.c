/* rules.c - see rules.h */
#include "rules.h"

#include <string.h>

static const char *const type_names[RULE__MAX] = {
	"per_unit", "tiered_level", "as_certified", "points_quarters", "per_term",
	"roster", "trainee_multiplier", "once_per_certificate", "participant_limit"
};
static const char *const level_names[LEVEL__MAX] = {
	"school", "district", "city", "province", "national"
};
static const char *const error_codes[RULES_ERROR__MAX] = {
	"ok", "out_of_range", "invalid", "bad_hours", "over_max", "points_missing",
	"points_decreasing", "required"
};
static const char *const error_fields[RULES_ERROR__MAX] = {
	"", "quantity", "level", "certified", "certified", "points", "points", "role"
};
static const char *const cut_names[CUT__MAX] = {
	"none", "item_cap", "group_cap", "duplicate_certificate", "outside_year",
	"participant_limit"
};
static const char *const category_names[CATEGORY__MAX] = {
	"regular", "new_teacher", "new_principal"
};

#define MAX_QUANTITY 1000

const char *
rules_type_name(enum rule_type t)
{
	return (unsigned)t < RULE__MAX ? type_names[t] : "unknown";
}

static int
parse(const char *const *names, int n, const char *s)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int
rules_type_parse(const char *s)
{
	return parse(type_names, RULE__MAX, s);
}

int
rules_level_parse(const char *s)
{
	return parse(level_names, LEVEL__MAX, s);
}

int
rules_category_parse(const char *s)
{
	return parse(category_names, CATEGORY__MAX, s);
}

const char *
rules_error_code(enum rules_error e)
{
	return (unsigned)e < RULES_ERROR__MAX ? error_codes[e] : "invalid";
}

const char *
rules_error_field(enum rules_error e)
{
	return (unsigned)e < RULES_ERROR__MAX ? error_fields[e] : "";
}

const char *
rules_cut_name(enum cut c)
{
	return (unsigned)c < CUT__MAX ? cut_names[c] : "none";
}

enum rules_error
rules_points(long long base, long long gain, tenths per_quarter, tenths max,
    long long threshold, int year_total_reading, const long long q[4], tenths *out)
{
	long long prev = base, last = -1;
	int given = 0, qualifying = 0;
	tenths hours;

	*out = 0;
	for (int i = 0; i < 4; i++) {
		if (q[i] < 0)
			continue; /* a quarter not given earns nothing, and is no baseline */
		if (q[i] < prev)
			return RULES_POINTS_DECREASING;
		if (q[i] - prev >= gain)
			qualifying++;
		prev = q[i];
		last = q[i];
		given++;
	}
	if (given == 0)
		return RULES_POINTS_MISSING;
	hours = per_quarter * qualifying;
	if (year_total_reading && last >= threshold)
		hours = max;
	if (hours > max)
		hours = max;
	*out = hours;
	return RULES_OK;
}

static int
quantity_ok(long long q)
{
	return q >= 1 && q <= MAX_QUANTITY;
}

enum rules_error
rules_claim(const struct rule_params *p, const struct rule_input *in, tenths *out)
{
	*out = 0;
	switch (p->type) {
	case RULE_PER_UNIT:
	case RULE_PER_TERM:
		if (!quantity_ok(in->quantity))
			return RULES_QUANTITY;
		*out = p->hours * in->quantity;
		return RULES_OK;
	case RULE_TIERED_LEVEL:
		if (in->level < 0 || in->level >= LEVEL__MAX || p->tiers[in->level] <= 0)
			return RULES_LEVEL;
		if (!quantity_ok(in->quantity))
			return RULES_QUANTITY;
		*out = p->tiers[in->level] * in->quantity;
		return RULES_OK;
	case RULE_AS_CERTIFIED:
		if (in->certified <= 0)
			return RULES_CERTIFIED;
		if (p->max > 0 && in->certified > p->max)
			return RULES_OVER_MAX;
		*out = in->certified;
		return RULES_OK;
	case RULE_POINTS_QUARTERS:
		return rules_points(p->points_base, p->points_gain, p->points_hours,
		    p->points_max, p->points_threshold, p->points_year_total, in->points, out);
	case RULE_ROSTER:
		*out = p->hours + (in->video ? p->addon_video : 0);
		return RULES_OK;
	case RULE_TRAINEE_MULTIPLIER:
		if (in->excellent < 0)
			return RULES_ROLE;
		/* 125% rounded down to a tenth: 120 h -> 150 h, 4 h -> 5 h. */
		*out = in->excellent ? p->hours * p->excellent_percent / 100 : p->hours;
		return RULES_OK;
	case RULE_ONCE_PER_CERTIFICATE:
	case RULE_PARTICIPANT_LIMIT:
		*out = p->hours;
		return RULES_OK;
	default:
		return RULES_QUANTITY;
	}
}

int
rules_excellent_quota_ok(long long excellent, long long class_size, int quota_percent)
{
	if (excellent <= 0)
		return 1;
	return excellent * 100 <= class_size * (long long)quota_percent;
}

/* Stable order: confirmed before pending, then date, then id. */
static int
before(const struct cap_entry *a, const struct cap_entry *b)
{
	int c;

	if (a->confirmed != b->confirmed)
		return a->confirmed > b->confirmed;
	c = strcmp(a->date ? a->date : "", b->date ? b->date : "");
	if (c != 0)
		return c < 0;
	return a->record_id < b->record_id;
}

void
rules_apply_caps(struct cap_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		e[i].counted = 0;
		e[i].cut = CUT_NONE;
	}
	/*
	 * Selection in the stable order without reordering the caller's array:
	 * n is a teacher's records in one year (tens), so O(n^2) is fine.
	 */
	for (;;) {
		size_t pick = n;
		tenths item_used = 0, group_used = 0, left;
		for (size_t i = 0; i < n; i++) {
			if (e[i].record_id < 0)
				continue; /* visited already (ids are negated while visited) */
			if (pick == n || before(&e[i], &e[pick]))
				pick = i;
		}
		if (pick == n)
			break;
		/* Visited ids are negated (-id - 1) and restored at the end. */
		if (!(e[pick].confirmed || e[pick].pending) || e[pick].pre_cut != CUT_NONE) {
			e[pick].cut = e[pick].pre_cut;
			e[pick].counted = 0;
			e[pick].record_id = -e[pick].record_id - 1;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (e[i].record_id >= 0 || i == pick)
				continue; /* only the visited ones have used caps */
			if (e[i].item_id == e[pick].item_id)
				item_used += e[i].counted;
			if (e[pick].group_id != 0 && e[i].group_id == e[pick].group_id)
				group_used += e[i].counted;
		}
		e[pick].counted = e[pick].claimed;
		if (e[pick].item_cap > 0) {
			left = e[pick].item_cap - item_used;
			if (left < 0)
				left = 0;
			if (e[pick].counted > left) {
				e[pick].counted = left;
				e[pick].cut = CUT_ITEM_CAP;
			}
		}
		if (e[pick].group_id != 0 && e[pick].group_cap > 0) {
			left = e[pick].group_cap - group_used;
			if (left < 0)
				left = 0;
			if (e[pick].counted > left) {
				e[pick].counted = left;
				e[pick].cut = CUT_GROUP_CAP;
			}
		}
		e[pick].record_id = -e[pick].record_id - 1;
	}
	for (size_t i = 0; i < n; i++)
		if (e[i].record_id < 0)
			e[i].record_id = -e[i].record_id - 1;
}

void
rules_once_per_certificate(const char *const *numbers, const char *const *dates,
    const size_t *order, size_t n, const char *year_start, const char *year_end,
    enum cut *cut)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const char *num = numbers[i], *d = dates[i];
		if (d != NULL && *d != '\0' &&
		    (strcmp(d, year_start) < 0 || strcmp(d, year_end) > 0)) {
			cut[i] = CUT_OUTSIDE_YEAR;
			continue;
		}
		if (num == NULL || *num == '\0')
			continue;
		for (size_t j = 0; j < k; j++) {
			size_t e = order[j];
			if (cut[e] == CUT_NONE && numbers[e] != NULL && strcmp(numbers[e], num) == 0) {
				cut[i] = CUT_DUPLICATE_CERTIFICATE;
				break;
			}
		}
	}
}

void
rules_participants(size_t n, int limit, enum cut *cut)
{
	if (limit <= 0)
		return;
	for (size_t i = (size_t)limit; i < n; i++)
		cut[i] = CUT_PARTICIPANT_LIMIT;
}

void
rules_assess(const struct policy *p, enum category c, const struct year_totals *t,
    tenths cycle_total, struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->threshold = p->min;
	if (c == CATEGORY_NEW_TEACHER && p->new_teacher >= 0)
		v->threshold = p->new_teacher;
	if (c == CATEGORY_NEW_PRINCIPAL && p->new_principal >= 0)
		v->threshold = p->new_principal;
	v->below_total = t->confirmed < v->threshold;
	v->below_normative = p->normative_min > 0 && t->normative_confirmed < p->normative_min;
	v->pass = !v->below_total && !v->below_normative;
	if (!v->pass) {
		tenths a = v->threshold - t->confirmed, b = p->normative_min - t->normative_confirmed;
		v->gap = a > b ? a : b;
		if (v->gap < 0)
			v->gap = 0;
	}
	v->cycle_applies = p->cycle_min >= 0 && cycle_total >= 0 && c != CATEGORY_NEW_TEACHER;
	if (v->cycle_applies) {
		v->cycle_pass = cycle_total >= p->cycle_min;
		v->cycle_gap = v->cycle_pass ? 0 : p->cycle_min - cycle_total;
	}
}

int
rules_school_flagged(long long failing, long long total, int flag_percent)
{
	if (total <= 0 || flag_percent <= 0)
		return 0;
	return failing * 100 >= total * (long long)flag_percent;
}
