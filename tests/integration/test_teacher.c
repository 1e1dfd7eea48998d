/*
 * test_teacher.c - a teacher's own year through nginx: the dashboard, the
 * catalogue, registering with evidence, the rules' hours on the record, the
 * evidence served to its teacher only, bad uploads and bad fields that keep
 * what was typed and save nothing, the workflow refusing what it must, and
 * a district where only the school registers.
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
teacher(const char *login)
{
	struct client *cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

static long
records_count(struct client *cl)
{
	xmlDocPtr d = get_xml(cl, &srv, "/teacher", NULL);
	long n = xpath_long(d, "count(/page/records/record)");
	xmlFreeDoc(d);
	return n;
}

/*
 * The form says each item's 登记条件 and its unit, in the district's words
 * (五通桥's table: 担任教师培训主讲教师, 一次, "需具备文件（或者方案）、签到表…"),
 * in the catalogue and on the item's form.
 */
START_TEST(test_form_shows_conditions_and_unit)
{
	struct client *cl = teacher("WTQ00062");
	struct reply r;
	char path[96], *s;
	xmlDocPtr d = get_xml(cl, &srv, "/teacher/records/new", NULL);
	long id;

	s = xpath_string(d, "string(/page/catalogue/item[@code='zjjs']/@conditions)");
	ck_assert(strncmp(s, "需具备文件（或者方案）、签到表、讲稿、PPT，主讲时长不低于40分钟", strlen("需具备文件（或者方案）、签到表、讲稿、PPT，主讲时长不低于40分钟")) == 0);
	free(s);
	s = xpath_string(d, "string(/page/catalogue/item[@code='zjjs']/@unit)");
	ck_assert_str_eq(s, "一次");
	free(s);
	id = xpath_long(d, "/page/catalogue/item[@code='zjjs']/@id");
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/teacher/records/new?item=%ld", id);
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "登记条件：需具备文件（或者方案）"));
	ck_assert(reply_contains(&r, "计算单位：一次"));
	reply_free(&r);
	client_free(cl);
}
END_TEST

static long
item_id(struct client *cl, const char *code)
{
	char expr[128];
	xmlDocPtr d = get_xml(cl, &srv, "/teacher/records/new", NULL);
	long id;

	snprintf(expr, sizeof(expr), "/page/catalogue/item[@code='%s']/@id", code);
	id = xpath_long(d, expr);
	xmlFreeDoc(d);
	return id;
}

START_TEST(test_dashboard_and_catalogue)
{
	struct client *cl = teacher("WTQ00062");
	xmlDocPtr d = get_xml(cl, &srv, "/teacher", NULL);
	char *s;

	s = xpath_string(d, "/page/school-year/@label");
	ck_assert_str_eq(s, "2021-2022");
	free(s);
	s = xpath_string(d, "/page/assessment/@threshold-tenths");
	ck_assert_str_eq(s, "900");
	free(s);
	ck_assert_int_eq(xpath_long(d, "count(/page/school-year/deadline)"), 3);
	xmlFreeDoc(d);
	/* Without the test switch the tests' clock header changes nothing. */
	{
		static const char *const moved[] = { "X-Xueshi-Now: 2022-06-18T09:00:00+08:00", NULL };
		struct reply r;
		ck_assert_int_eq(client_do(cl, &srv, "GET", "/teacher?format=xml", NULL, NULL, 0, moved, &r), 0);
		d = reply_xml(&r);
		s = xpath_string(d, "/page/school-year/@today");
		ck_assert(strcmp(s, "2026-01-01") > 0); /* the real clock: after this code was written */
		free(s);
		xmlFreeDoc(d);
		reply_free(&r);
	}
	d = get_xml(cl, &srv, "/teacher/records/new", NULL);
	ck_assert_int_eq(xpath_long(d, "count(/page/catalogue/item)"), 7);
	xmlFreeDoc(d);
	d = get_xml(cl, &srv, "/teacher/records/new?q=%E5%AD%A6%E4%B9%A0", NULL); /* 学习 */
	ck_assert_int_eq(xpath_long(d, "count(/page/catalogue/item)"), 2);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_register_with_evidence_and_read_it_back)
{
	struct client *cl = teacher("WTQ00062"), *other = teacher("WTQ00063");
	struct upload up = { "evidence", "讲座照片.png", "image/png", test_png, test_png_len };
	char item[16], *token = csrf_token(cl, &srv), path[96], *loc, *s;
	long before = records_count(cl), ev;
	struct reply r;
	xmlDocPtr d;

	snprintf(item, sizeof(item), "%ld", item_id(cl, "zjjs"));
	{
		const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-03-01",
			"ended_on", "2022-03-01", "quantity", "2", "level", "province",
			"organiser", "乐山市教育局", "action", "submit", NULL };
		ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new", fields, &up, 1, &r), 0);
	}
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	ck_assert_ptr_nonnull(loc);
	reply_free(&r);
	ck_assert_int_eq(records_count(cl), before + 1);
	d = get_xml(cl, &srv, loc, NULL);
	s = xpath_string(d, "/page/record/@state");
	ck_assert_str_eq(s, "submitted");
	free(s);
	ck_assert_int_eq(xpath_long(d, "/page/record/@claimed-tenths"), 320); /* province, twice */
	ck_assert_int_eq(xpath_long(d, "/page/explanation/@counted-tenths"), 320);
	ck_assert_int_eq(xpath_long(d, "count(/page/record/evidence/file[@type='image/png'])"), 1);
	ev = xpath_long(d, "/page/record/evidence/file/@id");
	xmlFreeDoc(d);
	/* The file, to its teacher, as stored. */
	snprintf(path, sizeof(path), "/teacher/evidence/%ld", ev);
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, test_png_len);
	ck_assert(memcmp(r.body, test_png, test_png_len) == 0);
	s = reply_header(&r, "X-Content-Type-Options");
	ck_assert_str_eq(s, "nosniff");
	free(s);
	s = reply_header(&r, "Content-Type");
	ck_assert_str_eq(s, "image/png");
	free(s);
	s = reply_header(&r, "Content-Disposition");
	ck_assert(strstr(s, "filename*=UTF-8''%E8%AE%B2") != NULL);
	free(s);
	reply_free(&r);
	/* Not to another teacher: neither the file nor the record. */
	ck_assert_int_eq(client_do(other, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	ck_assert_int_eq(client_do(other, &srv, "GET", loc, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	/* Submitted: it cannot be withdrawn, even by posting directly. */
	snprintf(path, sizeof(path), "%s/withdraw", loc);
	ck_assert_int_eq(post_form(cl, &srv, path, "", NULL), 409);
	ck_assert_int_eq(records_count(cl), before + 1);
	free(loc);
	free(token);
	client_free(cl);
	client_free(other);
}
END_TEST

/* A failed POST: 422, the code on the right field, what was typed kept, nothing saved. */
static void
assert_refused(struct client *cl, const struct upload *up, size_t nup, const char *quantity,
    const char *field, const char *code)
{
	char item[16], *token = csrf_token(cl, &srv), expr[160], *s;
	long before = records_count(cl);
	struct reply r;
	xmlDocPtr d;
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-04-01",
		"ended_on", "2022-04-02", "quantity", quantity, "level", "city",
		"organiser", "五通桥区教师发展中心", "description", "第二次讲座\n含课件", "action", "submit", NULL };

	snprintf(item, sizeof(item), "%ld", item_id(cl, "zjjs"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new?format=xml", fields,
	    up, nup, &r), 0);
	ck_assert_int_eq(r.status, 422);
	d = reply_xml(&r);
	snprintf(expr, sizeof(expr), "/page/form/form-error[@field='%s']/@code", field);
	s = xpath_string(d, expr);
	ck_assert_str_eq(s, code);
	free(s);
	s = xpath_string(d, "/page/form/value[@name='organiser']");
	ck_assert_str_eq(s, "五通桥区教师发展中心");
	free(s);
	s = xpath_string(d, "/page/form/value[@name='description']");
	ck_assert_str_eq(s, "第二次讲座\n含课件");
	free(s);
	s = xpath_string(d, "/page/form/value[@name='level']");
	ck_assert_str_eq(s, "city");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/* The same as HTML: a message in Chinese, the values in the form. */
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new", fields, up, nup, &r), 0);
	ck_assert(reply_contains(&r, "五通桥区教师发展中心"));
	ck_assert(reply_contains(&r, "有内容需要修改"));
	reply_free(&r);
	ck_assert_int_eq(records_count(cl), before);
	free(token);
}

START_TEST(test_bad_uploads_and_fields_keep_the_input)
{
	struct client *cl = teacher("WTQ00064");
	static const char html[] = "<html><body>not a picture</body></html>";
	struct upload wrong = { "evidence", "photo.png", "image/png", html, sizeof(html) - 1 };
	struct upload cut = { "evidence", "photo.png", "image/png", test_png, test_png_len - 6 };
	struct upload good = { "evidence", "photo.png", "image/png", test_png, test_png_len };
	size_t big_len = 10u * 1024 * 1024 + 4096;
	unsigned char *big = malloc(big_len);
	struct upload huge = { "evidence", "scan.png", "image/png", big, big_len };

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', big_len);
	memcpy(big, test_png, test_png_len);
	assert_refused(cl, &wrong, 1, "1", "evidence", "evidence_bad_type");
	assert_refused(cl, &cut, 1, "1", "evidence", "evidence_truncated");
	assert_refused(cl, &huge, 1, "1", "evidence", "evidence_too_big");
	assert_refused(cl, NULL, 0, "1", "evidence", "evidence_required");
	assert_refused(cl, &good, 1, "0", "quantity", "out_of_range");
	free(big);
	client_free(cl);
}
END_TEST

START_TEST(test_draft_then_withdraw)
{
	struct client *cl = teacher("WTQ00065");
	char item[16], *token = csrf_token(cl, &srv), *loc, path[96];
	long before = records_count(cl);
	struct reply r;
	long status;
	xmlDocPtr d;
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2021-09-01",
		"ended_on", "2022-01-10", "quantity", "2", "action", "draft", NULL };

	snprintf(item, sizeof(item), "%ld", item_id(cl, "djxx"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new", fields, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	reply_free(&r);
	d = get_xml(cl, &srv, loc, NULL);
	ck_assert_int_eq(xpath_long(d, "/page/record/@claimed-tenths"), 200);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "%s/withdraw", loc);
	ck_assert_int_eq(post_form(cl, &srv, path, "", NULL), 303);
	d = get_xml(cl, &srv, loc, &status);
	ck_assert_int_eq(status, 404);
	xmlFreeDoc(d);
	ck_assert_int_eq(records_count(cl), before);
	free(loc);
	free(token);
	client_free(cl);
}
END_TEST

START_TEST(test_locked_year_and_school_registering_district)
{
	struct client *cl = teacher("WTQ00005"); /* wtq-sx: the district confirmed the year */
	char item[16], *token = csrf_token(cl, &srv), *s;
	struct reply r;
	xmlDocPtr d;
	long status;
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2021-09-01",
		"ended_on", "2022-01-10", "quantity", "1", "action", "draft", NULL };

	snprintf(item, sizeof(item), "%ld", item_id(cl, "djxx"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new?format=xml", fields, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 409);
	ck_assert(reply_contains(&r, "code=\"year_locked\""));
	reply_free(&r);
	free(token);
	client_free(cl);
	/* wuhua: the school hours admin registers; the teacher is told so. */
	cl = teacher("WH00010");
	d = get_xml(cl, &srv, "/teacher/records/new", &status);
	ck_assert_int_eq(status, 403);
	s = xpath_string(d, "/page/@self-registration");
	ck_assert_str_eq(s, "no");
	free(s);
	xmlFreeDoc(d);
	d = get_xml(cl, &srv, "/teacher", NULL);
	s = xpath_string(d, "/page/school-year/@self-registration");
	ck_assert_str_eq(s, "no");
	free(s);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_history_and_cycle)
{
	struct client *cl = teacher("WH00006"); /* wuhua's failing teacher, short over five years */
	xmlDocPtr d = get_xml(cl, &srv, "/teacher/history", NULL);
	char *s;

	ck_assert_int_eq(xpath_long(d, "count(/page/years/year)"), 3); /* two earlier years were skipped */
	s = xpath_string(d, "/page/years/year[1]/@label");
	ck_assert_str_eq(s, "2025-2026");
	free(s);
	s = xpath_string(d, "/page/years/year[1]/assessment/@cycle-result");
	ck_assert_str_eq(s, "fail");
	free(s);
	ck_assert_int_eq(xpath_long(d, "/page/years/year[1]/assessment/@cycle-tenths"),
	    xpath_long(d, "sum(/page/years/year/assessment/@confirmed-tenths)"));
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_edit_a_draft_then_submit_then_locked)
{
	struct client *cl = teacher("WTQ00067");
	struct upload good = { "evidence", "学习记录.png", "image/png", test_png, test_png_len };
	char item[16], *token = csrf_token(cl, &srv), *loc, path[128], *s;
	struct reply r;
	long status;
	xmlDocPtr d;
	const char *draft[] = { "csrf", token, "item", item, "started_on", "2021-09-01",
		"ended_on", "2022-01-10", "quantity", "1", "organiser", "学校党支部", "action", "draft", NULL };
	const char *edit[] = { "csrf", token, "item", item, "started_on", "2021-09-01",
		"ended_on", "2022-06-10", "quantity", "2", "organiser", "学校党支部", "action", "submit", NULL };

	snprintf(item, sizeof(item), "%ld", item_id(cl, "djxx"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new", draft, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	reply_free(&r);
	/* The edit form holds what was saved. */
	snprintf(path, sizeof(path), "%s/edit", loc);
	d = get_xml(cl, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(d, "/page/form/value[@name='organiser']");
	ck_assert_str_eq(s, "学校党支部");
	free(s);
	ck_assert_int_eq(xpath_long(d, "/page/form/value[@name='quantity']"), 1);
	xmlFreeDoc(d);
	/* Changed, with evidence, and submitted: two terms now. */
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, edit, &good, 1, &r), 0);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	d = get_xml(cl, &srv, loc, NULL);
	s = xpath_string(d, "/page/record/@state");
	ck_assert_str_eq(s, "submitted");
	free(s);
	ck_assert_int_eq(xpath_long(d, "/page/record/@claimed-tenths"), 200);
	ck_assert_int_eq(xpath_long(d, "count(/page/record/evidence/file)"), 1);
	xmlFreeDoc(d);
	/* Submitted: no longer editable, even by posting directly. */
	d = get_xml(cl, &srv, path, &status);
	ck_assert_int_eq(status, 409);
	xmlFreeDoc(d);
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, edit, &good, 1, &r), 0);
	ck_assert_int_eq(r.status, 409);
	reply_free(&r);
	free(loc);
	free(token);
	client_free(cl);
}
END_TEST

START_TEST(test_preview_shows_cap_effects_and_saves_nothing)
{
	struct client *cl = teacher("WTQ00066");
	char item[16], *token = csrf_token(cl, &srv);
	long before = records_count(cl), used = 0, expect;
	struct reply r;
	xmlDocPtr d;
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-05-20",
		"ended_on", "2022-05-20", "video", "1", "action", "preview", NULL };

	/* What this teacher's 网络晒课 records already count against the item's cap of 15 h. */
	d = get_xml(cl, &srv, "/teacher", NULL);
	used = xpath_long(d, "sum(/page/assessment/count[@record = /page/records/record[item/@code='dbw-shaike']/@id]/@counted-tenths)");
	xmlFreeDoc(d);
	expect = 150 - used > 0 ? 150 - used : 0;
	snprintf(item, sizeof(item), "%ld", item_id(cl, "dbw-shaike"));
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/teacher/records/new?format=xml", fields, NULL, 0, &r), 0);
	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	ck_assert_int_eq(xpath_long(d, "/page/form/preview/@claimed-tenths"), 150);
	ck_assert_int_eq(xpath_long(d, "/page/form/preview/@counted-tenths"), expect);
	if (expect < 150) {
		char *cut = xpath_string(d, "/page/form/preview/@cut");
		ck_assert_str_eq(cut, "item_cap");
		free(cut);
	}
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(records_count(cl), before);
	free(token);
	client_free(cl);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("teacher");
	TCase *tc = tcase_create("through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_dashboard_and_catalogue);
	tcase_add_test(tc, test_form_shows_conditions_and_unit);
	tcase_add_test(tc, test_register_with_evidence_and_read_it_back);
	tcase_add_test(tc, test_bad_uploads_and_fields_keep_the_input);
	tcase_add_test(tc, test_draft_then_withdraw);
	tcase_add_test(tc, test_preview_shows_cap_effects_and_saves_nothing);
	tcase_add_test(tc, test_edit_a_draft_then_submit_then_locked);
	tcase_add_test(tc, test_history_and_cycle);
	tcase_add_test(tc, test_locked_year_and_school_registering_district);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
