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

#include <stdlib.h>
#include <string.h>

#include "domain/rules.h"

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

/*
 * GET /district/stats: every active school of the district side by side
 * (teachers, failing, pass rate, the flag, unreviewed records, the year's
 * state) and the district's total, all computed here: the kept results of
 * the whole year in one query (store/assess.h), summed by school.
 */
int
stats_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-stats"), total;
	struct stats_school *sv;
	struct kept_result *kv = NULL;
	struct school_sum *sum;
	size_t ns, nk = 0;
	long long teachers = 0, failing = 0, flagged = 0, unreviewed = 0;
	enum db_result r;

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
	return 200;
}
