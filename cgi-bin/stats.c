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
#include "stats.h"

#include "core/app.h"
#include "core/render.h"
#include "review_pages.h"
#include "store/assess.h"
#include "store/stats.h"

#include <stdlib.h>
#include <string.h>

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

/* The district's assessments, kept by teacher-year (sorted) while assess_each runs. */
struct results {
	long long *tys;            /* the teacher-years, sorted */
	size_t n;
	struct assessment *v;      /* v[k] belongs to tys[k] (only the figures are kept) */
	unsigned char *have;
};

static int
cmp_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return a < b ? -1 : a > b;
}

static int
keep_result(void *arg, const struct assess_who *who, const struct assessment *as)
{
	struct results *res = arg;
	long long *hit = bsearch(&who->teacher_year_id, res->tys, res->n, sizeof(*res->tys), cmp_ll);

	if (hit != NULL) {
		size_t k = (size_t)(hit - res->tys);
		res->v[k] = *as;
		res->v[k].category = NULL;
		res->v[k].lines = NULL;
		res->v[k].nlines = 0;
		res->have[k] = 1;
	}
	return 0;
}

/*
 * GET /district/stats: every active school of the district with its
 * teachers' results, one <school> each as school_overview gives it; the
 * page sums them. The whole district is assessed in one pass (assess_each):
 * a constant number of queries however many schools and teachers.
 */
int
stats_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "district-stats");
	struct stats_school *sv;
	struct stats_teacher *tv;
	size_t ns, nt, t = 0;
	struct results res;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((r = store_stats_schools(c->db, c->a, c->user->district_id, &sv, &ns)) != DB_OK ||
	    (r = store_stats_teachers(c->db, c->a, c->user->district_id, &tv, &nt)) != DB_OK)
		return app_status(r);
	res.n = nt;
	res.tys = arena_alloc(c->a, (nt + 1) * sizeof(*res.tys));
	res.v = arena_alloc(c->a, (nt + 1) * sizeof(*res.v));
	res.have = arena_alloc(c->a, nt + 1);
	if (res.tys == NULL || res.v == NULL || res.have == NULL)
		return 500;
	memset(res.have, 0, nt + 1);
	for (size_t i = 0; i < nt; i++)
		res.tys[i] = tv[i].teacher_year_id;
	qsort(res.tys, nt, sizeof(*res.tys), cmp_ll);
	if (ns > 0 && nt > 0) {
		struct assess_scope sc = { sv[0].year_id, 0, 0 };
		if ((r = assess_each(c->db, c->a, &sc, keep_result, &res)) != DB_OK)
			return app_status(r);
	}
	for (size_t i = 0; i < ns; i++) {
		const struct stats_school *s = &sv[i];
		xmlNodePtr sn = xml_node(root, "school"), list;
		long long total = 0, failing = 0;

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
		xml_text(sn, "name", s->name);
		if (*s->reopened_reason)
			xml_text(sn, "reopened-reason", s->reopened_reason);
		if ((list = xml_node(sn, "teachers")) == NULL)
			return 500;
		/* The teachers come by school code as the schools do. */
		for (; t < nt && tv[t].school_id == s->id; t++) {
			xmlNodePtr tn = xml_node(list, "teacher"), n;
			long long *hit = bsearch(&tv[t].teacher_year_id, res.tys, nt, sizeof(*res.tys), cmp_ll);
			const struct assessment *a;
			if (tn == NULL || hit == NULL)
				return 500;
			xml_attr_int(tn, "teacher-year", tv[t].teacher_year_id);
			xml_attr(tn, "staff-no", tv[t].staff_no);
			xml_attr(tn, "category", tv[t].category);
			xml_attr(tn, "status", tv[t].status);
			xml_text(tn, "name", tv[t].name);
			if (*tv[t].receiving_unit)
				xml_text(tn, "receiving-unit", tv[t].receiving_unit);
			if (!res.have[hit - res.tys])
				continue; /* not assessed: shown without a result, as school_overview does */
			a = &res.v[hit - res.tys];
			n = xml_node(tn, "result");
			xml_attr(n, "result", a->pass ? "pass" : "fail");
			xml_attr_int(n, "confirmed-tenths", a->confirmed_tenths);
			xml_attr_int(n, "pending-tenths", a->pending_tenths);
			xml_attr_int(n, "normative-confirmed-tenths", a->normative_confirmed_tenths);
			xml_attr_int(n, "threshold-tenths", a->threshold_tenths);
			xml_attr_int(n, "normative-min-tenths", a->normative_min_tenths);
			xml_attr_int(n, "gap-tenths", a->gap_tenths);
			total++;
			failing += !a->pass;
		}
		xml_attr_int(sn, "teachers", total);
		xml_attr_int(sn, "failing", failing);
		if (s->flag_percent > 0)
			xml_attr(sn, "flagged", failing * 100 >= total * s->flag_percent && total > 0 ?
			    "yes" : "no");
	}
	return 200;
}
