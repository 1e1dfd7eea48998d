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
#include "store/sql.h"

#include "core/app.h"
#include "core/render.h"
#include "review_pages.h"

#include <stdlib.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

static int
flag_and_rates(struct ctx *c, xmlNodePtr stats, xmlNodePtr school)
{
	static const char sql[] =
	    "SELECT coalesce(p.flag_percent, 0) FROM school s"
	    " JOIN school_year y ON y.district_id = s.district_id AND y.is_current = 1"
	    " LEFT JOIN policy p ON p.school_year_id = y.id WHERE s.id = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	xmlChar *tv = xmlGetProp(school, BAD_CAST "teachers");
	xmlChar *fv = xmlGetProp(school, BAD_CAST "failing");
	long long teachers = tv ? atoll((const char *)tv) : 0;
	long long failing = fv ? atoll((const char *)fv) : 0;
	long long flag = 0;

	xmlFree(tv);
	xmlFree(fv);
	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		flag = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
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
	static const char sql_items[] =
	    "SELECT i.code, i.category, i.name, r.state, count(*), sum(r.claimed_tenths)"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN item i ON i.id = r.item_id WHERE ty.school_id = ?"
	    " GROUP BY i.id, r.state ORDER BY i.sort_order, i.id, r.state";
	static const char sql_states[] =
	    "SELECT r.state, count(*), sum(r.claimed_tenths) FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? GROUP BY r.state ORDER BY r.state";
	sqlite3_stmt *st = db_stmt(c->db, sql_items);
	xmlNodePtr items = xml_node(stats, "items"), item = NULL, states;
	char last[64] = "";

	if (st == NULL || items == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr n;
		if (item == NULL || strcmp(last, col(st, 0)) != 0) {
			snprintf(last, sizeof(last), "%s", col(st, 0));
			item = xml_node(items, "item");
			xml_attr(item, "code", col(st, 0));
			xml_attr(item, "category", col(st, 1));
			xml_text(item, "name", col(st, 2));
		}
		n = xml_node(item, "state");
		xml_attr(n, "name", col(st, 3));
		xml_attr_int(n, "records", sqlite3_column_int64(st, 4));
		xml_attr_int(n, "claimed-tenths", sqlite3_column_int64(st, 5));
	}
	sqlite3_reset(st);
	if ((st = db_stmt(c->db, sql_states)) == NULL || (states = xml_node(stats, "states")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr n = xml_node(states, "state");
		xml_attr(n, "name", col(st, 0));
		xml_attr_int(n, "records", sqlite3_column_int64(st, 1));
		xml_attr_int(n, "claimed-tenths", sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
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

/*
 * GET /district/stats: every active school of the district with its
 * teachers' results (school_overview, one <school> each); the page sums them.
 */
int
stats_district_page(struct ctx *c)
{
	static const char sql[] =
	    "SELECT id FROM school WHERE district_id = ? AND active = 1 ORDER BY code";
	xmlNodePtr root = app_page(c, "district-stats");
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long ids[512];
	size_t n = 0;

	if (root == NULL || st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->district_id);
	while (sqlite3_step(st) == SQLITE_ROW && n < sizeof(ids) / sizeof(ids[0]))
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	/* school_overview uses cached statements of its own: read the ids first */
	for (size_t i = 0; i < n; i++) {
		int status = school_overview(c, root, ids[i]);
		if (status != 200 && status != 404)
			return status;
	}
	return 200;
}
