/*
 * stats.c - GET /school/stats. The teachers and their results come from
 * school_overview (the same assessment as the summary table); this adds the
 * counts a school admin watches:
 *   - passed / failed, and the pass rate in tenths of a percent;
 *   - the flag: with flag_percent P and N teachers the school is flagged
 *     when failing teachers reach ceil(N * P / 100) (at least 1), the same
 *     test as failing * 100 >= N * P; flag-at and more-to-flag say how far
 *     it is;
 *   - records and claimed hours per catalogue item, by state;
 *   - records per state.
 */
#include "pages/stats.h"

#include "core/app.h"
#include "core/render.h"
#include "pages/review_pages.h"
#include "store/assess.h"
#include "store/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/deadline.h"
#include "domain/rules.h"
#include "domain/deadline.h"

/* An integer attribute of n (0 when absent): the figures school_overview put there. */
static long long
attr_int(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	long long x = v ? strtoll((const char *)v, NULL, 10) : 0;

	xmlFree(v);
	return x;
}

static int
flag_and_rates(struct ctx *c, xmlNodePtr stats, xmlNodePtr school)
{
	long long teachers = attr_int(school, "teachers");
	long long failing = attr_int(school, "failing");
	int percent = 0;
	long long flag;
	enum db_result r = store_stats_flag_percent(c->db, c->user->school_id, &percent);

	if (r != DB_OK)
		return app_status(r);
	flag = percent;
	xml_attr_int(stats, "teachers", teachers);
	xml_attr_int(stats, "passing", teachers - failing);
	xml_attr_int(stats, "failing", failing);
	/* rounded to the nearest tenth of a percent */
	xml_attr_int(stats, "pass-rate-tenths", teachers > 0 ?
	    ((teachers - failing) * 2000 + teachers) / (2 * teachers) : 0);
	if (flag > 0 && teachers > 0) {
		long long at = (teachers * flag + 99) / 100;
		if (at < 1)
			at = 1;
		xml_attr_int(stats, "flag-percent", flag);
		xml_attr_int(stats, "flag-at", at);
		xml_attr_int(stats, "more-to-flag", failing >= at ? 0 : at - failing);
		xml_attr(stats, "flagged", failing >= at ? "yes" : "no");
	}
	return 200;
}

static int
per_item_and_state(struct ctx *c, xmlNodePtr stats)
{
	struct stats_count *it, *sts;
	size_t nit, nsts;
	xmlNodePtr items, item = NULL, states;
	const char *last = NULL;
	enum db_result r = store_stats_counts(c->db, c->a, c->user->school_id, &it, &nit, &sts, &nsts);

	if (r != DB_OK)
		return app_status(r);
	if ((items = xml_node(stats, "items")) == NULL)
		return 500;
	for (size_t i = 0; i < nit; i++) {
		xmlNodePtr n;
		if (item == NULL || strcmp(last, it[i].item_code) != 0) {
			last = it[i].item_code;
			item = xml_node(items, "item");
			xml_attr(item, "code", it[i].item_code);
			xml_attr(item, "category", it[i].item_category);
			xml_text(item, "name", it[i].item_name);
		}
		n = xml_node(item, "state");
		xml_attr(n, "name", it[i].state);
		xml_attr_int(n, "records", it[i].records);
		xml_attr_int(n, "claimed-tenths", it[i].claimed_tenths);
	}
	if ((states = xml_node(stats, "states")) == NULL)
		return 500;
	for (size_t i = 0; i < nsts; i++) {
		xmlNodePtr n = xml_node(states, "state");
		xml_attr(n, "name", sts[i].state);
		xml_attr_int(n, "records", sts[i].records);
		xml_attr_int(n, "claimed-tenths", sts[i].claimed_tenths);
	}
	return 200;
}

int
stats_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "stats"), stats, school;
	int status;

	if (root == NULL)
		return 500;
	if ((status = school_overview(c, root, c->user->school_id)) != 200)
		return status;
	for (school = root->children; school != NULL; school = school->next)
		if (school->type == XML_ELEMENT_NODE && xmlStrcmp(school->name, BAD_CAST "school") == 0)
			break;
	if (school == NULL || (stats = xml_node(root, "stats")) == NULL)
		return 500;
	if ((status = flag_and_rates(c, stats, school)) != 200)
		return status;
	return per_item_and_state(c, stats);
}

/* The pass rate in tenths of a percent, rounded half up: 29 of 30 pass -> 967. */
static long long
rate_permille(long long teachers, long long failing)
{
	return ((teachers - failing) * 2000 / teachers + 1) / 2;
}

/* A school's figures, summed from the kept results. */
struct school_sum {
	long long teachers, failing;
};

/* ------------------------------------------------ charts (issue 15) */

/*
 * The distribution of counted hours against each teacher's own threshold
 * (90, 120 for a new teacher, ... as the kept result says): a teacher with
 * confirmed hours C and threshold T falls in the first bucket whose upper
 * bound U (percent) has C * 100 < T * U; exactly at the threshold is
 * 100-125 (met). A teacher whose threshold is 0 (no rule) is in none.
 */
static const struct {
	const char *key;
	int from, to; /* percent of the threshold; to 0: no upper bound */
} hour_buckets[] = {
	{ "lt50", 0, 50 }, { "50-75", 50, 75 }, { "75-100", 75, 100 },
	{ "100-125", 100, 125 }, { "ge125", 125, 0 },
};
#define NBUCKETS (sizeof(hour_buckets) / sizeof(hour_buckets[0]))
static const char *const bucket_categories[] = { "regular", "new_teacher", "new_principal" };
#define NCATEGORIES (sizeof(bucket_categories) / sizeof(bucket_categories[0]))

static size_t
hour_bucket(long long confirmed, long long threshold)
{
	for (size_t b = 0; b + 1 < NBUCKETS; b++)
		if (confirmed * 100 < threshold * hour_buckets[b].to)
			return b;
	return NBUCKETS - 1;
}

/* <distribution>: teachers per bucket, district-wide and per category (categories present only). */
static int
distribution_node(xmlNodePtr root, const struct kept_result *kv, size_t nk)
{
	long long count[NBUCKETS][NCATEGORIES + 1], cat_total[NCATEGORIES];
	long long none = 0, judged = 0;
	xmlNodePtr dist = xml_node(root, "distribution");

	if (dist == NULL)
		return 500;
	memset(count, 0, sizeof(count));
	memset(cat_total, 0, sizeof(cat_total));
	for (size_t k = 0; k < nk; k++) {
		size_t b, cat;
		if (kv[k].a.threshold_tenths <= 0) {
			none++;
			continue;
		}
		b = hour_bucket(kv[k].a.confirmed_tenths, kv[k].a.threshold_tenths);
		count[b][NCATEGORIES]++;
		judged++;
		for (cat = 0; cat < NCATEGORIES; cat++)
			if (kv[k].who.category && strcmp(kv[k].who.category, bucket_categories[cat]) == 0)
				break;
		if (cat < NCATEGORIES) {
			count[b][cat]++;
			cat_total[cat]++;
		}
	}
	xml_attr_int(dist, "teachers", judged);
	xml_attr_int(dist, "without-threshold", none);
	for (size_t b = 0; b < NBUCKETS; b++) {
		xmlNodePtr bn = xml_node(dist, "bucket");
		if (bn == NULL)
			return 500;
		xml_attr(bn, "key", hour_buckets[b].key);
		xml_attr_int(bn, "from-percent", hour_buckets[b].from);
		if (hour_buckets[b].to > 0)
			xml_attr_int(bn, "to-percent", hour_buckets[b].to);
		xml_attr_int(bn, "teachers", count[b][NCATEGORIES]);
		for (size_t cat = 0; cat < NCATEGORIES; cat++) {
			xmlNodePtr cn;
			if (cat_total[cat] == 0)
				continue;
			if ((cn = xml_node(bn, "category")) == NULL)
				return 500;
			xml_attr(cn, "name", bucket_categories[cat]);
			xml_attr_int(cn, "teachers", count[b][cat]);
		}
	}
	return 200;
}

/* The date of days since 1970-01-01 into buf (32 bytes) as YYYY-MM-DD (civil_from_days). */
static void
civil_from_days(long long z, char *buf)
{
	long long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, 32, "%04lld-%02u-%02u", y + (m <= 2), m % 100u, d % 100u);
}

/*
 * <weeks>: the year's records by the week of their start date, from the
 * year's first week to the week holding the district's today (the whole
 * year once it is over; none before it starts), and further when records
 * lie ahead; records dated outside the year count in its first or last
 * week. Each week with its first and last day, its count and the running
 * total, registered (any state) and confirmed (district_approved).
 */
static int
weeks_node(struct ctx *c, xmlNodePtr root, const struct stats_school *s)
{
	struct stats_week *wv;
	size_t nw;
	long long start, end, today, total_weeks, shown, cum = 0, cum_conf = 0, records = 0;
	long long *per, *conf;
	char today_s[11], day[32];
	xmlNodePtr weeks;
	enum db_result r;

	deadline_local_date(c->now, s->utc_offset_minutes, today_s);
	if (deadline_day(s->starts_on, &start) != 0 || deadline_day(s->ends_on, &end) != 0 ||
	    deadline_day(today_s, &today) != 0 || end < start)
		return 500;
	if ((r = store_stats_weeks(c->db, c->a, c->user->district_id, s->year_id, start, &wv, &nw)) != DB_OK)
		return app_status(r);
	total_weeks = (end - start) / 7 + 1;
	shown = today < start ? 0 : today > end ? total_weeks : (today - start) / 7 + 1;
	per = arena_alloc(c->a, (size_t)(total_weeks + 1) * sizeof(*per));
	conf = arena_alloc(c->a, (size_t)(total_weeks + 1) * sizeof(*conf));
	if (per == NULL || conf == NULL || (weeks = xml_node(root, "weeks")) == NULL)
		return 500;
	memset(per, 0, (size_t)(total_weeks + 1) * sizeof(*per));
	memset(conf, 0, (size_t)(total_weeks + 1) * sizeof(*conf));
	for (size_t i = 0; i < nw; i++) {
		long long w = wv[i].week < 1 ? 1 : wv[i].week > total_weeks ? total_weeks : wv[i].week;
		per[w] += wv[i].records;
		conf[w] += wv[i].confirmed;
		records += wv[i].records;
		if (w > shown)
			shown = w;
	}
	xml_attr(weeks, "starts-on", s->starts_on);
	xml_attr(weeks, "ends-on", s->ends_on);
	xml_attr(weeks, "today", today_s);
	xml_attr_int(weeks, "year-weeks", total_weeks);
	xml_attr_int(weeks, "weeks", shown);
	xml_attr_int(weeks, "records", records);
	for (long long w = 1; w <= shown; w++) {
		xmlNodePtr wn = xml_node(weeks, "week");
		long long last = start + 7 * w - 1;
		if (wn == NULL)
			return 500;
		cum += per[w];
		cum_conf += conf[w];
		xml_attr_int(wn, "n", w);
		civil_from_days(start + 7 * (w - 1), day);
		xml_attr(wn, "from", day);
		civil_from_days(last > end ? end : last, day);
		xml_attr(wn, "to", day);
		xml_attr_int(wn, "records", per[w]);
		xml_attr_int(wn, "cumulative", cum);
		xml_attr_int(wn, "confirmed", conf[w]);
		xml_attr_int(wn, "confirmed-cumulative", cum_conf);
	}
	xml_attr_int(weeks, "confirmed", cum_conf);
	return 200;
}
/* ------------------------------------------------ end charts */

/*
 * GET /district/stats: every active school of the district side by side
 * (teachers, failing, pass rate, the flag, unreviewed records, the year's
 * state) and the district's total, all computed here: the kept results of
 * the whole year in one query (store/assess.h), summed by school. The
 * charts' figures beside them (issue 15): records waiting at each review
 * stage per school, the distribution of counted hours against the
 * threshold (from the same kept results) and the records per week.
 */
int
stats_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-stats"), total;
	struct stats_school *sv;
	struct kept_result *kv = NULL;
	struct school_sum *sum;
	size_t ns, nk = 0;
	long long teachers = 0, failing = 0, flagged = 0, unreviewed = 0, awaiting = 0;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	if ((r = store_stats_schools(c->db, c->a, c->user->district_id, &sv, &ns)) != DB_OK)
		return app_status(r);
	if (ns > 0) {
		struct assess_scope sc = { sv[0].year_id, 0, 0 };
		if ((r = assess_results(c->db, c->a, &sc, &kv, &nk)) != DB_OK)
			return app_status(r);
	}
	if ((sum = arena_alloc(c->a, (ns + 1) * sizeof(*sum))) == NULL)
		return 500;
	memset(sum, 0, (ns + 1) * sizeof(*sum));
	for (size_t k = 0; k < nk; k++)
		for (size_t i = 0; i < ns; i++)
			if (sv[i].id == kv[k].who.school_id) {
				sum[i].teachers++;
				sum[i].failing += !kv[k].a.pass;
				break;
			}
	for (size_t i = 0; i < ns; i++) {
		const struct stats_school *s = &sv[i];
		xmlNodePtr sn = xml_node(root, "school");
		int flag;

		if (sn == NULL)
			return 500;
		xml_attr_int(sn, "id", s->id);
		xml_attr(sn, "code", s->code);
		xml_attr(sn, "year", s->year_label);
		xml_attr(sn, "state", s->state);
		if (*s->submitted_at)
			xml_attr(sn, "submitted", s->submitted_at);
		if (*s->confirmed_at)
			xml_attr(sn, "confirmed", s->confirmed_at);
		xml_attr_int(sn, "unreviewed", s->unreviewed);
		xml_attr_int(sn, "teachers", sum[i].teachers);
		xml_attr_int(sn, "failing", sum[i].failing);
		xml_attr_int(sn, "passing", sum[i].teachers - sum[i].failing);
		xml_attr_int(sn, "awaiting-district", s->awaiting_district);
		if (sum[i].teachers > 0)
			xml_attr_int(sn, "pass-permille", rate_permille(sum[i].teachers, sum[i].failing));
		xml_text(sn, "name", s->name);
		if (*s->reopened_reason)
			xml_text(sn, "reopened-reason", s->reopened_reason);
		flag = rules_school_flagged(sum[i].failing, sum[i].teachers, s->flag_percent);
		if (s->flag_percent > 0)
			xml_attr(sn, "flagged", flag ? "yes" : "no");
		teachers += sum[i].teachers;
		failing += sum[i].failing;
		flagged += flag;
		unreviewed += s->unreviewed;
		awaiting += s->awaiting_district;
	}
	if ((total = xml_node(root, "total")) == NULL)
		return 500;
	xml_attr_int(total, "schools", (long long)ns);
	xml_attr_int(total, "teachers", teachers);
	xml_attr_int(total, "failing", failing);
	if (teachers > 0)
		xml_attr_int(total, "pass-permille", rate_permille(teachers, failing));
	xml_attr_int(total, "flagged", flagged);
	xml_attr_int(total, "unreviewed", unreviewed);
	xml_attr_int(total, "passing", teachers - failing);
	xml_attr_int(total, "awaiting-district", awaiting);
	if (ns == 0)
		return 200;
	if ((status = distribution_node(root, kv, nk)) != 200)
		return status;
	return weeks_node(c, root, &sv[0]);
}
