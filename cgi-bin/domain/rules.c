/* rules.c - the hours rules; the contract and the readings are in rules.h. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[RULE__MAX] = {
	"per_unit", "tiered_level", "as_certified", "points_quarters", "per_term",
	"roster", "trainee_multiplier", "once_per_certificate", "participant_limit"
};
static const char *const level_names[LEVEL__MAX] = {
	"school", "district", "city", "province", "national"
};
static const char *const error_codes[RULES_ERROR__MAX] = {
	[RULES_OK] = "ok",
	[RULES_QUANTITY] = "out_of_range",
	[RULES_LEVEL] = "invalid",
	[RULES_CERTIFIED] = "bad_hours",
	[RULES_OVER_MAX] = "over_max",
	[RULES_POINTS_MISSING] = "points_missing",
	[RULES_POINTS_DECREASING] = "points_decreasing",
	[RULES_ROLE] = "required",
	[RULES_POINTS_RANGE] = "out_of_range",
	[RULES_ADDON] = "invalid",
	[RULES_QUOTA] = "over_quota",
	[RULES_PARAMS] = "bad_params",
	[RULES_OVERFLOW] = "too_large",
	[RULES_DATE] = "bad_date",
	[RULES_OUTSIDE_YEAR] = "outside_year",
	[RULES_ARGS] = "bad_args",
};
static const char *const error_fields[RULES_ERROR__MAX] = {
	[RULES_OK] = "",
	[RULES_QUANTITY] = "quantity",
	[RULES_LEVEL] = "level",
	[RULES_CERTIFIED] = "certified",
	[RULES_OVER_MAX] = "certified",
	[RULES_POINTS_MISSING] = "points",
	[RULES_POINTS_DECREASING] = "points",
	[RULES_ROLE] = "role",
	[RULES_POINTS_RANGE] = "points",
	[RULES_ADDON] = "addons",
	[RULES_QUOTA] = "role",
	[RULES_PARAMS] = "",
	[RULES_OVERFLOW] = "",
	[RULES_DATE] = "",
	[RULES_OUTSIDE_YEAR] = "started_on",
	[RULES_ARGS] = "",
};
static const char *const cut_names[CUT__MAX] = {
	[CUT_NONE] = "none",
	[CUT_ITEM_CAP] = "item_cap",
	[CUT_GROUP_CAP] = "group_cap",
	[CUT_DUPLICATE_CERTIFICATE] = "duplicate_certificate",
	[CUT_OUTSIDE_YEAR] = "outside_year",
	[CUT_PARTICIPANT_LIMIT] = "participant_limit",
	[CUT_NOT_CONFIRMED] = "not_confirmed",
};
static const char *const category_names[CATEGORY__MAX] = {
	"regular", "new_teacher", "new_principal"
};

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

/* lo <= v <= hi */
static int
within(int64_t v, int64_t lo, int64_t hi)
{
	return v >= lo && v <= hi;
}

/*
 * *out = a * b for 0 <= a, b, refusing a product above RULES_CLAIM_MAX.
 * The bounds on the inputs keep this from triggering today; it is what
 * keeps a future bound change from wrapping.
 */
static enum rules_error
mul_tenths(int64_t a, int64_t b, tenths *out)
{
	if (a < 0 || b < 0)
		return RULES_ARGS;
	if (a != 0 && b > RULES_CLAIM_MAX / a)
		return RULES_OVERFLOW;
	*out = a * b;
	return RULES_OK;
}

enum rules_error
rules_points(int64_t base, int64_t gain, tenths per_quarter, tenths max,
    int64_t threshold, enum points_reading reading, const int64_t q[4], tenths *out)
{
	int64_t prev = base, last = -1;
	int given = 0, qualifying = 0;
	tenths hours;

	if (out == NULL)
		return RULES_ARGS;
	*out = 0;
	if (q == NULL)
		return RULES_ARGS;
	if (!within(base, 0, RULES_POINTS_MAX) || !within(gain, 1, RULES_POINTS_MAX) ||
	    !within(per_quarter, 0, RULES_HOURS_MAX) || !within(max, 0, RULES_HOURS_MAX) ||
	    !within(threshold, 0, RULES_POINTS_MAX) || (unsigned)reading >= POINTS_READING__MAX)
		return RULES_PARAMS;
	for (int i = 0; i < 4; i++) {
		if (q[i] == -1)
			continue; /* not given: earns nothing, and is no baseline */
		if (!within(q[i], 0, RULES_POINTS_MAX))
			return RULES_POINTS_RANGE;
		if (q[i] < prev)
			return RULES_POINTS_DECREASING;
		if (q[i] - prev >= gain)
			qualifying++;
		prev = last = q[i];
		given++;
	}
	if (given == 0)
		return RULES_POINTS_MISSING;
	hours = per_quarter * qualifying; /* <= 4 * RULES_HOURS_MAX */
	if (reading == POINTS_READING_YEAR_TOTAL && last >= threshold)
		hours = max;
	*out = hours > max ? max : hours;
	return RULES_OK;
}

enum rules_error
rules_excellent_quota(int64_t excellent, int64_t class_size, int quota_percent)
{
	if (!within(class_size, 0, RULES_PEOPLE_MAX) || !within(excellent, 0, class_size) ||
	    !within(quota_percent, 0, 100))
		return RULES_ARGS;
	/* Both sides <= 1e11: no overflow. */
	return excellent * 100 <= class_size * quota_percent ? RULES_OK : RULES_QUOTA;
}

/* Which parameters each rule type reads, so that only those are checked. */
enum uses {
	USES_HOURS = 1u << 0,
	USES_TIERS = 1u << 1,
	USES_MAX = 1u << 2,
	USES_ADDONS = 1u << 3,
	USES_PERCENT = 1u << 4
};

static const unsigned type_uses[RULE__MAX] = {
	[RULE_PER_UNIT] = USES_HOURS,
	[RULE_TIERED_LEVEL] = USES_TIERS,
	[RULE_AS_CERTIFIED] = USES_MAX,
	[RULE_POINTS_QUARTERS] = 0,           /* rules_points checks its own */
	[RULE_PER_TERM] = USES_HOURS,
	[RULE_ROSTER] = USES_HOURS | USES_ADDONS,
	[RULE_TRAINEE_MULTIPLIER] = USES_HOURS | USES_PERCENT,
	[RULE_ONCE_PER_CERTIFICATE] = USES_HOURS,
	[RULE_PARTICIPANT_LIMIT] = USES_HOURS,
};

static int
params_ok(const struct rule_params *p)
{
	unsigned u = type_uses[p->type];

	if ((u & USES_HOURS) && !within(p->hours, 0, RULES_HOURS_MAX))
		return 0;
	if ((u & USES_MAX) && !within(p->max, 0, RULES_HOURS_MAX))
		return 0;
	if ((u & USES_PERCENT) && !within(p->excellent_percent, 1, RULES_PERCENT_MAX))
		return 0;
	for (int i = 0; (u & USES_TIERS) && i < LEVEL__MAX; i++)
		if (!within(p->tiers[i], 0, RULES_HOURS_MAX))
			return 0;
	for (int i = 0; (u & USES_ADDONS) && i < RULES_ADDONS_MAX; i++)
		if (!within(p->addons[i], 0, RULES_HOURS_MAX))
			return 0;
	return 1;
}

static int
quantity_ok(int64_t q)
{
	return within(q, 1, RULES_QUANTITY_MAX);
}

enum rules_error
rules_claim(const struct rule_params *p, const struct rule_input *in, tenths *out)
{
	unsigned flags;
	tenths sum;

	if (out == NULL)
		return RULES_ARGS;
	*out = 0;
	if (p == NULL || in == NULL)
		return RULES_ARGS;
	if ((unsigned)p->type >= RULE__MAX || !params_ok(p))
		return RULES_PARAMS;
	switch (p->type) {
	case RULE_PER_UNIT:
	case RULE_PER_TERM:
		if (!quantity_ok(in->quantity))
			return RULES_QUANTITY;
		return mul_tenths(p->hours, in->quantity, out);
	case RULE_TIERED_LEVEL:
		if (!within(in->level, 0, LEVEL__MAX - 1) || p->tiers[in->level] == 0)
			return RULES_LEVEL;
		if (!quantity_ok(in->quantity))
			return RULES_QUANTITY;
		return mul_tenths(p->tiers[in->level], in->quantity, out);
	case RULE_AS_CERTIFIED:
		if (in->certified <= 0)
			return RULES_CERTIFIED;
		if (in->certified > (p->max > 0 ? p->max : RULES_HOURS_MAX))
			return RULES_OVER_MAX;
		*out = in->certified;
		return RULES_OK;
	case RULE_POINTS_QUARTERS:
		if (!within(p->points_year_total, 0, POINTS_READING__MAX - 1))
			return RULES_PARAMS;
		return rules_points(p->points_base, p->points_gain, p->points_hours,
		    p->points_max, p->points_threshold, (enum points_reading)p->points_year_total,
		    in->points, out);
	case RULE_ROSTER:
		flags = in->addons | (in->video ? 1u << RULES_ADDON_VIDEO : 0u);
		sum = p->hours;
		for (int i = 0; i < RULES_ADDONS_MAX; i++) {
			if (!(flags & 1u << i))
				continue;
			if (p->addons[i] == 0)
				return RULES_ADDON;
			sum += p->addons[i]; /* <= (1 + RULES_ADDONS_MAX) * RULES_HOURS_MAX */
		}
		if (flags >> RULES_ADDONS_MAX)
			return RULES_ADDON;
		*out = sum;
		return RULES_OK;
	case RULE_TRAINEE_MULTIPLIER:
		if (in->excellent != 0 && in->excellent != 1)
			return RULES_ROLE;
		if (!in->excellent) {
			*out = p->hours;
			return RULES_OK;
		}
		/* 125% rounded down to a tenth (both factors >= 0): 1200 -> 1500, 33 -> 41. */
		if (mul_tenths(p->hours, p->excellent_percent, &sum) != RULES_OK)
			return RULES_OVERFLOW;
		*out = sum / 100;
		return RULES_OK;
	case RULE_ONCE_PER_CERTIFICATE:
	case RULE_PARTICIPANT_LIMIT:
		*out = p->hours;
		return RULES_OK;
	case RULE__MAX:
		break;
	}
	return RULES_PARAMS;
}

/* Order: tier, then date ("" for NULL), then id, then index (makes keys unique). */
static int
key_before(int ta, const char *da, int64_t ia, size_t xa,
    int tb, const char *db, int64_t ib, size_t xb)
{
	int c;

	if (ta != tb)
		return ta < tb;
	c = strcmp(da != NULL ? da : "", db != NULL ? db : "");
	if (c != 0)
		return c < 0;
	if (ia != ib)
		return ia < ib;
	return xa < xb;
}

/* 0 confirmed, 1 pending, 2 counts nothing. */
static int
tier_of(int confirmed, int pending)
{
	return confirmed ? 0 : pending ? 1 : 2;
}

static int
entry_before(const struct cap_entry *e, size_t a, size_t b)
{
	return key_before(tier_of(e[a].confirmed, e[a].pending), e[a].date, e[a].record_id, a,
	    tier_of(e[b].confirmed, e[b].pending), e[b].date, e[b].record_id, b);
}

static void
cap_one(struct cap_entry *e, size_t n, size_t pick)
{
	struct cap_entry *x = &e[pick];
	tenths item_used = 0, group_used = 0, item_left, group_left;

	x->counted = 0;
	x->cap_id = 0;
	if (!x->confirmed && !x->pending) {
		x->cut = CUT_NOT_CONFIRMED;
		return;
	}
	if (x->pre_cut != CUT_NONE) {
		x->cut = x->pre_cut;
		return;
	}
	/* What the entries before this one used (those have their counted set). */
	for (size_t i = 0; i < n; i++) {
		if (i == pick || !entry_before(e, i, pick))
			continue;
		if (e[i].item_id == x->item_id)
			item_used += e[i].counted;
		if (x->group_id != 0 && e[i].group_id == x->group_id)
			group_used += e[i].counted;
	}
	x->counted = x->claimed;
	x->cut = CUT_NONE;
	item_left = x->item_cap > 0 ? x->item_cap - item_used : x->claimed;
	group_left = x->group_id != 0 && x->group_cap > 0 ? x->group_cap - group_used : x->claimed;
	if (item_left < 0)
		item_left = 0;
	if (group_left < 0)
		group_left = 0;
	if (item_left < x->counted && item_left <= group_left) {
		x->counted = item_left;
		x->cut = CUT_ITEM_CAP;
		x->cap_id = x->item_id;
	} else if (group_left < x->counted) {
		x->counted = group_left;
		x->cut = CUT_GROUP_CAP;
		x->cap_id = x->group_id;
	}
}

enum rules_error
rules_apply_caps(struct cap_entry *e, size_t n)
{
	enum rules_error r = RULES_OK;
	size_t prev = n;

	if (n == 0)
		return RULES_OK;
	if (e == NULL || n > RULES_RECORDS_MAX)
		return RULES_ARGS;
	for (size_t i = 0; i < n; i++) {
		e[i].counted = 0;
		e[i].cut = CUT_NONE;
		e[i].cap_id = 0;
		if (!within(e[i].claimed, 0, RULES_CLAIM_MAX) ||
		    !within(e[i].item_cap, 0, RULES_CLAIM_MAX) ||
		    !within(e[i].group_cap, 0, RULES_CLAIM_MAX) ||
		    (unsigned)e[i].pre_cut >= CUT__MAX)
			r = RULES_ARGS;
	}
	if (r != RULES_OK)
		return r; /* every entry reads counted 0, CUT_NONE */
	/*
	 * Visit in the stable order without reordering the caller's array and
	 * without scratch memory: each step picks the least entry after the
	 * previous pick. n is a teacher's records in a year (tens), bounded.
	 */
	for (size_t k = 0; k < n; k++) {
		size_t pick = n;
		for (size_t i = 0; i < n; i++) {
			if (prev != n && !entry_before(e, prev, i))
				continue;
			if (pick == n || entry_before(e, i, pick))
				pick = i;
		}
		cap_one(e, n, pick);
		prev = pick;
	}
	return RULES_OK;
}

enum rules_error
rules_totals(const struct cap_entry *e, size_t n, struct year_totals *t)
{
	if (t == NULL)
		return RULES_ARGS;
	memset(t, 0, sizeof(*t));
	if (n > 0 && (e == NULL || n > RULES_RECORDS_MAX))
		return RULES_ARGS;
	for (size_t i = 0; i < n; i++) {
		/* counted <= RULES_CLAIM_MAX after rules_apply_caps; guard anyway. */
		tenths c = within(e[i].counted, 0, RULES_CLAIM_MAX) ? e[i].counted : 0;
		if (e[i].confirmed) {
			t->confirmed += c;
			if (e[i].normative)
				t->normative_confirmed += c;
		} else if (e[i].pending) {
			t->pending += c;
			if (e[i].normative)
				t->normative_pending += c;
		}
	}
	return RULES_OK;
}

enum rules_error
rules_order(const struct order_key *keys, size_t n, size_t *order)
{
	if (n == 0)
		return RULES_OK;
	if (keys == NULL || order == NULL || n > RULES_RECORDS_MAX)
		return RULES_ARGS;
	/* A key's place is the number of keys before it (they are unique). */
	for (size_t i = 0; i < n; i++) {
		size_t rank = 0;
		for (size_t j = 0; j < n; j++)
			if (j != i && key_before(keys[j].tier, keys[j].date, keys[j].id, j,
			    keys[i].tier, keys[i].date, keys[i].id, i))
				rank++;
		order[rank] = i;
	}
	return RULES_OK;
}

int64_t
rules_hours_parse(const char *s)
{
	int64_t whole = 0, tenth = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 10000)
			return -1;
	}
	if (p == s)
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		tenth = *p++ - '0';
	}
	return *p == '\0' ? whole * 10 + tenth : -1;
}

const char *
rules_hours_format(int64_t t, char *buf, size_t n)
{
	int64_t m = t < 0 ? -t : t;
	int len;

	if (buf == NULL || n == 0)
		return "";
	len = m % 10 == 0 ? snprintf(buf, n, "%s%lld", t < 0 ? "-" : "", (long long)(m / 10)) :
	    snprintf(buf, n, "%s%lld.%lld", t < 0 ? "-" : "", (long long)(m / 10), (long long)(m % 10));
	if (len < 0 || (size_t)len >= n)
		buf[0] = '\0';
	return buf;
}

static int
days_in(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

int
rules_code_valid(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 2 && n <= 32 && s[0] >= 'a' && s[0] <= 'z' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

int
rules_year_label(const char *s)
{
	int first, second;

	if (s == NULL || strlen(s) != 9 || s[4] != '-')
		return -1;
	for (int i = 0; i < 9; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	first = atoi(s);
	second = atoi(s + 5);
	return first >= 1900 && second == first + 1 ? first : -1;
}

int
rules_year_bounds(int first, const char *md, char *starts, char *ends)
{
	int m, d, y;

	if (md == NULL || strlen(md) != 5 || md[2] != '-' || first < 1900 || first > 9998 ||
	    md[0] < '0' || md[0] > '9' || md[1] < '0' || md[1] > '9' ||
	    md[3] < '0' || md[3] > '9' || md[4] < '0' || md[4] > '9')
		return -1;
	m = (md[0] - '0') * 10 + (md[1] - '0');
	d = (md[3] - '0') * 10 + (md[4] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days_in(first, m))
		return -1;
	snprintf(starts, 11, "%04d-%02d-%02d", first, m, d);
	y = first + 1;
	if (--d == 0) {
		if (--m == 0) {
			m = 12;
			y--;
		}
		d = days_in(y, m);
	}
	snprintf(ends, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int
rules_date_valid(const char *s)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int year, month, day, leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	if (year < 1900 || !within(month, 1, 12) || day < 1)
		return 0;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

/* The shorter name used inside this file. */
static int
date_ok(const char *s)
{
	return rules_date_valid(s);
}

enum rules_error
rules_in_year(const char *start, const char *end, const char *year_start,
    const char *year_end)
{
	if (!date_ok(year_start) || !date_ok(year_end) || strcmp(year_start, year_end) > 0 ||
	    !date_ok(start) || !date_ok(end) || strcmp(start, end) > 0)
		return RULES_DATE;
	return strcmp(start, year_start) >= 0 && strcmp(end, year_end) <= 0 ? RULES_OK :
	    RULES_OUTSIDE_YEAR;
}

enum rules_error
rules_once_per_certificate(const char *const *numbers, const char *const *dates,
    const size_t *order, size_t n, const char *year_start, const char *year_end,
    enum cut *cut)
{
	if (!date_ok(year_start) || !date_ok(year_end) || strcmp(year_start, year_end) > 0)
		return RULES_DATE;
	if (n == 0)
		return RULES_OK;
	if (numbers == NULL || dates == NULL || order == NULL || cut == NULL ||
	    n > RULES_RECORDS_MAX)
		return RULES_ARGS;
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const char *num = numbers[i], *d = dates[i];

		cut[i] = CUT_NONE;
		if (d != NULL && *d != '\0' && (!date_ok(d) ||
		    strcmp(d, year_start) < 0 || strcmp(d, year_end) > 0)) {
			cut[i] = CUT_OUTSIDE_YEAR;
			continue;
		}
		if (num == NULL || *num == '\0')
			continue;
		/* Only a record that counted uses up its number. */
		for (size_t j = 0; j < k; j++) {
			size_t o = order[j];
			if (cut[o] == CUT_NONE && numbers[o] != NULL && strcmp(numbers[o], num) == 0) {
				cut[i] = CUT_DUPLICATE_CERTIFICATE;
				break;
			}
		}
	}
	return RULES_OK;
}

static int
participant_before(const struct participant *p, size_t a, size_t b)
{
	return key_before(tier_of(p[a].confirmed, p[a].pending), p[a].date, p[a].record_id, a,
	    tier_of(p[b].confirmed, p[b].pending), p[b].date, p[b].record_id, b);
}

enum rules_error
rules_project_participants(const struct participant *p, size_t n, int leader_limit,
    int member_limit, enum cut *cut)
{
	const int limits[PARTICIPANT__MAX] = {
		[PARTICIPANT_LEADER] = leader_limit,
		[PARTICIPANT_MEMBER] = member_limit,
	};

	if (n == 0)
		return RULES_OK;
	if (p == NULL || cut == NULL || n > RULES_RECORDS_MAX)
		return RULES_ARGS;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)p[i].role >= PARTICIPANT__MAX)
			return RULES_ARGS;
	for (size_t i = 0; i < n; i++) {
		size_t ahead = 0;
		int limit = limits[p[i].role];

		if (!p[i].confirmed && !p[i].pending) {
			cut[i] = CUT_NOT_CONFIRMED;
			continue;
		}
		/* Counting records of the same role before this one take the places first. */
		for (size_t j = 0; j < n; j++)
			if (j != i && p[j].role == p[i].role && (p[j].confirmed || p[j].pending) &&
			    participant_before(p, j, i))
				ahead++;
		cut[i] = limit > 0 && ahead >= (size_t)limit ? CUT_PARTICIPANT_LIMIT : CUT_NONE;
	}
	return RULES_OK;
}

enum rules_error
rules_participants(size_t n, int limit, enum cut *cut)
{
	if (n > 0 && cut == NULL)
		return RULES_ARGS;
	if (limit <= 0)
		return RULES_OK;
	for (size_t i = (size_t)limit; i < n; i++)
		cut[i] = CUT_PARTICIPANT_LIMIT;
	return RULES_OK;
}

/* A threshold: -1 (none) where allowed, else 0..RULES_CLAIM_MAX. */
static int
threshold_ok(tenths v, int none_allowed)
{
	return (none_allowed && v == -1) || within(v, 0, RULES_CLAIM_MAX);
}

enum rules_error
rules_assess(const struct policy *p, enum category c, const struct year_totals *t,
    tenths cycle_total, struct verdict *v)
{
	/* The category's own threshold; -1 falls back to the regular one. */
	tenths by_category;
	tenths a, b;

	if (v == NULL)
		return RULES_ARGS;
	memset(v, 0, sizeof(*v));
	if (p == NULL || t == NULL || (unsigned)c >= CATEGORY__MAX)
		return RULES_ARGS;
	if (!threshold_ok(p->min, 0) || !threshold_ok(p->normative_min, 0) ||
	    !threshold_ok(p->new_teacher, 1) || !threshold_ok(p->new_principal, 1) ||
	    !threshold_ok(p->cycle_min, 1) ||
	    !within(t->confirmed, 0, RULES_TOTAL_MAX) ||
	    !within(t->normative_confirmed, 0, t->confirmed) ||
	    !within(cycle_total, -1, RULES_CYCLE_YEARS_MAX * RULES_TOTAL_MAX))
		return RULES_ARGS;

	by_category = c == CATEGORY_NEW_TEACHER ? p->new_teacher :
	    c == CATEGORY_NEW_PRINCIPAL ? p->new_principal : p->min;
	v->threshold = by_category >= 0 ? by_category : p->min;
	if (t->confirmed < v->threshold)
		v->reasons |= REASON_BELOW_TOTAL;
	if (p->normative_min > 0 && t->normative_confirmed < p->normative_min)
		v->reasons |= REASON_BELOW_NORMATIVE;
	v->result = v->reasons ? RESULT_FAIL : RESULT_PASS;
	a = v->threshold - t->confirmed;
	b = p->normative_min - t->normative_confirmed;
	v->gap = a > b ? a : b;
	if (v->gap < 0)
		v->gap = 0;

	v->cycle_result = RESULT_NONE;
	if (p->cycle_min >= 0 && cycle_total >= 0 && c != CATEGORY_NEW_TEACHER) {
		v->cycle_total = cycle_total;
		if (cycle_total < p->cycle_min) {
			v->reasons |= REASON_BELOW_CYCLE;
			v->cycle_result = RESULT_FAIL;
			v->cycle_gap = p->cycle_min - cycle_total;
		} else
			v->cycle_result = RESULT_PASS;
	}

	v->pass = v->result == RESULT_PASS;
	v->below_total = (v->reasons & REASON_BELOW_TOTAL) != 0;
	v->below_normative = (v->reasons & REASON_BELOW_NORMATIVE) != 0;
	v->cycle_applies = v->cycle_result != RESULT_NONE;
	v->cycle_pass = v->cycle_result == RESULT_PASS;
	return RULES_OK;
}

enum rules_error
rules_assess_years(const struct policy *p, enum category c, const struct year_totals *t,
    const tenths *years, size_t nyears, struct verdict *v)
{
	tenths sum = 0;
	size_t most;

	if (v == NULL)
		return RULES_ARGS;
	memset(v, 0, sizeof(*v));
	if (p == NULL)
		return RULES_ARGS;
	most = p->cycle_years == 0 ? 5 : (size_t)p->cycle_years;
	if (!within(p->cycle_years, 0, RULES_CYCLE_YEARS_MAX) || nyears > most ||
	    (nyears > 0 && years == NULL))
		return RULES_ARGS;
	for (size_t i = 0; i < nyears; i++) {
		if (!within(years[i], 0, RULES_TOTAL_MAX))
			return RULES_ARGS;
		sum += years[i]; /* <= RULES_CYCLE_YEARS_MAX * RULES_TOTAL_MAX, ~1e13 */
	}
	return rules_assess(p, c, t, nyears > 0 ? sum : -1, v);
}

int
rules_school_flagged(int64_t failing, int64_t total, int flag_percent)
{
	if (!within(total, 1, RULES_PEOPLE_MAX) || !within(failing, 0, total) ||
	    !within(flag_percent, 1, 100))
		return 0;
	/* Both sides <= 1e11: no overflow. */
	return failing * 100 >= total * flag_percent;
}

tenths
rules_per_term_cap(tenths hours, int terms_per_year, tenths item_cap)
{
	tenths cap;

	if (hours <= 0 || terms_per_year <= 0 || hours > RULES_HOURS_MAX ||
	    terms_per_year > RULES_QUANTITY_MAX)
		return item_cap > 0 ? item_cap : 0;
	cap = hours * terms_per_year;
	if (cap > RULES_CLAIM_MAX)
		cap = RULES_CLAIM_MAX;
	return item_cap > 0 && item_cap < cap ? item_cap : cap;
}

int
rules_excellent_within_quota(int64_t rank, int64_t class_size, int quota_percent)
{
	if (!within(rank, 0, RULES_PEOPLE_MAX) || !within(class_size, 0, RULES_PEOPLE_MAX) ||
	    quota_percent < 0 || quota_percent > 100)
		return 0;
	return (rank + 1) * 100 <= class_size * quota_percent;
}
