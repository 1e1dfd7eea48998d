/*
 * test_notices.c - the district's 通报 (issue 15), composed from the demo's
 * 五通桥 year 2021-2022 after the test sets what each list depends on, with
 * the school-review deadline 2022-08-31 and the district at UTC+8:
 *   - 延期送审: 五通桥区实验小学 first handed in at 2022-08-31T15:59:59Z,
 *     23:59:59 local on the deadline (on time, though handed in again on
 *     09-10 after a reopening); 五通桥区牛华中学 at 2022-08-31T16:00:00Z,
 *     00:00 local on 09-01 (late, handed in 2022-09-01); 五通桥区竹根幼儿园
 *     never, the deadline gone (尚未送审);
 *   - 登记不规范, more than 2 records returned or not accepted at 复核:
 *     实验小学 with 3 records returned, the first of them also not accepted
 *     (3 records, not 4); 牛华中学's 2 returned are not more than 2, and are
 *     listed once the district lowers the bar to 1;
 *     (the district's overview marks 牛华中学 late by the same rule);
 *   - 学时不达标: WTQ00002 with every record removed, 0 h of 90 (gap 90,
 *     规范性培训 0/45), and WTQ00004 as a new teacher with none, 0 h of 120;
 *     every failing teacher of 实验小学 is listed, as many as its page shows;
 *   - publishing keeps the lists: a later hand-in does not change them; the 3
 *     schools' admins and leaders (6 accounts) are told; a school reads and
 *     prints the notice, not a draft, not a notice naming no school;
 *   - the printed notice is A4 with the number, the three sections, 抄送 and
 *     the printer's line; bad input is refused and kept; a published notice
 *     cannot be changed or deleted; the next notice's number follows;
 *   - every paper of the two seeds prints on A4 from its role's page.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct server srv;
static int log_reports;

#define YEAR "(SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id" \
	" WHERE d.code = 'wutongqiao' AND y.is_current = 1)"
#define SCHOOL(code) "(SELECT id FROM school WHERE code = '" code "')"
#define TY(staff) "(SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id" \
	" WHERE t.staff_no = '" staff "' AND ty.school_year_id = " YEAR ")"
#define RECORDS_OF(code) "SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id" \
	" WHERE ty.school_id = " SCHOOL(code) " AND ty.school_year_id = " YEAR " ORDER BY r.id"

static void
setup(void)
{
	demo_setup(&srv);
	/* What the lists depend on, as the file's comment says. */
	ck_assert_int_eq(srv_sql(&srv,
	    "UPDATE school_year SET school_review_deadline = '2022-08-31' WHERE id = " YEAR ";"
	    "DELETE FROM deadline_extension WHERE school_year_id = " YEAR ";"
	    "DELETE FROM school_year_state WHERE school_year_id = " YEAR ";"
	    "INSERT INTO school_year_state (school_id, school_year_id, state, submitted_at, first_submitted_at)"
	    " VALUES (" SCHOOL("wtq-sx") ", " YEAR ", 'submitted', '2022-09-10T01:00:00Z', '2022-08-31T15:59:59Z'),"
	    " (" SCHOOL("wtq-nh") ", " YEAR ", 'submitted', '2022-08-31T16:00:00Z', '2022-08-31T16:00:00Z'),"
	    " (" SCHOOL("wtq-zg") ", " YEAR ", 'open', NULL, NULL);"
	    "DELETE FROM record WHERE teacher_year_id IN (" TY("WTQ00002") ", " TY("WTQ00004") ");"
	    "UPDATE teacher_year SET category = 'new_teacher' WHERE id = " TY("WTQ00004") ";"
	    "DELETE FROM review WHERE stage = 'district' AND decision IN ('return', 'reject')"
	    " AND record_id IN (SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " WHERE ty.school_year_id = " YEAR ");"
	    "INSERT INTO review (record_id, stage, decision, reason) SELECT id, 'district', 'return', '佐证材料不全'"
	    " FROM (" RECORDS_OF("wtq-sx") " LIMIT 3) AS l;"
	    "INSERT INTO review (record_id, stage, decision, reason) SELECT id, 'district', 'reject', '不符合登记条件'"
	    " FROM (" RECORDS_OF("wtq-sx") " LIMIT 1) AS l;"
	    "INSERT INTO review (record_id, stage, decision, reason) SELECT id, 'district', 'return', '学时计算有误'"
	    " FROM (" RECORDS_OF("wtq-nh") " LIMIT 2) AS l;"), 0);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

static int
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static void
expect_str(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	ck_assert_msg(got != NULL && strcmp(got, want) == 0, "%s: \"%s\", not \"%s\"", expr,
	    got ? got : "(none)", want);
	free(got);
}

/* The form of a notice with these values (title, number and the bar varied), urlencoded. */
static char *
notice_fields(const char *year, const char *number, const char *title, int over)
{
	char *n = form_escape(number), *t = form_escape(title), *out;
	char *addr = form_escape("各中小学、幼儿园：");
	char *open = form_escape("根据本学年工作安排，现将有关情况通报如下：\n第二段。");
	char *close = form_escape("特此通报。");
	char *issuer = form_escape("乐山市五通桥区教师发展中心");
	char *copy = form_escape("教育局办公室、教师管理股、教育股");
	char *printer = form_escape("乐山市五通桥区教师发展中心办公室");
	size_t len = 4096;

	ck_assert_ptr_nonnull(out = malloc(len));
	snprintf(out, len, "%s%s%snumber=%s&title=%s&addressee=%s&opening=%s&closing=%s&issuer=%s"
	    "&issued_on=2022-09-30&copy_to=%s&printer=%s&nonstandard_over=%d",
	    year ? "year=" : "", year ? year : "", year ? "&" : "", n, t, addr, open, close, issuer,
	    copy, printer, over);
	free(n);
	free(t);
	free(addr);
	free(open);
	free(close);
	free(issuer);
	free(copy);
	free(printer);
	return out;
}

/* A new draft of the current year as the district: its id. */
static long long
draft(struct client *d, const char *number, int over)
{
	char year[32], *f;
	long long id;
	struct reply r;

	snprintf(year, sizeof(year), "%lld", srv_int(&srv, "SELECT " YEAR));
	f = notice_fields(year, number, "关于2021-2022学年度中小学教师继续教育学时登记审核情况的通报", over);
	ck_assert_int_eq(post_form(d, &srv, "/district/notices", f, &r), 303);
	reply_free(&r);
	free(f);
	id = srv_int(&srv, "SELECT max(id) FROM notice");
	ck_assert_int_gt(id, 0);
	return id;
}

static xmlDocPtr
notice_xml(struct client *cl, const char *side, long long id, long want)
{
	char path[128];
	long status;
	xmlDocPtr doc;

	snprintf(path, sizeof(path), "/%s/notices/%lld", side, id);
	doc = get_xml(cl, &srv, path, &status);
	ck_assert_msg(status == want, "%s: %ld, not %ld", path, status, want);
	return doc;
}

static long
post_to(struct client *cl, const char *fmt, long long id, const char *fields)
{
	char path[128];
	struct reply r;
	long status;

	snprintf(path, sizeof(path), fmt, id);
	status = post_form(cl, &srv, path, fields, &r);
	reply_free(&r);
	return status;
}

START_TEST(test_lists_come_from_the_data)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long id = draft(d, "五教发中心〔2022〕3 号", 2);
	xmlDocPtr doc = notice_xml(d, "district", id, 200), school;
	long status, failing;
	char *f;

	expect_str(doc, "/page/notice/@state", "draft");
	expect_str(doc, "/page/lists/@live", "yes");
	/* 延期送审: 牛华中学 late by local time, 竹根幼儿园 never; 实验小学 on time by its first hand-in. */
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/late/school)"), 2);
	expect_str(doc, "/page/lists/late/school[1]/@name", "五通桥区牛华中学");
	expect_str(doc, "/page/lists/late/school[1]/@deadline", "2022-08-31");
	expect_str(doc, "/page/lists/late/school[1]/@handed-in", "2022-09-01");
	expect_str(doc, "/page/lists/late/school[2]/@name", "五通桥区竹根幼儿园");
	expect_str(doc, "/page/lists/late/school[2]/@not-handed-in", "yes");
	/* 登记不规范 over 2: 实验小学's 3 records (one both returned and not accepted). */
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/nonstandard/school)"), 1);
	expect_str(doc, "/page/lists/nonstandard/school/@name", "五通桥区实验小学");
	ck_assert_int_eq(xpath_long(doc, "/page/lists/nonstandard/school/@irregular"), 3);
	ck_assert_int_eq(xpath_long(doc, "/page/lists/nonstandard/school/@returned"), 3);
	ck_assert_int_eq(xpath_long(doc, "/page/lists/nonstandard/school/@rejected"), 1);
	ck_assert_int_ge(xpath_long(doc, "/page/lists/nonstandard/school/@reviewed"), 3);
	/* 学时不达标: the two teachers without hours, each against their own threshold. */
	expect_str(doc, "/page/lists/below/school[@name = '五通桥区实验小学']/teacher[@staff-no = 'WTQ00002']/@confirmed", "0");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00002']/@threshold", "90");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00002']/@gap", "90");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00002']/@normative-min", "45");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00002']/@below-normative", "yes");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00004']/@category", "new_teacher");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00004']/@threshold", "120");
	expect_str(doc, "/page/lists/below/school/teacher[@staff-no = 'WTQ00004']/@gap", "120");
	expect_str(doc, "/page/policy/@min", "90");
	expect_str(doc, "/page/policy/@new-teacher", "120");
	/* Every failing teacher of 实验小学 as its page shows them, and only those. */
	{
		char path[64];
		snprintf(path, sizeof(path), "/district/schools/%lld", srv_int(&srv, "SELECT " SCHOOL("wtq-sx")));
		school = get_xml(d, &srv, path, &status);
		ck_assert_int_eq(status, 200);
		failing = xpath_long(school, "count(//teachers/teacher[result/@result = 'fail'])");
		ck_assert_int_ge(failing, 2);
		ck_assert_int_eq(xpath_long(doc, "count(/page/lists/below/school[@name = '五通桥区实验小学']/teacher)"), failing);
		xmlFreeDoc(school);
	}
	ck_assert_int_eq(xpath_long(doc, "/page/lists/below/@count"),
	    xpath_long(doc, "count(/page/lists/below/school/teacher)"));
	xmlFreeDoc(doc);
	/* The district's overview marks the same school late, by the same rule. */
	school = get_xml(d, &srv, "/district", &status);
	ck_assert_int_eq(status, 200);
	expect_str(school, "/page/schools/school[@code = 'wtq-nh']/@late", "yes");
	ck_assert_int_eq(xpath_long(school, "count(/page/schools/school[@code = 'wtq-sx']/@late)"), 0);
	xmlFreeDoc(school);

	/* The bar lowered to 1: 牛华中学's 2 returned records are listed too. */
	f = notice_fields(NULL, "五教发中心〔2022〕3 号", "关于2021-2022学年度中小学教师继续教育学时登记审核情况的通报", 1);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld", id, f), 303);
	free(f);
	doc = notice_xml(d, "district", id, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/nonstandard/school)"), 2);
	ck_assert_int_eq(xpath_long(doc, "/page/lists/nonstandard/school[@name = '五通桥区牛华中学']/@irregular"), 2);
	ck_assert_int_eq(xpath_long(doc, "/page/lists/nonstandard/school[@name = '五通桥区牛华中学']/@rejected"), 0);
	xmlFreeDoc(doc);

	/* An extension moves 竹根幼儿园's deadline past today: not late (yet). */
	ck_assert_int_eq(srv_sql(&srv, "INSERT INTO deadline_extension (school_year_id, school_id, kind, until,"
	    " reason, by_account) VALUES (" YEAR ", " SCHOOL("wtq-zg") ", 'school_review', '2099-12-31', '停电',"
	    " (SELECT id FROM account WHERE login = 'wutongqiao-admin'))"), 0);
	doc = notice_xml(d, "district", id, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/late/school)"), 1);
	expect_str(doc, "/page/lists/late/school/@name", "五通桥区牛华中学");
	xmlFreeDoc(doc);
	client_free(d);
}
END_TEST

START_TEST(test_publish_keeps_the_lists_and_tells_the_schools)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	struct client *nh = client_as(&srv, "wtq-nh-admin");
	struct client *leader = client_as(&srv, "wtq-nh-leader");
	long long id = draft(d, "五教发中心〔2022〕3 号", 2), other;
	xmlDocPtr doc;
	long status;
	char path[128];

	/* A draft is the district's only. */
	doc = notice_xml(nh, "school", id, 404);
	xmlFreeDoc(doc);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", id, ""), 303);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM notice_entry WHERE notice_id = %lld AND section = 'late'", id), 2);
	/* Admins and leaders of the three schools named. */
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM notification WHERE kind = 'notice_published' AND notice_id = %lld", id), 6);
	doc = get_xml(leader, &srv, "/inbox", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/inbox/notification[@kind = 'notice_published'])"), 1);
	ck_assert_int_eq(xpath_long(doc, "/page/inbox/notification[@kind = 'notice_published']/@notice"), id);
	xmlFreeDoc(doc);

	/* 竹根幼儿园 hands in after publishing: the published notice still says what it said. */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE school_year_state SET state = 'submitted',"
	    " submitted_at = '2022-08-30T02:00:00Z', first_submitted_at = '2022-08-30T02:00:00Z'"
	    " WHERE school_id = " SCHOOL("wtq-zg") " AND school_year_id = " YEAR), 0);
	doc = notice_xml(d, "district", id, 200);
	expect_str(doc, "/page/notice/@state", "published");
	expect_str(doc, "/page/lists/@live", "no");
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/late/school)"), 2);
	expect_str(doc, "/page/lists/late/school[2]/@not-handed-in", "yes");
	xmlFreeDoc(doc);
	/* A new draft reads the data as it is now. */
	other = draft(d, "五教发中心〔2022〕4 号", 2);
	doc = notice_xml(d, "district", other, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/late/school)"), 1);
	xmlFreeDoc(doc);

	/* The school reads the notice that names it, its own rows marked, and prints it. */
	doc = get_xml(nh, &srv, "/school/notices", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/notices/notice)"), 1);
	ck_assert_int_eq(xpath_long(doc, "/page/notices/notice/@id"), id);
	xmlFreeDoc(doc);
	doc = notice_xml(nh, "school", id, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/lists/below/school)"), 3);
	xmlFreeDoc(doc);
	{
		struct reply r;
		snprintf(path, sizeof(path), "/school/notices/%lld/print", id);
		ck_assert_int_eq(client_do(nh, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
		ck_assert_int_eq(r.status, 200);
		ck_assert(reply_contains(&r, "<tr class=\"mine\">"));
		ck_assert(reply_contains(&r, "五教发中心〔2022〕3 号"));
		reply_free(&r);
	}
	/* Not the new draft; not a notice of a year in which no school is named. */
	doc = notice_xml(nh, "school", other, 404);
	xmlFreeDoc(doc);
	ck_assert_int_eq(srv_sql(&srv, "INSERT INTO school_year (district_id, label, starts_on, ends_on)"
	    " SELECT id, '2020-2021', '2020-07-01', '2021-06-30' FROM district WHERE code = 'wutongqiao'"), 0);
	{
		char year[32], *f;
		long long empty;
		struct reply r;
		snprintf(year, sizeof(year), "%lld", srv_int(&srv, "SELECT id FROM school_year WHERE label = '2020-2021'"
		    " AND district_id = (SELECT id FROM district WHERE code = 'wutongqiao')"));
		f = notice_fields(year, "", "关于2020-2021学年度的通报", 0);
		ck_assert_int_eq(post_form(d, &srv, "/district/notices", f, &r), 303);
		reply_free(&r);
		free(f);
		empty = srv_int(&srv, "SELECT max(id) FROM notice");
		ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", empty, ""), 303);
		ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM notice_entry WHERE notice_id = %lld", empty), 0);
		doc = notice_xml(nh, "school", empty, 404);
		xmlFreeDoc(doc);
	}
	doc = get_xml(nh, &srv, "/school/notices", &status);
	ck_assert_int_eq(xpath_long(doc, "count(/page/notices/notice)"), 1);
	xmlFreeDoc(doc);
	/* Another district's admin does not reach it. */
	{
		struct client *wh = client_as(&srv, "wuhua-admin");
		doc = notice_xml(wh, "district", id, 404);
		xmlFreeDoc(doc);
		client_free(wh);
	}
	client_free(leader);
	client_free(nh);
	client_free(d);
}
END_TEST

START_TEST(test_printed_notice_is_a4_in_the_seed_layout)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long id = draft(d, "五教发中心〔2022〕3 号", 2);
	char path[128], html[1024], pdf[1024], *text, *size;
	struct reply r;

	ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", id, ""), 303);
	snprintf(path, sizeof(path), "/district/notices/%lld/print", id);
	ck_assert_int_eq(client_do(d, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(html, sizeof(html), "%s/notice.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/notice.pdf", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	ck_assert_int_ge(chromium_pdf(&srv, html, pdf), 1);
	size = shell_output("pdfinfo %s | sed -n 's/^Page size: *//p'", pdf);
	ck_assert_msg(contains(size, "(A4)"), "page size %s", size);
	free(size);
	text = shell_output("pdftotext -enc UTF-8 %s -", pdf);
	ck_assert(contains(text, "五教发中心〔2022〕3 号"));
	ck_assert(contains(text, "关于2021-2022学年度中小学教师继续教育学时登记"));
	ck_assert(contains(text, "各中小学、幼儿园："));
	ck_assert(contains(text, "一、延期送审"));
	ck_assert(contains(text, "二、登记不规范"));
	ck_assert(contains(text, "三、学时不达标"));
	ck_assert(contains(text, "尚未送审"));
	ck_assert(contains(text, "2022-09-01"));
	ck_assert(contains(text, "WTQ00002"));
	ck_assert(contains(text, "特此通报。"));
	ck_assert(contains(text, "乐山市五通桥区教师发展中心"));
	ck_assert(contains(text, "2022 年 9 月 30 日"));
	ck_assert(contains(text, "抄送：教育局办公室、教师管理股、教育股"));
	ck_assert(contains(text, "乐山市五通桥区教师发展中心办公室"));
	ck_assert(!contains(text, "草稿"));
	free(text);
	client_free(d);
}
END_TEST

START_TEST(test_bad_input_refused_and_published_kept)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long id = draft(d, "五教发中心〔2022〕3 号", 2), before;
	char year[32], *f, *title;
	xmlDocPtr doc;
	long status;
	struct reply r;

	snprintf(year, sizeof(year), "%lld", srv_int(&srv, "SELECT " YEAR));
	/* No title: refused, what was typed kept, nothing saved. */
	before = srv_int(&srv, "SELECT count(*) FROM notice");
	f = notice_fields(year, "五教发中心〔2022〕9 号", "", 2);
	ck_assert_int_eq(post_form(d, &srv, "/district/notices?format=xml", f, &r), 422);
	ck_assert(reply_contains(&r, "<form-error field=\"title\" code=\"required\"/>"));
	ck_assert(reply_contains(&r, "<value name=\"number\">五教发中心〔2022〕9 号</value>"));
	reply_free(&r);
	free(f);
	ck_assert_int_eq(post_form(d, &srv, "/district/notices", "year=1x&title=a", &r), 422);
	ck_assert(reply_contains(&r, "此项必须填写") || reply_contains(&r, "内容无效"));
	reply_free(&r);
	/* A number the district has used. */
	f = notice_fields(year, "五教发中心〔2022〕3 号", "另一份", 2);
	ck_assert_int_eq(post_form(d, &srv, "/district/notices?format=xml", f, &r), 422);
	ck_assert(reply_contains(&r, "code=\"notice_number_taken\""));
	reply_free(&r);
	free(f);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM notice"), before);

	/* The next notice's number follows the last: a new calendar year starts again at 1. */
	{
		time_t now = time(NULL) + 8 * 3600;
		struct tm tm;
		char want[96];
		gmtime_r(&now, &tm);
		snprintf(want, sizeof(want), "五教发中心〔%d〕1 号", tm.tm_year + 1900);
		doc = get_xml(d, &srv, "/district/notices", &status);
		ck_assert_int_eq(status, 200);
		expect_str(doc, "/page/form[@name = 'notice']/value[@name = 'number']", want);
		expect_str(doc, "/page/form[@name = 'notice']/value[@name = 'copy_to']", "教育局办公室、教师管理股、教育股");
		expect_str(doc, "/page/form[@name = 'notice']/value[@name = 'issuer']", "乐山市五通桥区教师发展中心");
		xmlFreeDoc(doc);
	}

	/* Published: not changed, not deleted, not published twice. */
	ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", id, ""), 303);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", id, ""), 409);
	f = notice_fields(NULL, "五教发中心〔2022〕3 号", "改过的标题", 2);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld", id, f), 409);
	free(f);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld/delete", id, ""), 409);
	title = srv_text(&srv, "SELECT title FROM notice ORDER BY id LIMIT 1");
	ck_assert_str_eq(title, "关于2021-2022学年度中小学教师继续教育学时登记审核情况的通报");
	free(title);
	/* A draft is deleted. */
	id = draft(d, "", 2);
	ck_assert_int_eq(post_to(d, "/district/notices/%lld/delete", id, ""), 303);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM notice WHERE id = %lld", id), 0);
	client_free(d);
}
END_TEST

/* The text of a PDF without line breaks and spaces (titles wrap where the page is narrow). */
static char *
pdf_text(const char *pdf)
{
	char *t = shell_output("pdftotext -enc UTF-8 %s -", pdf), *w = t;

	for (char *r = t; *r; r++)
		if (*r != '\n' && *r != ' ' && *r != '\f')
			*w++ = *r;
	*w = '\0';
	return t;
}

/*
 * Every paper of the two seeds, printed from the page of the role that
 * prints it in real life, is A4 with its title: 登记卡 (the teacher), 汇总表
 * and 学习强国积分登记表 (the school and the district), 一览表 and the
 * bundle with its 汇总档案序号表 (the district), and the 通报.
 */
START_TEST(test_every_seed_paper_prints_on_a4)
{
	struct {
		const char *login, *path, *title;
	} papers[] = {
		{ "WTQ00002", "/teacher/card", "乐山市教师继续教育登记表" },
		{ "wtq-sx-admin", "/school/summary", "乐山市教师继续教育学时汇总表" },
		{ "wtq-sx-admin", "/school/points/print", "学习强国学习积分登记表" },
		{ "wutongqiao-admin", "/district/schools/{C}/summary", "乐山市教师继续教育学时汇总表" },
		{ "wutongqiao-admin", "/district/schools/{C}/points/print", "学习强国学习积分登记表" },
		{ "wutongqiao-admin", "/district/schools/{C}/bundle", "五通桥区中小学继续教育学时汇总档案序号表" },
		{ "wutongqiao-admin", "/district/years/{W}/catalogue/print", "登记项目及标准一览表" },
		{ "wutongqiao-admin", "/district/notices/{N}/print", "三、学时不达标" },
	};
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long notice = draft(d, "五教发中心〔2022〕3 号", 2);

	ck_assert_int_eq(post_to(d, "/district/notices/%lld/publish", notice, ""), 303);
	client_free(d);
	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++) {
		struct client *cl = client_as(&srv, papers[i].login);
		char path[256], html[1024], pdf[1024], *size, *text;
		const char *p = papers[i].path, *brace = strchr(p, '{');
		struct reply r;

		if (brace != NULL) {
			long long id = brace[1] == 'C' ? srv_int(&srv, "SELECT " SCHOOL("wtq-sx")) :
			    brace[1] == 'W' ? srv_int(&srv, "SELECT " YEAR) : notice;
			snprintf(path, sizeof(path), "%.*s%lld%s", (int)(brace - p), p, id, brace + 3);
		} else
			snprintf(path, sizeof(path), "%s", p);
		ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
		ck_assert_msg(r.status == 200, "%s as %s: %ld", path, papers[i].login, r.status);
		snprintf(html, sizeof(html), "%s/paper-%zu.html", srv.dir, i);
		snprintf(pdf, sizeof(pdf), "%s/paper-%zu.pdf", srv.dir, i);
		html_save(&r, html);
		reply_free(&r);
		ck_assert_msg(chromium_pdf(&srv, html, pdf) >= 1, "%s: no PDF", path);
		size = shell_output("pdfinfo %s | sed -n 's/^Page size: *//p'", pdf);
		ck_assert_msg(contains(size, "(A4)"), "%s: page size %s", path, size);
		free(size);
		text = pdf_text(pdf);
		ck_assert_msg(contains(text, papers[i].title), "%s: no %s", path, papers[i].title);
		free(text);
		client_free(cl);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("notices");
	TCase *tc = tcase_create("notices");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_lists_come_from_the_data);
	tcase_add_test(tc, test_publish_keeps_the_lists_and_tells_the_schools);
	tcase_add_test(tc, test_printed_notice_is_a4_in_the_seed_layout);
	tcase_add_test(tc, test_bad_input_refused_and_published_kept);
	tcase_add_test(tc, test_every_seed_paper_prints_on_a4);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_notices", &log_reports);
}
