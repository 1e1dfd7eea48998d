/*
 * test_deadlines.c - the deadlines enforced, through nginx, with the tests'
 * clock (X-Xueshi-Now under XUESHI_FAULT_INJECTION=1) moved across them:
 * a teacher registers and submits through the last day of the registration
 * deadline and is refused (403 deadline_passed, the form kept, nothing
 * saved) the next day; the school admin registers for its teachers until
 * the school-review deadline, then not; the district's extension for one
 * school lets that school's admin in and not another's; the extension
 * form's bad input; the days left as the pages show them; /healthz.
 *
 * 五通桥区's year 2021-2022 with the notice's deadlines (the demo moves
 * them to its own day; this test puts them back): teachers 2022-06-30,
 * schools 2022-08-31, the district 2022-09-30, the district at UTC+8.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	setenv("XUESHI_FAULT_INJECTION", "1", 1);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
	unsetenv("XUESHI_FAULT_INJECTION");
	ck_assert_int_eq(srv_sql(&srv,
	    "UPDATE school_year SET register_deadline = '2022-06-30',"
	    " school_review_deadline = '2022-08-31', district_review_deadline = '2022-09-30'"
	    " WHERE label = '2021-2022' AND district_id = (SELECT id FROM district WHERE code = 'wutongqiao');"
	    /* wtq-nh open again, so that only the deadline can refuse it */
	    "UPDATE school_year_state SET state = 'open' WHERE school_id = (SELECT id FROM school WHERE code = 'wtq-nh');"), 0);
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

/* Set cl's clock (an ISO time with its offset). */
static void
clock_at(struct client *cl, const char *iso)
{
	char h[128];

	snprintf(h, sizeof(h), "X-Xueshi-Now: %s", iso);
	client_set_header(cl, h);
}

static struct client *
user(const char *login, const char *iso)
{
	struct client *cl = client_new();

	clock_at(cl, iso);
	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

static long long
item_of(const char *code)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT i.id FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1"
	    " AND i.code = '%s'", code);
	return srv_int(&srv, sql);
}

static long long
ty_of(const char *staff_no)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE t.staff_no = '%s'",
	    staff_no);
	return srv_int(&srv, sql);
}

static long long
records(void)
{
	return srv_int(&srv, "SELECT count(*) FROM record");
}

/* POST a 专家讲座 record (province, twice) as draft or submit to path; the reply in *r. */
static void
post_record(struct client *cl, const char *path, const char *action, const char *organiser,
    int with_file, struct reply *r)
{
	struct upload up = { "evidence", "讲座.png", "image/png", test_png, test_png_len };
	char item[24], *token = csrf_token(cl, &srv);
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-03-01",
		"ended_on", "2022-03-01", "quantity", "2", "level", "province",
		"organiser", organiser, "action", action, NULL };

	snprintf(item, sizeof(item), "%lld", item_of("zjjs"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, fields, &up, with_file ? 1 : 0, r), 0);
	free(token);
}

static void
assert_refused(struct reply *r, const char *organiser)
{
	xmlDocPtr d;
	char *s;

	ck_assert_int_eq(r->status, 403);
	d = reply_xml(r);
	ck_assert_ptr_nonnull(d);
	s = xpath_string(d, "/page/form/form-error[@field='item']/@code");
	ck_assert_str_eq(s, "deadline_passed");
	free(s);
	s = xpath_string(d, "/page/refused/@code");
	ck_assert_str_eq(s, "deadline_passed");
	free(s);
	/* What was typed is kept. */
	s = xpath_string(d, "/page/form/value[@name='organiser']");
	ck_assert_str_eq(s, organiser);
	free(s);
	s = xpath_string(d, "/page/form/value[@name='started_on']");
	ck_assert_str_eq(s, "2022-03-01");
	free(s);
	xmlFreeDoc(d);
}

START_TEST(test_teacher_until_the_last_day)
{
	/* 2022-06-30 23:30 in 五通桥 (UTC+8): the last half hour of the deadline day. */
	struct client *cl = user("WTQ00062", "2022-06-30T23:30:00+08:00");
	long long before = records(), draft;
	struct reply r;
	char path[96];

	post_record(cl, "/teacher/records/new", "submit", "乐山市教育局", 1, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	post_record(cl, "/teacher/records/new", "draft", "乐山市教育局", 0, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(records(), before + 2);
	draft = srv_int(&srv, "SELECT max(id) FROM record");

	/*
	 * 2022-06-30T16:00:00Z is 2022-07-01 00:00 in 五通桥: over, although
	 * the UTC date is still the deadline's.
	 */
	clock_at(cl, "2022-06-30T16:00:00Z");
	post_record(cl, "/teacher/records/new?format=xml", "submit", "峨眉山市进修校", 1, &r);
	assert_refused(&r, "峨眉山市进修校");
	reply_free(&r);
	ck_assert_int_eq(records(), before + 2);
	/* Nor is the draft submitted or edited. */
	snprintf(path, sizeof(path), "/teacher/records/%lld/submit?format=xml", draft);
	ck_assert_int_eq(post_form(cl, &srv, path, "", &r), 403);
	{
		xmlDocPtr d = reply_xml(&r);
		char *s = xpath_string(d, "/page/refused/@code");
		ck_assert_str_eq(s, "deadline_passed");
		free(s);
		xmlFreeDoc(d);
	}
	reply_free(&r);
	snprintf(path, sizeof(path), "SELECT state FROM record WHERE id = %lld", draft);
	{
		char *s = srv_text(&srv, path);
		ck_assert_str_eq(s, "draft");
		free(s);
	}
	snprintf(path, sizeof(path), "/teacher/records/%lld/edit?format=xml", draft);
	post_record(cl, path, "draft", "改过的单位", 0, &r);
	assert_refused(&r, "改过的单位");
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM record WHERE organiser = '改过的单位'"), 0);
	/* The form says so before anything is typed (200: the page is there). */
	{
		long status = 0;
		xmlDocPtr d = get_xml(cl, &srv, "/teacher/records/new", &status);
		char *s = xpath_string(d, "/page/refused/@code");
		ck_assert_int_eq(status, 200);
		ck_assert_str_eq(s, "deadline_passed");
		free(s);
		xmlFreeDoc(d);
	}
	/* The page, in Chinese, with what was typed. */
	post_record(cl, "/teacher/records/new", "submit", "峨眉山市进修校", 1, &r);
	ck_assert_int_eq(r.status, 403);
	ck_assert(reply_contains(&r, "本学年的登记截止日期已过"));
	ck_assert(reply_contains(&r, "value=\"峨眉山市进修校\""));
	reply_free(&r);
	client_free(cl);
}
END_TEST

START_TEST(test_school_until_its_deadline)
{
	struct client *cl = user("wtq-zg-admin", "2022-07-15T10:00:00+08:00");
	long long before = records();
	struct reply r;
	char path[96];

	/* After the teachers' deadline the school still registers for them. */
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld", ty_of("WTQ00062"));
	post_record(cl, path, "draft", "五通桥区教育局", 0, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	ck_assert_int_eq(records(), before + 1);
	/* 2022-08-31 is its last day; 09-01 08:00 is past it. */
	clock_at(cl, "2022-09-01T08:00:00+08:00");
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&format=xml", ty_of("WTQ00062"));
	post_record(cl, path, "draft", "五通桥区教育局", 0, &r);
	assert_refused(&r, "五通桥区教育局");
	reply_free(&r);
	ck_assert_int_eq(records(), before + 1);
	/* The 学习强国 points table registers too: held the same way. */
	{
		char fields[64];
		xmlDocPtr d;
		char *s;
		long ty;
		d = get_xml(cl, &srv, "/school/points", NULL);
		ty = xpath_long(d, "(/page/points/teachers/teacher[@editable = 'yes'])[1]/@teacher-year");
		xmlFreeDoc(d);
		ck_assert_int_gt(ty, 0);
		snprintf(fields, sizeof(fields), "q1-%ld=23456", ty);
		ck_assert_int_eq(post_form(cl, &srv, "/school/points?format=xml", fields, &r), 403);
		d = reply_xml(&r);
		s = xpath_string(d, "/page/refused/@code");
		ck_assert_str_eq(s, "deadline_passed");
		free(s);
		xmlFreeDoc(d);
		reply_free(&r);
		ck_assert_int_eq(records(), before + 1);
		ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM record WHERE points LIKE '%23456%'"), 0);
	}
	client_free(cl);
}
END_TEST

START_TEST(test_extension_for_one_school)
{
	struct client *dist = user("wutongqiao-admin", "2022-08-20T10:00:00+08:00");
	struct client *zg, *nh;
	long long zg_id = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-zg'"), before;
	struct reply r;
	char path[96];
	xmlDocPtr d;
	char *s;

	snprintf(path, sizeof(path), "/district/schools/%lld/extend", zg_id);
	ck_assert_int_eq(post_form(dist, &srv, path,
	    "kind=school_review&until=2022-09-15&reason=%E6%A0%A1%E8%88%8D%E6%96%BD%E5%B7%A5", &r), 303);
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM deadline_extension"), 1);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'deadline_extend'"), 1);
	/* The school's page shows the moved date and the year's. */
	snprintf(path, sizeof(path), "/district/schools/%lld", zg_id);
	d = get_xml(dist, &srv, path, NULL);
	s = xpath_string(d, "/page/school/deadlines/deadline[@kind='school_review']/@date");
	ck_assert_str_eq(s, "2022-09-15");
	free(s);
	s = xpath_string(d, "/page/school/deadlines/deadline[@kind='school_review']/@extended-from");
	ck_assert_str_eq(s, "2022-08-31");
	free(s);
	/* 08-20 to 09-15: 11 days of August left after the 20th, and 15. */
	ck_assert_int_eq(xpath_long(d, "/page/school/deadlines/deadline[@kind='school_review']/@days-left"), 26);
	s = xpath_string(d, "/page/school/extensions/extension/reason");
	ck_assert_str_eq(s, "校舍施工");
	free(s);
	xmlFreeDoc(d);
	client_free(dist);

	/* 2022-09-05: past the year's 08-31, within wtq-zg's 09-15. */
	zg = user("wtq-zg-admin", "2022-09-05T10:00:00+08:00");
	nh = user("wtq-nh-admin", "2022-09-05T10:00:00+08:00");
	before = records();
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld", ty_of("WTQ00062"));
	post_record(zg, path, "draft", "五通桥区教育局", 0, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&format=xml",
	    srv_int(&srv, "SELECT min(ty.id) FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE s.code = 'wtq-nh'"));
	post_record(nh, path, "draft", "牛华镇中心校", 0, &r);
	assert_refused(&r, "牛华镇中心校");
	reply_free(&r);
	ck_assert_int_eq(records(), before + 1);
	client_free(zg);
	client_free(nh);
}
END_TEST

START_TEST(test_extension_bad_input)
{
	struct client *dist = user("wutongqiao-admin", "2022-08-20T10:00:00+08:00");
	long long zg_id = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-zg'");
	struct reply r;
	char path[96];
	xmlDocPtr d;
	char *s;

	snprintf(path, sizeof(path), "/district/schools/%lld/extend?format=xml", zg_id);
	/* Not after the year's deadline (08-31 itself). */
	ck_assert_int_eq(post_form(dist, &srv, path, "kind=school_review&until=2022-08-31&reason=abc", &r), 422);
	d = reply_xml(&r);
	s = xpath_string(d, "/page/form/form-error[@field='until']/@code");
	ck_assert_str_eq(s, "extension_not_after");
	free(s);
	s = xpath_string(d, "/page/form/value[@name='reason']");
	ck_assert_str_eq(s, "abc");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/* No reason. */
	ck_assert_int_eq(post_form(dist, &srv, path, "kind=register&until=2022-07-10&reason=", &r), 422);
	d = reply_xml(&r);
	s = xpath_string(d, "/page/form/form-error[@field='reason']/@code");
	ck_assert_str_eq(s, "required");
	free(s);
	s = xpath_string(d, "/page/form/value[@name='until']");
	ck_assert_str_eq(s, "2022-07-10");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/* After the district's own deadline (2022-09-30): too late for the year. */
	ck_assert_int_eq(post_form(dist, &srv, path, "kind=register&until=2022-10-01&reason=abc", &r), 422);
	d = reply_xml(&r);
	s = xpath_string(d, "/page/form/form-error[@field='until']/@code");
	ck_assert_str_eq(s, "extension_too_late");
	free(s);
	s = xpath_string(d, "/page/form/form-error[@field='until']/@detail");
	ck_assert_str_eq(s, "2022-09-30");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/* The page, in Chinese, the reason kept. */
	snprintf(path, sizeof(path), "/district/schools/%lld/extend", zg_id);
	ck_assert_int_eq(post_form(dist, &srv, path, "kind=school_review&until=2022-08-30&reason=abc", &r), 422);
	ck_assert(reply_contains(&r, "延期后的日期必须晚于本学年原定的截止日期"));
	ck_assert(reply_contains(&r, "value=\"abc\""));
	reply_free(&r);
	snprintf(path, sizeof(path), "/district/schools/%lld/extend?format=xml", zg_id);
	/* Not a date. */
	ck_assert_int_eq(post_form(dist, &srv, path, "kind=register&until=2022-02-30&reason=abc", &r), 422);
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM deadline_extension"), 0);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'deadline_extend'"), 0);
	client_free(dist);
}
END_TEST

START_TEST(test_days_left)
{
	/* 2022-06-18 09:00 in 五通桥. */
	struct client *cl = user("WTQ00062", "2022-06-18T09:00:00+08:00");
	xmlDocPtr d = get_xml(cl, &srv, "/teacher", NULL);
	char *s;

	/* June 18 -> 30: 12. */
	ck_assert_int_eq(xpath_long(d, "/page/school-year/deadline[@kind='register']/@days-left"), 12);
	s = xpath_string(d, "/page/school-year/deadline[@kind='register']/@passed");
	ck_assert_str_eq(s, "0");
	free(s);
	/* 12 + 31 (July) + 31 (to August 31) = 74; + 30 (to September 30) = 104. */
	ck_assert_int_eq(xpath_long(d, "/page/school-year/deadline[@kind='school_review']/@days-left"), 74);
	ck_assert_int_eq(xpath_long(d, "/page/school-year/deadline[@kind='district_review']/@days-left"), 104);
	s = xpath_string(d, "/page/school-year/@today");
	ck_assert_str_eq(s, "2022-06-18");
	free(s);
	xmlFreeDoc(d);
	{
		struct reply r;
		ck_assert_int_eq(client_do(cl, &srv, "GET", "/teacher", NULL, NULL, 0, NULL, &r), 0);
		ck_assert_int_eq(r.status, 200);
		ck_assert(reply_contains(&r, "教师登记截止"));
		ck_assert(reply_contains(&r, "2022-06-30"));
		reply_free(&r);
	}
	/* 2022-06-30T17:00Z is July 1st, 01:00 in 五通桥: one day past. */
	clock_at(cl, "2022-06-30T17:00:00Z");
	d = get_xml(cl, &srv, "/teacher", NULL);
	ck_assert_int_eq(xpath_long(d, "/page/school-year/deadline[@kind='register']/@days-left"), -1);
	s = xpath_string(d, "/page/school-year/deadline[@kind='register']/@passed");
	ck_assert_str_eq(s, "1");
	free(s);
	xmlFreeDoc(d);
	client_free(cl);

	/* The school's overview: its two; the district's: all three, overdue shown, never blocked. */
	cl = user("wtq-zg-admin", "2022-09-01T09:00:00+08:00");
	d = get_xml(cl, &srv, "/school", NULL);
	ck_assert_int_eq(xpath_long(d, "count(/page/school/deadlines/deadline)"), 2);
	ck_assert_int_eq(xpath_long(d, "/page/school/deadlines/deadline[@kind='school_review']/@days-left"), -1);
	ck_assert_int_eq(xpath_long(d, "/page/school/deadlines/deadline[@kind='register']/@days-left"), -63);
	xmlFreeDoc(d);
	client_free(cl);
	cl = user("wutongqiao-admin", "2022-10-02T09:00:00+08:00");
	d = get_xml(cl, &srv, "/district", NULL);
	ck_assert_int_eq(xpath_long(d, "/page/deadlines/deadline[@kind='district_review']/@days-left"), -2);
	s = xpath_string(d, "/page/deadlines/deadline[@kind='district_review']/@passed");
	ck_assert_str_eq(s, "1");
	free(s);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_clock_malformed)
{
	/* The clock header is parsed strictly: a malformed one leaves the real clock. */
	struct client *cl = user("WTQ00062", "2022-13-40T99:00:00+08:00");
	xmlDocPtr d = get_xml(cl, &srv, "/teacher", NULL);
	char *s = xpath_string(d, "/page/school-year/@today");

	/* The real clock is years after 2022. */
	ck_assert(strcmp(s, "2023-01-01") > 0);
	free(s);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_healthz)
{
	struct reply r;
	char ev[1100], away[1100];
	xmlDocPtr d;
	char *s;

	ck_assert_int_eq(http_do(&srv, "GET", "/healthz", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "ok"));
	reply_free(&r);
	ck_assert_int_eq(http_do(&srv, "GET", "/healthz?format=xml", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	s = xpath_string(d, "/health/@status");
	ck_assert_str_eq(s, "ok");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/*
	 * The evidence directory unwritable: a file where the directory was
	 * (root writes through a chmod, not into a file).
	 */
	snprintf(ev, sizeof(ev), "%s/evidence", srv.dir);
	snprintf(away, sizeof(away), "%s/evidence.away", srv.dir);
	ck_assert_int_eq(rename(ev, away), 0);
	{
		FILE *f = fopen(ev, "w");
		ck_assert_ptr_nonnull(f);
		fclose(f);
	}
	ck_assert_int_eq(http_do(&srv, "GET", "/healthz?format=xml", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 503);
	d = reply_xml(&r);
	s = xpath_string(d, "/health/@code");
	ck_assert_str_eq(s, "evidence_unwritable");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(http_do(&srv, "GET", "/healthz", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 503);
	ck_assert(reply_contains(&r, "evidence_unwritable"));
	reply_free(&r);
	ck_assert_int_eq(unlink(ev), 0);
	ck_assert_int_eq(rename(away, ev), 0);
	ck_assert_int_eq(http_do(&srv, "GET", "/healthz", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	/* Nothing of the probe is kept. */
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM health_probe"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("deadlines");
	TCase *tc = tcase_create("deadlines");
	SRunner *sr;
	int failed;

	/* One server; the order matters: the extension comes after what it would change. */
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_days_left);
	tcase_add_test(tc, test_clock_malformed);
	tcase_add_test(tc, test_teacher_until_the_last_day);
	tcase_add_test(tc, test_school_until_its_deadline);
	tcase_add_test(tc, test_extension_bad_input);
	tcase_add_test(tc, test_extension_for_one_school);
	tcase_add_test(tc, test_healthz);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? 0 : 1;
}
