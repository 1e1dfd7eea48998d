/*
 * test_projects.c - training projects filed for the district's approval
 * (审批备案, issue 13) through nginx:
 *
 *  - 五通桥's 选派参加市级及以上专项培训项目 "培训项目须经区教师发展中心审批备案":
 *    a school files a project, the district approves it with an approval
 *    number, the school registers a teacher's record with it, and the school
 *    and the district approve the record; before the approval the record form
 *    does not offer it and a record naming it is refused;
 *  - filed, then rejected with a reason: a record naming it is refused (422,
 *    the reason shown) and a record that names it anyway cannot be approved;
 *  - bad input: 422 with the Chinese message and what was typed, nothing saved;
 *  - a school sees its own filings and the approved ones, never another
 *    school's filing, and decides nothing; another district decides nothing;
 *  - 五华's trainee classes: "优秀学员人数不超过培训班人数的10%": a class of 10
 *    with quota 10% takes 1 excellent trainee and refuses the second; a class
 *    of 10 with its own quota of 20% takes 2.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdarg.h>
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

static long long num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The first column of the first row of the SQL that fmt makes. */
static long long
num(const char *fmt, ...)
{
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_int(&srv, sql);
}

/* The current year's item of district with code. */
static long long
item_of(const char *district, const char *code)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "SELECT i.id FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = '%s' AND y.is_current = 1"
	    " AND i.code = '%s'", district, code);
	return srv_int(&srv, sql);
}

static long long
ty_of(const char *staff_no)
{
	return num("SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE t.staff_no = '%s'",
	    staff_no);
}

static long long
project_named(const char *name)
{
	return num("SELECT id FROM training_project WHERE name = '%s'", name);
}

static char *
str_of(const char *sql)
{
	return srv_text(&srv, sql);
}

/* string(expr) of path's XML as cl sees it; the status in *status. */
static char *
xml_str(struct client *cl, const char *path, const char *expr, long want)
{
	long status = 0;
	xmlDocPtr d = get_xml(cl, &srv, path, &status);
	char *v;

	ck_assert_int_eq(status, want);
	ck_assert_ptr_nonnull(d);
	v = xpath_string(d, expr);
	xmlFreeDoc(d);
	return v;
}

#define CHECK_XML(cl, path, expr, want) do { \
	char *v_ = xml_str((cl), (path), (expr), 200); \
	ck_assert_str_eq(v_, (want)); \
	free(v_); \
} while (0)

#define CHECK_REPLY_XML(r, expr, want) do { \
	xmlDocPtr d_ = reply_xml(r); \
	char *v_; \
	ck_assert_ptr_nonnull(d_); \
	v_ = xpath_string(d_, (expr)); \
	ck_assert_str_eq(v_, (want)); \
	free(v_); \
	xmlFreeDoc(d_); \
} while (0)

/* A filing as the school (or district) form posts it: fields urlencoded, from a template. */
static long
file_project(struct client *cl, const char *side, const char *fields, struct reply *r)
{
	char path[64];

	snprintf(path, sizeof(path), "/%s/projects?format=xml", side);
	return post_form(cl, &srv, path, fields, r);
}

/*
 * POST a 选派参加市级及以上专项培训项目 record (certified hours) for teacher-year
 * ty by the school admin, naming project (0: none), submitted with a photo.
 */
static void
post_sjzx(struct client *cl, long long ty, long long project, const char *certified,
    struct reply *r)
{
	struct upload up = { "evidence", "结业证书.png", "image/png", test_png, test_png_len };
	char item[24], proj[24], path[96], *token = csrf_token(cl, &srv);
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2021-09-14",
		"ended_on", "2021-09-18", "certified", certified, "certificate_no", "LS-2021-ZX-015",
		"organiser", "乐山市教育局", "action", "submit", project > 0 ? "project" : NULL, proj, NULL };

	snprintf(item, sizeof(item), "%lld", item_of("wutongqiao", "sjzx"));
	snprintf(proj, sizeof(proj), "%lld", project);
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&format=xml", ty);
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, fields, &up, 1, r), 0);
	free(token);
}

static long long
audits(const char *action)
{
	return num("SELECT count(*) FROM audit WHERE action = '%s'", action);
}

/* "乐山市骨干教师专项培训": its name urlencoded. */
#define PNAME "%%E4%%B9%%90%%E5%%B1%%B1%%E5%%B8%%82%%E9%%AA%%A8%%E5%%B9%%B2%%E6%%95%%99%%E5%%B8%%88%%E4%%B8%%93%%E9%%A1%%B9%%E5%%9F%%B9%%E8%%AE%%AD"
#define PNAME_ZH "乐山市骨干教师专项培训"
/* "乐山市教育局" */
#define ORG "%%E4%%B9%%90%%E5%%B1%%B1%%E5%%B8%%82%%E6%%95%%99%%E8%%82%%B2%%E5%%B1%%80"

START_TEST(test_filed_approved_used_approved)
{
	struct client *s = as("wtq-zg-admin"), *d = as("wutongqiao-admin"), *l = as("wtq-zg-leader");
	long long ty = ty_of("WTQ00061"), p, rec, before;
	char fields[1024], path[128], *v;
	struct reply r;

	/* The school files it: state filed, its school and filer kept, audited. */
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-18&hours=30&expected=40",
	    item_of("wutongqiao", "sjzx"));
	before = audits("project_file");
	ck_assert_int_eq(file_project(s, "school", fields, NULL), 303);
	p = project_named(PNAME_ZH);
	ck_assert_int_gt(p, 0);
	v = str_of("SELECT state || ' ' || approved || ' ' || hours_tenths || ' ' || expected_participants"
	    " || ' ' || (SELECT code FROM school WHERE id = school_id) || ' ' || (SELECT login FROM account"
	    " WHERE id = filed_by) FROM training_project WHERE name = '" PNAME_ZH "'");
	ck_assert_str_eq(v, "filed 0 300 40 wtq-zg wtq-zg-admin");
	free(v);
	ck_assert_int_eq(audits("project_file"), before + 1);
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@state)", p);
	CHECK_XML(s, "/school/projects", path, "filed");
	/* The school leader reads the list, and files nothing. */
	CHECK_XML(l, "/school/projects", path, "filed");
	ck_assert_int_eq(file_project(l, "school", fields, NULL), 404);
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@hours)", p);
	CHECK_XML(d, "/district/projects?state=filed", path, "30");
	snprintf(path, sizeof(path), "count(/page/projects/project[@id=%lld])", p);
	CHECK_XML(d, "/district/projects?state=approved", path, "0");

	/* Not approved yet: the record form does not offer it, and a record naming it is refused. */
	snprintf(fields, sizeof(fields), "/school/records/new?teacher-year=%lld&item=%lld", ty,
	    item_of("wutongqiao", "sjzx"));
	snprintf(path, sizeof(path), "count(/page/item/project[@id=%lld])", p);
	CHECK_XML(s, fields, path, "0");
	before = srv_int(&srv, "SELECT count(*) FROM record");
	post_sjzx(s, ty, p, "30", &r);
	ck_assert_int_eq(r.status, 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='project']/@code)", "project_not_approved");
	CHECK_REPLY_XML(&r, "string(/page/form/value[@name='certificate_no'])", "LS-2021-ZX-015");
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM record"), before);

	/* The district approves it with its number: approved, both columns, audited. */
	snprintf(path, sizeof(path), "/district/projects/%lld/approve", p);
	before = audits("project_approve");
	ck_assert_int_eq(post_form(d, &srv, path, "approval_no=WJF-2021-BA-12", NULL), 303);
	v = str_of("SELECT state || ' ' || approved || ' ' || approval_no || ' ' || (SELECT login FROM account"
	    " WHERE id = decided_by) || ' ' || CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END FROM training_project WHERE name = '"
	    PNAME_ZH "'");
	ck_assert_str_eq(v, "approved 1 WJF-2021-BA-12 wutongqiao-admin 1");
	free(v);
	ck_assert_int_eq(audits("project_approve"), before + 1);
	/* Decided once: a second decision is refused and changes nothing. */
	snprintf(path, sizeof(path), "/district/projects/%lld/reject?format=xml", p);
	ck_assert_int_eq(post_form(d, &srv, path, "reason=x", &r), 409);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='project']/@code)", "project_decided");
	reply_free(&r);
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@approval-no)", p);
	CHECK_XML(s, "/school/projects", path, "WJF-2021-BA-12");

	/* Now the form offers it (with its number) and the record is saved with it. */
	snprintf(path, sizeof(path), "string(/page/item/project[@id=%lld]/@approval-no)", p);
	CHECK_XML(s, fields, path, "WJF-2021-BA-12");
	post_sjzx(s, ty, p, "30", &r);
	ck_assert_msg(r.status == 303, "%ld %s", r.status, r.body);
	reply_free(&r);
	snprintf(fields, sizeof(fields), "SELECT r.id FROM record r WHERE r.project_id = %lld"
	    " AND r.teacher_year_id = %lld AND r.claimed_tenths = 300 AND r.state = 'submitted'", p, ty);
	rec = srv_int(&srv, fields);
	ck_assert_int_gt(rec, 0);
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@records)", p);
	CHECK_XML(d, "/district/projects", path, "1");

	/* The school approves it (初核), then the district (复核): confirmed, 30 hours. */
	snprintf(path, sizeof(path), "/school/records/%lld/review", rec);
	ck_assert_int_eq(post_form(s, &srv, path, "decision=approve", NULL), 303);
	snprintf(path, sizeof(path), "/district/records/%lld/review", rec);
	ck_assert_int_eq(post_form(d, &srv, path, "decision=approve", NULL), 303);
	snprintf(fields, sizeof(fields), "SELECT state FROM record WHERE id = %lld", rec);
	v = str_of(fields);
	ck_assert_str_eq(v, "district_approved");
	free(v);
	client_free(s);
	client_free(d);
	client_free(l);
}
END_TEST

/* "不属于市级及以上专项培训" */
#define REASON "%E4%B8%8D%E5%B1%9E%E4%BA%8E%E5%B8%82%E7%BA%A7%E5%8F%8A%E4%BB%A5%E4%B8%8A%E4%B8%93%E9%A1%B9%E5%9F%B9%E8%AE%AD"
#define REASON_ZH "不属于市级及以上专项培训"

START_TEST(test_filed_rejected_refused)
{
	struct client *s = as("wtq-zg-admin"), *d = as("wutongqiao-admin");
	long long ty = ty_of("WTQ00062"), p, rec, before;
	char fields[1024], path[128], *v;
	struct reply r;

	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=district&item=%lld"
	    "&starts_on=2021-10-10&ends_on=2021-10-10&hours=6",
	    item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(s, "school", fields, NULL), 303);
	p = project_named(PNAME_ZH);
	snprintf(path, sizeof(path), "/district/projects/%lld/reject", p);
	before = audits("project_reject");
	ck_assert_int_eq(post_form(d, &srv, path, "reason=" REASON, NULL), 303);
	v = str_of("SELECT state || ' ' || approved || ' ' || reject_reason FROM training_project WHERE name = '"
	    PNAME_ZH "'");
	ck_assert_str_eq(v, "rejected 0 " REASON_ZH);
	free(v);
	ck_assert_int_eq(audits("project_reject"), before + 1);
	/* Both sides see the state and the reason. */
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/reject-reason)", p);
	CHECK_XML(s, "/school/projects", path, REASON_ZH);
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@state)", p);
	CHECK_XML(d, "/district/projects?state=rejected", path, "rejected");
	/* Approving it afterwards is refused. */
	snprintf(path, sizeof(path), "/district/projects/%lld/approve", p);
	ck_assert_int_eq(post_form(d, &srv, path, "approval_no=WJF-2021-BA-13", NULL), 409);
	v = str_of("SELECT state FROM training_project WHERE name = '" PNAME_ZH "'");
	ck_assert_str_eq(v, "rejected");
	free(v);

	/* A record naming it: 422, the district's reason shown, nothing saved. */
	before = srv_int(&srv, "SELECT count(*) FROM record");
	post_sjzx(s, ty, p, "6", &r);
	ck_assert_int_eq(r.status, 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='project']/@code)", "project_not_approved");
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='project']/@detail)", REASON_ZH);
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM record"), before);
	{
		/* The page says so in Chinese. */
		struct upload up = { "evidence", "a.png", "image/png", test_png, test_png_len };
		char item[24], proj[24], *token = csrf_token(s, &srv);
		const char *f[] = { "csrf", token, "item", item, "started_on", "2021-10-10",
			"ended_on", "2021-10-10", "certified", "6", "certificate_no", "X-1",
			"action", "submit", "project", proj, NULL };
		snprintf(item, sizeof(item), "%lld", item_of("wutongqiao", "sjzx"));
		snprintf(proj, sizeof(proj), "%lld", p);
		snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld", ty);
		ck_assert_int_eq(client_post_multipart(s, &srv, path, f, &up, 1, &r), 0);
		ck_assert_int_eq(r.status, 422);
		ck_assert(reply_contains(&r, "尚未经区教师发展中心审批备案通过"));
		ck_assert(reply_contains(&r, REASON_ZH));
		reply_free(&r);
		free(token);
	}

	/* A record that names it anyway (from before, say) cannot pass 复核. */
	post_sjzx(s, ty, 0, "6", &r);
	ck_assert_int_eq(r.status, 422); /* the item needs a project */
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='project']/@code)", "required");
	reply_free(&r);
	snprintf(fields, sizeof(fields), "INSERT INTO record (teacher_year_id, item_id, project_id, started_on,"
	    " ended_on, certified_tenths, certificate_no, claimed_tenths, state) VALUES (%lld, %lld, %lld,"
	    " '2021-10-10', '2021-10-10', 60, 'X-2', 60, 'school_approved')", ty,
	    item_of("wutongqiao", "sjzx"), p);
	ck_assert_int_eq(srv_sql(&srv, fields), 0);
	snprintf(fields, sizeof(fields), "SELECT max(id) FROM record WHERE project_id = %lld", p);
	rec = srv_int(&srv, fields);
	/* With its evidence: only the project stands in the way. */
	snprintf(fields, sizeof(fields), "INSERT INTO evidence (record_id, sha256, filename)"
	    " SELECT %lld, sha256, 'a.png' FROM evidence_file LIMIT 1", rec);
	ck_assert_int_eq(srv_sql(&srv, fields), 0);
	snprintf(fields, sizeof(fields), "SELECT count(*) FROM evidence WHERE record_id = %lld", rec);
	ck_assert_int_eq(srv_int(&srv, fields), 1);
	snprintf(path, sizeof(path), "/district/records/%lld/review?format=xml", rec);
	ck_assert_int_eq(post_form(d, &srv, path, "decision=approve", &r), 409);
	ck_assert(reply_contains(&r, "project_unapproved"));
	reply_free(&r);
	snprintf(fields, sizeof(fields), "SELECT state FROM record WHERE id = %lld", rec);
	v = str_of(fields);
	ck_assert_str_eq(v, "school_approved");
	free(v);
	client_free(s);
	client_free(d);
}
END_TEST

START_TEST(test_bad_input_refused_with_echo)
{
	struct client *s = as("wtq-zg-admin"), *d = as("wutongqiao-admin");
	long long projects = srv_int(&srv, "SELECT count(*) FROM training_project");
	long long audit = srv_int(&srv, "SELECT count(*) FROM audit");
	char fields[1024], path[128];
	struct reply r;
	long long p;

	/* No name, the end before the start, hours that are no hours. */
	snprintf(fields, sizeof(fields), "name=&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-18&ends_on=2021-09-14&hours=abc&expected=40",
	    item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(s, "school", fields, &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='name']/@code)", "required");
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='ends_on']/@code)", "ends_before_start");
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='hours']/@code)", "bad_hours");
	CHECK_REPLY_XML(&r, "string(/page/form/value[@name='organiser'])", "乐山市教育局");
	CHECK_REPLY_XML(&r, "string(/page/form/value[@name='hours'])", "abc");
	CHECK_REPLY_XML(&r, "string(/page/form/value[@name='expected'])", "40");
	reply_free(&r);
	/* The page: the messages in Chinese, the input kept. */
	ck_assert_int_eq(post_form(s, &srv, "/school/projects", fields, &r), 422);
	ck_assert(reply_contains(&r, "此项必须填写。"));
	ck_assert(reply_contains(&r, "结束日期不能早于开始日期。"));
	ck_assert(reply_contains(&r, "请填写学时数，最多一位小数"));
	ck_assert(reply_contains(&r, "value=\"乐山市教育局\""));
	ck_assert(reply_contains(&r, "value=\"abc\""));
	reply_free(&r);
	/* Hours of zero; an item that needs no project (党建工作学习研讨). */
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-18&hours=0", item_of("wutongqiao", "djxx"));
	ck_assert_int_eq(file_project(s, "school", fields, &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='hours']/@code)", "bad_hours");
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='item']/@code)", "project_item_invalid");
	reply_free(&r);
	/* Another district's item is no item of this year. */
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-18&hours=12.5", item_of("wuhua", "xjspx"));
	ck_assert_int_eq(file_project(s, "school", fields, &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='item']/@code)", "project_item_invalid");
	reply_free(&r);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM training_project"), projects);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit"), audit);

	/* A good one, 12.5 hours, then decisions without their number or reason. */
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-18&hours=12.5", item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(s, "school", fields, NULL), 303);
	p = project_named(PNAME_ZH);
	ck_assert_int_eq(num("SELECT hours_tenths FROM training_project WHERE name = '%s'", PNAME_ZH), 125);
	audit = srv_int(&srv, "SELECT count(*) FROM audit");
	snprintf(path, sizeof(path), "/district/projects/%lld/approve?format=xml", p);
	ck_assert_int_eq(post_form(d, &srv, path, "approval_no=", &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='approval_no']/@code)", "approval_no_required");
	reply_free(&r);
	/* The number of the demo's approved project is taken in the year. */
	ck_assert_int_eq(post_form(d, &srv, path, "approval_no=WJF-2021-BA-07", &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='approval_no']/@code)", "approval_no_taken");
	CHECK_REPLY_XML(&r, "string(/page/form/value[@name='approval_no'])", "WJF-2021-BA-07");
	reply_free(&r);
	snprintf(path, sizeof(path), "/district/projects/%lld/reject", p);
	ck_assert_int_eq(post_form(d, &srv, path, "reason=++", &r), 422);
	ck_assert(reply_contains(&r, "不予通过时必须写明原因。"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/district/projects/%lld/approve", p);
	ck_assert_int_eq(post_form(d, &srv, path, "", &r), 422);
	ck_assert(reply_contains(&r, "审批通过时必须填写备案编号。"));
	reply_free(&r);
	ck_assert_int_eq(num("SELECT count(*) FROM training_project WHERE name = '%s' AND state = 'filed'",
	    PNAME_ZH), 1);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit"), audit);
	/* ?state= that is no state */
	{
		long status = 0;
		xmlDocPtr x = get_xml(d, &srv, "/district/projects?state=lost", &status);
		ck_assert_int_eq(status, 404);
		xmlFreeDoc(x);
	}
	client_free(s);
	client_free(d);
}
END_TEST

START_TEST(test_other_school_and_district)
{
	struct client *s = as("wtq-zg-admin"), *o = as("wtq-nh-admin"), *w = as("wuhua-admin");
	struct client *d = as("wutongqiao-admin");
	char fields[1024], path[128], *v;
	long long p, demo;
	struct reply r;

	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-18&hours=30", item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(s, "school", fields, NULL), 303);
	p = project_named(PNAME_ZH);
	demo = srv_int(&srv, "SELECT min(p.id) FROM training_project p JOIN school_year y ON y.id = p.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND p.state = 'approved'");
	/* Another school sees the district's approved project, not this school's filing. */
	snprintf(path, sizeof(path), "count(/page/projects/project[@id=%lld])", p);
	CHECK_XML(o, "/school/projects", path, "0");
	snprintf(path, sizeof(path), "count(/page/projects/project[@id=%lld])", demo);
	CHECK_XML(o, "/school/projects", path, "1");
	CHECK_XML(o, "/school/projects", "count(/page/projects/project[@state != 'approved'])", "0");
	/* One filing: its school reads and edits it while it is filed; another school gets 404. */
	snprintf(path, sizeof(path), "/school/projects/%lld", p);
	CHECK_XML(s, path, "string(/page/form[@name='project']/value[@name='hours'])", "30");
	{
		long status = 0;
		xmlDocPtr x = get_xml(o, &srv, path, &status);
		ck_assert_int_eq(status, 404);
		xmlFreeDoc(x);
	}
	snprintf(path, sizeof(path), "/school/projects/%lld/edit", p);
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=province&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-19&hours=32", item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(post_form(o, &srv, path, fields, NULL), 404);
	ck_assert_int_eq(post_form(s, &srv, path, fields, NULL), 303);
	v = str_of("SELECT hours_tenths || ' ' || level || ' ' || ends_on || ' ' || state FROM training_project"
	    " WHERE name = '" PNAME_ZH "'");
	ck_assert_str_eq(v, "320 province 2021-09-19 filed");
	free(v);
	ck_assert_int_eq(audits("project_edit"), 1);
	/* The pages, in Chinese: the school's list, the district's with its decision forms. */
	ck_assert_int_eq(client_do(s, &srv, "GET", "/school/projects", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "培训项目审批备案"));
	ck_assert(reply_contains(&r, "待审批"));
	ck_assert(reply_contains(&r, PNAME_ZH));
	reply_free(&r);
	ck_assert_int_eq(client_do(d, &srv, "GET", "/district/projects?state=filed", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(fields, sizeof(fields), "action=\"/district/projects/%lld/approve\"", p);
	ck_assert(reply_contains(&r, fields));
	ck_assert(reply_contains(&r, "不予通过"));
	reply_free(&r);
	/* No school decides: the routes are the district's. Another district's admin: not found. */
	snprintf(path, sizeof(path), "/district/projects/%lld/approve", p);
	ck_assert_int_eq(post_form(o, &srv, path, "approval_no=X-1", NULL), 404);
	ck_assert_int_eq(post_form(s, &srv, path, "approval_no=X-1", NULL), 404);
	ck_assert_int_eq(post_form(w, &srv, path, "approval_no=X-1", NULL), 404);
	snprintf(path, sizeof(path), "/district/projects/%lld/reject", p);
	ck_assert_int_eq(post_form(w, &srv, path, "reason=x", NULL), 404);
	CHECK_XML(w, "/district/projects", "count(/page/projects/project[name='" PNAME_ZH "'])", "0");
	v = str_of("SELECT state FROM training_project WHERE name = '" PNAME_ZH "'");
	ck_assert_str_eq(v, "filed");
	free(v);
	/* Once decided, the school edits it no more. */
	snprintf(path, sizeof(path), "/district/projects/%lld/approve", p);
	ck_assert_int_eq(post_form(d, &srv, path, "approval_no=WJF-2021-BA-30", NULL), 303);
	snprintf(path, sizeof(path), "/school/projects/%lld/edit", p);
	snprintf(fields, sizeof(fields), "name=" PNAME "&organiser=" ORG "&level=city&item=%lld"
	    "&starts_on=2021-09-14&ends_on=2021-09-19&hours=40", item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(post_form(s, &srv, path, fields, NULL), 409);
	ck_assert_int_eq(num("SELECT hours_tenths FROM training_project WHERE id = %lld", p), 320);
	/* The district files its own, approved at once with a number: two audit rows. */
	snprintf(fields, sizeof(fields), "name=%%E5%%8C%%BA%%E7%%BA%%A7%%E5%%9F%%B9%%E8%%AE%%AD&organiser=" ORG
	    "&level=district&item=%lld&starts_on=2021-11-01&ends_on=2021-11-02&hours=12&approve=1"
	    "&approval_no=WJF-2021-BA-20", item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(d, "district", fields, &r), 303);
	reply_free(&r);
	v = str_of("SELECT state || ' ' || approval_no || ' ' || coalesce(school_id, 0) FROM training_project"
	    " WHERE name = '区级培训'");
	ck_assert_str_eq(v, "approved WJF-2021-BA-20 0");
	free(v);
	/* Approved at once needs its number. */
	snprintf(fields, sizeof(fields), "name=%%E5%%8C%%BA&organiser=" ORG
	    "&level=district&item=%lld&starts_on=2021-11-01&ends_on=2021-11-02&hours=12&approve=1",
	    item_of("wutongqiao", "sjzx"));
	ck_assert_int_eq(file_project(d, "district", fields, &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='approval_no']/@code)", "approval_no_required");
	reply_free(&r);
	client_free(s);
	client_free(o);
	client_free(w);
	client_free(d);
}
END_TEST

/* POST an excellent-trainee record of 新教师试用期培训班 in class p for ty by wh-tj-admin. */
static void
post_excellent(struct client *cl, long long ty, long long p, struct reply *r)
{
	struct upload up = { "evidence", "结业.png", "image/png", test_png, test_png_len };
	char item[24], proj[24], path[96], *token = csrf_token(cl, &srv);
	const char *fields[] = { "csrf", token, "item", item, "started_on", "2025-08-20",
		"ended_on", "2025-08-25", "role", "excellent", "project", proj, "action", "submit", NULL };

	snprintf(item, sizeof(item), "%lld", item_of("wuhua", "xjspx"));
	snprintf(proj, sizeof(proj), "%lld", p);
	snprintf(path, sizeof(path), "/school/records/new?teacher-year=%lld&format=xml", ty);
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, fields, &up, 1, r), 0);
	free(token);
}

static long long
wh_tj_teacher(int k)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 JOIN teacher t"
	    " ON t.id = ty.teacher_id WHERE s.code = 'wh-tj' AND t.active = 1 ORDER BY ty.id LIMIT 1 OFFSET %d", k);
	return srv_int(&srv, sql);
}

START_TEST(test_class_size_and_quota)
{
	struct client *w = as("wuhua-admin"), *s = as("wh-tj-admin");
	char fields[1024], path[128];
	long long c10, c20;
	struct reply r;

	/* A trainee class needs its size. */
	snprintf(fields, sizeof(fields), "name=A&organiser=" ORG "&level=district&item=%lld"
	    "&starts_on=2025-08-20&ends_on=2025-08-25&hours=120&approve=1&approval_no=WHJK-2026-01",
	    item_of("wuhua", "xjspx"));
	ck_assert_int_eq(file_project(w, "district", fields, &r), 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='class_size']/@code)", "class_size_required");
	reply_free(&r);
	/* A class of 10 with the item's quota, 10%: 10 x 10% = 1 excellent trainee. */
	snprintf(fields, sizeof(fields), "name=C10&organiser=" ORG "&level=district&item=%lld"
	    "&starts_on=2025-08-20&ends_on=2025-08-25&hours=120&class_size=10&approve=1"
	    "&approval_no=WHJK-2026-01", item_of("wuhua", "xjspx"));
	ck_assert_int_eq(file_project(w, "district", fields, NULL), 303);
	c10 = project_named("C10");
	snprintf(path, sizeof(path), "string(/page/projects/project[@id=%lld]/@quota-percent)", c10);
	CHECK_XML(w, "/district/projects", path, "10");
	post_excellent(s, wh_tj_teacher(0), c10, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	post_excellent(s, wh_tj_teacher(1), c10, &r);
	ck_assert_int_eq(r.status, 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='role']/@code)", "excellent_quota");
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='role']/@detail)", "1 / 10");
	reply_free(&r);
	/* The same class size with its own quota of 20%: 2 excellent trainees, the third refused. */
	snprintf(fields, sizeof(fields), "name=C20&organiser=" ORG "&level=district&item=%lld"
	    "&starts_on=2025-08-20&ends_on=2025-08-25&hours=120&class_size=10&quota=20&approve=1"
	    "&approval_no=WHJK-2026-02", item_of("wuhua", "xjspx"));
	ck_assert_int_eq(file_project(w, "district", fields, NULL), 303);
	c20 = project_named("C20");
	post_excellent(s, wh_tj_teacher(2), c20, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	post_excellent(s, wh_tj_teacher(3), c20, &r);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	post_excellent(s, wh_tj_teacher(4), c20, &r);
	ck_assert_int_eq(r.status, 422);
	CHECK_REPLY_XML(&r, "string(/page/form/form-error[@field='role']/@detail)", "2 / 10");
	reply_free(&r);
	/* Both of C20's excellent trainees count 125%: 120 h x 1.25 = 150 h each, pending. */
	snprintf(fields, sizeof(fields), "SELECT count(*) FROM record WHERE project_id = %lld"
	    " AND role = 'excellent' AND claimed_tenths = 1500", c20);
	ck_assert_int_eq(srv_int(&srv, fields), 2);
	/*
	 * The assessment counts them by the class's own quota too: the second
	 * place of C20 keeps its 150 h (the item's 10% would cut it to 120 h).
	 */
	{
		char q[256];
		long long rec;
		snprintf(q, sizeof(q), "SELECT id FROM record WHERE project_id = %lld AND teacher_year_id = %lld",
		    c20, wh_tj_teacher(3));
		rec = srv_int(&srv, q);
		snprintf(path, sizeof(path), "/school/teachers/%lld", wh_tj_teacher(3));
		snprintf(q, sizeof(q), "string(/page/assessment/count[@record=%lld]/@counted-tenths)", rec);
		CHECK_XML(s, path, q, "1500");
		snprintf(q, sizeof(q), "string(/page/assessment/count[@record=%lld]/@cut)", rec);
		CHECK_XML(s, path, q, "none");
	}
	client_free(w);
	client_free(s);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("projects");
	TCase *tc = tcase_create("training projects through nginx");
	SRunner *sr;
	int failed;

	/* A server (a fresh demo database) per test: each files its own projects. */
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_filed_approved_used_approved);
	tcase_add_test(tc, test_filed_rejected_refused);
	tcase_add_test(tc, test_bad_input_refused_with_echo);
	tcase_add_test(tc, test_other_school_and_district);
	tcase_add_test(tc, test_class_size_and_quota);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
