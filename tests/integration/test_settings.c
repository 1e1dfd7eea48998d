/*
 * test_settings.c - the district's own settings (/district/settings)
 * through nginx: what the presets set (the titles of the printed forms as
 * the source documents name them), the card and summary carrying them, bad
 * input refused with the input kept and nothing saved, a good save audited
 * and in effect at once, and each district seeing only its own.
 */
#include "common.h"

#include <check.h>
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
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

static struct client *
as(const char *login)
{
	struct client *cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

/* The string value of expr in the XML of path, as cl sees it (status 200 asserted). */
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

#define CHECK_XML(cl, path, expr, want) do { \
	char *v_ = xml_of((cl), (path), (expr)); \
	ck_assert_ptr_nonnull(v_); \
	ck_assert_str_eq(v_, (want)); \
	free(v_); \
} while (0)

/* 五通桥's notice names its forms 乐山市教师继续教育登记表 and 乐山市教师继续教育学时汇总表 (附件 1, 2); 五华's 昆明市中小学教师培训学时登记卡. */
START_TEST(test_presets_print_their_own_titles)
{
	struct client *d = as("wutongqiao-admin"), *t = as("WTQ00002"), *s = as("wtq-sx-admin");
	struct client *w = as("wh-hy-admin");
	struct reply r;
	char path[128];
	long long ty;

	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='name'])", "五通桥区");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='authority'])", "五通桥区教师发展中心");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='card_title'])", "乐山市教师继续教育登记表");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='summary_title'])", "乐山市教师继续教育学时汇总表");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='self_registration'])", "1");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='time_zone'])", "Asia/Shanghai");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='utc_offset_minutes'])", "480");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='year_start_md'])", "07-01");
	/* The card and the summary carry them; the stamp is the authority's until one is set. */
	CHECK_XML(t, "/teacher/card", "string(/page/district/@card-title)", "乐山市教师继续教育登记表");
	CHECK_XML(t, "/teacher/card", "string(/page/district/@stamp)", "五通桥区教师发展中心");
	CHECK_XML(s, "/school/summary", "string(/page/district/@summary-title)", "乐山市教师继续教育学时汇总表");
	ck_assert_int_eq(client_do(t, &srv, "GET", "/teacher/card", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "<h1>乐山市教师继续教育登记表</h1>"));
	ck_assert(reply_contains(&r, "<div class=\"sign-unit\">五通桥区教师发展中心</div>"));
	reply_free(&r);
	/* 五华: its card's own title; its summary the product's. */
	ty = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE t.staff_no = 'WH00005'");
	snprintf(path, sizeof(path), "/school/teachers/%lld/card", ty);
	ck_assert_int_eq(client_do(w, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "<h1>昆明市中小学教师培训学时登记卡</h1>"));
	reply_free(&r);
	ck_assert_int_eq(client_do(w, &srv, "GET", "/school/summary", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "<h1>继续教育学时汇总表</h1>"));
	reply_free(&r);
	/* Each district sees its own. */
	client_free(d);
	d = as("wuhua-admin");
	CHECK_XML(d, "/district/settings", "string(/page/form/value[@name='name'])", "五华区");
	CHECK_XML(d, "/district/settings", "count(/page/form/value[@name='self_registration'])", "0");
	client_free(d);
	client_free(t);
	client_free(s);
	client_free(w);
}
END_TEST

START_TEST(test_bad_input_keeps_it_and_saves_nothing)
{
	struct client *d = as("wutongqiao-admin");
	long long audits = srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'district_settings'");
	struct reply r;
	xmlDocPtr doc;
	char *v;

	post_form(d, &srv, "/district/settings?format=xml",
	    "name=&authority=%E6%9F%90%E4%B8%AD%E5%BF%83&time_zone=Asia%2F..%2Fetc"
	    "&utc_offset_minutes=9999&year_start_md=02-29&self_registration=1", &r);
	ck_assert_int_eq(r.status, 422);
	doc = xmlReadMemory(r.body, (int)r.len, "s.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	v = xpath_string(doc, "string(/page/form/form-error[@field='name']/@code)");
	ck_assert_str_eq(v, "required");
	free(v);
	v = xpath_string(doc, "string(/page/form/form-error[@field='utc_offset_minutes']/@code)");
	ck_assert_str_eq(v, "out_of_range");
	free(v);
	v = xpath_string(doc, "string(/page/form/form-error[@field='time_zone']/@code)");
	ck_assert_str_eq(v, "bad_time_zone");
	free(v);
	v = xpath_string(doc, "string(/page/form/form-error[@field='year_start_md']/@code)");
	ck_assert_str_eq(v, "bad_month_day");
	free(v);
	/* What was typed comes back. */
	v = xpath_string(doc, "string(/page/form/value[@name='authority'])");
	ck_assert_str_eq(v, "某中心");
	free(v);
	v = xpath_string(doc, "string(/page/form/value[@name='year_start_md'])");
	ck_assert_str_eq(v, "02-29");
	free(v);
	xmlFreeDoc(doc);
	reply_free(&r);
	/* The page in Chinese says so. */
	post_form(d, &srv, "/district/settings", "name=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA&authority=x"
	    "&time_zone=Asia%2FShanghai&utc_offset_minutes=480&year_start_md=13-01", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "请按“月-日”填写"));
	ck_assert(reply_contains(&r, "value=\"13-01\""));
	reply_free(&r);
	/* Nothing saved. */
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM district WHERE code = 'wutongqiao'"
	    " AND name = '五通桥区' AND authority = '五通桥区教师发展中心' AND year_start_md = '07-01'"
	    " AND utc_offset_minutes = 480 AND self_registration = 1"), 1);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'district_settings'"), audits);
	client_free(d);
}
END_TEST

START_TEST(test_a_save_is_audited_and_in_effect)
{
	struct client *d = as("wutongqiao-admin"), *t = as("WTQ00002"), *s = as("wtq-sx-admin");
	struct reply r;
	char *loc, *after;

	/* The school registers from now on; a stamp's own wording; the summary's title cleared. */
	post_form(d, &srv, "/district/settings",
	    "name=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA"                         /* 五通桥区 */
	    "&authority=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA%E6%95%99%E5%B8%88%E5%8F%91%E5%B1%95%E4%B8%AD%E5%BF%83"
	    "&stamp_text=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80" /* 五通桥区教育局 */
	    "&card_title=%E4%B9%90%E5%B1%B1%E5%B8%82%E6%95%99%E5%B8%88%E7%BB%A7%E7%BB%AD%E6%95%99%E8%82%B2%E7%99%BB%E8%AE%B0%E8%A1%A8"
	    "&summary_title=&time_zone=Asia%2FShanghai&utc_offset_minutes=480&year_start_md=08-01", &r);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	ck_assert_str_eq(loc, "/district/settings?saved=1");
	free(loc);
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM district WHERE code = 'wutongqiao'"
	    " AND self_registration = 0 AND stamp_text = '五通桥区教育局' AND summary_title = ''"
	    " AND year_start_md = '08-01'"), 1);
	/* Audited with what it was and what it is. */
	after = srv_text(&srv, "SELECT json_extract(after, '$.stamp_text') || '|' || json_extract(before, '$.year_start_md')"
	    " || '|' || json_extract(after, '$.self_registration') FROM audit WHERE action = 'district_settings'"
	    " ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(after, "五通桥区教育局|07-01|0");
	free(after);
	CHECK_XML(d, "/audit?action=district_settings", "count(/page/audit/event[@action='district_settings']) > 0", "true");
	/* In effect: the stamp and the product's summary title print; the teacher no longer registers. */
	CHECK_XML(t, "/teacher/card", "string(/page/district/@stamp)", "五通桥区教育局");
	CHECK_XML(s, "/school/summary", "count(/page/district/@summary-title)", "0");
	ck_assert_int_eq(client_do(s, &srv, "GET", "/school/summary", NULL, NULL, 0, NULL, &r), 0);
	ck_assert(reply_contains(&r, "<h1>继续教育学时汇总表</h1>"));
	reply_free(&r);
	ck_assert_int_eq(client_do(t, &srv, "GET", "/teacher/records/new", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	CHECK_XML(d, "/district/settings?saved=1", "count(/page/saved)", "1");
	/* Back as it was, for the other tests. */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE district SET self_registration = 1, stamp_text = '',"
	    " summary_title = '乐山市教师继续教育学时汇总表', year_start_md = '07-01' WHERE code = 'wutongqiao'"), 0);
	client_free(d);
	client_free(t);
	client_free(s);
}
END_TEST

/* The form of wutongqiao's 2021-2022 as the preset sets it, with what is changed. */
static void
policy_form(char *out, size_t n, const char *min, const char *normative, const char *terms,
    const char *reg, const char *school)
{
	snprintf(out, n, "min_hours=%s&normative_min_hours=%s&new_teacher_hours=120&new_principal_hours="
	    "&cycle_years=5&cycle_min_hours=&flag_percent=&terms_per_year=%s&points_reading=quarters"
	    "&register_deadline=%s&school_review_deadline=%s&district_review_deadline=2022-09-30",
	    min, normative, terms, reg, school);
}

/*
 * The year's policy and deadlines (五通桥 2021-2022: 90 h, 45 normative,
 * new teachers 120, deadlines 06-30 / 08-31 / 09-30): shown as the preset
 * has them; locked while wtq-sx's year is confirmed (the deadlines still
 * move); bad input refused with the input kept; once the district reopens
 * wtq-sx, a minimum of 90.5 h makes WTQ00002 (exactly 90 h) fail at once.
 */
START_TEST(test_year_policy_and_deadlines)
{
	struct client *d = as("wutongqiao-admin"), *t = as("WTQ00002");
	long long year = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	long long sx = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");
	long long audits = srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'year_policy'");
	char path[128], body[1024];
	struct reply r;
	xmlDocPtr doc;
	char *v;

	CHECK_XML(d, "/district/years", "count(/page/years/year)", "1");
	CHECK_XML(d, "/district/years", "string(/page/years/year[@current]/@label)", "2021-2022");
	CHECK_XML(d, "/district/years", "string(/page/years/year/@confirmed)", "1");
	snprintf(path, sizeof(path), "/district/years/%lld", year);
	CHECK_XML(d, path, "string(/page/form/value[@name='min_hours'])", "90");
	CHECK_XML(d, path, "string(/page/form/value[@name='normative_min_hours'])", "45");
	CHECK_XML(d, path, "string(/page/form/value[@name='new_teacher_hours'])", "120");
	CHECK_XML(d, path, "count(/page/form/value[@name='new_principal_hours'])", "0");
	CHECK_XML(d, path, "string(/page/form/value[@name='cycle_years'])", "5");
	CHECK_XML(d, path, "string(/page/form/value[@name='terms_per_year'])", "2");

	/* Locked: wtq-sx's year is confirmed. */
	policy_form(body, sizeof(body), "90.5", "45", "2", "2022-06-30", "2022-08-31");
	ck_assert_int_eq(post_form(d, &srv, path, body, &r), 409);
	ck_assert(reply_contains(&r, "考核标准不能再改"));
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT min_tenths FROM policy WHERE school_year_id = (SELECT y.id"
	    " FROM school_year y JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao')"), 900);
	/* The deadlines still move. */
	policy_form(body, sizeof(body), "90", "45", "2", "2022-07-15", "2022-08-31");
	ck_assert_int_eq(post_form(d, &srv, path, body, NULL), 303);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM school_year WHERE register_deadline = '2022-07-15'"), 1);
	CHECK_XML(d, path, "string(/page/form/value[@name='register_deadline'])", "2022-07-15");
	CHECK_XML(d, "/district/years", "string(/page/years/year/@school-review-deadline)", "2022-08-31");
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'year_policy'"), audits + 1);

	/* Bad input: every field says why, what was typed comes back, nothing saved. */
	snprintf(body, sizeof(body), "min_hours=%%E4%%B9%%9D%%E5%%8D%%81&normative_min_hours=45&cycle_years=5"
	    "&terms_per_year=13&points_reading=monthly&register_deadline=2020-01-01"
	    "&school_review_deadline=2022-08-31&district_review_deadline=2022-08-01");
	snprintf(path, sizeof(path), "/district/years/%lld?format=xml", year);
	post_form(d, &srv, path, body, &r);
	ck_assert_int_eq(r.status, 422);
	doc = xmlReadMemory(r.body, (int)r.len, "y.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
#define ERR(field, code) do { \
	v = xpath_string(doc, "string(/page/form/form-error[@field='" field "']/@code)"); \
	ck_assert_str_eq(v, code); \
	free(v); \
} while (0)
	ERR("min_hours", "bad_hours");
	ERR("terms_per_year", "out_of_range");
	ERR("points_reading", "invalid");
	ERR("register_deadline", "deadline_outside");
	ERR("district_review_deadline", "deadline_order");
#undef ERR
	v = xpath_string(doc, "string(/page/form/value[@name='min_hours'])");
	ck_assert_str_eq(v, "九十");
	free(v);
	xmlFreeDoc(doc);
	reply_free(&r);
	policy_form(body, sizeof(body), "90", "95", "2", "2022-06-30", "2022-08-31");
	post_form(d, &srv, path, body, &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "field=\"normative_min_hours\" code=\"normative_over_min\""));
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'year_policy'"), audits + 1);

	/* Reopened, the policy moves, and the results with it. */
	CHECK_XML(t, "/teacher", "string(/page/assessment/@result)", "pass");
	snprintf(path, sizeof(path), "/district/schools/%lld/reopen", sx);
	ck_assert_int_eq(post_form(d, &srv, path, "reason=%E8%B0%83%E6%95%B4%E8%80%83%E6%A0%B8%E6%A0%87%E5%87%86",
	    NULL), 303);
	snprintf(path, sizeof(path), "/district/years/%lld", year);
	policy_form(body, sizeof(body), "90.5", "45", "2", "2022-07-15", "2022-08-31");
	ck_assert_int_eq(post_form(d, &srv, path, body, NULL), 303);
	ck_assert_int_eq(srv_int(&srv, "SELECT min_tenths FROM policy WHERE school_year_id = (SELECT y.id"
	    " FROM school_year y JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao')"), 905);
	CHECK_XML(t, "/teacher", "string(/page/assessment/@result)", "fail");
	v = srv_text(&srv, "SELECT json_extract(before, '$.min_tenths') || '>' || json_extract(after, '$.min_tenths')"
	    " FROM audit WHERE action = 'year_policy' ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(v, "900>905");
	free(v);
	client_free(d);
	client_free(t);
}
END_TEST

/*
 * The district's schools: 五通桥's three with their admins and 30 teachers
 * each; a new one added, with bad input refused first; renamed; given an
 * admin; deactivated, which disables that admin; wtq-sx refused while its
 * roster has teachers. Each change audited.
 */
START_TEST(test_district_keeps_its_schools)
{
	struct client *d = as("wutongqiao-admin");
	long long audits = srv_int(&srv, "SELECT count(*) FROM audit WHERE action LIKE 'school_%'");
	long long id, sx = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");
	char path[128];
	struct reply r;
	xmlDocPtr doc;
	char *v;

	CHECK_XML(d, "/district/schools", "count(/page/schools/school)", "3");
	CHECK_XML(d, "/district/schools", "string(/page/schools/school[@code='wtq-sx']/admins)", "wtq-sx-admin wtq-sx-leader");
	CHECK_XML(d, "/district/schools", "string(/page/schools/school[@code='wtq-nh']/@teachers)", "30");

	/* Bad input: what is wrong, what was typed, nothing saved. */
	post_form(d, &srv, "/district/schools?format=xml", "code=WTQ+X&name=&kind=castle", &r);
	ck_assert_int_eq(r.status, 422);
	doc = xmlReadMemory(r.body, (int)r.len, "s.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	v = xpath_string(doc, "string(/page/form/form-error[@field='code']/@code)");
	ck_assert_str_eq(v, "bad_school_code");
	free(v);
	v = xpath_string(doc, "string(/page/form/form-error[@field='name']/@code)");
	ck_assert_str_eq(v, "required");
	free(v);
	v = xpath_string(doc, "string(/page/form/form-error[@field='kind']/@code)");
	ck_assert_str_eq(v, "invalid");
	free(v);
	v = xpath_string(doc, "string(/page/form/value[@name='code'])");
	ck_assert_str_eq(v, "WTQ X");
	free(v);
	xmlFreeDoc(doc);
	reply_free(&r);
	post_form(d, &srv, "/district/schools", "code=wtq-sx&name=%E5%8F%A6%E4%B8%80%E6%89%80&kind=primary", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "本区已有同样代码或名称的学校"));
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM school WHERE district_id = (SELECT id FROM district"
	    " WHERE code = 'wutongqiao')"), 3);

	/* Added (五通桥区新建小学, a primary school), then renamed. */
	ck_assert_int_eq(post_form(d, &srv, "/district/schools",
	    "code=wtq-xj&name=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA%E6%96%B0%E5%BB%BA%E5%B0%8F%E5%AD%A6&kind=primary",
	    NULL), 303);
	id = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-xj' AND kind = 'primary' AND active = 1"
	    " AND name = '五通桥区新建小学'");
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof(path), "/district/schools/%lld/edit", id);
	CHECK_XML(d, path, "string(/page/form/value[@name='kind'])", "primary");
	/* wtq-sx is 五通桥区实验小学 already. */
	ck_assert_int_eq(post_form(d, &srv, path,
	    "code=wtq-xj&name=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA%E5%AE%9E%E9%AA%8C%E5%B0%8F%E5%AD%A6&kind=nine_year",
	    NULL), 422);
	ck_assert_int_eq(post_form(d, &srv, path, "code=wtq-xj&name=%E4%BA%94%E9%80%9A%E6%A1%A5%E5%8C%BA%E8%A5%BF%E5%9D%9D%E5%B0%8F%E5%AD%A6&kind=nine_year",
	    NULL), 303);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM school WHERE code = 'wtq-xj' AND kind = 'nine_year'"
	    " AND name = '五通桥区西坝小学'"), 1);
	/* Its admin, then the school closed: the admin cannot log in any more. */
	snprintf(path, sizeof(path), "role=school_admin&school=%lld&login=wtq-xj-admin&name=%%E5%%BC%%A0%%E8%%80%%81%%E5%%B8%%88", id);
	ck_assert_int_eq(post_form(d, &srv, "/accounts/new", path, NULL), 200);
	CHECK_XML(d, "/district/schools", "string(/page/schools/school[@code='wtq-xj']/admins)", "wtq-xj-admin");
	snprintf(path, sizeof(path), "/district/schools/%lld/deactivate", id);
	ck_assert_int_eq(post_form(d, &srv, path, "", NULL), 303);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM school WHERE code = 'wtq-xj' AND active = 0"), 1);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM account WHERE login = 'wtq-xj-admin' AND active = 0"), 1);
	CHECK_XML(d, "/district/schools", "string(/page/schools/school[@code='wtq-xj']/@active)", "0");
	/* wtq-sx has 30 teachers on this year's roster. */
	snprintf(path, sizeof(path), "/district/schools/%lld/deactivate", sx);
	post_form(d, &srv, path, "", &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert(reply_contains(&r, "请先将教师调往其他学校或标记为离校"));
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT active FROM school WHERE code = 'wtq-sx'"), 1);
	/* Reactivated; audited: add, edit, deactivate, activate. */
	snprintf(path, sizeof(path), "/district/schools/%lld/activate", id);
	ck_assert_int_eq(post_form(d, &srv, path, "", NULL), 303);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action LIKE 'school_%'"), audits + 4);
	v = srv_text(&srv, "SELECT json_extract(before, '$.name') || '>' || json_extract(after, '$.name')"
	    " FROM audit WHERE action = 'school_edit' ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(v, "五通桥区新建小学>五通桥区西坝小学");
	free(v);
	/* Another district's admin does not reach it. */
	client_free(d);
	d = as("wuhua-admin");
	snprintf(path, sizeof(path), "/district/schools/%lld/edit", id);
	ck_assert_int_eq(client_do(d, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	client_free(d);
}
END_TEST

/*
 * Opening 五通桥's next year from the page (last: it moves the current
 * year). 2022-2023 from 07-01 is offered; an earlier label, a malformed one
 * and a start inside the current year are refused; opened, it carries the
 * district's 90 teachers, of whom the 2 probation-year new teachers
 * (WTQ00001, WTQ00061) become regular, copies the 7 items, and leaves
 * 2021-2022 read-only.
 */
START_TEST(test_open_the_next_year)
{
	struct client *d = as("wutongqiao-admin");
	long long old = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	long long admin = srv_int(&srv, "SELECT id FROM account WHERE login = 'wutongqiao-admin'");
	char path[256], body[1024], *loc;
	struct reply r;
	long long year;

	CHECK_XML(d, "/district/years", "string(/page/next/@label)", "2022-2023");
	CHECK_XML(d, "/district/years", "string(/page/next/@starts)", "2022-07-01");
	CHECK_XML(d, "/district/years", "string(/page/next/@ends)", "2023-06-30");
	CHECK_XML(d, "/district/years", "string(/page/form/value[@name='label'])", "2022-2023");
	/* Refused, nothing opened. */
	post_form(d, &srv, "/district/years/open", "label=2021-2022", &r);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "code=\"year_not_after\"") || reply_contains(&r, "新学年必须在当前学年之后"));
	reply_free(&r);
	ck_assert_int_eq(post_form(d, &srv, "/district/years/open?format=xml", "label=2022-2024", &r), 422);
	ck_assert(reply_contains(&r, "field=\"label\" code=\"bad_year_label\""));
	ck_assert(reply_contains(&r, "<value name=\"label\">2022-2024</value>"));
	reply_free(&r);
	ck_assert_int_eq(post_form(d, &srv, "/district/years/open?format=xml", "label=2022-2023&starts_on=2022-06-01", &r), 422);
	ck_assert(reply_contains(&r, "field=\"starts_on\" code=\"year_overlaps\""));
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao'"), 1);

	/* Opened. */
	ck_assert_int_eq(post_form(d, &srv, "/district/years/open", "label=2022-2023", &r), 303);
	year = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 1 AND y.label = '2022-2023'"
	    " AND y.starts_on = '2022-07-01' AND y.ends_on = '2023-06-30'");
	ck_assert_int_gt(year, old);
	loc = reply_header(&r, "Location");
	snprintf(path, sizeof(path), "/district/years?opened=%lld&teachers=90&regularised=2", year);
	ck_assert_str_eq(loc, path);
	free(loc);
	reply_free(&r);
	snprintf(body, sizeof(body), "SELECT count(*) FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE ty.school_year_id = %lld AND t.staff_no IN ('WTQ00001', 'WTQ00061') AND ty.category = 'regular'", year);
	ck_assert_int_eq(srv_int(&srv, body), 2);
	snprintf(body, sizeof(body), "SELECT count(*) FROM item WHERE school_year_id = %lld", year);
	ck_assert_int_eq(srv_int(&srv, body), 7);
	snprintf(body, sizeof(body), "SELECT count(*) FROM audit WHERE action = 'school_year_open' AND object_id = %lld"
	    " AND account_id = %lld", year, admin);
	ck_assert_int_eq(srv_int(&srv, body), 1);
	CHECK_XML(d, path, "string(/page/opened/@teachers)", "90");
	/* The year before is read-only now. */
	snprintf(path, sizeof(path), "/district/years/%lld", old);
	policy_form(body, sizeof(body), "90", "45", "2", "2022-06-30", "2022-08-31");
	post_form(d, &srv, path, body, &r);
	ck_assert_int_eq(r.status, 409);
	ck_assert(reply_contains(&r, "这不是当前学年，不能修改"));
	reply_free(&r);
	client_free(d);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("settings");
	TCase *tc = tcase_create("district settings through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_presets_print_their_own_titles);
	tcase_add_test(tc, test_bad_input_keeps_it_and_saves_nothing);
	tcase_add_test(tc, test_a_save_is_audited_and_in_effect);
	tcase_add_test(tc, test_year_policy_and_deadlines);
	tcase_add_test(tc, test_district_keeps_its_schools);
	tcase_add_test(tc, test_open_the_next_year);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
