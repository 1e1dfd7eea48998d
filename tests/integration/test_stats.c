/*
 * test_stats.c - the school's statistics agree with the assessment the
 * school page shows and with the database: teachers, passing and failing,
 * the pass rate, the flag (ceil of teachers x percent / 100, and flagged
 * exactly when failing reaches it), the below-threshold list (every failing
 * teacher once, with gap = required - confirmed), and records per item and
 * per state. The leader reads the same page; it has no forms.
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

/* The count of the SQL with its one '%s' filled in with a code (the tests' own, no quote in it). */
#define db_count(sql, code) srv_intf(&srv, sql, code)

static void
check_school(const char *login, const char *school_code, int expect_flag)
{
	struct client *cl = client_new();
	xmlDocPtr over, st;
	long status, teachers, failing, at;
	char expr[256];

	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	over = get_xml(cl, &srv, "/school", &status);
	ck_assert_int_eq(status, 200);
	st = get_xml(cl, &srv, "/school/stats", &status);
	ck_assert_int_eq(status, 200);
	teachers = xpath_long(over, "count(/page/school/teachers/teacher[result])");
	failing = xpath_long(over, "count(/page/school/teachers/teacher/result[@result='fail'])");
	ck_assert_int_gt(teachers, 0);
	ck_assert_int_eq(xpath_long(st, "/page/stats/@teachers"), teachers);
	ck_assert_int_eq(xpath_long(st, "/page/stats/@failing"), failing);
	ck_assert_int_eq(xpath_long(st, "/page/stats/@passing"), teachers - failing);
	ck_assert_int_eq(xpath_long(st, "/page/stats/@pass-rate-tenths"),
	    ((teachers - failing) * 2000 + teachers) / (2 * teachers));
	if (expect_flag) {
		long pct = xpath_long(st, "/page/stats/@flag-percent");
		char *flagged = xpath_string(st, "/page/stats/@flagged");
		ck_assert_int_gt(pct, 0);
		at = (teachers * pct + 99) / 100;
		ck_assert_int_eq(xpath_long(st, "/page/stats/@flag-at"), at < 1 ? 1 : at);
		ck_assert_str_eq(flagged, failing >= at ? "yes" : "no");
		ck_assert_int_eq(xpath_long(st, "/page/stats/@more-to-flag"), failing >= at ? 0 : at - failing);
		free(flagged);
	} else
		ck_assert_int_eq(xpath_long(st, "count(/page/stats/@flag-percent)"), 0);
	/* every failing teacher below the threshold, gap = required - confirmed */
	ck_assert_int_eq(xpath_long(st, "count(/page/school/teachers/teacher[result/@result='fail'])"), failing);
	ck_assert_int_eq(xpath_long(st, "count(/page/school/teachers/teacher/result[@result='fail'"
	    " and @gap-tenths != @threshold-tenths - @confirmed-tenths and @gap-tenths != 0])"), 0);
	/* records per state and per item equal the database's counts */
	snprintf(expr, sizeof(expr), "sum(/page/stats/states/state/@records)");
	ck_assert_int_eq(xpath_long(st, expr), db_count("SELECT count(*) FROM record r JOIN teacher_year ty"
	    " ON ty.id = r.teacher_year_id JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = '%s'", school_code));
	ck_assert_int_eq(xpath_long(st, "sum(/page/stats/items/item/state/@records)"),
	    xpath_long(st, "sum(/page/stats/states/state/@records)"));
	ck_assert_int_eq(xpath_long(st, "count(/page/stats/items/item)"),
	    db_count("SELECT count(DISTINCT r.item_id) FROM record r JOIN teacher_year ty"
	    " ON ty.id = r.teacher_year_id JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = '%s'", school_code));
	xmlFreeDoc(over);
	xmlFreeDoc(st);
	client_free(cl);
}

START_TEST(test_wutongqiao_school_figures_agree)
{
	check_school("wtq-sx-admin", "wtq-sx", 0);
}
END_TEST

START_TEST(test_wuhua_school_flag_and_figures_agree)
{
	check_school("wh-hy-admin", "wh-hy", 1);
}
END_TEST

START_TEST(test_leader_reads_html_without_forms)
{
	struct client *cl = client_new();
	struct reply r;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-sx-leader", DEMO_PW), 303);
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/school/stats", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "合格率"));
	ck_assert(!reply_contains(&r, "method=\"post\" action=\"/school"));
	reply_free(&r);
	client_free(cl);
}
END_TEST

/* The district's page: each school's figures equal the school's own statistics. */
START_TEST(test_district_sees_each_school_as_the_school_does)
{
	struct client *dist = client_new(), *school = client_new();
	xmlDocPtr d, own;
	long status;
	char expr[160];
	char *id;

	ck_assert_int_eq(login_as(dist, &srv, "wuhua-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(school, &srv, "wh-hy-admin", DEMO_PW), 303);
	d = get_xml(dist, &srv, "/district/stats", &status);
	ck_assert_int_eq(status, 200);
	own = get_xml(school, &srv, "/school/stats", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "count(/page/school)"),
	    db_count("SELECT count(*) FROM school s JOIN district d ON d.id = s.district_id"
	    " WHERE d.code = '%s' AND s.active = 1", "wuhua"));
	id = xpath_string(own, "/page/school/@id");
	snprintf(expr, sizeof(expr), "/page/school[@id=%s]/@teachers", id);
	ck_assert_int_eq(xpath_long(d, expr), xpath_long(own, "/page/stats/@teachers"));
	snprintf(expr, sizeof(expr), "/page/school[@id=%s]/@failing", id);
	ck_assert_int_eq(xpath_long(d, expr), xpath_long(own, "/page/stats/@failing"));
	free(id);
	xmlFreeDoc(d);
	xmlFreeDoc(own);
	/* another district's admin sees only their own schools */
	client_free(dist);
	dist = client_new();
	ck_assert_int_eq(login_as(dist, &srv, "wutongqiao-admin", DEMO_PW), 303);
	d = get_xml(dist, &srv, "/district/stats", &status);
	ck_assert_int_eq(xpath_long(d, "count(/page/school[starts-with(@code, 'wh-')])"), 0);
	/* The rates and the total are the page's own figures: 29 of wtq-sx's 30 pass, 96.7%. */
	ck_assert_int_eq(xpath_long(d, "/page/school[@code='wtq-sx']/@teachers"), 30);
	ck_assert_int_eq(xpath_long(d, "/page/school[@code='wtq-sx']/@pass-permille"), 967);
	ck_assert_int_eq(xpath_long(d, "/page/total/@teachers"), xpath_long(d, "sum(/page/school/@teachers)"));
	ck_assert_int_eq(xpath_long(d, "/page/total/@failing"), xpath_long(d, "sum(/page/school/@failing)"));
	ck_assert_int_eq(xpath_long(d, "/page/total/@schools"), xpath_long(d, "count(/page/school)"));
	xmlFreeDoc(d);
	client_free(dist);
	client_free(school);
}
END_TEST

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

int
main(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_wutongqiao_school_figures_agree);
	tcase_add_test(tc, test_wuhua_school_flag_and_figures_agree);
	tcase_add_test(tc, test_leader_reads_html_without_forms);
	tcase_add_test(tc, test_district_sees_each_school_as_the_school_does);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
