/*
 * test_catalogue.c - the district keeps its own catalogue through the pages
 * (issue 13): both source documents' catalogues rebuilt from blank through
 * the editor (五华's 40 items and 1192 hours with its cap groups, 五通桥's 7)
 * equal the presets field by field and give the same results on the demo's
 * records; splitting 五华's merged 教学成果 + 辅导学生 group changes exactly
 * the teachers whose awards passed the shared cap; an edit that turns a
 * passing teacher failing says so before it is saved; a confirmed school's
 * results cannot be changed; retiring keeps the records; bad input is
 * refused with the input kept; and the record form refuses what an item
 * excludes and organisers it does not accept.
 */
#include "common.h"
#include "catalogue_fixture.h"

#include <check.h>
#include <stdarg.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	demo_setup(&srv);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

static struct client *
as(const char *login)
{
	struct client *cl = client_new();

	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

static long long
num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long long
num(const char *fmt, ...)
{
	char sql[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_int(&srv, sql);
}

static void
sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sql(const char *fmt, ...)
{
	char text[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ck_assert_int_eq(srv_sql(&srv, text), 0);
}

/* The string value of expr in the XML of path (status 200 asserted). */
static char *
xml_of(struct client *cl, const char *path, const char *expr)
{
	long status = 0;
	xmlDocPtr d = get_xml(cl, &srv, path, &status);
	char *v;

	ck_assert_int_eq(status, 200);
	ck_assert_ptr_nonnull(d);
	v = xpath_string(d, expr);
	xmlFreeDoc(d);
	return v;
}

static void
assert_xml(struct client *cl, const char *path, const char *expr, const char *want)
{
	char *v = xml_of(cl, path, expr);

	ck_assert_msg(strcmp(v, want) == 0, "%s %s: got '%s', want '%s'", path, expr, v, want);
	free(v);
}

/* A reply's XML value of expr. */
static char *
reply_str(const struct reply *r, const char *expr)
{
	xmlDocPtr d = reply_xml(r);
	char *v;

	ck_assert_ptr_nonnull(d);
	v = xpath_string(d, expr);
	xmlFreeDoc(d);
	return v;
}

static long long
current_year(const char *district)
{
	return num("SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = '%s' AND y.is_current = 1", district);
}

static long long
item_id(long long year, const char *code)
{
	return num("SELECT id FROM item WHERE school_year_id = %lld AND code = '%s'", year, code);
}

/* A new blank district with its current year 2026-2027, and its admin logged in. */
static struct client *
blank_district(const char *code, long long *year)
{
	struct client *root = as("admin");
	char fields[256];

	snprintf(fields, sizeof(fields), "code=%s&name=%s&from=blank&label=2026-2027", code, code);
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts", fields, NULL), 303);
	client_free(root);
	/* Its admin: the demo's password, set here rather than through the first-login change. */
	sql("INSERT INTO account (login, display_name, role, district_id, password_hash,"
	    " must_change_password) SELECT '%s-admin', '%s', 'district_admin', d.id, a.password_hash, 0"
	    " FROM district d, account a WHERE d.code = '%s' AND a.login = 'wuhua-admin'", code, code, code);
	*year = current_year(code);
	ck_assert_int_gt(*year, 0);
	ck_assert_int_eq(num("SELECT count(*) FROM item WHERE school_year_id = %lld", *year), 0);
	{
		char login[64];
		snprintf(login, sizeof(login), "%s-admin", code);
		return as(login);
	}
}

/* Type the fixture's groups and items into the editor of year. */
static void
type_catalogue(struct client *cl, long long year, const struct fx_group *groups,
    const struct fx_item *items)
{
	char path[128], *fields = malloc(16384);

	ck_assert_ptr_nonnull(fields);
	snprintf(path, sizeof(path), "/district/years/%lld/groups", year);
	for (const struct fx_group *g = groups; g->code != NULL; g++) {
		char *name = form_escape(g->name);
		snprintf(fields, 16384, "code=%s&name=%s&cap=%s", g->code, name, g->cap);
		free(name);
		ck_assert_int_eq(post_form(cl, &srv, path, fields, NULL), 303);
	}
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/new", year);
	for (const struct fx_item *it = items; it->code != NULL; it++) {
		char *cat = form_escape(it->category), *name = form_escape(it->name),
		    *unit = form_escape(it->unit), *cond = form_escape(it->conditions),
		    *excl = form_escape(it->exclusions), *orgs = form_escape(it->organisers);
		char group[64] = "";
		struct reply r;
		long status;
		if (it->group != NULL)
			snprintf(group, sizeof(group), "&group=%lld", num("SELECT id FROM cap_group"
			    " WHERE school_year_id = %lld AND code = '%s'", year, it->group));
		snprintf(fields, 16384, "code=%s&category=%s&name=%s&hours=%s&unit=%s&conditions=%s"
		    "&rule_type=%s&cap=%s%s&exclusions=%s&organisers=%s&%s",
		    it->code, cat, name, it->hours, unit, cond, it->rule_type, it->cap ? it->cap : "",
		    group, excl, orgs, it->fields);
		free(cat);
		free(name);
		free(unit);
		free(cond);
		free(excl);
		free(orgs);
		status = post_form(cl, &srv, path, fields, &r);
		ck_assert_msg(status == 303, "item %s: %ld %.600s", it->code, status, r.body);
		reply_free(&r);
	}
	free(fields);
}

/*
 * Items of year built and of the preset's year that agree on every field
 * the table and the rules read (the group by its code and cap).
 */
static long long
same_items(long long built, long long preset)
{
	return num("SELECT count(*) FROM item n JOIN item o ON o.code = n.code"
	    " LEFT JOIN cap_group ng ON ng.id = n.cap_group_id LEFT JOIN cap_group og ON og.id = o.cap_group_id"
	    " WHERE n.school_year_id = %lld AND o.school_year_id = %lld"
	    " AND n.category = o.category AND n.name = o.name AND n.hours_tenths = o.hours_tenths"
	    " AND n.unit = o.unit AND n.conditions = o.conditions AND n.rule_type = o.rule_type"
	    " AND n.params = o.params AND n.normative = o.normative"
	    " AND n.evidence_required = o.evidence_required AND n.cap_tenths IS NOT DISTINCT FROM o.cap_tenths"
	    " AND n.needs_project = o.needs_project AND n.asks = o.asks"
	    " AND n.exclusions = o.exclusions AND n.organisers = o.organisers AND n.active = o.active"
	    " AND ng.code IS NOT DISTINCT FROM og.code AND ng.name IS NOT DISTINCT FROM og.name"
	    " AND ng.cap_tenths IS NOT DISTINCT FROM og.cap_tenths",
	    built, preset);
}

START_TEST(test_wuhua_rebuilt_from_blank)
{
	long long built, preset = current_year("wuhua"), before, moved;
	struct client *cl = blank_district("rebuilt", &built), *wuhua;
	char path[128];

	type_catalogue(cl, built, wuhua_groups, wuhua_items);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue", built);
	/* The table as the source prints it: 40 items, 1192 hours, 8 cap groups. */
	assert_xml(cl, path, "string(/page/items/@active)", "40");
	assert_xml(cl, path, "string(/page/items/@hours)", "1192");
	assert_xml(cl, path, "count(/page/groups/group)", "8");
	assert_xml(cl, path, "string(/page/groups/group[@code='jxcg']/@items)", "6");
	assert_xml(cl, path, "string(/page/items/item[1]/name)", "新教师试用期培训班");
	assert_xml(cl, path, "string(/page/items/item[40]/name)", "区级刊物公开发表");
	/* Field by field the preset's. */
	ck_assert_int_eq(same_items(built, preset), 40);
	client_free(cl);

	/*
	 * The same results on the demo's records: the built catalogue takes
	 * the preset's place in 五华's current year (the records moved to its
	 * items by code), and every teacher's kept result is what it was.
	 */
	wuhua = as("wuhua-admin");
	assert_xml(wuhua, "/district/stats", "string(/page/@name)", "district-stats");  /* results up to date */
	sql("CREATE TABLE before_results AS SELECT r.teacher_year_id, r.confirmed_tenths, r.pending_tenths,"
	    " r.pass, r.cycle_pass FROM teacher_year_result r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " WHERE ty.school_year_id = %lld", preset);
	before = num("SELECT count(*) FROM before_results");
	ck_assert_int_gt(before, 80);
	ck_assert_int_gt(num("SELECT sum(pass) FROM before_results"), 0);
	ck_assert_int_gt(num("SELECT count(*) - sum(pass) FROM before_results"), 0);
	moved = num("SELECT count(*) FROM record r JOIN item i ON i.id = r.item_id WHERE i.school_year_id = %lld",
	    preset);
	ck_assert_int_gt(moved, 100);
	sql("UPDATE item SET code = 'old-' || code, active = 0 WHERE school_year_id = %lld;"
	    "UPDATE cap_group SET code = 'old-' || code WHERE school_year_id = %lld;"
	    "UPDATE item SET school_year_id = %lld WHERE school_year_id = %lld;"
	    "UPDATE cap_group SET school_year_id = %lld WHERE school_year_id = %lld;"
	    "UPDATE record SET item_id = (SELECT n.id FROM item n JOIN item o ON 'old-' || n.code = o.code"
	    "  WHERE o.id = record.item_id AND n.school_year_id = %lld)"
	    " WHERE item_id IN (SELECT id FROM item WHERE school_year_id = %lld AND code LIKE 'old-%%');",
	    preset, preset, preset, built, preset, built, preset, preset);
	ck_assert_int_eq(num("SELECT count(*) FROM record r JOIN item i ON i.id = r.item_id"
	    " WHERE i.school_year_id = %lld AND i.code NOT LIKE 'old-%%'", preset), moved);
	assert_xml(wuhua, "/district/stats", "string(/page/@name)", "district-stats");  /* recomputed */
	ck_assert_int_eq(num("SELECT count(*) FROM before_results b JOIN teacher_year_result r"
	    " ON r.teacher_year_id = b.teacher_year_id WHERE r.confirmed_tenths = b.confirmed_tenths"
	    " AND r.pending_tenths = b.pending_tenths AND r.pass = b.pass AND r.cycle_pass = b.cycle_pass"),
	    before);
	ck_assert_int_eq(num("SELECT count(*) FROM result_dirty"), 0);
	client_free(wuhua);
}
END_TEST

START_TEST(test_wutongqiao_rebuilt_from_blank)
{
	long long built, preset = num("SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.label = '2021-2022'");
	struct client *cl = blank_district("rebuilt2", &built);
	char path[128];

	type_catalogue(cl, built, wutongqiao_groups, wutongqiao_items);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue", built);
	assert_xml(cl, path, "string(/page/items/@active)", "7");
	assert_xml(cl, path, "count(/page/items/item[@normative='1'])", "7");
	/* The lecturer's tiers 4/8/12/16/20 and the points' 18000/2000/5/20/26000, typed not as JSON. */
	ck_assert_int_eq(same_items(built, preset), 7);
	snprintf(path, sizeof(path), "/district/items/%lld", item_id(built, "zjjs"));
	assert_xml(cl, path, "string(/page/form/value[@name='tier_province'])", "16");
	snprintf(path, sizeof(path), "/district/items/%lld", item_id(built, "xxqg"));
	assert_xml(cl, path, "string(/page/form/value[@name='points_threshold'])", "26000");
	client_free(cl);
}
END_TEST

/* The k-th teacher-year of 五华's open school wh-tj in the current year without 教学成果/辅导学生 awards. */
static long long
tj_teacher(int k)
{
	return num("SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " WHERE s.code = 'wh-tj' AND ty.school_year_id = %lld AND ty.category = 'regular'"
	    " AND NOT EXISTS (SELECT 1 FROM record r JOIN item i ON i.id = r.item_id"
	    "  JOIN cap_group g ON g.id = i.cap_group_id WHERE r.teacher_year_id = ty.id AND g.code = 'jxcg')"
	    " ORDER BY ty.id LIMIT 1 OFFSET %d", current_year("wuhua"), k);
}

static void
award(long long ty, long long item, const char *cert, long long tenths, const char *state)
{
	/* Dated in the teacher-year's school year (the 71st day). */
	sql("INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, quantity,"
	    " certificate_no, certificate_on, claimed_tenths, state) SELECT ty.id, %lld,"
	    " date(y.starts_on, '+70 days'), date(y.starts_on, '+70 days'), 1, '%s',"
	    " date(y.starts_on, '+70 days'), %lld, '%s' FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE ty.id = %lld", item, cert, tenths, state, ty);
}

START_TEST(test_split_merged_group)
{
	long long year = current_year("wuhua"), a = tj_teacher(0), b = tj_teacher(1), group;
	long long yzk = item_id(year, "yzk-sj"), fdxs = item_id(year, "fdxs-sj");
	struct client *cl = as("wuhua-admin");
	char path[128], fields[256], *v, *name_a;
	struct reply r;

	ck_assert_int_gt(a, 0);
	ck_assert_int_gt(b, 0);
	/*
	 * Teacher A: three provincial 优质课 awards (6 h each) and four provincial
	 * 辅导学生 awards (3 h each): 30 h claimed in the one merged group of 24 h.
	 * Teacher B: two of each, 18 h, under the cap either way.
	 */
	award(a, yzk, "YZK-A1", 60, "school_approved");
	award(a, yzk, "YZK-A2", 60, "school_approved");
	award(a, yzk, "YZK-A3", 60, "school_approved");
	award(a, fdxs, "FD-A1", 30, "school_approved");
	award(a, fdxs, "FD-A2", 30, "school_approved");
	award(a, fdxs, "FD-A3", 30, "school_approved");
	award(a, fdxs, "FD-A4", 30, "school_approved");
	award(b, yzk, "YZK-B1", 60, "school_approved");
	award(b, yzk, "YZK-B2", 60, "school_approved");
	award(b, fdxs, "FD-B1", 30, "school_approved");
	award(b, fdxs, "FD-B2", 30, "school_approved");
	{
		char q[256];
		snprintf(q, sizeof(q), "SELECT t.name FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
		    " WHERE ty.id = %lld", a);
		name_a = srv_text(&srv, q);
	}

	/* A group of its own for 辅导学生: made empty, it changes nothing and is saved at once. */
	snprintf(path, sizeof(path), "/district/years/%lld/groups", year);
	ck_assert_int_eq(post_form(cl, &srv, path,
	    "code=fdxs&name=%E8%BE%85%E5%AF%BC%E5%AD%A6%E7%94%9F%E8%8E%B7%E5%A5%96&cap=24", NULL), 303);
	group = num("SELECT id FROM cap_group WHERE school_year_id = %lld AND code = 'fdxs'", year);
	ck_assert_int_gt(group, 0);

	/* The three 辅导学生 items moved into it: shown first, not saved. */
	snprintf(path, sizeof(path), "/district/groups/%lld/items?format=xml", group);
	snprintf(fields, sizeof(fields), "item=%lld&item=%lld&item=%lld", fdxs,
	    item_id(year, "fdxs-shi"), item_id(year, "fdxs-qj"));
	ck_assert_int_eq(post_form(cl, &srv, path, fields, &r), 200);
	v = reply_str(&r, "string(/page/impact/@changed)");
	ck_assert_str_eq(v, "1");     /* A alone: B's 18 h were under the cap either way */
	free(v);
	v = reply_str(&r, "string(/page/impact/teacher/@name)");
	ck_assert_str_eq(v, name_a);
	free(v);
	{
		char *before = reply_str(&r, "string(/page/impact/teacher/@before)");
		char *after = reply_str(&r, "string(/page/impact/teacher/@after)");
		/* 24 h of the shared cap become 18 + 12 = 30 h: 6 h more. */
		ck_assert_int_eq(atoi(after) - atoi(before), 6);
		free(before);
		free(after);
	}
	reply_free(&r);
	ck_assert_int_eq(num("SELECT count(*) FROM item WHERE cap_group_id = %lld", group), 0);

	/* Confirmed: saved, audited, A's kept result 6 h more. */
	{
		long long kept = num("SELECT pending_tenths FROM teacher_year_result WHERE teacher_year_id = %lld", a);
		strcat(fields, "&confirm=1");
		snprintf(path, sizeof(path), "/district/groups/%lld/items", group);
		ck_assert_int_eq(post_form(cl, &srv, path, fields, NULL), 303);
		ck_assert_int_eq(num("SELECT count(*) FROM item WHERE cap_group_id = %lld", group), 3);
		ck_assert_int_eq(num("SELECT count(*) FROM item i JOIN cap_group g ON g.id = i.cap_group_id"
		    " WHERE g.school_year_id = %lld AND g.code = 'jxcg'", year), 3);
		ck_assert_int_eq(num("SELECT count(*) FROM audit WHERE action = 'catalogue_group'"
		    " AND object_id = %lld", group), 2);
		assert_xml(cl, "/district/stats", "string(/page/@name)", "district-stats");
		ck_assert_int_eq(num("SELECT pending_tenths FROM teacher_year_result WHERE teacher_year_id = %lld",
		    a), kept + 60);
	}
	free(name_a);
	client_free(cl);
}
END_TEST

/*
 * Teacher-year c of 五华's year gets 校本培训 48 h and six half days of
 * 专题培训 at 4 h, both approved by the district: 72 h confirmed.
 */
static void
add_72_hours(long long c, long long year)
{
	sql("INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, quantity, claimed_tenths, state)"
	    " SELECT %lld, %lld, date(starts_on, '+70 days'), date(starts_on, '+70 days'), 1, 480,"
	    " 'district_approved' FROM school_year WHERE id = %lld;"
	    "INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, quantity, claimed_tenths, state)"
	    " SELECT %lld, %lld, date(starts_on, '+71 days'), date(starts_on, '+73 days'), 6, 240,"
	    " 'district_approved' FROM school_year WHERE id = %lld",
	    c, item_id(year, "xbpx"), year, c, item_id(year, "ztpx"), year);
}

START_TEST(test_pass_to_fail_shown_before_saving)
{
	long long year = current_year("wuhua"), c = -1, ztpx = item_id(year, "ztpx");
	struct client *cl = as("wuhua-admin");
	char path[128], fields[1024], xp[256], *v;
	struct reply r;

	/* A regular wh-tj teacher with nothing counted yet. */
	c = num("SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " WHERE s.code = 'wh-tj' AND ty.school_year_id = %lld AND ty.category = 'regular'"
	    " AND NOT EXISTS (SELECT 1 FROM record r WHERE r.teacher_year_id = ty.id"
	    "  AND r.state IN ('district_approved', 'submitted', 'school_approved'))"
	    " ORDER BY ty.id LIMIT 1", year);
	ck_assert_int_gt(c, 0);
	/* 校本培训 48 h and six half days of 专题培训 at 4 h: exactly 72 h confirmed, 合格. */
	add_72_hours(c, year);
	assert_xml(cl, "/district/stats", "string(/page/@name)", "district-stats");
	ck_assert_int_eq(num("SELECT confirmed_tenths * 10 + pass FROM teacher_year_result"
	    " WHERE teacher_year_id = %lld", c), 7201);
	/* 专题培训 is registered in wh-hy too, whose year is confirmed: reopened first, with a reason. */
	snprintf(path, sizeof(path), "/district/schools/%lld/reopen",
	    num("SELECT id FROM school WHERE code = 'wh-hy'"));
	ck_assert_int_eq(post_form(cl, &srv, path, "reason=%E6%A0%87%E5%87%86%E8%B0%83%E6%95%B4", NULL), 303);

	/* 专题培训 at 3 h a half day: 48 + 18 = 66 h, 不合格 - shown, nothing saved. */
	snprintf(path, sizeof(path), "/district/items/%lld?format=xml", ztpx);
	snprintf(fields, sizeof(fields), "code=ztpx&category=%%E5%%9F%%B9%%E8%%AE%%AD%%E6%%B4%%BB%%E5%%8A%%A8"
	    "&name=%%E4%%B8%%93%%E9%%A2%%98%%E5%%9F%%B9%%E8%%AE%%AD&hours=3&unit=%%E5%%8D%%8A%%E5%%A4%%A9"
	    "&rule_type=per_unit&evidence_required=1&group=%lld",
	    num("SELECT cap_group_id FROM item WHERE id = %lld", ztpx));
	ck_assert_int_eq(post_form(cl, &srv, path, fields, &r), 200);
	snprintf(xp, sizeof(xp), "string(/page/impact/teacher[@teacher-year='%lld']/@before)", c);
	v = reply_str(&r, xp);
	ck_assert_str_eq(v, "72");
	free(v);
	snprintf(xp, sizeof(xp), "string(/page/impact/teacher[@teacher-year='%lld']/@after)", c);
	v = reply_str(&r, xp);
	ck_assert_str_eq(v, "66");
	free(v);
	snprintf(xp, sizeof(xp), "concat(/page/impact/teacher[@teacher-year='%lld']/@before-pass,"
	    "/page/impact/teacher[@teacher-year='%lld']/@after-pass)", c, c);
	v = reply_str(&r, xp);
	ck_assert_str_eq(v, "10");
	free(v);
	/* The counts are the rows': passing to failing at least this one. */
	v = reply_str(&r, "string(/page/impact/@pass-to-fail = count(/page/impact/teacher[@before-pass='1'"
	    " and @after-pass='0']))");
	ck_assert_str_eq(v, "true");
	free(v);
	v = reply_str(&r, "string(/page/impact/@pass-to-fail >= 1)");
	ck_assert_str_eq(v, "true");
	free(v);
	/* The form is echoed with the confirm to come. */
	v = reply_str(&r, "string(/page/form/value[@name='hours'])");
	ck_assert_str_eq(v, "3");
	free(v);
	reply_free(&r);
	ck_assert_int_eq(num("SELECT hours_tenths FROM item WHERE id = %lld", ztpx), 40);
	ck_assert_int_eq(num("SELECT pass FROM teacher_year_result WHERE teacher_year_id = %lld", c), 1);
	client_free(cl);
}
END_TEST

/*
 * A worker keeps a year's catalogue between requests (store/assess.c,
 * migration 0017): the district's edit, made through another program,
 * shows on the teacher's next dashboard; a preview that was not saved
 * (computed in a transaction rolled back) never does.
 */
START_TEST(test_teacher_dashboard_follows_catalogue_edits)
{
	long long year, c, ztpx, version;
	struct client *admin = as("wuhua-admin"), *t;
	char path[128], fields[1024], *v;

	/* A regular wh-tj teacher with its own account (the demo's password). */
	c = num("SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " WHERE s.code = 'wh-tj' AND ty.school_year_id = %lld AND ty.category = 'regular'"
	    " ORDER BY ty.id LIMIT 1", current_year("wuhua"));
	sql("DELETE FROM account WHERE teacher_id = (SELECT teacher_id FROM teacher_year WHERE id = %lld);"
	    "INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id, password_hash,"
	    " must_change_password) SELECT 'cache-teacher', 'cache', 'teacher', s.district_id, ty.school_id,"
	    " ty.teacher_id, (SELECT password_hash FROM account WHERE login = 'wuhua-admin'), 0"
	    " FROM teacher_year ty JOIN school s ON s.id = ty.school_id WHERE ty.id = %lld", c, c);
	t = as("cache-teacher");
	/* The year the dashboard shows, and the teacher's year in it: nothing counted but what is added here. */
	v = xml_of(t, "/teacher?format=xml", "string(/page/school-year/@id)");
	year = atoll(v);
	free(v);
	ztpx = item_id(year, "ztpx");
	c = num("SELECT id FROM teacher_year WHERE school_year_id = %lld AND teacher_id ="
	    " (SELECT teacher_id FROM account WHERE login = 'cache-teacher')", year);
	sql("DELETE FROM record WHERE teacher_year_id = %lld AND state IN ('district_approved', 'submitted',"
	    " 'school_approved')", c);
	/* 校本培训 48 h and six half days of 专题培训 at 4 h: 72 h confirmed. */
	add_72_hours(c, year);
	/* Several times: every worker of the teacher program has read the catalogue. */
	for (int i = 0; i < 6; i++)
		assert_xml(t, "/teacher", "string(/page/assessment/@confirmed-tenths)", "720");
	version = num("SELECT n FROM catalogue_version");

	/* 专题培训 at 3 h a half day, previewed (not saved): still 72 h. */
	snprintf(path, sizeof(path), "/district/schools/%lld/reopen", num("SELECT id FROM school WHERE code = 'wh-hy'"));
	post_form(admin, &srv, path, "reason=%E6%A0%87%E5%87%86%E8%B0%83%E6%95%B4", NULL);
	snprintf(path, sizeof(path), "/district/items/%lld", ztpx);
	snprintf(fields, sizeof(fields), "code=ztpx&category=%%E5%%9F%%B9%%E8%%AE%%AD%%E6%%B4%%BB%%E5%%8A%%A8"
	    "&name=%%E4%%B8%%93%%E9%%A2%%98%%E5%%9F%%B9%%E8%%AE%%AD&hours=3&unit=%%E5%%8D%%8A%%E5%%A4%%A9"
	    "&rule_type=per_unit&evidence_required=1&group=%lld",
	    num("SELECT cap_group_id FROM item WHERE id = %lld", ztpx));
	ck_assert_int_eq(post_form(admin, &srv, path, fields, NULL), 200);
	ck_assert_int_eq(num("SELECT n FROM catalogue_version"), version);
	for (int i = 0; i < 6; i++)
		assert_xml(t, "/teacher", "string(/page/assessment/@confirmed-tenths)", "720");

	/* Saved: 48 + 6 × 3 = 66 h on the teacher's next page, whichever worker serves it. */
	strcat(fields, "&confirm=1");
	ck_assert_int_eq(post_form(admin, &srv, path, fields, NULL), 303);
	ck_assert_int_eq(num("SELECT hours_tenths FROM item WHERE id = %lld", ztpx), 30);
	ck_assert_int_gt(num("SELECT n FROM catalogue_version"), version);
	for (int i = 0; i < 6; i++)
		assert_xml(t, "/teacher", "string(/page/assessment/@confirmed-tenths)", "660");
	client_free(t);
	client_free(admin);
}
END_TEST

START_TEST(test_confirmed_school_locks_its_results)
{
	long long year = current_year("wuhua"), xbpx = item_id(year, "xbpx");
	struct client *cl = as("wuhua-admin");
	char path[128];
	struct reply r;
	char *v;

	/* 校本培训 40 h instead of 48 changes teachers of wh-hy, whose year is confirmed. */
	ck_assert_int_eq(num("SELECT count(*) FROM school_year_state st JOIN school s ON s.id = st.school_id"
	    " WHERE s.code = 'wh-hy' AND st.school_year_id = %lld AND st.state = 'confirmed'", year), 1);
	snprintf(path, sizeof(path), "/district/items/%lld?format=xml", xbpx);
	ck_assert_int_eq(post_form(cl, &srv, path, "code=xbpx&category=%E5%9F%B9%E8%AE%AD%E6%B4%BB%E5%8A%A8"
	    "&name=%E6%A0%A1%E6%9C%AC%E5%9F%B9%E8%AE%AD&hours=40&unit=%E4%B8%80%E5%AD%A6%E5%B9%B4"
	    "&rule_type=per_unit&evidence_required=1&cap=48&confirm=1", &r), 409);
	v = reply_str(&r, "string(/page/refused/@code)");
	ck_assert_str_eq(v, "catalogue_locked");
	free(v);
	v = reply_str(&r, "string(count(/page/impact/teacher[@confirmed='1' and @school='五华区红云小学']) > 0)");
	ck_assert_str_eq(v, "true");
	free(v);
	reply_free(&r);
	ck_assert_int_eq(num("SELECT hours_tenths FROM item WHERE id = %lld", xbpx), 480);
	/* Wording alone changes no result: saved. */
	ck_assert_int_eq(post_form(cl, &srv, path, "code=xbpx&category=%E5%9F%B9%E8%AE%AD%E6%B4%BB%E5%8A%A8"
	    "&name=%E6%A0%A1%E6%9C%AC%E5%9F%B9%E8%AE%AD&hours=48&unit=%E4%B8%80%E5%AD%A6%E5%B9%B4"
	    "&rule_type=per_unit&evidence_required=1&cap=48&conditions=%E8%80%83%E6%A0%B8%E5%90%88%E6%A0%BC",
	    NULL), 303);
	ck_assert_int_eq(num("SELECT conditions = '考核合格' FROM item WHERE id = %lld", xbpx), 1);
	client_free(cl);
}
END_TEST

START_TEST(test_bad_input_kept_and_refused)
{
	long long year = current_year("wuhua");
	struct client *cl = as("wuhua-admin");
	char path[128], *v;
	long long items = num("SELECT count(*) FROM item WHERE school_year_id = %lld", year);
	struct reply r;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/new?format=xml", year);
	/* A code that is not one, hours that are not hours, a tiered item without tiers. */
	ck_assert_int_eq(post_form(cl, &srv, path, "code=Bad+Code&category=x&name=%E8%AE%B2%E5%BA%A7"
	    "&hours=abc&unit=%E4%B8%80%E6%AC%A1&rule_type=per_unit", &r), 422);
	v = reply_str(&r, "concat(/page/form/form-error[@field='code']/@code, ' ',"
	    " /page/form/form-error[@field='hours']/@code, ' ', /page/form/value[@name='name'])");
	ck_assert_str_eq(v, "bad_item_code bad_hours 讲座");
	free(v);
	reply_free(&r);
	ck_assert_int_eq(post_form(cl, &srv, path, "code=jz&category=x&name=y&unit=z&rule_type=tiered_level",
	    &r), 422);
	v = reply_str(&r, "string(/page/form/form-error[@field='tier_school']/@code)");
	ck_assert_str_eq(v, "required");
	free(v);
	reply_free(&r);
	/* A trainee class's excellent percent under 100; a code the year has. */
	ck_assert_int_eq(post_form(cl, &srv, path, "code=px&category=x&name=y&unit=z&hours=24"
	    "&rule_type=trainee_multiplier&excellent_percent=90", &r), 422);
	v = reply_str(&r, "string(/page/form/form-error[@field='excellent_percent']/@code)");
	ck_assert_str_eq(v, "out_of_range");
	free(v);
	reply_free(&r);
	ck_assert_int_eq(post_form(cl, &srv, path, "code=xbpx&category=x&name=y&unit=z&hours=24"
	    "&rule_type=per_unit", &r), 422);
	v = reply_str(&r, "string(/page/form/form-error[@field='code']/@code)");
	ck_assert_str_eq(v, "item_code_taken");
	free(v);
	reply_free(&r);
	/* In the page: the message in Chinese. */
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/new", year);
	ck_assert_int_eq(post_form(cl, &srv, path, "code=xbpx&category=x&name=y&unit=z&hours=24"
	    "&rule_type=per_unit", &r), 422);
	ck_assert(reply_contains(&r, "本学年已有同样代码的项目"));
	reply_free(&r);
	ck_assert_int_eq(num("SELECT count(*) FROM item WHERE school_year_id = %lld", year), items);

	/* A good one goes last, with its typed parameters kept as the rule reads them. */
	ck_assert_int_eq(post_form(cl, &srv, path, "code=zjjs&category=%E5%9F%B9%E8%AE%AD&name=%E4%B8%BB%E8%AE%B2"
	    "&unit=%E4%B8%80%E6%AC%A1&rule_type=tiered_level&tier_school=4&tier_district=8&tier_city=12"
	    "&tier_province=16&tier_national=20&evidence_required=1&normative=1", NULL), 303);
	ck_assert_int_eq(num("SELECT params = '{\"tiers\":{\"school\":40,\"district\":80,\"city\":120,"
	    "\"province\":160,\"national\":200}}' AND sort_order > (SELECT max(sort_order) FROM item"
	    " WHERE school_year_id = %lld AND code <> 'zjjs') FROM item WHERE school_year_id = %lld"
	    " AND code = 'zjjs'", year, year), 1);
	client_free(cl);
}
END_TEST

START_TEST(test_retire_reorder_and_records)
{
	long long year = current_year("wuhua"), yjs = item_id(year, "yjs"), xbpx = item_id(year, "xbpx");
	long long first = num("SELECT id FROM item WHERE school_year_id = %lld ORDER BY sort_order, id LIMIT 1", year);
	long long second = num("SELECT id FROM item WHERE school_year_id = %lld ORDER BY sort_order, id"
	    " LIMIT 1 OFFSET 1", year);
	struct client *cl = as("wuhua-admin"), *school;
	char path[128], q[256];
	long long counted;

	/* Down then up: the second item first, then back. */
	snprintf(path, sizeof(path), "/district/items/%lld/move", second);
	ck_assert_int_eq(post_form(cl, &srv, path, "dir=up", NULL), 303);
	ck_assert_int_eq(num("SELECT id FROM item WHERE school_year_id = %lld ORDER BY sort_order, id LIMIT 1",
	    year), second);
	ck_assert_int_eq(post_form(cl, &srv, path, "dir=up", NULL), 303);   /* first already */
	ck_assert_int_eq(num("SELECT id FROM item WHERE school_year_id = %lld ORDER BY sort_order, id LIMIT 1",
	    year), second);
	ck_assert_int_eq(post_form(cl, &srv, path, "dir=down", NULL), 303);
	ck_assert_int_eq(num("SELECT id FROM item WHERE school_year_id = %lld ORDER BY sort_order, id LIMIT 1",
	    year), first);

	/* Retiring 校本培训, which records use: kept, counted, out of the form's catalogue. */
	ck_assert_int_gt(num("SELECT count(*) FROM record WHERE item_id = %lld", xbpx), 0);
	counted = num("SELECT sum(confirmed_tenths + pending_tenths) FROM teacher_year_result r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id WHERE ty.school_year_id = %lld", year);
	snprintf(path, sizeof(path), "/district/items/%lld/retire", xbpx);
	ck_assert_int_eq(post_form(cl, &srv, path, "", NULL), 303);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue", year);
	snprintf(q, sizeof(q), "string(/page/items/item[@id='%lld']/@retired)", xbpx);
	assert_xml(cl, path, q, "1");
	assert_xml(cl, path, "string(/page/items/@active)", "39");
	assert_xml(cl, "/district/stats", "string(/page/@name)", "district-stats");
	ck_assert_int_eq(num("SELECT sum(confirmed_tenths + pending_tenths) FROM teacher_year_result r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id WHERE ty.school_year_id = %lld", year), counted);
	school = as("wh-tj-admin");
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld", tj_teacher(0));
	snprintf(q, sizeof(q), "count(//*[@id='%lld'])", xbpx);
	assert_xml(school, path, q, "0");
	snprintf(q, sizeof(q), "count(//*[@id='%lld'])", yjs);
	assert_xml(school, path, q, "1");
	client_free(school);
	snprintf(path, sizeof(path), "/district/items/%lld/restore", xbpx);
	ck_assert_int_eq(post_form(cl, &srv, path, "", NULL), 303);
	ck_assert_int_eq(num("SELECT active FROM item WHERE id = %lld", xbpx), 1);
	client_free(cl);
}
END_TEST

START_TEST(test_record_form_exclusions_and_organisers)
{
	long long year = current_year("wuhua"), ty = tj_teacher(0);
	long long yjs = item_id(year, "yjs"), fdxs = item_id(year, "fdxs-sj");
	struct client *cl = as("wh-tj-admin");
	char path[128], fields[1024], *v, q[128], *day;
	long long records = num("SELECT count(*) FROM record WHERE teacher_year_id = %lld", ty);
	struct reply r;

	snprintf(q, sizeof(q), "SELECT date(starts_on, '+70 days') FROM school_year WHERE id = %lld", year);
	day = srv_text(&srv, q);

	/* The form lists what the notice refuses (三: 非国民教育系列, 学历补偿教育). */
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&item=%lld", ty, yjs);
	assert_xml(cl, path, "concat(//item/exclusion[@n='1'], '/', //item/exclusion[@n='2'])",
	    "教师学历提高培训非国民教育系列/学历补偿教育");
	/* Stating one: refused with that reason, the input kept, nothing saved. */
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&format=xml", ty);
	snprintf(fields, sizeof(fields), "item=%lld&started_on=%s&ended_on=%s&quantity=1"
	    "&action=draft&excluded=2&description=%%E5%%87%%BD%%E6%%8E%%88", yjs, day, day);
	ck_assert_int_eq(post_form(cl, &srv, path, fields, &r), 422);
	v = reply_str(&r, "concat(/page/form/form-error[@field='excluded']/@code, ':',"
	    " /page/form/form-error[@field='excluded']/@detail, ':', /page/form/value[@name='description'])");
	ck_assert_str_eq(v, "excluded:学历补偿教育:函授");
	free(v);
	reply_free(&r);
	/* Not excluded: saved as a draft. */
	snprintf(fields, sizeof(fields), "item=%lld&started_on=%s&ended_on=%s&quantity=1"
	    "&action=draft", yjs, day, day);
	ck_assert_int_eq(post_form(cl, &srv, path, fields, NULL), 303);
	ck_assert_int_eq(num("SELECT count(*) FROM record WHERE teacher_year_id = %lld", ty), records + 1);

	/* 辅导学生: the organiser must be one the table names. */
	snprintf(fields, sizeof(fields), "item=%lld&started_on=%s&ended_on=%s"
	    "&certificate_no=FD-X&certificate_on=%s&action=draft&organiser=%%E6%%9F%%90%%E5%%85%%AC%%E5%%8F%%B8",
	    fdxs, day, day, day);
	ck_assert_int_eq(post_form(cl, &srv, path, fields, &r), 422);
	v = reply_str(&r, "string(/page/form/form-error[@field='organiser']/@code)");
	ck_assert_str_eq(v, "organiser_not_listed");
	free(v);
	reply_free(&r);
	snprintf(fields, sizeof(fields), "item=%lld&started_on=%s&ended_on=%s"
	    "&certificate_no=FD-X&certificate_on=%s&action=draft&organiser=%%E5%%AD%%A6%%E7%%A7%%91%%E5%%AD%%A6%%E4%%BC%%9A",
	    fdxs, day, day, day);
	ck_assert_int_eq(post_form(cl, &srv, path, fields, NULL), 303);
	ck_assert_int_eq(num("SELECT count(*) FROM record WHERE teacher_year_id = %lld AND organiser = '学科学会'",
	    ty), 1);
	free(day);
	client_free(cl);
}
END_TEST

START_TEST(test_other_district_and_earlier_year)
{
	long long year = current_year("wuhua"), earlier = num("SELECT y.id FROM school_year y"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua' AND y.is_current = 0"
	    " ORDER BY y.starts_on DESC LIMIT 1");
	struct client *other = as("wutongqiao-admin"), *cl = as("wuhua-admin");
	char path[128];
	long status;
	xmlDocPtr d;

	/* Another district's catalogue, item and group are not found. */
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue", year);
	d = get_xml(other, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/district/items/%lld", item_id(year, "xbpx"));
	d = get_xml(other, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/district/items/%lld/retire", item_id(year, "xbpx"));
	ck_assert_int_eq(post_form(other, &srv, path, "", NULL), 404);
	ck_assert_int_eq(num("SELECT active FROM item WHERE id = %lld", item_id(year, "xbpx")), 1);
	/* An earlier year is read, not changed. */
	ck_assert_int_gt(earlier, 0);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue", earlier);
	assert_xml(cl, path, "string(/page/year/@current)", "");
	snprintf(path, sizeof(path), "/district/items/%lld/retire", item_id(earlier, "xbpx"));
	ck_assert_int_eq(post_form(cl, &srv, path, "", NULL), 409);
	ck_assert_int_eq(num("SELECT active FROM item WHERE id = %lld", item_id(earlier, "xbpx")), 1);
	/* The nav's link goes to the current year's. */
	d = get_xml(cl, &srv, "/district/catalogue", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	client_free(other);
	client_free(cl);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("catalogue");
	TCase *tc = tcase_create("editor");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_wuhua_rebuilt_from_blank);
	tcase_add_test(tc, test_wutongqiao_rebuilt_from_blank);
	tcase_add_test(tc, test_split_merged_group);
	tcase_add_test(tc, test_pass_to_fail_shown_before_saving);
	tcase_add_test(tc, test_teacher_dashboard_follows_catalogue_edits);
	tcase_add_test(tc, test_confirmed_school_locks_its_results);
	tcase_add_test(tc, test_bad_input_kept_and_refused);
	tcase_add_test(tc, test_retire_reorder_and_records);
	tcase_add_test(tc, test_record_form_exclusions_and_organisers);
	tcase_add_test(tc, test_other_district_and_earlier_year);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_catalogue", &log_reports);
}
